import type { Tally } from './_tallies';
import { tallyMigration } from './_tallies';

// The totals of the sharing registers' lists under filters with a few values each, whatever the
// register's size. Counted from the rows, a total grows with its matches: flows by method and border
// read 7 ms of index entries at 100,000 flows against 0.3 ms at 1,000. Each tally keeps, per
// combination of those columns, how many rows hold it (kept by triggers in the transaction of every
// write, migrations/_tallies.ts), so that such a total adds up a few dozen tally rows:
//
// - sharing_flow_tallies: flows per category, method and cross-border (a few dozen categories);
// - partner_tallies: partners per role and status;
// - sdk_tallies: SDKs per platform and status;
// - agreement_tallies: agreements per kind and dateless state: terminated, draft (not signed) or
//   dated. "Active", "pending" and "expired" depend on today's date and are counted from the rows.
//
// A filter on one record (a partner, a vendor) or a search still counts the rows through their indexes.

const text = { sqlite: 'text', postgres: 'text' };

export const SHARING_TALLIES: readonly Tally[] = [
  {
    table: 'sharing_flows',
    tally: 'sharing_flow_tallies',
    keys: [
      { name: 'category_id', type: { sqlite: 'integer', postgres: 'integer' } },
      { name: 'method', type: text },
      { name: 'cross_border', type: { sqlite: 'integer', postgres: 'boolean' } },
    ],
  },
  { table: 'partners', tally: 'partner_tallies', keys: [{ name: 'role', type: text }, { name: 'status', type: text }] },
  { table: 'sdks', tally: 'sdk_tallies', keys: [{ name: 'platform', type: text }, { name: 'status', type: text }] },
  {
    table: 'agreements',
    tally: 'agreement_tallies',
    keys: [
      { name: 'kind', type: text },
      {
        name: 'state',
        type: text,
        value: (row) => `case when ${row}terminated = true then 'terminated' when ${row}signed_on is null then 'draft' else 'dated' end`,
        reads: ['terminated', 'signed_on'],
      },
    ],
  },
];

export const { up, down } = tallyMigration(SHARING_TALLIES);
