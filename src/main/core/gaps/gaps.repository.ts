import { sql, type Insertable, type Updateable } from 'kysely';
import type { GapListFilter, GapStatus } from '@shared/domain/gaps';
import type { Executor } from '../db/executor';
import type { GapDecisionsTable } from '../db/schema';
import { pageOffset } from '../db/query';
import type { GapCheck, GapRow } from './gap-check';

/** What a check's query builds: every record it concerns, as (id, label, detail). */
type GapQuery = ReturnType<GapCheck['query']>;

/**
 * The status a gap has on `today`, as SQL over its decision `d` (null when none): the same rule as
 * `gapStatusOf` in src/shared (a unit test holds them together). An acceptance or a "not
 * applicable" holds through its review date; after it the gap is open again.
 */
export function gapStatusSql(today: string) {
  return sql<GapStatus>`case when d.id is not null and ${decisionHolds('d', today)} then d.decision else 'open' end`;
}

/** Whether the decision `alias` names holds on `today`: in hand, or accepted or not applicable through its review date. Else its gap is open. */
const decisionHolds = (alias: string, today: string) =>
  sql<boolean>`(${sql.ref(`${alias}.decision`)} = 'in_hand' or ${sql.ref(`${alias}.review_on`)} >= ${today})`;

/**
 * A check's records, each with its decision (if any) and its status today. `decided`: only those
 * with a decision; both engines then join the decisions as an inner join, and read the check's few
 * decisions first instead of every record the check concerns.
 */
function withDecisions(db: Executor, checkId: string, query: GapQuery, today: string, decided = false) {
  const q = db
    .selectFrom(query.as('gap'))
    .leftJoin('gap_decisions as d', (join) => join.on('d.check_id', '=', checkId).onRef('d.record_id', '=', 'gap.id'));
  return (decided ? q.where('d.id', 'is not', null) : q)
    .selectAll('gap')
    .select([
      'd.id as decision_id',
      'd.decision',
      'd.owner',
      'd.due_on',
      'd.reason',
      'd.review_on',
      'd.revision as decision_revision',
      'd.updated_at as decided_at',
    ])
    .select(gapStatusSql(today).as('status'));
}

const FILTER_STATUSES: Record<Exclude<GapListFilter, 'all'>, GapStatus[]> = {
  open: ['open'],
  in_hand: ['in_hand'],
  settled: ['accepted', 'not_applicable'],
};

function filtered(db: Executor, checkId: string, query: GapQuery, today: string, filter: GapListFilter) {
  // A gap in hand or settled has a decision (an open one may have none): those lists start from the decisions.
  const decided = filter === 'in_hand' || filter === 'settled';
  const q = db.selectFrom(withDecisions(db, checkId, query, today, decided).as('g')).selectAll('g');
  if (filter === 'all') return q;
  // Open: no decision of the gap holds. Tested so, not on the status of the joined decision, which
  // PostgreSQL takes to match one record in 200: it then tested every partner of a gap check for
  // flows and agreements before sorting them (15 ms at 10,000), where the order's index finds the
  // page in 0.3 ms.
  if (filter === 'open') {
    return q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('gap_decisions as x').select(sql.lit(1).as('one')).where('x.check_id', '=', checkId).whereRef('x.record_id', '=', 'g.id').where(decisionHolds('x', today)))),
    );
  }
  return q.where('g.status', 'in', FILTER_STATUSES[filter]);
}

/** How many of a check's records stand in each status today, counted in the database. */
export async function countGapRowsByStatus(db: Executor, checkId: string, query: GapQuery, today: string): Promise<Record<GapStatus, number>> {
  const rows = await db
    .selectFrom(withDecisions(db, checkId, query, today).as('g'))
    .select(['g.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('g.status')
    .execute();
  const counts: Record<GapStatus, number> = { open: 0, in_hand: 0, accepted: 0, not_applicable: 0 };
  for (const r of rows) counts[r.status as GapStatus] = Number(r.n);
  return counts;
}

/** How many records a check's list shows under a filter, from its counts by status (`countGapRowsByStatus`). */
export function countUnderFilter(counts: Record<GapStatus, number>, filter: GapListFilter): number {
  const statuses = filter === 'all' ? (Object.keys(counts) as GapStatus[]) : FILTER_STATUSES[filter];
  return statuses.reduce((n, status) => n + counts[status], 0);
}

/** A check's record with its decision (the decision's columns null when there is none) and its status today. */
export interface GapRowWithDecision extends GapRow {
  decision_id: number | null;
  decision: string | null;
  owner: string | null;
  due_on: string | null;
  reason: string | null;
  review_on: string | null;
  decision_revision: number | null;
  decided_at: string | null;
  status: GapStatus;
}

/** One page of a check's records with their decisions, ordered by label then id. */
export async function findGapRowPage(db: Executor, checkId: string, query: GapQuery, today: string, page: number, pageSize: number, filter: GapListFilter = 'all'): Promise<GapRowWithDecision[]> {
  const rows = await filtered(db, checkId, query, today, filter).orderBy('g.label').orderBy('g.id').limit(pageSize).offset(pageOffset(page, pageSize)).execute();
  return rows as GapRowWithDecision[];
}

const NO_DECISION = { decision_id: null, decision: null, owner: null, due_on: null, reason: null, review_on: null, decision_revision: null, decided_at: null, status: 'open' } as const;

/** The check's records of `ids`, in that order, each open and without a decision (a check that takes none). */
export async function findUndecidedGapRows(db: Executor, query: GapQuery, ids: readonly number[]): Promise<GapRowWithDecision[]> {
  if (ids.length === 0) return [];
  const rows = (await db.selectFrom(query.as('gap')).selectAll('gap').where('gap.id', 'in', [...ids]).execute()) as GapRow[];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, ...NO_DECISION }] : [];
  });
}

/** One record of a check with its decision, if the check concerns it now. */
export async function findGapRowWithDecision(db: Executor, checkId: string, query: GapQuery, today: string, recordId: number): Promise<GapRowWithDecision | undefined> {
  const row = await db.selectFrom(withDecisions(db, checkId, query, today).as('g')).selectAll('g').where('g.id', '=', recordId).executeTakeFirst();
  return row as GapRowWithDecision | undefined;
}

/** The record, if the check concerns it now. */
export async function findGapRow(db: Executor, query: GapQuery, recordId: number): Promise<GapRow | undefined> {
  const row = await db.selectFrom(query.as('gap')).selectAll('gap').where('gap.id', '=', recordId).executeTakeFirst();
  return row as GapRow | undefined;
}

export function findGapDecision(db: Executor, checkId: string, recordId: number) {
  return db.selectFrom('gap_decisions').selectAll().where('check_id', '=', checkId).where('record_id', '=', recordId).executeTakeFirst();
}
export type GapDecisionRow = NonNullable<Awaited<ReturnType<typeof findGapDecision>>>;

export async function insertGapDecision(db: Executor, row: Insertable<GapDecisionsTable>): Promise<number> {
  const { id } = await db.insertInto('gap_decisions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateGapDecisionAtRevision(db: Executor, id: number, revision: number, changes: Updateable<GapDecisionsTable>): Promise<number> {
  const r = await db.updateTable('gap_decisions').set({ ...changes, revision: revision + 1 }).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteGapDecisionAtRevision(db: Executor, id: number, revision: number): Promise<number> {
  const r = await db.deleteFrom('gap_decisions').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numDeletedRows);
}
