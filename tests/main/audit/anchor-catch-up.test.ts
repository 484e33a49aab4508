/**
 * The anchor of a register file catching up with entries another workbench wrote (a second window,
 * the CLI): after every write, whoever made it, the journal's last anchor is the chain's head and
 * count, verified green from both, and the one statement that brings it there walks only the new
 * entries, through the primary key, rather than the whole log. (The app takes no planner statistics;
 * with statistics from when the log had a few rows, SQLite would scan it instead.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fixedClock } from '../../../src/main/core/clock';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';
import { parseAnchor } from '../../../src/main/core/audit/audit-anchor';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { categoryFixture } from '../../helpers/fixtures';
import { onPostgres, SQLITE_ONLY } from '../../helpers/engine';
import { statementRecorder } from '../../helpers/statements';

const open: Workbench[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function openOn(dir: string) {
  const wb = await openWorkbench({
    dbPath: join(dir, 'register.sqlite'),
    host: 'cli',
    systemLanguage: 'en',
    clock: fixedClock('2026-11-17T06:30:00.000Z'),
    actor: 'tester',
    auditKey: fileKeyProvider(join(dir, 'audit-key')),
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

const chainOf = (wb: Workbench) => wb.database.sqlite!.prepare('select count(*) as n, max(id) as head from audit_log').get() as { n: number; head: number };

describe.skipIf(onPostgres)(`the anchor catching up with another workbench's entries ${SQLITE_ONLY}`, () => {
  it('follows every write of either workbench, verifies green from both, and counts the new entries through the primary key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-anchor-catch-up-'));
    dirs.push(dir);
    const a = await openOn(dir);
    // Before A prepares the statements of its writes and catch-ups, so that they are seen.
    const recorder = statementRecorder(a.wb.database.sqlite!);
    await a.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const b = await openOn(dir);
    const journal = join(a.wb.ctx.dataDir, 'audit-anchor.json');

    for (let i = 0; i < 40; i++) await (i % 2 ? a : b).call('categories:create', categoryFixture({ code: `C-${i}` }));

    for (let i = 0; i < 3; i++) {
      await b.call('categories:create', categoryFixture({ code: `B-${i}` }));
      // A's write follows B's: A's anchor must take B's entry in before its own.
      const { statements } = await recorder.during(() => a.call('categories:create', categoryFixture({ code: `A-${i}` })));
      const chain = chainOf(a.wb);
      const anchor = parseAnchor(readFileSync(journal, 'utf8'));
      expect(anchor).toMatchObject({ state: 'present', fields: { count: chain.n, headId: chain.head } });
      for (const wb of [a.wb, b.wb]) expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: true, checked: chain.n, anchor: { count: chain.n }, problems: [] });

      const counts = statements.filter((s) => /count\(\*\)/i.test(s.sql) && /audit_log/i.test(s.sql));
      expect(counts).toHaveLength(1);
      const plan = recorder.plan(counts[0]!);
      expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid>\?/);
      expect(plan).not.toMatch(/COVERING INDEX|SCAN c\b/);
    }
  });
});
