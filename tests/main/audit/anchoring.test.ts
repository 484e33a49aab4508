/**
 * The anchor's life: the key made on first use, registers written before anchoring, a key that has
 * gone missing, a JSON import (a forged chain must never read as anchored here), and a restore.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditVerificationMessages } from '../../../src/shared/domain/audit';
import { messageText, translatorFor } from '../../../src/shared/i18n';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fixedClock } from '../../../src/main/core/clock';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { auditHash, restartAnchorAfterRestore } from '../../../src/main/core/audit/audit.service';
import { auditChainHead, verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { jsonExportBytes } from '../../../src/main/core/transfer/json-export';
import { restoreClosedDatabase } from '../../../src/main/core/backup/restore';
import { backupOpenDatabase } from '../../../src/main/core/backup/copy';
import { makeWorkbench } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';

const open: Workbench[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A register in a file, with its key in a folder of its own (another "machine" is another folder). */
async function fileRegister(dir: string, now = '2026-11-17T06:30:00.000Z') {
  const keyDir = dir;
  const wb = await openWorkbench({
    dbPath: join(dir, 'register.sqlite'),
    host: 'cli',
    systemLanguage: 'en',
    clock: fixedClock(now),
    actor: 'tester',
    auditKey: fileKeyProvider(join(keyDir, 'audit-key')),
    log: () => {},
  });
  open.push(wb);
  const call = async (channel: string, input: unknown) => {
    const result = await wb.router.invoke(channel, input);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as never;
  };
  return { wb, call };
}
const closeLast = async () => open.pop()!.close();

