import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_SORT_FIELDS, REQUEST_STATUSES } from '../../../src/shared/domain/requests';
import { findRequestPage, type RequestFilters } from '../../../src/main/core/requests/requests.repository';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';

/**
 * The requests list finds a page either through the filters' indexes or by walking the sort
 * column's index (the service picks whichever reads fewer rows). Both must answer the same rows
 * in the same order, for every sort, direction, filter and page.
 */
let wb: TestWorkbench;
beforeAll(async () => {
  wb = await makeWorkbench();
  const insert = wb.database.sqlite.prepare(`insert into requests (reference, channel, received_at, requester_name, requester_contact, kind, status,
    due_date, due_at, revision, created_at, updated_at) values (?, ?, ?, '王小明', '13800138000', ?, ?, ?, ?, 1, ?, ?)`);
  wb.database.sqlite.transaction(() => {
    for (let i = 0; i < 600; i += 1) {
      // Years and numbers interleave so that REQ-2025-10000 sorts after REQ-2025-9999; some times repeat.
      const year = 2025 + (i % 2);
      const number = i % 7 === 0 ? 9990 + i : i + 1;
      const received = new Date(Date.UTC(year, i % 12, (i % 27) + 1, i % 24)).toISOString();
      const due = i % 11 === 0 ? null : new Date(Date.parse(received) + 15 * 86_400_000).toISOString();
      insert.run(
        `REQ-${year}-${String(number).padStart(4, '0')}`,
        REQUEST_CHANNELS[i % REQUEST_CHANNELS.length],
        received,
        REQUEST_KINDS[(i * 7) % REQUEST_KINDS.length],
        REQUEST_STATUSES[(i * 3) % REQUEST_STATUSES.length],
        due?.slice(0, 10) ?? null,
        due,
        received,
        new Date(Date.parse(received) + (i % 5) * 3_600_000).toISOString(),
      );
    }
  })();
});
afterAll(async () => {
  await wb.close();
});

const FILTERS: RequestFilters[] = [
  { search: '', statuses: ['closed'] },
  { search: '', statuses: ['new', 'verifying', 'in_progress', 'awaiting_requester'] },
  { search: '', channel: 'email' },
  { search: '', kind: 'deletion', channel: 'hotline' },
  { search: '', statuses: ['responded'], kind: 'access_copy' },
];

describe('a page of requests, found either way', () => {
  for (const by of REQUEST_SORT_FIELDS) {
    it(`is the same page sorted by ${by}, both directions, every filter, three pages deep`, async () => {
      let compared = 0;
      for (const dir of ['asc', 'desc'] as const) {
        for (const filters of FILTERS) {
          for (const page of [1, 2, 3]) {
            const ids = async (plan: 'filter' | 'order') => (await findRequestPage(wb.ctx.db, filters, { by, dir }, page, 20, plan)).map((r) => r.id);
            const viaFilter = await ids('filter');
            expect(await ids('order'), JSON.stringify({ dir, filters, page })).toEqual(viaFilter);
            compared += viaFilter.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(300); // the pages were not empty
    });
  }
});
