import type { Tally } from './_tallies';
import { tallyMigration } from './_tallies';

// A due window's total under a kind or a channel filter, whatever the number of open requests.
// request_due_tallies counts open requests per status and due time, so "overdue" alone adds up a few
// rows; "overdue by hotline" was counted from the open requests' covering index, whose kind column
// comes before the channel: on a desk with 300,000 open requests that read all of them, 60 ms a call.
// Two tallies of the open requests with a due time, kept by triggers in every write's transaction
// (migrations/_tallies.ts), one per filtered column, so that such a total adds up one row per status
// and due day of the window:
//
// - request_due_kind_tallies: per status, kind and due time;
// - request_due_channel_tallies: per status, channel and due time.
//
// With both a kind and a channel the covering index's prefix (status, kind, channel, due_at) serves.

const text = { sqlite: 'text', postgres: 'text' };
const instant = { sqlite: 'text', postgres: 'timestamptz' };
const open = {
  condition: (row: string) => `${row}status in ('new', 'verifying', 'in_progress', 'awaiting_requester') and ${row}due_at is not null`,
  reads: ['status', 'due_at'],
};

export const REQUEST_DUE_FILTER_TALLIES: readonly Tally[] = [
  {
    table: 'requests',
    tally: 'request_due_kind_tallies',
    keys: [{ name: 'status', type: text }, { name: 'kind', type: text }, { name: 'due_at', type: instant }],
    where: open,
  },
  {
    table: 'requests',
    tally: 'request_due_channel_tallies',
    keys: [{ name: 'status', type: text }, { name: 'channel', type: text }, { name: 'due_at', type: instant }],
    where: open,
  },
];

export const { up, down } = tallyMigration(REQUEST_DUE_FILTER_TALLIES);
