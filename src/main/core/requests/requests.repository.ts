import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { REQUEST_KINDS } from '@shared/domain/requests';
import type { Database, RequestEventsTable, RequestPausesTable, RequestsTable } from '../db/schema';
import type { BulkWriter } from '../db/bulk';
import type { Executor } from '../db/executor';
import { rowsOf } from '../db/query';
import { dropOldRowVersions, greatestOf, jsonElementsText, requestsFrom, utcHourOf } from '../db/dialect';

export type RequestRow = Selectable<RequestsTable>;
export type RequestEventRow = Selectable<RequestEventsTable>;


export async function findRequestById(db: Executor, id: number): Promise<RequestRow | undefined> {
  // Written by hand, as the writes below: every step on a request reads it, and building the query costs more than running it.
  return (await rowsOf<RequestRow>(db, 'select * from requests where id = ?', [id]))[0];
}

/**
 * The next number of the year's reference sequence (REQ-2026-0001, -0002, …), taken inside the
 * caller's transaction, which writes the request with it. One upsert, on both engines: it raises the
 * counter and answers the new value in one statement, and the counter's row stays locked until the
 * transaction ends, so concurrent intakes (other workbenches on the same server) each get their own
 * number, and one that rolls back gives its number back. Every transaction also holds the register's
 * write lock (dialect.ts), so intakes follow one another. Written by hand: it runs on every request
 * logged, and building it with Kysely costs more than running it.
 */
const NEXT_NUMBER = `insert into request_counters (year, last_number) values (?, 1)
  on conflict (year) do update set last_number = request_counters.last_number + 1 returning last_number`;

export async function takeNextReferenceNumber(db: Executor, year: number): Promise<number> {
  const [row] = await rowsOf<{ last_number: number }>(db, NEXT_NUMBER, [year]);
  return Number(row!.last_number);
}

/** Reserves `count` consecutive numbers for a year; answers the first. */
export async function takeReferenceNumbers(db: Executor, year: number, count: number): Promise<number> {
  const row = await db
    .insertInto('request_counters')
    .values({ year, last_number: count })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('request_counters.last_number', '+', count) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number - count + 1;
}

