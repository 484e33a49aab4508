import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DUE_WINDOWS,
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  REQUEST_SORT_FIELDS,
  REQUEST_STATUSES,
  requestListInput,
  type RequestListInput,
  type RequestSortField,
} from '../../../src/shared/domain/requests';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings';
import { inDueWindow, dueWindow } from '../../../src/shared/deadline/timeliness';
import { listQueryOf, listRequests } from '../../../src/main/core/requests/desk.service';
import { leadOf, requestCountQuery, requestPageQuery, type ListLead, type RequestFilters } from '../../../src/main/core/requests/request-list.repository';
import { budgetedWalkQuery, referenceSpanQuery } from '../../../src/main/core/requests/request-list-query.repository';
import { makeWorkbench, TEST_NOW, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres, rowsOf } from '../../helpers/engine';
import { engineOf } from '../../../src/main/core/db/dialect';
import { yearIndexOf } from '../../../src/main/core/requests/request-list-indexes';

/**
 * Why the plans are checked on SQLite alone: there the repository names the index each order reads
 * (INDEXED BY, dialect.ts requestsFrom); PostgreSQL's planner chooses by cost, and on a register of
 * this size a sort of the few matches is its cheaper plan. The pages and totals are checked on both;
 * that an index can serve every order on PostgreSQL too, in tests/main/db/postgres-plans.test.ts.
 */
const SQLITE_PLANS = '(SQLite only: the indexes the repository names for SQLite’s planner)';

/**
 * Every filter × order × direction the requests list offers is read from one index whose order is
 * the list's order (no temporary B-tree sorts the matches, whatever their number), and answers the
 * same page and total as filtering and sorting every request by hand.
 */
let wb: TestWorkbench;
const now = new Date(TEST_NOW);
interface Seeded {
  id: number;
  reference: string;
  channel: string;
  kind: string;
  status: string;
  received_at: string;
  due_at: string | null;
  updated_at: string;
  requester_name: string;
  requester_contact: string;
  account_ref: string;
}
let all: Seeded[] = [];

beforeAll(async () => {
  wb = await makeWorkbench();
  const names = ['王小明', '张伟', 'Li Na', '欧阳娜娜', 'li wei'];
  const rows = [];
  {
    for (let i = 0; i < 600; i += 1) {
      // Years and numbers interleave so that REQ-2025-10000 sorts after REQ-2025-9999; some times repeat.
      const year = 2025 + (i % 2);
      const number = i % 7 === 0 ? 9990 + i : i + 1;
      const received = new Date(Date.UTC(year, i % 12, (i % 27) + 1, i % 24)).toISOString();
      // Due times around now, so that every due window holds some open requests.
      const due = i % 11 === 0 ? null : new Date(Date.parse(TEST_NOW) + ((i % 40) - 15) * 43_200_000).toISOString();
      rows.push({
        reference: `REQ-${year}-${String(number).padStart(4, '0')}`,
        channel: REQUEST_CHANNELS[i % REQUEST_CHANNELS.length]!,
        received_at: received,
        requester_name: names[i % names.length]!,
        requester_contact: `1380013${String(i).padStart(4, '0')}`,
        account_ref: `U-${i}`,
        kind: REQUEST_KINDS[(i * 7) % REQUEST_KINDS.length]!,
        status: REQUEST_STATUSES[(i * 3) % REQUEST_STATUSES.length]!,
        due_date: due?.slice(0, 10) ?? null,
        due_at: due,
        revision: 1,
        created_at: received,
        updated_at: new Date(Date.parse(received) + (i % 5) * 3_600_000).toISOString(),
      });
    }
  }
  // Written straight into the table (its triggers keep the tallies and the search index), in one statement.
  await wb.ctx.db.insertInto('requests').values(rows as never).execute();
  all = await rowsOf<Seeded>(wb.ctx.db, 'select * from requests');
});
afterAll(async () => {
  await wb.close();
});

const plan = (query: { sql: string; params: unknown[] }) =>
  (wb.database.sqlite!.prepare(`explain query plan ${query.sql}`).all(...query.params) as { detail: string }[]).map((r) => r.detail).join(' / ');

