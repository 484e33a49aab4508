/**
 * The anchor's life: the key made on first use, registers written before anchoring, a key that has
 * gone missing, a JSON import (a forged chain must never read as anchored here), and a restore. On
 * a server (a team register): the anchor kept in the register, whichever workbench writes, and each
 * machine's journal as the witness of what it saw.
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
import { auditHash, recordAudit, restartAnchorAfterRestore } from '../../../src/main/core/audit/audit.service';
import { auditChainHead, verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { jsonExportBytes } from '../../../src/main/core/transfer/json-export';
import { restoreClosedDatabase } from '../../../src/main/core/backup/restore';
import { backupOpenDatabase } from '../../../src/main/core/backup/copy';
import { makeWorkbench, SETUP_AUDIT_ENTRIES, signInAsTestOfficer } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';
import { onPostgres, rowOf, rowsOf, run, SQLITE_ONLY } from '../../helpers/engine';
import { importJsonExport } from '../../../src/main/core/transfer/json-export';

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
  it.skipIf(onPostgres)(`makes the key on first use, readable by its owner alone, and keeps it across restarts ${SQLITE_ONLY}`, async () => {
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

  it.skipIf(onPostgres)(`checks entries written before anchoring by hash only, and everything after by HMAC ${SQLITE_ONLY}`, async () => {
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

  it.skipIf(onPostgres)(`the limit: every HMAC stripped and the anchor deleted reads as a log from before anchoring, and says when anchoring began ${SQLITE_ONLY}`, async () => {
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

  it.skipIf(onPostgres)(`does not make a new key for an anchored register whose key has gone: it says the key is missing ${SQLITE_ONLY}`, async () => {
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

    // On a server nobody can sign in to a register nothing was written to: the import goes through the core there.
    const target = await makeWorkbench({ bare: onPostgres });
    if (onPostgres) {
      await importJsonExport(target.ctx, bytes, 'forged.json');
      await signInAsTestOfficer(target);
    } else await target.call('transfer:import', { fileName: 'forged.json', base64: bytes.toString('base64') });
    const imported = 4 + SETUP_AUDIT_ENTRIES;
    const v = await target.call('audit:verify', {});
    expect(v).toMatchObject({ ok: true, checked: imported + 1, imported: { fileName: 'forged.json', count: imported, headHash: prev }, problems: [] });
    const head = await auditChainHead(target.ctx.db);
    expect(head.count).toBe(imported + 1);
    const en = auditVerificationMessages(v).map((ref) => messageText(translatorFor('en'), ref));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(en).toContain(`${imported} entries were imported from forged.json (SHA-256 ${sha.slice(0, 16)}…) with head ${prev.slice(0, 16)}…: verified by hash only.`);

    // An imported entry changed afterwards, hashes and all, no longer meets the import entry.
    const db = target.ctx.db;
    await run(db, `update audit_log set actor = 'again' where id = 3`);
    let p = (await rowOf<{ hash: string }>(db, 'select hash from audit_log where id = 2'))!.hash;
    for (const row of await rowsOf<Parameters<typeof auditHash>[0] & { id: number }>(db, 'select * from audit_log where id between 3 and ? order by id', imported)) {
      const hash = auditHash({ ...row, prev_hash: p });
      await run(db, 'update audit_log set prev_hash = ?, hash = ? where id = ?', p, hash, row.id);
      p = hash;
    }
    const after = await verifyAuditChain(target.ctx);
    expect(after.ok).toBe(false);
    expect(after.problems[0]).toMatchObject({ kind: 'linkBroken', entry: imported + 1 });
    await target.close();
  });

  it.skipIf(onPostgres)(`a restore starts the anchor afresh, on the record, instead of reading as truncation ${SQLITE_ONLY}`, async () => {
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

/**
 * A team register on a server: two (or three) workbenches on one database, each its own machine (its
 * own folder, so its own witness journal), sharing the team's audit key as docs/team-mode.md says.
 */