export async function insertRequest(db: Executor, row: Insertable<RequestsTable>): Promise<number> {
  const { id } = await db.insertInto('requests').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates only at the stored revision; answers 0 or 1. */
export async function updateRequestAtRevision(
  db: Executor,
  id: number,
  revision: number,
  changes: Updateable<RequestsTable>,
): Promise<number> {
  const result = await db
    .updateTable('requests')
    .set({ ...changes, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The text of an update of these columns at a revision, built once per list of columns (a workflow step writes one of a few). */
const updateAtRevisionTexts = new Map<string, string>();

function updateAtRevisionText(columns: readonly string[]): string {
  const key = columns.join(',');
  let text = updateAtRevisionTexts.get(key);
  if (text === undefined) {
    const sets = [...columns, 'revision'].map((c) => `"${c.replace(/"/g, '""')}" = ?`).join(', ');
    text = `update requests set ${sets} where id = ? and revision = ? returning *`;
    if (updateAtRevisionTexts.size < 1000) updateAtRevisionTexts.set(key, text);
  }
  return text;
}

/**
 * Writes `changes` to a request still at `revision` (and moves it to the next) and answers the row
 * as written, in one statement; undefined when the request is at another revision (or gone).
 * Columns given as undefined are left as they are.
 */
export async function updateRequestAtRevisionReturning(
  db: Executor,
  id: number,
  revision: number,
  changes: Updateable<RequestsTable>,
): Promise<RequestRow | undefined> {
  const columns: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(changes)) {
    if (value === undefined || column === 'revision') continue;
    columns.push(column);
    params.push(value);
  }
  params.push(revision + 1, id, revision);
  return (await rowsOf<RequestRow>(db, updateAtRevisionText(columns), params))[0];
}

/** Many new requests through the transaction's bulk writer; answers their ids in order. */
export function insertRequestsInBulk(bulk: BulkWriter, rows: readonly Insertable<RequestsTable>[]): Promise<number[]> {
  return bulk.insertRows('requests', rows);
}

export async function insertRequestEventsInBulk(bulk: BulkWriter, rows: readonly Insertable<RequestEventsTable>[]): Promise<void> {
  await bulk.insertRows('request_events', rows);
}

const EVENT_COLUMNS = ['request_id', 'at', 'actor', 'kind', 'from_status', 'to_status', 'text', 'data'] as const;
const INSERT_ONE_EVENT = `insert into request_events (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map(() => '?').join(', ')})`;
const hasEventColumnsOnly = (row: object) => {
  const keys = Object.keys(row);
  return keys.length === EVENT_COLUMNS.length && keys.every((k) => (EVENT_COLUMNS as readonly string[]).includes(k));
};

export async function insertRequestEvents(db: Executor, rows: Insertable<RequestEventsTable>[]): Promise<void> {
  // One entry, as every workflow step adds: written by hand (building the insert costs more than running it).
  if (rows.length === 1 && hasEventColumnsOnly(rows[0]!)) {
    const row = rows[0] as Record<string, unknown>;
    await rowsOf(db, INSERT_ONE_EVENT, EVENT_COLUMNS.map((c) => row[c]));
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('request_events').values(rows.slice(i, i + 500)).execute();
  }
}

export async function findRequestEvents(db: Executor, requestId: number, limit: number, offset: number) {
  return db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countRequestEvents(db: Executor, requestId: number): Promise<number> {
  const { n } = await db
    .selectFrom('request_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findPauses(db: Executor, requestId: number) {
  return db.selectFrom('request_pauses').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

/** Pauses of every request in the given statuses (for recomputing all open deadlines at once). */
export async function findPausesOfStatuses(db: Executor, statuses: readonly string[]) {
  return db
    .selectFrom('request_pauses as p')
    .innerJoin('requests as r', 'r.id', 'p.request_id')
    .select(['p.request_id', 'p.started_at', 'p.ended_at'])
    .where('r.status', 'in', [...statuses])
    .orderBy('p.id')
    .execute();
}

export async function findDeadlineFactsOfStatuses(db: Executor, statuses: readonly string[]) {
  return db
    .selectFrom('requests')
    .select(['id', 'received_at', 'identity_verified_at', 'identity_result', 'due_date', 'due_at', 'deadline_problem'])
    .where('status', 'in', [...statuses])
    .execute();
}

/** Sets the same deadline on many requests (grouped by result: open requests share few distinct due dates). */
export async function setDeadlineOfIds(
  db: Executor,
  ids: number[],
  deadline: { due_date: string | null; due_at: string | null; deadline_problem: string | null },
): Promise<void> {
  for (let i = 0; i < ids.length; i += 900) {
    await db.updateTable('requests').set(deadline).where('id', 'in', ids.slice(i, i + 900)).execute();
  }
}

// Pauses --------------------------------------------------------------------------------------

export async function insertPause(db: Executor, row: Insertable<RequestPausesTable>): Promise<void> {
  await db.insertInto('request_pauses').values(row).execute();
}

/** The pause of a request that has not ended yet, if any. */
export async function findOpenPause(db: Executor, requestId: number) {
  return db.selectFrom('request_pauses').select(['id', 'started_at', 'reason']).where('request_id', '=', requestId).where('ended_at', 'is', null).executeTakeFirst();
}

export async function endPause(db: Executor, pauseId: number, at: string, resumeReason: string): Promise<void> {
  await db.updateTable('request_pauses').set({ ended_at: at, resume_reason: resumeReason }).where('id', '=', pauseId).execute();
}

/** Ends every open pause of a request at `at` (it was refused or withdrawn while paused). */
export async function endOpenPauses(db: Executor, requestId: number, at: string): Promise<void> {
  await db.updateTable('request_pauses').set({ ended_at: at }).where('request_id', '=', requestId).where('ended_at', 'is', null).execute();
}

// Desk figures ----------------------------------------------------------------------------------

/**
 * Requests answered (responded or refused) in [from, to], and how many of them on time: at or before
 * their due time, as `answeredOnTime` in the timeliness rule says. With `tallied`, the whole UTC hours
 * from `tallied.fromHour` up to, not including, `tallied.beforeHour` are added from the answer
 * tallies, and [from, to] is only what lies after them (the current hour). One statement.
 */
export async function countRequestsAnswered(
  db: Executor,
  from: string,
  to: string,
  tallied?: { fromHour: string; beforeHour: string },
): Promise<{ answered: number; onTime: number }> {
  // Scalar subqueries, each one index range (a join of the two would scan its one-row sides).
  const range = 'from requests where responded_at >= ? and responded_at <= ?';
  const hours = 'from request_answer_tallies where hour >= ? and hour < ?';
  const n = `(select count(*) ${range})${tallied ? ` + (select coalesce(sum(n), 0) ${hours})` : ''}`;
  const onTime = `(select coalesce(sum(case when responded_at <= due_at then 1 else 0 end), 0) ${range})${tallied ? ` + (select coalesce(sum(case when on_time = 1 then n else 0 end), 0) ${hours})` : ''}`;
  const bounds = tallied ? [from, to, tallied.fromHour, tallied.beforeHour] : [from, to];
  const [row] = await rowsOf<{ n: number; on_time: number }>(db, `select ${n} as n, ${onTime} as on_time`, [...bounds, ...bounds]);
  return { answered: Number(row?.n ?? 0), onTime: Number(row?.on_time ?? 0) };
}

/**
 * Requests received since `since`, per kind: one range of the (kind, received_at) index per kind, so
 * that the count reads only the requests received since then, whatever the register's size.
 */
export async function countRequestsByKindSince(db: Executor, since: string): Promise<{ kind: string; count: number }[]> {
  const rows = await rowsOf<{ kind: string; n: number }>(
    db,
    `select k.value as kind, (select count(*) from ${requestsFrom(db, 'requests_kind_received_idx')} where r.kind = k.value and r.received_at >= ?) as n
     from ${jsonElementsText(db, 'k')}`,
    [since, JSON.stringify(REQUEST_KINDS)],
  );
  return rows.filter((r) => Number(r.n) > 0).map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/** Requests received since `since`, counted per UTC hour (`2026-11-17T06`). */
export async function countRequestsByUtcHourSince(db: Executor, since: string): Promise<{ hour: string; count: number }[]> {
  const rows = await db
    .selectFrom('requests')
    .select([utcHourOf(db, 'received_at').as('hour'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_at', '>=', since)
    .groupBy(utcHourOf(db, 'received_at'))
    .execute();
  return rows.map((r) => ({ hour: r.hour, count: Number(r.n) }));
}

/**
 * Requests received from the UTC hour `fromHour` ('2026-11-17T06') on, per kind, from the intake
 * tallies (triggers keep them with every write): one row per hour and kind is read, however many
 * requests those hours received.
 */
export async function intakeTalliesByKindFrom(db: Executor, fromHour: string): Promise<{ kind: string; count: number }[]> {
  const rows = await rowsOf<{ kind: string; n: number }>(db, 'select kind, sum(n) as n from request_intake_tallies where hour >= ? group by kind', [fromHour]);
  return rows.filter((r) => Number(r.n) > 0).map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/** Requests received between each two consecutive UTC hours of `bounds` (from the first, before the next), from the intake tallies. */
export async function intakeTalliesBetween(db: Executor, bounds: readonly string[]): Promise<number[]> {
  const ranges = bounds.slice(1).map((before, i) => [bounds[i]!, before]);
  if (ranges.length === 0) return [];
  const [row] = await rowsOf<Record<string, number | null>>(
    db,
    `select ${ranges.map((_, i) => `(select sum(n) from request_intake_tallies where hour >= ? and hour < ?) as w${i}`).join(', ')}`,
    ranges.flat(),
  );
  return ranges.map((_, i) => Number(row?.[`w${i}`] ?? 0));
}

/** Requests in `statuses` due by `dueBy` with no reminder sent on `day`, soonest first. */
export async function findRequestsToRemind(db: Executor, statuses: readonly string[], dueBy: string, day: string, limit: number) {
  return db
    .selectFrom('requests as r')
    .select(['r.id', 'r.reference', 'r.status', 'r.due_at', 'r.due_date'])
    .where('r.status', 'in', [...statuses])
    .where('r.due_at', '<=', dueBy)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('request_reminders as m').select('m.day').whereRef('m.request_id', '=', 'r.id').where('m.day', '=', day))))
    .orderBy('r.due_at')
    .limit(limit)
    .execute();
}

export async function insertReminders(db: Executor, rows: { request_id: number; day: string; state: string; sent_at: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db.insertInto('request_reminders').values(rows.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute();
  }
}

// Reports -----------------------------------------------------------------------------------------

/** The columns a requests report reads. */
const REPORT_COLUMNS = [
  'id',
  'reference',
  'channel',
  'received_at',
  'requester_name',
  'requester_contact',
  'account_ref',
  'kind',
  'details',
  'concerns_minor',
  'assignee',
  'status',
  'due_date',
  'due_at',
  'deadline_problem',
  'responded_at',
  'closed_at',
] as const;

/** Requests received in [start, end) (either open), after `afterId` in id order: a report's next batch. */
export async function findRequestsReceivedBetween(db: Executor, bounds: { start?: string; end?: string }, afterId: number, limit: number) {
  let query = db.selectFrom('requests').select(REPORT_COLUMNS).where('id', '>', afterId);
  if (bounds.start) query = query.where('received_at', '>=', bounds.start);
  if (bounds.end) query = query.where('received_at', '<', bounds.end);
  return query.orderBy('id').limit(limit).execute();
}

// Retention -----------------------------------------------------------------------------------------

/** Closed requests closed at or before `cutoff` whose requester is not anonymised yet. */
export async function findIdsOfRequestsClosedBefore(db: Executor, cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom('requests')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_at', '<=', cutoff)
    .where('anonymised_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Empties the requester's details and every written text of these requests (the request, its
 * timeline and its pauses), keeping dates, kinds and statuses for statistics.
 */
/**
 * Removes the requester's details of these requests, and the files kept with them (their rows;
 * answers the files those rows named, for the caller to remove once nothing else keeps them).
 */
export async function anonymiseRequesters(db: Executor, ids: readonly number[], now: string): Promise<Array<{ sha256: string; file_name: string }>> {
  const files: Array<{ sha256: string; file_name: string }> = [];
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900);
    await db
      .updateTable('requests')
      .set((eb) => ({
        requester_name: '',
        requester_contact: '',
        account_ref: '',
        details: '',
        response_summary: '',
        refusal_note: '',
        anonymised_at: now,
        updated_at: now,
        revision: eb('revision', '+', 1),
      }))
      .where('id', 'in', chunk)
      .execute();
    await db.updateTable('request_events').set({ text: '' }).where('request_id', 'in', chunk).execute();
    await db.updateTable('request_pauses').set({ reason: '', resume_reason: '' }).where('request_id', 'in', chunk).execute();
    files.push(...(await db.deleteFrom('request_attachments').where('request_id', 'in', chunk).returning(['sha256', 'file_name']).execute()));
  }
  return files;
}

/** After the anonymisation has committed: no old version of these rows keeps the requester's text (db/dialect.ts). */
export async function forgetAnonymisedText(db: Kysely<Database>): Promise<void> {
  await dropOldRowVersions(db, ['requests', 'request_events', 'request_pauses', 'request_attachments']);
}

/** The references among `references` that a request already has. */
export async function findExistingReferences(db: Executor, references: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < references.length; i += 500) {
    const rows = await db.selectFrom('requests').select('reference').where('reference', 'in', references.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.reference);
  }
  return found;
}

/** Raises a year's reference counter to at least `number` (an imported REQ-YYYY-NNNN), so that new references never repeat it. */
export async function raiseReferenceCounter(db: Executor, year: number, number: number): Promise<void> {
  await db
    .insertInto('request_counters')
    .values({ year, last_number: number })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: greatestOf(db, eb.ref('request_counters.last_number'), number) })))
    .execute();
}
