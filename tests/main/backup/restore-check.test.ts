import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageText, translatorFor } from '../../../src/shared/i18n';
import { fixedClock } from '../../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { backupOpenDatabase } from '../../../src/main/core/backup/copy';
import { refusalMessage, restoreClosedDatabase, RestoreError } from '../../../src/main/core/backup/restore';
import { partnerFixture, requestFixture } from '../../helpers/fixtures';
import { defaultAuditKeyPath, fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { restartAnchorAfterRestore } from '../../../src/main/core/audit/audit.service';

const open: Workbench[] = [];
async function fileWorkbench(dbPath: string, language: 'en' | 'zh-CN' = 'en', now = '2026-11-17T06:30:00.000Z') {
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: language, clock: fixedClock(now), actor: 'tester', log: () => {} });
  open.push(wb);
  return wb;
}
async function closeAll() {
  while (open.length) await open.pop()!.close();
}
afterEach(closeAll);

async function call(wb: Workbench, channel: string, input: unknown) {
  const result = await wb.router.invoke(channel as never, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as never;
}

/** A register with a requester in it, and a clean backup of it taken by the app. */
let cleanBackup: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-hostile-src-'));
  const wb = await fileWorkbench(join(dir, 'source.sqlite'));
  await call(wb, 'app:setup', { template: 'sample', organisationName: '码尚云', language: 'en' });
  await call(wb, 'requests:create', requestFixture());
  cleanBackup = join(dir, 'clean.sqlite');
  await backupOpenDatabase(wb.database.sqlite!, cleanBackup);
  await closeAll();
});

/** A copy of the clean backup, changed by `sql` the way a hostile file would be. */
function hostile(dir: string, name: string, change: (db: BetterSqlite3.Database) => void): string {
  const path = join(dir, name);
  copyFileSync(cleanBackup, path);
  const db = new BetterSqlite3(path);
  change(db);
  db.close();
  return path;
}

const HOSTILE: { name: string; change: (db: BetterSqlite3.Database) => void; en: string; zh: string }[] = [
  {
    name: 'an extra trigger',
    change: (db) =>
      db.exec(`
        create table requester_copies (name text, contact text);
        create trigger leak_requester after insert on requests begin
          insert into requester_copies values (new.requester_name, new.requester_contact);
        end;`),
    en: 'trigger leak_requester on requests is not part of a Privacy Workbench register',
    zh: '表 requests 上的触发器 leak_requester 不属于隐私合规工作台的登记册',
  },
  {
    name: 'an extra view',
    change: (db) => db.exec('create view requester_list as select requester_name, requester_contact from requests'),
    en: 'view requester_list is not part of a Privacy Workbench register',
    zh: '视图 requester_list 不属于隐私合规工作台的登记册',
  },
  {
    name: 'an extra table',
    change: (db) => db.exec('create table shadow_contacts (contact text)'),
    en: 'table shadow_contacts is not part of a Privacy Workbench register',
    zh: '表 shadow_contacts 不属于隐私合规工作台的登记册',
  },
  {
    name: 'an extra column',
    change: (db) => db.exec('alter table partners add column leak text'),
    en: 'column partners.leak is not part of a Privacy Workbench register',
    zh: '列 partners.leak 不属于隐私合规工作台的登记册',
  },
  {
    name: 'an extra index',
    change: (db) => db.exec('create index requests_contact_idx on requests (requester_contact)'),
    en: 'index requests_contact_idx on requests is not part of a Privacy Workbench register',
    zh: '表 requests 上的索引 requests_contact_idx 不属于隐私合规工作台的登记册',
  },
  {
    name: 'a changed column type',
    change: (db) => {
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      const changed = db.prepare(`update sqlite_master set sql = replace(sql, '"requester_name" text', '"requester_name" blob') where name = 'requests'`).run();
      expect(changed.changes).toBe(1);
      db.pragma('writable_schema = OFF');
    },
    en: 'column requests.requester_name differs from a Privacy Workbench register: its type is BLOB where the register has TEXT',
    zh: '列 requests.requester_name 与隐私合规工作台的登记册不一致：其类型为 BLOB，登记册中应为 TEXT',
  },
  {
    name: 'a foreign application_id',
    change: (db) => db.pragma('application_id = 1234'),
    en: 'its application_id is 1234, which Privacy Workbench never sets (a register has 0)',
    zh: '该文件的 application_id 为 1234，而隐私合规工作台从不设置此项（登记册中为 0）',
  },
  {
    name: 'an index dropped',
    change: (db) => db.exec('drop index audit_log_entity_idx'),
    en: 'it lacks the index audit_log_entity_idx on audit_log of a Privacy Workbench register',
    zh: '缺少隐私合规工作台登记册在表 audit_log 上应有的索引 audit_log_entity_idx',
  },
];

