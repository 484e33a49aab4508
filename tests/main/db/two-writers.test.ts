import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/connection';
import { openWorkbench } from '../../../src/main/core/workbench';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { runTs, summaryOf } from '../../helpers/child-process';

const WRITES = 60;

describe('two processes writing one register', () => {
  it('wait for each other: no failed write, references unique and gap-free, the audit chain verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-two-'));
    const dbPath = join(dir, 'register.sqlite');
    await (await openDatabase({ path: dbPath })).close();
    const go = join(dir, 'go');
    const writers = ['A', 'B'].map((tag) => runTs('tests/helpers/register-writer.ts', [dbPath, 'writes', tag, String(WRITES)], { GO_FILE: go }));
    await Promise.all(writers.map((w) => w.waitFor('started')));
    writeFileSync(go, '');
    const exits = await Promise.all(writers.map((w) => w.exited));

    for (const [i, writer] of writers.entries()) {
      expect(exits[i], writer.stderr()).toMatchObject({ code: 0 });
      expect(summaryOf(writer).failed).toEqual([]);
      expect(writer.lines.filter((l) => l.startsWith('committed'))).toHaveLength(2 * WRITES);
    }

    const sqlite = new BetterSqlite3(dbPath, { readonly: true });
    const rows = sqlite.prepare('select reference, account_ref as account from requests order by id').all() as { reference: string; account: string }[];
    expect(rows).toHaveLength(2 * WRITES);
    // The two really wrote at the same time: each began before the other had ended. (How often the
    // turns alternate depends on the load: SQLite's busy wait is not fair, a waiting writer may miss many.)
    const [a, b] = writers.map((w) => ['began', 'ended'].map((k) => Number(w.lines.find((l) => l.startsWith(`${k} `))!.slice(6))));
    expect(Math.max(a![0]!, b![0]!)).toBeLessThan(Math.min(a![1]!, b![1]!));
    // One reference each, numbered 1..n in each year with no gap.
    const references = rows.map((r) => r.reference);
    expect(new Set(references).size).toBe(references.length);
    const byYear = new Map<string, number[]>();
    for (const ref of references) {
      const [, year, n] = /^REQ-(\d{4})-(\d+)$/.exec(ref)!;
      byYear.set(year!, [...(byYear.get(year!) ?? []), Number(n)]);
    }
    for (const numbers of byYear.values()) expect([...numbers].sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();

    const reopened = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', log: () => {} });
    const audit = await verifyAuditChain(reopened.ctx);
    await reopened.close();
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
    // Every request and every edit left its audit entry (and the two categories theirs).
    expect(audit.checked).toBeGreaterThanOrEqual(4 * WRITES + 2);
  }, 120_000);
});
