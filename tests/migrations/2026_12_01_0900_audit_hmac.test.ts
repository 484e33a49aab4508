import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/main/core/db/migrations';
import { auditHash, GENESIS_HASH } from '../../src/main/core/audit/audit.service';
import { verifyAuditChain } from '../../src/main/core/audit/audit-verify';
import { fileKeyProvider } from '../../src/main/core/audit/audit-key';
import { openWorkbench } from '../../src/main/core/workbench';
import { fixedClock } from '../../src/main/core/clock';
import { categoryFixture } from '../helpers/fixtures';

const HMAC_MIGRATION = '2026_12_01_0900_audit_hmac';

describe(`migration ${HMAC_MIGRATION}`, () => {
  it('keeps the entries of an earlier version byte for byte, without HMAC, checked by hash as written before anchoring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-migrate-'));
    const dbPath = join(dir, 'register.sqlite');
    const sqlite = new BetterSqlite3(dbPath);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const names = Object.keys(migrations);
    const previous = names[names.indexOf(HMAC_MIGRATION) - 1]!;
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(previous);
    expect(error).toBeUndefined();
    let prev = GENESIS_HASH;
    for (const name of ['甲', '乙', '丙']) {
      const row = { at: '2026-11-20T01:00:00.000Z', actor: 'officer', entity: 'settings', entity_id: null, action: 'update', before: null, after: `{"organisationName":"${name}"}`, prev_hash: prev };
      prev = auditHash(row);
      sqlite
        .prepare('insert into audit_log (at, actor, entity, entity_id, action, before, after, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(row.at, row.actor, row.entity, row.entity_id, row.action, row.before, row.after, row.prev_hash, prev);
    }
    const before = sqlite.prepare('select id, at, actor, entity, entity_id, action, before, after, prev_hash, hash from audit_log order by id').all();
    await db.destroy();

    const wb = await openWorkbench({
      dbPath,
      host: 'cli',
      systemLanguage: 'en',
      clock: fixedClock('2026-12-02T01:00:00.000Z'),
      actor: 'officer',
      auditKey: fileKeyProvider(join(dir, 'audit-key')),
      log: () => {},
    });
    const after = wb.database.sqlite!.prepare('select id, at, actor, entity, entity_id, action, before, after, prev_hash, hash, hmac from audit_log order by id').all() as { hmac: string | null }[];
    expect(after.map(({ hmac: _hmac, ...rest }) => rest)).toEqual(before);
    expect(after.every((r) => r.hmac === null)).toBe(true);
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, checked: 3, beforeAnchoring: 3, anchor: { count: 3, anchoredAt: '2026-12-02T01:00:00.000Z' } });

    const created = await wb.router.invoke('categories:create', categoryFixture());
    expect(created.ok).toBe(true);
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, checked: 4, beforeAnchoring: 3, lagging: 0, anchor: { count: 4 }, problems: [] });
    await wb.close();
  });
});
