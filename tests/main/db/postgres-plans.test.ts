import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/shared/contract';
import { seedListRegister } from '../../helpers/list-register';
import { makeWorkbench, TEST_NOW, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres, rowsOf } from '../../helpers/engine';
import { offeredInputs, type SampleIds } from '../../helpers/offered-lists';
import { serverStatements, type Recorded as Statement } from '../../helpers/statements';

/**
 * The lists a team register on PostgreSQL used to read whole at a million requests (issue 13 point 1),
 * each served by an index as SQLite's are (migration 2026_12_02_1700_postgres_list_orders):
 * - every order of the requests list, under every filter: the page is the first rows of one index
 *   range, never a sort of the matches (PostgreSQL's indexes end in the id, as SQLite's do); by due
 *   time in particular, in either direction, which no index served at all;
 * - the overdue and due-soon gap lists: the open requests alone, read in the list's order;
 * - the count of the requests whose name begins with one or two characters (a common surname has
 *   tens of thousands): read from the names' index, which carries the filtered columns;
 * - a two-character search of the sharing registers: no table read whole, no pattern tested on
 *   each row (pg_trgm needs three characters), with a partner's filter or without.
 * Each statement the call really runs is planned with sequential scans and sorts priced out, the
 * way SQLite's INDEXED BY names an index: what is left is whether an index can serve it at all, the
 * same answer at any size (the 1M figures are the bench's, `npm run bench -- --engine postgres`).
 */
const POSTGRES_PLANS = '(PostgreSQL only: its query plans)';

/** The tables that grow with the register. */
const LARGE = new Set(['requests', 'sharing_flows', 'partners', 'agreements', 'sdks']);

let wb: TestWorkbench;
let ids: SampleIds;

beforeAll(async () => {
  if (!onPostgres) return;
  wb = await makeWorkbench();
  ids = await seedListRegister(wb, 3_000, TEST_NOW);
}, 120_000);
afterAll(async () => {
  await wb?.close();
});

/** The statements a call sends to the server that read a large table. */
async function statementsOf(channel: Channel, input: unknown): Promise<Statement[]> {
  const { statements } = await serverStatements(() => wb.call(channel, input as never));
  return statements.filter((s) => /^\s*select\b/i.test(s.sql) && [...LARGE].some((t) => new RegExp(`\\b"?${t}"?\\b`).test(s.sql)));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Filter?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Plans?: PlanNode[];
}

/** The statement's plan, sequential scans and sorts priced out (for this transaction only). */
async function planOf(s: Statement): Promise<PlanNode> {
  // The statement's own numbered parameters ($1…), run as it was sent.
  return wb.ctx.db.transaction().execute(async (trx) => {
    await rowsOf(trx, 'set local enable_seqscan = off');
    await rowsOf(trx, 'set local enable_sort = off');
    await rowsOf(trx, 'set local enable_incremental_sort = off');
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string | { Plan: PlanNode }[] }>({
      sql: `explain (format json) ${s.sql}`,
      parameters: s.params,
      query: { kind: 'RawNode' } as never,
      queryId: { queryId: 'plan' } as never,
    });
    // A json column: the register's connection leaves its text unparsed.
    const plan = rows[0]!['QUERY PLAN'];
    return (typeof plan === 'string' ? (JSON.parse(plan) as { Plan: PlanNode }[]) : plan)[0]!.Plan;
  });
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** A LIKE/ILIKE pattern of fewer than three characters between its wildcards: no trigram to look up. */
const SHORT_PATTERN = /~~\*?\s+'%[^%']{1,2}%'/;

/** What is wrong with a plan: a large table read whole, a sort (where `sorts` forbids it), a short pattern tested on rows. */
function planProblems(plan: PlanNode, options: { sorts: boolean; requestsIndex?: RegExp }): string[] {
  const problems: string[] = [];
  for (const node of nodesOf(plan)) {
    const table = node['Relation Name'];
    if (!options.sorts && /Sort$/.test(node['Node Type'])) problems.push(`${node['Node Type']}`);
    if (!table || !LARGE.has(table)) continue;
    if (node['Node Type'] === 'Seq Scan') problems.push(`reads ${table} whole`);
    for (const condition of [node.Filter, node['Index Cond'], node['Recheck Cond']]) {
      if (condition && SHORT_PATTERN.test(condition)) problems.push(`tests ${condition} on every row of ${table}${node['Index Name'] ? ` (${node['Index Name']})` : ''}`);
    }
    if (table === 'requests' && options.requestsIndex && node['Index Name'] && !options.requestsIndex.test(node['Index Name'])) {
      problems.push(`reads requests through ${node['Index Name']}`);
    }
  }
  return problems;
}