/** Every input the list offers: each status, open only, each due window, one kind and one channel, alone and together. */
function offeredInputs(): RequestListInput[] {
  const inputs: RequestListInput[] = [];
  for (const status of [undefined, ...REQUEST_STATUSES]) {
    for (const openOnly of [undefined, true]) {
      for (const due of [undefined, ...DUE_WINDOWS]) {
        for (const kind of [undefined, 'deletion' as const]) {
          for (const channel of [undefined, 'email' as const]) inputs.push({ status, openOnly, due, kind, channel });
        }
      }
    }
  }
  return inputs;
}

/** The leads the repository may choose for these filters in this order, whichever filter the tallies find smallest. */
function possibleLeads(f: RequestFilters, sort?: RequestSortField): ListLead[] {
  const counts = [
    { status: 1, kind: 2, channel: 3 },
    { status: 3, kind: 1, channel: 2 },
    { status: 2, kind: 3, channel: 1 },
  ];
  return [...new Set(counts.map((c) => leadOf(f, c, sort)))];
}

describe.skipIf(onPostgres)(`the plan of every offered list ${SQLITE_PLANS}`, () => {
  it('reads each page from an index in the list’s order, never sorting the matches', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const input of offeredInputs()) {
      for (const sortBy of REQUEST_SORT_FIELDS) {
        for (const sortDir of ['asc', 'desc'] as const) {
          const query = listQueryOf(requestListInput.parse({ ...input, sortBy, sortDir }), DEFAULT_SETTINGS, now);
          if (!query) continue;
          for (const lead of possibleLeads(query.filters, query.sort.by)) {
            const detail = plan(requestPageQuery(query.filters, query.sort, 3, 25, lead));
            checked += 1;
            if (!/USING (COVERING )?INDEX requests_/.test(detail) || /TEMP B-TREE/.test(detail)) problems.push(`${JSON.stringify({ ...input, sortBy, sortDir, lead })}: ${detail}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
  });

  it('reads two or three filtered columns from the one index that begins with them, in the orders it serves', () => {
    const cases: [RequestListInput, RegExp][] = [
      [{ status: 'new', channel: 'email' }, /^SEARCH r USING INDEX requests_channel_status_received_idx \(channel=\? AND status=\?\)$/],
      [{ status: 'closed', kind: 'deletion', sortBy: 'kind' }, /^SEARCH r USING INDEX requests_kind_status_received_idx \(kind=\? AND status=\?\)$/],
      [{ kind: 'deletion', channel: 'email', sortDir: 'asc' }, /^SEARCH r USING INDEX requests_channel_kind_received_idx \(channel=\? AND kind=\?\)$/],
      [{ kind: 'deletion', channel: 'email', sortBy: 'status' }, /^SEARCH r USING INDEX requests_kind_channel_status_received_idx \(kind=\? AND channel=\?\)$/],
      [{ status: 'refused', kind: 'deletion', channel: 'email' }, /^SEARCH r USING INDEX requests_kind_channel_status_received_idx \(kind=\? AND channel=\? AND status=\?\)$/],
      // Several statuses in the order of the status: the channel's range read status by status.
      [{ openOnly: true, channel: 'hotline', sortBy: 'status' }, /^SEARCH r USING INDEX requests_channel_status_received_idx \(channel=\? AND status=\?\)$/],
      [{ due: 'overdue', kind: 'deletion', sortBy: 'status', sortDir: 'asc' }, /^SEARCH r USING INDEX requests_kind_status_received_idx \(kind=\? AND status=\?\)$/],
      // A kind in a due window, newest first: the open requests of that kind alone.
      [{ due: 'due_soon', kind: 'deletion', sortBy: 'receivedAt' }, /^SEARCH r USING INDEX requests_open_kind_idx \(kind=\?\)$/],
    ];
    for (const [input, expected] of cases) {
      const query = listQueryOf(requestListInput.parse(input), DEFAULT_SETTINGS, now)!;
      const [lead] = possibleLeads(query.filters, query.sort.by);
      expect(possibleLeads(query.filters, query.sort.by), JSON.stringify(input)).toHaveLength(1);
      expect(plan(requestPageQuery(query.filters, query.sort, 1, 25, lead!)), JSON.stringify(input)).toMatch(expected);
    }
  });

  it('counts a due window from the covering index of open requests alone', () => {
    for (const due of DUE_WINDOWS) {
      const query = listQueryOf(requestListInput.parse({ due, kind: 'deletion', channel: 'email' }), DEFAULT_SETTINGS, now)!;
      expect(plan(requestCountQuery(query.filters))).toMatch(/^SEARCH r USING COVERING INDEX requests_open_count_idx/);
    }
  });

  it('searches from the trigram index’s matches, and a short search from the index of names', () => {
    const text = listQueryOf(requestListInput.parse({ search: 'Li Na', sortBy: 'dueAt' }), DEFAULT_SETTINGS, now)!;
    expect(plan(requestPageQuery(text.filters, text.sort, 1, 25, 'all'))).toMatch(/^SCAN requests_fts VIRTUAL TABLE INDEX \d+:M/);
    const short = listQueryOf(requestListInput.parse({ search: '张伟' }), DEFAULT_SETTINGS, now)!;
    expect(plan(requestPageQuery(short.filters, short.sort, 1, 25, 'all'))).toMatch(/^SEARCH r USING INDEX requests_name_filters_idx/);
  });

  it('counts a short search with any of the filters from the index of names alone, and reads its matches there (of open requests when the filters ask for them)', () => {
    let checked = 0;
    for (const input of offeredInputs()) {
      const query = listQueryOf(requestListInput.parse({ ...input, search: '张' }), DEFAULT_SETTINGS, now);
      if (!query) continue;
      const open = query.filters.statuses?.every((s) => ['new', 'verifying', 'in_progress', 'awaiting_requester'].includes(s));
      const index = open ? 'requests_open_name_filters_idx' : 'requests_name_filters_idx';
      // Every filtered column is in the index: the count looks up no request, the page only the matches.
      expect(plan(requestCountQuery(query.filters)), JSON.stringify(input)).toBe(`SEARCH r USING COVERING INDEX ${index} (requester_name>? AND requester_name<?)`);
      expect(plan(requestPageQuery(query.filters, query.sort, 1, 25, 'all')), JSON.stringify(input)).toMatch(new RegExp(`^SEARCH r USING INDEX ${index} `));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(250);
  });
});

/** The list by hand: every request filtered as the list's input says, sorted with its tie-breakers. */
function byHand(input: RequestListInput): { ids: number[]; total: number } {
  const parsed = requestListInput.parse(input);
  const query = listQueryOf(parsed, DEFAULT_SETTINGS, now);
  if (!query) return { ids: [], total: 0 };
  const window = parsed.due ? dueWindow(parsed.due, DEFAULT_SETTINGS, now) : null;
  const search = parsed.search.trim().toLowerCase();
  const rows = all.filter(
    (r) =>
      (!query.filters.statuses || query.filters.statuses.includes(r.status as never)) &&
      (!parsed.kind || r.kind === parsed.kind) &&
      (!parsed.channel || r.channel === parsed.channel) &&
      (!window || inDueWindow(window, { status: r.status as never, dueAt: r.due_at })) &&
      (!search ||
        ([...search].length < 3
          ? r.requester_name.toLowerCase().startsWith(search)
          : [r.reference, r.requester_name, r.requester_contact, r.account_ref].some((t) => t.toLowerCase().includes(search)))),
  );
  const keys = (r: Seeded): (string | number)[] => {
    switch (query.sort.by) {
      case 'reference':
        return [r.reference.slice(0, 8), r.reference.length, r.reference, r.id];
      case 'status':
        return [r.status, r.received_at, r.id];
      case 'kind':
        return [r.kind, r.received_at, r.id];
      case 'receivedAt':
        return [r.received_at, r.id];
      case 'dueAt':
        return [r.due_at ?? '', r.id];
      case 'updatedAt':
        return [r.updated_at, r.id];
    }
  };
  const sign = query.sort.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const [ka, kb] = [keys(a), keys(b)];
    for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return (ka[i]! < kb[i]! ? -1 : 1) * sign;
    return 0;
  });
  const from = (parsed.page - 1) * parsed.pageSize;
  return { ids: rows.slice(from, from + parsed.pageSize).map((r) => r.id), total: rows.length };
}

describe('a short search that many names begin with', () => {
  it('walks the order’s index (on SQLite), and finds the same pages as by hand', async () => {
    for (const sortBy of REQUEST_SORT_FIELDS) {
      for (const sortDir of ['asc', 'desc'] as const) {
        for (const extra of [{}, { status: 'closed' as const }, { openOnly: true }, { due: 'overdue' as const, kind: 'deletion' as const }]) {
          const input = { search: 'li', ...extra, sortBy, sortDir, page: 2, pageSize: 20 };
          const query = listQueryOf(requestListInput.parse(input), DEFAULT_SETTINGS, now)!;
          for (const lead of possibleLeads(query.filters)) {
            const q = requestPageQuery(query.filters, query.sort, 2, 20, lead, true, engineOf(wb.ctx.db));
            if (!onPostgres) expect(plan(q), JSON.stringify({ input, lead })).not.toMatch(/TEMP B-TREE|requests_(open_)?name_filters_idx/);
            const ids = (await rowsOf<{ id: number }>(wb.ctx.db, q.sql, ...q.params)).map((r) => r.id);
            expect(ids, JSON.stringify({ input, lead })).toEqual(byHand(input).ids);
          }
        }
      }
    }
  });
});

describe('a dense text’s walk within its budget', () => {
  it('reads the order’s index as the walk does, its page unsorted (on SQLite), the same pages as by hand; a budget short of the page finds fewer', async () => {
    let compared = 0;
    for (const search of ['0013', 'u-1']) {
      for (const sortBy of REQUEST_SORT_FIELDS) {
        for (const sortDir of ['asc', 'desc'] as const) {
          for (const extra of [{}, { status: 'closed' as const }, { openOnly: true }, { kind: 'deletion' as const, channel: 'email' as const }]) {
            const input = { search, ...extra, sortBy, sortDir, page: 2, pageSize: 20 };
            const query = listQueryOf(requestListInput.parse(input), DEFAULT_SETTINGS, now)!;
            for (const lead of possibleLeads(query.filters)) {
              const q = budgetedWalkQuery(query.filters, query.sort, 2, 20, lead, engineOf(wb.ctx.db), all.length);
              if (!onPostgres) expect(plan(q), JSON.stringify({ input, lead })).not.toMatch(/TEMP B-TREE/);
              const ids = (await rowsOf<{ id: number }>(wb.ctx.db, q.sql, ...q.params)).map((r) => r.id);
              expect(ids, JSON.stringify({ input, lead })).toEqual(byHand(input).ids);
              compared += ids.length;
              // Read no further than the page's first rows: fewer than the page.
              const short = budgetedWalkQuery(query.filters, query.sort, 2, 20, lead, engineOf(wb.ctx.db), 20);
              expect((await rowsOf(wb.ctx.db, short.sql, ...short.params)).length).toBeLessThan(20);
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('a reference’s beginning that a year’s requests share', () => {
  it('walks the order’s index within the span of their times received (on SQLite), and finds the same pages as by hand', async () => {
    let compared = 0;
    let alongYears = 0;
    for (const search of ['REQ-2025-', 'req-2026-', 'REQ-2025-1', 'REQ-2026-0', 'REQ-2025']) {
      for (const sortBy of REQUEST_SORT_FIELDS) {
        for (const sortDir of ['asc', 'desc'] as const) {
          for (const extra of [{}, { status: 'closed' as const }, { openOnly: true }, { kind: 'deletion' as const, channel: 'email' as const }]) {
            const input = { search, ...extra, sortBy, sortDir, page: 2, pageSize: 20 };
            const query = listQueryOf(requestListInput.parse(input), DEFAULT_SETTINGS, now)!;
            const prefix = search.toUpperCase();
            const span = referenceSpanQuery(engineOf(wb.ctx.db), prefix);
            const [within] = await rowsOf<{ lo: string; hi: string }>(wb.ctx.db, span.sql, ...span.params);
            // The first and last time received of every request the beginning holds, and no narrower.
            const times = all.filter((r) => r.reference.startsWith(prefix)).map((r) => r.received_at).sort();
            expect({ lo: within!.lo, hi: within!.hi }, prefix).toEqual({ lo: times[0], hi: times[times.length - 1] });
            for (const lead of possibleLeads(query.filters)) {
              const q = requestPageQuery({ ...query.filters, receivedWithin: [within!.lo, within!.hi] }, query.sort, 2, 20, lead, true, engineOf(wb.ctx.db));
              if (!onPostgres) expect(plan(q), JSON.stringify({ input, lead })).not.toMatch(/TEMP B-TREE|sqlite_autoindex/);
              // By due date, last update or time received with no status, kind or channel filter: the year's own range of the index of years and that order.
              const year = yearIndexOf(lead, sortBy);
              if (!onPostgres && year) {
                expect(plan(q), JSON.stringify({ input, lead })).toMatch(new RegExp(`^SEARCH r USING INDEX ${year} \\(<expr>>\\? AND <expr><\\?\\)`));
                alongYears += 1;
              }
              const ids = (await rowsOf<{ id: number }>(wb.ctx.db, q.sql, ...q.params)).map((r) => r.id);
              expect(ids, JSON.stringify({ input, lead })).toEqual(byHand(input).ids);
              compared += ids.length;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(2000); // the pages were not empty
    if (!onPostgres) expect(alongYears).toBeGreaterThan(30);
  });
});

describe('the page and total of a list', () => {
  const samples: RequestListInput[] = [
    {},
    { status: 'closed' },
    { status: 'new', kind: 'deletion' },
    { openOnly: true },
    { openOnly: true, channel: 'email' },
    { due: 'overdue' },
    { due: 'due_soon', kind: 'deletion' },
    { due: 'unknown' },
    { kind: 'deletion', channel: 'hotline' },
    { status: 'responded', kind: 'access_copy', channel: 'letter' },
    { search: '张伟' },
    { search: 'li', status: 'closed' },
    { search: '欧阳娜' },
    { search: 'u-1', channel: 'email' },
    { search: '00135', kind: 'deletion' },
  ];
  for (const by of REQUEST_SORT_FIELDS) {
    it(`are those of filtering and sorting every request by hand, sorted by ${by}, both directions, three pages deep`, async () => {
      let compared = 0;
      for (const sortDir of ['asc', 'desc'] as const) {
        for (const sample of samples) {
          for (const page of [1, 2, 3]) {
            const input = { ...sample, sortBy: by, sortDir, page, pageSize: 20 };
            const got = await listRequests(wb.ctx, requestListInput.parse(input));
            const expected = byHand(input);
            expect({ ids: got.items.map((r) => r.id), total: got.total }, JSON.stringify(input)).toEqual(expected);
            compared += expected.ids.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(500); // the pages were not empty
    });
  }
});

describe('a short search with the filters', () => {
  // One or two characters: names that begin with them, in either case for Latin letters. On this
  // register some are sorted from the index of names and some walk the order's index (the counts decide).
  const searches = ['张', 'l', 'LI', '欧阳'];
  it('finds the page and total of filtering every request by hand, under every combination of the filters', async () => {
    let compared = 0;
    let lists = 0;
    for (const [i, input] of offeredInputs().entries()) {
      for (const [k, search] of searches.entries()) {
        const sortBy = REQUEST_SORT_FIELDS[(i + k) % REQUEST_SORT_FIELDS.length]!;
        const full = { ...input, search, sortBy, sortDir: (i + k) % 2 ? ('asc' as const) : ('desc' as const), page: ((i + k) % 3) + 1, pageSize: 10 };
        const got = await listRequests(wb.ctx, requestListInput.parse(full));
        const expected = byHand(full);
        expect({ ids: got.items.map((r) => r.id), total: got.total }, JSON.stringify(full)).toEqual(expected);
        compared += expected.ids.length;
        lists += 1;
      }
    }
    expect(lists).toBeGreaterThan(1000);
    expect(compared).toBeGreaterThan(1000); // the pages were not empty
  });
});
