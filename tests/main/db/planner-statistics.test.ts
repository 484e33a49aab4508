/**
 * The planner's statistics on a register file are the app's own to gather (issue 13: the plans the
 * bench and the plan tests see are the user's): a register whose rows another program wrote gets
 * them when the app opens it, and an import refreshes them for the rows it brought in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { onPostgres, SQLITE_ONLY } from '../../helpers/engine';

const opened: Workbench[] = [];
afterEach(async () => {
  for (const wb of opened.splice(0)) await wb.close();
});

async function open(dbPath: string): Promise<Workbench> {
  const dir = join(dbPath, '..');
  const wb = await openWorkbench({ dbPath, dataDir: join(dir, 'files'), auditKey: fileKeyProvider(join(dir, 'audit-key')), host: 'cli', systemLanguage: 'en', actor: 'tester', log: () => {} });
  opened.push(wb);
  return wb;
}

/** How many rows SQLite's statistics say a table's first index holds, or null with no statistics for it. */
function rowsInStatistics(sqlite: BetterSqlite3.Database, table: string): number | null {
  const row = sqlite.prepare('select stat from sqlite_stat1 where tbl = ? order by idx limit 1').get(table) as { stat: string } | undefined;
  return row ? Number(row.stat.split(' ')[0]) : null;
}

describe.skipIf(onPostgres)(`planner statistics on a register file ${SQLITE_ONLY}`, () => {
  it('are gathered when the app opens a register that another program filled, and follow an import', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'pw-stats-')), 'register.sqlite');
    let wb = await open(dbPath);
    expect((await wb.router.invoke('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' })).ok).toBe(true);
    await opened.pop()!.close();

    // Another program writes 3,000 partners and leaves no statistics.
    const other = new BetterSqlite3(dbPath);
    const insert = other.prepare(
      `insert into partners (name, role, country_region, contact, sharing_basis, policy_clause, status, notes, revision, created_at, updated_at)
       values (?, 'entrusted_processor', '中国', '', 'consent', '', 'active', '', 1, '2026-11-20T00:00:00.000Z', '2026-11-20T00:00:00.000Z')`,
    );
    other.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`合作方 ${i}`);
    })();
    other.exec('delete from sqlite_stat1');
    other.close();

    wb = await open(dbPath);
    const sqlite = wb.database.sqlite!;
    expect(rowsInStatistics(sqlite, 'partners')).toBeGreaterThanOrEqual(1000);
    expect(rowsInStatistics(sqlite, 'requests')).toBeNull(); // nothing to count yet

    // An import of 800 requests: their statistics are there when it returns, not at the next start.
    const lines = ["Channel,Received at,Requester's name,Phone or email,Kind of request"];
    for (let i = 0; i < 800; i++) lines.push(`Hotline,2026-11-${String(1 + (i % 19)).padStart(2, '0')} 10:00,王小明${i},138${String(i).padStart(8, '0')},Deletion`);
    const imported = await wb.router.invoke('transfer:import', { fileName: 'requests.csv', base64: Buffer.from(`\ufeff${lines.join('\r\n')}`).toString('base64') });
    expect(imported.ok, imported.ok ? '' : imported.error.message).toBe(true);
    expect(rowsInStatistics(sqlite, 'requests')).toBeGreaterThanOrEqual(400);
  });
});