describe('anchoring the audit log', () => {
  it('makes the key on first use, readable by its owner alone, and keeps it across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-anchor-'));
    const { call } = await fileRegister(dir);
    await call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const keyFile = join(dir, 'audit-key');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    await closeLast();

    const again = await fileRegister(dir);
    await again.call('categories:create', categoryFixture());
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(await verifyAuditChain(again.wb.ctx)).toMatchObject({ ok: true, checked: 2, anchor: { count: 2 }, problems: [] });
  });

  it('checks entries written before anchoring by hash only, and everything after by HMAC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-anchor-'));
    const first = await fileRegister(dir);
    await first.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await first.call('categories:create', categoryFixture({ code: 'OLD' }));
    // As an earlier version left it: no HMACs, no anchor, no key.
    first.wb.database.sqlite!.prepare('update audit_log set hmac = null').run();
    await closeLast();
    rmSync(join(dir, 'register-files', 'audit-anchor.json'));
    rmSync(join(dir, 'audit-key'));

    const upgraded = await fileRegister(dir);
    await upgraded.call('categories:create', categoryFixture({ code: 'NEW' }));
    const v = await verifyAuditChain(upgraded.wb.ctx);
    expect(v).toMatchObject({ ok: true, checked: 3, beforeAnchoring: 2, anchor: { count: 3 }, problems: [] });
    expect(messageText(translatorFor('zh-CN'), auditVerificationMessages(v, 'Asia/Shanghai')[1]!)).toBe(
      '2 条记录没有 HMAC，视为在2026年11月17日 14:30（UTC+8）启用锚定之前写入：仅按哈希校验。从一开始就用本版本维护的登记册不应有此类记录。',
    );

    // Rewriting an old entry and every hash after it: the entries after anchoring began give it away.
    const db = upgraded.wb.database.sqlite!;
    db.prepare(`update audit_log set actor = 'forger' where id = 2`).run();
    let prev = (db.prepare('select hash from audit_log where id = 1').get() as { hash: string }).hash;
    for (const row of db.prepare('select * from audit_log where id >= 2 order by id').all() as (Parameters<typeof auditHash>[0] & { id: number })[]) {
      const hash = auditHash({ ...row, prev_hash: prev });
      db.prepare('update audit_log set prev_hash = ?, hash = ? where id = ?').run(prev, hash, row.id);
      prev = hash;
    }
    const forged = await verifyAuditChain(upgraded.wb.ctx);
    expect(forged.problems.map((p) => p.kind)).toEqual(['hmacWrong', 'headReplaced']);
    expect(forged.problems[0]).toMatchObject({ entry: 3 });
  });

  it('the limit: every HMAC stripped and the anchor deleted reads as a log from before anchoring, and says when anchoring began', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-anchor-'));
    const first = await fileRegister(dir);
    await first.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await first.call('categories:create', categoryFixture());
    first.wb.database.sqlite!.prepare('update audit_log set hmac = null').run();
    await closeLast();
    rmSync(join(dir, 'register-files', 'audit-anchor.json'));

    // Nothing in the register file can tell this from a register an earlier version wrote.
    const later = await fileRegister(dir, '2027-03-01T02:00:00.000Z');
    const v = await verifyAuditChain(later.wb.ctx);
    expect(v).toMatchObject({ ok: true, beforeAnchoring: 2, anchor: { count: 2, anchoredAt: '2027-03-01T02:00:00.000Z' } });
    expect(messageText(translatorFor('en'), auditVerificationMessages(v, 'Asia/Shanghai')[1]!)).toBe(
      '2 entries carry no HMAC and were accepted as written before anchoring began, at 1 Mar 2027, 10:00 (UTC+8): verified by hash only. A register kept with this version from its start has none.',
    );
  });

  it('does not make a new key for an anchored register whose key has gone: it says the key is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-anchor-'));
    const first = await fileRegister(dir);
    await first.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await closeLast();
    const keyFile = join(dir, 'audit-key');
    const key = readFileSync(keyFile);
    rmSync(keyFile);

    const keyless = await fileRegister(dir);
    await keyless.call('categories:create', categoryFixture());
    expect(existsSync(keyFile)).toBe(false);
    // What was written without the key cannot be told from an entry a forger added: it is named.
    const v = await verifyAuditChain(keyless.wb.ctx);
    expect(v).toMatchObject({ ok: false, keyMissing: true, keyLocation: keyFile, problems: [{ kind: 'hmacMissing', entry: 2, id: 2, count: 1 }] });
    await closeLast();

    // With the key back, the first entry still verifies by its HMAC, and the one written without it is named.
    writeFileSync(keyFile, key, { mode: 0o600 });
    const back = await fileRegister(dir);
    const after = await verifyAuditChain(back.wb.ctx);
    expect(after).toMatchObject({ keyMissing: false, problems: [{ kind: 'hmacMissing', entry: 2, id: 2, count: 1 }] });
  });

  it('a JSON import names the file and the imported head; a forged chain imports as "verified by hash only", never as anchored', async () => {
    const source = await makeWorkbench();
    await source.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    for (const code of ['A', 'B', 'C']) await source.call('categories:create', categoryFixture({ code }));
    const file = JSON.parse((await jsonExportBytes(source.ctx)).toString('utf8'));
    await source.close();

    // The forger rewrites an entry in the file and recomputes every hash: the chain is consistent.
    const audit = file.tables.find((t: { name: string }) => t.name === 'audit_log');
    const col = (name: string) => audit.columns.indexOf(name);
    audit.rows[1][col('actor')] = 'forger';
    let prev = '0'.repeat(64);
    for (const row of audit.rows) {
      const fields = Object.fromEntries(audit.columns.map((c: string, i: number) => [c, row[i]]));
      row[col('prev_hash')] = prev;
      row[col('hash')] = prev = auditHash({ ...fields, prev_hash: prev } as Parameters<typeof auditHash>[0]);
    }
    const bytes = Buffer.from(JSON.stringify(file));

    const target = await makeWorkbench();
    await target.call('transfer:import', { fileName: 'forged.json', base64: bytes.toString('base64') });
    const v = await target.call('audit:verify', {});
    expect(v).toMatchObject({ ok: true, checked: 5, imported: { fileName: 'forged.json', count: 4, headHash: prev }, problems: [] });
    const head = await auditChainHead(target.ctx.db);
    expect(head.count).toBe(5);
    const en = auditVerificationMessages(v).map((ref) => messageText(translatorFor('en'), ref));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(en).toContain(`4 entries were imported from forged.json (SHA-256 ${sha.slice(0, 16)}…) with head ${prev.slice(0, 16)}…: verified by hash only.`);

    // An imported entry changed afterwards, hashes and all, no longer meets the import entry.
    const db = target.database.sqlite!;
    db.prepare(`update audit_log set actor = 'again' where id = 3`).run();
    let p = (db.prepare('select hash from audit_log where id = 2').get() as { hash: string }).hash;
    for (const row of db.prepare('select * from audit_log where id between 3 and 4 order by id').all() as (Parameters<typeof auditHash>[0] & { id: number })[]) {
      const hash = auditHash({ ...row, prev_hash: p });
      db.prepare('update audit_log set prev_hash = ?, hash = ? where id = ?').run(p, hash, row.id);
      p = hash;
    }
    const after = await verifyAuditChain(target.ctx);
    expect(after.ok).toBe(false);
    expect(after.problems[0]).toMatchObject({ kind: 'linkBroken', entry: 5 });
    await target.close();
  });

  it('a restore starts the anchor afresh, on the record, instead of reading as truncation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-anchor-'));
    const { wb, call } = await fileRegister(dir);
    await call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const backup = join(dir, 'backup.sqlite');
    await backupOpenDatabase(wb.database.sqlite!, backup);
    for (const code of ['A', 'B', 'C']) await call('categories:create', categoryFixture({ code }));
    await closeLast();
    const auditKey = fileKeyProvider(join(dir, 'audit-key')).read();
    await restoreClosedDatabase(join(dir, 'register.sqlite'), backup, { at: '2026-11-17T07:00:00.000Z', auditKey });

    // The restored chain (its own entry, then the restore's, signed with this machine's key) is shorter than the anchor.
    const before = await fileRegister(dir);
    expect((await verifyAuditChain(before.wb.ctx)).problems).toEqual([{ kind: 'truncated', anchored: 4, found: 2, missing: 2 }]);
    await closeLast();

    await restoreClosedDatabase(join(dir, 'register.sqlite'), backup, { at: '2026-11-17T07:05:00.000Z', auditKey });
    const restored = await fileRegister(dir);
    await restartAnchorAfterRestore(restored.wb.ctx, backup);
    const v = await verifyAuditChain(restored.wb.ctx);
    expect(v).toMatchObject({ ok: true, checked: 3, anchor: { count: 3 }, problems: [] });
    const restore = restored.wb.database.sqlite!.prepare('select entity, action, after from audit_log where id = 2').get() as { entity: string; action: string; after: string };
    expect(restore).toMatchObject({ entity: 'workbench', action: 'restore' });
    expect(JSON.parse(restore.after)).toMatchObject({ file: 'backup.sqlite' });
    const entry = restored.wb.database.sqlite!.prepare('select before, after from audit_log where id = 3').get() as { before: string; after: string };
    expect(JSON.parse(entry.before)).toMatchObject({ anchoredEntries: 4 });
    expect(JSON.parse(entry.after)).toEqual({ anchorRestartedAfterRestore: 'backup.sqlite' });
  });
});