describe.runIf(onPostgres)('a team register keeps its anchor in the register', () => {
  type Team = Awaited<ReturnType<typeof makeWorkbench>>;
  let a: Team;
  const others: Workbench[] = [];
  afterEach(async () => {
    while (others.length) await others.pop()!.close();
    await a?.close();
  });

  /** Another machine on the same register, signed in as the test officer. */
  async function machine() {
    const dataDir = mkdtempSync(join(tmpdir(), 'pw-machine-'));
    const wb = await openWorkbench({
      dbPath: a.ctx.dbPath,
      host: 'cli',
      systemLanguage: 'en',
      clock: fixedClock('2026-11-17T06:30:00.000Z'),
      actor: 'tester',
      dataDir,
      auditKey: fileKeyProvider(join(a.ctx.dataDir, 'audit-key')),
      log: () => {},
    });
    others.push(wb);
    await signInAsTestOfficer(wb);
    const call = async (channel: string, input: unknown) => {
      const result = await wb.router.invoke(channel, input);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as never;
    };
    return { wb, call };
  }

  const entries = async () => Number((await rowOf<{ n: number }>(a.ctx.db, 'select count(*) as n from audit_log'))!.n);
  const anchorRow = () => rowOf<Record<string, unknown>>(a.ctx.db, 'select * from audit_anchor where id = 1');
  const problemsOf = async (wb: Workbench) => (await verifyAuditChain(wb.ctx)).problems;
  const sentences = async (wb: Workbench, lang: 'en' | 'zh-CN') =>
    auditVerificationMessages(await verifyAuditChain(wb.ctx), 'Asia/Shanghai').map((ref) => messageText(translatorFor(lang), ref));

  async function putBack(row: Record<string, unknown>) {
    await run(
      a.ctx.db,
      'update audit_anchor set entries = ?, head_id = ?, head_hash = ?, head_at = ?, anchored_from = ?, anchored_at = ?, hmac = ? where id = 1',
      row.entries, row.head_id, row.head_hash, row.head_at, row.anchored_from, row.anchored_at, row.hmac,
    );
  }

  it('two workbenches writing alternately: the one anchor follows every write, and each verifies green', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const b = await machine();
    for (let i = 0; i < 3; i++) {
      await a.call('categories:create', categoryFixture({ code: `A-${i}` }));
      await b.call('categories:create', categoryFixture({ code: `B-${i}` }));
      const count = await entries();
      expect(await anchorRow()).toMatchObject({ entries: count, head_id: count });
      for (const wb of [a, b.wb]) expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, checked: count, lagging: 0, anchor: { count }, problems: [] });
    }
    // The anchor is never behind, even inside the transaction that appends: it moves with the rows.
    await a.ctx.db.transaction().execute(async (trx) => {
      await recordAudit(trx, a.ctx, { entity: 'settings', entityId: null, action: 'update', before: null, after: { inside: true } });
      const inside = await rowOf<{ entries: number; n: number }>(trx, 'select entries, (select count(*) from audit_log) as n from audit_anchor');
      expect(Number(inside!.entries)).toBe(Number(inside!.n));
    });
  });

  it('entries removed at the end are caught by a machine that never saw them', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const b = await machine();
    await b.call('categories:create', categoryFixture({ code: 'SEEN' }));
    const seenByB = await entries();
    for (const code of ['X', 'Y', 'Z']) await a.call('categories:create', categoryFixture({ code }));
    const all = await entries();
    await run(a.ctx.db, 'delete from audit_log where id > ?', seenByB);
    // B wrote nothing since, and its journal saw 3 entries fewer: the register's anchor tells it.
    expect(await problemsOf(b.wb)).toEqual(expect.arrayContaining([{ kind: 'truncated', anchored: all, found: seenByB, missing: 3 }]));
    expect(await sentences(b.wb, 'zh-CN')).toContain(`日志条数少于锚点记录：缺少 3 条（锚点记录 ${all} 条，日志现有 ${seenByB} 条）。`);
  });

  it('every entry deleted reads as emptied, with the count the register anchored', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await a.call('categories:create', categoryFixture());
    const all = await entries();
    await run(a.ctx.db, 'delete from audit_log');
    const b = await machine();
    expect((await problemsOf(b.wb)).map((p) => p.kind)).toContain('emptied');
    expect(await problemsOf(b.wb)).toContainEqual({ kind: 'emptied', anchored: all });
  });

  it('the anchor row deleted is named, in both languages, and is not made again by the next write or start', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await run(a.ctx.db, 'delete from audit_anchor');
    await a.call('categories:create', categoryFixture());
    const b = await machine();
    for (const wb of [a, b.wb]) expect(await problemsOf(wb)).toEqual([{ kind: 'anchorMissing', inRegister: true }]);
    expect((await sentences(b.wb, 'en'))[1]).toBe("The register's own audit anchor is missing, although entries were anchored: the length of the log cannot be confirmed.");
    expect((await sentences(b.wb, 'zh-CN'))[1]).toBe('登记册自身保存的审计锚点缺失，而日志已启用锚定：无法确认日志的长度。');
    expect(await anchorRow()).toBeUndefined();
  });

  it('the anchor row replaced by an older signed one: behind the log, and set back for a machine that saw the later one; later writes do not mend it', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const old = (await anchorRow())!;
    for (const code of ['P', 'Q']) await a.call('categories:create', categoryFixture({ code }));
    const all = await entries();
    await putBack(old);
    const fresh = await machine(); // a machine that never saw the register before
    expect(await problemsOf(fresh.wb)).toEqual([{ kind: 'anchorBehind', anchored: Number(old.entries), found: all }]);
    expect(await problemsOf(a)).toEqual([
      { kind: 'anchorBehind', anchored: Number(old.entries), found: all },
      { kind: 'setBack', seen: all, seenAt: expect.any(String), found: all, anchored: Number(old.entries) },
    ]);
    const en = await sentences(a, 'en');
    expect(en[1]).toBe(
      `The register's anchor records ${old.entries} entries, but the log holds ${all}: a team register's anchor is written with every entry, so 2 entries were added behind the app or an older anchor was put back.`,
    );
    expect(en[2]).toBe(
      `This machine saw the log at ${all} entries (the last written at 17 Nov 2026, 14:30 (UTC+8)); the register's anchor now records ${old.entries} and the log holds ${all}: the register was set back to an earlier state, or its anchor replaced by an older one.`,
    );
    expect((await sentences(a, 'zh-CN'))[2]).toBe(
      `本机曾见到日志共 ${all} 条（末条写于2026年11月17日 14:30（UTC+8））；现在登记册的锚点只记录 ${old.entries} 条，日志现有 ${all} 条：登记册被回退到了较早的状态，或其锚点被换回较早的版本。`,
    );
    await fresh.call('categories:create', categoryFixture({ code: 'LATER' }));
    expect((await problemsOf(fresh.wb)).map((p) => p.kind)).toEqual(['anchorBehind']);
  });

  it('rows and anchor both set back to an earlier state: reported by every machine that saw the later one, and still once the register is written again', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const b = await machine();
    await b.call('categories:create', categoryFixture({ code: 'KEPT' }));
    const earlier = await entries();
    const old = (await anchorRow())!;
    for (const code of ['GONE-1', 'GONE-2']) await a.call('categories:create', categoryFixture({ code }));
    await b.call('audit:verify', {}); // B sees the later state too, without writing
    const later = await entries();
    // As a restore of an older dump would leave it: the rows, their records and the anchor as they were.
    await run(a.ctx.db, 'delete from audit_log where id > ?', earlier);
    await run(a.ctx.db, `delete from category_data_items where category_id in (select id from collection_categories where code like 'GONE-%')`);
    await run(a.ctx.db, `delete from collection_categories where code like 'GONE-%'`);
    await putBack(old);
    const fresh = await machine();
    expect(await verifyAuditChain(fresh.wb.ctx)).toMatchObject({ ok: true, problems: [] }); // the limit: nothing to compare with
    for (const wb of [a, b.wb]) expect(await problemsOf(wb)).toEqual([{ kind: 'setBack', seen: later, seenAt: expect.any(String), found: earlier, anchored: earlier }]);

    // Work goes on after the rollback: the register's own anchor is consistent again, the witnesses are not.
    for (const code of ['NEW-1', 'NEW-2', 'NEW-3']) await fresh.call('categories:create', categoryFixture({ code }));
    expect(await problemsOf(fresh.wb)).toEqual([]);
    expect(await problemsOf(b.wb)).toEqual([{ kind: 'witnessReplaced', entry: later, id: later, seenAt: expect.any(String) }]);
    expect((await sentences(b.wb, 'en'))[1]).toBe(
      `Entry ${later} (id ${later}) is not the entry this machine saw there (written at 17 Nov 2026, 14:30 (UTC+8)): the log was rewritten from that point on.`,
    );
    // A's own write after the rollback does not wipe its witness either.
    await a.call('categories:create', categoryFixture({ code: 'NEW-4' }));
    expect((await problemsOf(a)).map((p) => p.kind)).toEqual(['witnessReplaced']);
  });

  it('a register anchored before this version (its row empty) is anchored in the register by the first start with the key, unless its witness shows more', async () => {
    a = await makeWorkbench();
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    await a.call('categories:create', categoryFixture());
    const all = await entries();
    const empty = 'update audit_anchor set entries = null, head_id = null, head_hash = null, head_at = null, anchored_from = null, anchored_at = null, hmac = null';
    await run(a.ctx.db, empty);
    const b = await machine();
    expect(await anchorRow()).toMatchObject({ entries: all, head_id: all });
    expect(await verifyAuditChain(b.wb.ctx)).toMatchObject({ ok: true, anchor: { count: all }, problems: [] });

    // Emptied again after entries were removed: a machine whose witness saw them does not anchor the shorter log.
    await run(a.ctx.db, 'delete from audit_log where id = ?', all);
    await run(a.ctx.db, empty);
    const again = await openWorkbench({
      dbPath: a.ctx.dbPath,
      host: 'cli',
      systemLanguage: 'en',
      clock: fixedClock('2026-11-17T06:30:00.000Z'),
      dataDir: a.ctx.dataDir,
      auditKey: fileKeyProvider(join(a.ctx.dataDir, 'audit-key')),
      log: () => {},
    });
    others.push(again);
    expect((await anchorRow())!.hmac).toBeNull();
    expect((await problemsOf(again)).map((p) => p.kind)).toEqual(['anchorMissing', 'setBack']);
  });
});