async function problemsOf(channel: Channel, input: unknown, options: { sorts: boolean; requestsIndex?: RegExp }): Promise<string[]> {
  const statements = await statementsOf(channel, input);
  expect(statements.length, `${channel} ${JSON.stringify(input)} ran no statement on a large table`).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const s of statements) for (const p of planProblems(await planOf(s), options)) problems.push(`${p}: ${s.sql.slice(0, 160)}`);
  return problems;
}

describe('PostgreSQL plans of the lists that read tables whole at a million requests', () => {
  it.skipIf(!onPostgres)(`reads every order by due time from one index range, under each filter that leads the list ${POSTGRES_PLANS}`, async () => {
    const filters = [{}, { kind: 'access_copy' }, { channel: 'letter' }, { status: 'new' }, { openOnly: true }, { kind: 'deletion', channel: 'email' }];
    for (const filter of filters) {
      for (const sortDir of ['asc', 'desc'] as const) {
        const input = { ...filter, sortBy: 'dueAt', sortDir };
        expect(await problemsOf('requests:list', input, { sorts: false }), JSON.stringify(input)).toEqual([]);
      }
    }
  });

  it.skipIf(!onPostgres)(`reads every filter × order × direction of the requests list from one index range, never sorted ${POSTGRES_PLANS}`, async () => {
    const sorted: string[] = [];
    for (const input of offeredInputs('requests:list', { search: [''] })) {
      // A list the tallies show empty runs no page at all.
      if ((await statementsOf('requests:list', input)).length === 0) continue;
      const problems = await problemsOf('requests:list', input, { sorts: false });
      if (problems.length) sorted.push(`${JSON.stringify(input)}: ${problems.join('; ')}`);
    }
    expect(sorted).toEqual([]);
  }, 300_000);

  it.skipIf(!onPostgres)(`reads the overdue and due-soon gap lists from the open requests alone, in their order ${POSTGRES_PLANS}`, async () => {
    for (const checkId of ['request-overdue', 'request-due-soon']) {
      const problems = await problemsOf('gaps:list', { checkId, filter: 'all' }, { sorts: false, requestsIndex: /_open_/ });
      expect(problems, checkId).toEqual([]);
    }
  });

  it.skipIf(!onPostgres)(`counts the requests whose name begins with one or two characters from the names' index alone, under each filter ${POSTGRES_PLANS}`, async () => {
    for (const input of [{ search: '赵' }, { search: '赵伟', kind: 'access_copy' }, { search: '赵', status: 'new', channel: 'email' }, { search: 'li', openOnly: true }]) {
      const counts = (await statementsOf('requests:list', input)).filter((s) => /^\s*select count\(\*\)/i.test(s.sql));
      expect(counts.length, JSON.stringify(input)).toBe(1);
      const scans = nodesOf(await planOf(counts[0]!)).filter((n) => n['Relation Name'] === 'requests');
      expect(
        scans.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`),
        JSON.stringify(input),
      ).toEqual(['Index Only Scan requests_name_filters_idx']);
    }
  });

  it.skipIf(!onPostgres)(`finds two characters in the sharing registers through an index, with a partner’s filter or without ${POSTGRES_PLANS}`, async () => {
    const inputs: [Channel, Record<string, unknown>][] = [
      ['flows:list', { search: '04' }],
      ['flows:list', { search: '04', partnerId: ids.partnerId, sortBy: 'category' }],
      ['flows:list', { search: '04', method: 'api', sortBy: 'partner', sortDir: 'desc' }],
      ['partners:list', { search: '04' }],
      ['agreements:list', { search: '04', partnerId: ids.partnerId }],
      ['sdks:list', { search: '04', vendorPartnerId: ids.vendorPartnerId }],
    ];
    for (const [channel, input] of inputs) expect(await problemsOf(channel, input, { sorts: true }), `${channel} ${JSON.stringify(input)}`).toEqual([]);
  });
});
