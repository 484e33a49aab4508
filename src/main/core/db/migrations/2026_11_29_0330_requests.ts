import { type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// The requests desk: requests, their timeline, pauses, reminders sent, reference counters, and the
// holiday calendar with the official PRC rest-day arrangements for 2025 and 2026 (国务院办公厅 notices)
// as this migration's own data. Imports nothing from the app.

const HOLIDAY_RANGES: [string, string][] = [
  ['2025-01-01', '2025-01-01'], // New Year
  ['2025-01-28', '2025-02-04'], // Spring Festival
  ['2025-04-04', '2025-04-06'], // Qingming
  ['2025-05-01', '2025-05-05'], // Labour Day
  ['2025-05-31', '2025-06-02'], // Dragon Boat
  ['2025-10-01', '2025-10-08'], // National Day and Mid-Autumn
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
/** Make-up working days (调休) that fall on weekends. */
const MAKE_UP_WORKDAYS = [
  '2025-01-26',
  '2025-02-08',
  '2025-04-27',
  '2025-09-28',
  '2025-10-11',
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
];

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    out.push(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('holiday_calendar')
      .addColumn('id', ...t.id)
      .addColumn('date', t.date, (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    const now = new Date().toISOString();
    const rows = [
      ...HOLIDAY_RANGES.flatMap(([from, to]) => datesBetween(from, to).map((date) => ({ date, kind: 'holiday' }))),
      ...MAKE_UP_WORKDAYS.map((date) => ({ date, kind: 'workday' })),
    ].map((r) => ({ ...r, note: '', created_at: now, updated_at: now }));
    await (trx as Kysely<Record<string, Record<string, unknown>>>).insertInto('holiday_calendar').values(rows).execute();

    await trx.schema
      .createTable('request_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .execute();

    await trx.schema
      .createTable('requests')
      .addColumn('id', ...t.id)
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('received_at', t.instant, (c) => c.notNull())
      .addColumn('requester_name', 'text', (c) => c.notNull())
      .addColumn('requester_contact', 'text', (c) => c.notNull())
      .addColumn('account_ref', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('concerns_minor', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('assignee', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('identity_method', 'text')
      .addColumn('identity_result', 'text')
      .addColumn('identity_verified_at', t.instant)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_before_pause', 'text')
      .addColumn('due_date', t.date)
      .addColumn('due_at', t.instant)
      .addColumn('deadline_problem', 'text')
      .addColumn('responded_at', t.instant)
      .addColumn('response_summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('refusal_reason', 'text')
      .addColumn('complaint_route_given', t.boolean, (c) => c.notNull().defaultTo(t.false))
      .addColumn('closed_at', t.instant)
      .addColumn('anonymised_at', t.instant)
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    // Counts and lists by status and due time; the dashboard's counts are range scans on these.
    await trx.schema.createIndex('requests_status_due_idx').on('requests').columns(['status', 'due_at']).execute();
    await trx.schema.createIndex('requests_due_idx').on('requests').columns(['due_at']).execute();
    await trx.schema.createIndex('requests_received_idx').on('requests').columns(['received_at']).execute();
    await trx.schema.createIndex('requests_responded_idx').on('requests').columns(['responded_at', 'due_at']).execute();
    await trx.schema.createIndex('requests_kind_received_idx').on('requests').columns(['kind', 'received_at']).execute();
    await trx.schema.createIndex('requests_channel_received_idx').on('requests').columns(['channel', 'received_at']).execute();
    await trx.schema.createIndex('requests_closed_idx').on('requests').columns(['closed_at']).execute();
    await trx.schema.createIndex('requests_updated_idx').on('requests').columns(['updated_at']).execute();

    await trx.schema
      .createTable('request_events')
      .addColumn('id', ...t.id)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('data', t.json, (c) => c.notNull().defaultTo('{}'))
      .execute();
    await trx.schema.createIndex('request_events_request_idx').on('request_events').columns(['request_id', 'id']).execute();

    await trx.schema
      .createTable('request_pauses')
      .addColumn('id', ...t.id)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('started_at', t.instant, (c) => c.notNull())
      .addColumn('ended_at', t.instant)
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('resume_reason', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await trx.schema.createIndex('request_pauses_request_idx').on('request_pauses').columns(['request_id']).execute();

    await trx.schema
      .createTable('request_reminders')
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('day', t.date, (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('request_reminders_pk', ['request_id', 'day'])
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['request_reminders', 'request_pauses', 'request_events', 'requests', 'request_counters', 'holiday_calendar']) {
      await trx.schema.dropTable(table).ifExists().execute();
    }
  });
}