describe('restore accepts only what the app made', () => {
  it('accepts the clean backup the app took (the check is not simply refusing everything)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-clean-'));
    const target = join(dir, 'register.sqlite');
    const { keptAside } = await restoreClosedDatabase(target, cleanBackup, { at: '2026-11-17T07:00:00.000Z' });
    expect(keptAside).toBeNull();
    const wb = await fileWorkbench(target);
    expect((await call(wb, 'requests:list', {}) as { total: number }).total).toBe(1);
  });

  for (const variant of HOSTILE) {
    it(`refuses a backup with ${variant.name}, names it in both languages, and leaves the register untouched`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pw-hostile-'));
      const dbPath = join(dir, 'register.sqlite');
      const wb = await fileWorkbench(dbPath);
      await call(wb, 'app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
      await wb.close();
      open.pop();
      const before = readFileSync(dbPath);
      const file = hostile(dir, 'backup.sqlite', variant.change);

      const error = await restoreClosedDatabase(dbPath, file, { at: '2026-11-17T07:00:00.000Z' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      const refused = error as RestoreError;
      expect(refused.problem).toBe('foreign_schema');
      expect(refused.message).toContain(variant.en);
      expect(messageText(translatorFor('en'), refused.reason)).toBe(variant.en);
      expect(messageText(translatorFor('zh-CN'), refused.reason)).toBe(variant.zh);
      expect(messageText(translatorFor('en'), refusalMessage('backup.sqlite', refused.reason))).toBe(
        `The backup backup.sqlite cannot be restored: ${variant.en}. The register has not been changed.`,
      );

      expect(readFileSync(dbPath).equals(before)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['backup.sqlite', 'register-files', 'register.sqlite']);
    });
  }

  it('refuses to schedule a hostile backup from the Backups page, with the message in the register’s language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-hostile-ui-'));
    const wb = await fileWorkbench(join(dir, 'register.sqlite'), 'zh-CN');
    await call(wb, 'app:setup', { template: 'empty', organisationName: '码尚云', language: 'zh-CN' });
    const backups = join(dir, 'register-files', 'backups');
    mkdirSync(backups, { recursive: true });
    const file = hostile(dir, 'x.sqlite', HOSTILE[0]!.change);
    copyFileSync(file, join(backups, 'manual-2026-11-16T06-30-00Z.sqlite'));

    const result = await wb.router.invoke('backup:scheduleRestore', { name: 'manual-2026-11-16T06-30-00Z.sqlite' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: `无法从备份 manual-2026-11-16T06-30-00Z.sqlite 恢复：${HOSTILE[0]!.zh}。登记册未被改动。` },
    });
    expect(existsSync(join(dir, 'register-files', 'restore-pending.json'))).toBe(false);
  });
});

describe('the restored register is the whole backup, and says where it came from', () => {
  it('keeps a partner committed only in the WAL beside the backup file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-wal-'));
    const source = join(dir, 'live.sqlite');
    const wb = await fileWorkbench(source);
    await call(wb, 'app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    wb.database.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    wb.database.sqlite!.pragma('wal_autocheckpoint = 0');
    await call(wb, 'partners:create', partnerFixture({ name: '只在日志中的合作方' }));
    // The register as a crash leaves it: the partner is in live.sqlite-wal, not yet in live.sqlite.
    const crashed = join(dir, 'crashed');
    mkdirSync(crashed);
    copyFileSync(source, join(crashed, 'backup.sqlite'));
    copyFileSync(`${source}-wal`, join(crashed, 'backup.sqlite-wal'));
    await closeAll();
    const mainOnly = join(dir, 'main-only.sqlite');
    copyFileSync(join(crashed, 'backup.sqlite'), mainOnly);
    const bare = new BetterSqlite3(mainOnly, { readonly: true });
    expect((bare.prepare('select count(*) as n from partners').get() as { n: number }).n).toBe(0);
    bare.close();

    const target = join(dir, 'register.sqlite');
    await restoreClosedDatabase(target, join(crashed, 'backup.sqlite'), { at: '2026-11-17T07:00:00.000Z' });
    const restored = await fileWorkbench(target);
    const partners = (await call(restored, 'partners:list', {})) as { items: { name: string }[] };
    expect(partners.items.map((p) => p.name)).toEqual(['只在日志中的合作方']);
  });

  it('writes an audit entry naming the backup, its SHA-256 and the head of its audit chain, and the chain still verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-restore-audit-'));
    const source = await fileWorkbench(join(dir, 'source.sqlite'));
    await call(source, 'app:setup', { template: 'sample', organisationName: '码尚云', language: 'en' });
    const backup = join(dir, 'monday.sqlite');
    await backupOpenDatabase(source.database.sqlite!, backup);
    const head = source.database.sqlite!.prepare('select hash, (select count(*) from audit_log) as n from audit_log order by id desc limit 1').get() as { hash: string; n: number };
    expect(head.n).toBeGreaterThan(1);
    await closeAll();

    const target = join(dir, 'register.sqlite');
    const old = await fileWorkbench(target);
    await call(old, 'app:setup', { template: 'empty', organisationName: 'Old', language: 'en' });
    await closeAll();
    const auditKey = fileKeyProvider(defaultAuditKeyPath()).read();
    const { keptAside } = await restoreClosedDatabase(target, backup, { at: '2026-11-18T02:00:00.000Z', actor: 'officer', auditKey });

    // As the command line and a scheduled restore do: open the restored register and restart its anchor.
    const restored = await fileWorkbench(target);
    await restartAnchorAfterRestore(restored.ctx, backup);
    const last = restored.database.sqlite!.prepare('select * from audit_log where id = ?').get(head.n + 1) as Record<string, string>;
    expect(last).toMatchObject({ at: '2026-11-18T02:00:00.000Z', actor: 'officer', entity: 'workbench', action: 'restore', prev_hash: head.hash });
    expect(JSON.parse(last.after!)).toEqual({
      file: 'monday.sqlite',
      sha256: createHash('sha256').update(readFileSync(backup)).digest('hex'),
      auditChainHead: { hash: head.hash, entries: head.n },
      replaced: keptAside!.split(/[\\/]/).pop(),
    });
    expect(await call(restored, 'audit:verify', {})).toMatchObject({ ok: true, checked: head.n + 2 });
    expect(existsSync(keptAside!)).toBe(true);
  });
});
