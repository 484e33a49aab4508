import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { FlowSortField } from '@shared/domain/partners';
import type { SharingFlowsTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { likeContains, pageOffset } from '../db/query';
import { beginsWith, isPostgres, sharingTextHeld, sharingTextMatches, unindexed } from '../db/dialect';

export interface FlowFilters {
  search: string;
  partnerId?: number;
  categoryId?: number;
  method?: string;
  crossBorder?: boolean;
  /** A search's page walks the order's index (db/query.ts `searchedPage`). */
  walkOrder?: boolean;
}

const FLOW_SORT: Record<FlowSortField, 'p.name' | 'c.code' | 's.purpose' | 's.updated_at'> = {
  partner: 'p.name',
  category: 'c.code',
  purpose: 's.purpose',
  updatedAt: 's.updated_at',
};

/**
 * Flows with their partner and category. `lead`: the partners (or the categories) walked first, in
 * the order of their name (code) index, each one's flows then — SQLite keeps a CROSS JOIN's order,
 * so that a page sorted by partner or category is read in its order whatever the filters, never sorted.
 */
function flowsJoined(db: Executor, lead: 'partner' | 'category' | null = null) {
  if (lead === 'partner') {
    return db
      .selectFrom('partners as p')
      .crossJoin('sharing_flows as s')
      .whereRef('s.partner_id', '=', 'p.id')
      .innerJoin('collection_categories as c', 'c.id', 's.category_id');
  }
  if (lead === 'category') {
    return db
      .selectFrom('collection_categories as c')
      .crossJoin('sharing_flows as s')
      .whereRef('s.category_id', '=', 'c.id')
      .innerJoin('partners as p', 'p.id', 's.partner_id');
  }
  return db
    .selectFrom('sharing_flows as s')
    .innerJoin('partners as p', 'p.id', 's.partner_id')
    .innerJoin('collection_categories as c', 'c.id', 's.category_id');
}

/**
 * The filters of the flows list on the flows' own columns (alias `s`). A search finds the flows
 * whose purpose, the partners whose names and the categories whose codes or names contain it
 * (one character: begin with it), each through its index, and keeps the flows of those: the same
 * flows as testing the joined names on every flow, as both joins are inner joins on required keys.
 */
function flowConditions(db: Executor, f: FlowFilters): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.partnerId) where.push(sql<SqlBool>`s.partner_id = ${f.partnerId}`);
  if (f.categoryId) where.push(sql<SqlBool>`s.category_id = ${f.categoryId}`);
  // One partner's or one category's flows (a few thousand at most): walked in the order's index for
  // that partner or category, the method and the border tested on each, rather than found by the
  // (category, border, method) indexes and then sorted. Without either, those indexes serve the
  // orders by category and by partner (migration 2026_12_02_1610).
  const column = (name: string) => (f.partnerId || f.categoryId ? unindexed(db, name) : sql.raw(name));
  if (f.method) where.push(sql<SqlBool>`${column('s.method')} = ${f.method}`);
  if (f.crossBorder !== undefined) where.push(sql<SqlBool>`${column('s.cross_border')} = ${f.crossBorder ? 1 : 0}`);
  const search = f.search.trim();
  if (search) {
    const partners = sharingTextMatches(db, 'partners', ['name'], search);
    const flows = sharingTextMatches(db, 'sharing_flows', ['purpose'], search);
    const categories = matchingCategories(db, search);
    const tested = (name: string) => (f.walkOrder ? unindexed(db, name) : sql.raw(name));
    where.push(sql<SqlBool>`(${tested('s.id')} in (${flows}) or ${tested('s.partner_id')} in (${partners}) or ${tested('s.category_id')} in (${categories}))`);
  }
  return where;
}

/** The categories whose codes or names hold a search (one character: begin with it), sixty or so read from one narrow index. */
function matchingCategories(db: Executor, search: string) {
  const short = [...search].length === 1;
  const category = (column: string) => (short ? beginsWith(db, column, search) : likeContains(db, sql.ref(column), search));
  return db
    .selectFrom('collection_categories as mc')
    .select('mc.id')
    .where((e) => e.or([category('mc.code'), category('mc.name')]));
}

function filteredFlows(db: Executor, f: FlowFilters, lead: 'partner' | 'category' | null = null) {
  if (lead && f.walkOrder && isPostgres(db)) return walkedFlows(db, f, lead);
  let q = flowsJoined(db, lead);
  for (const condition of flowConditions(db, f)) q = q.where(condition);
  return q;
}

/**
 * A search's dense matches on PostgreSQL, by partner or category: the partners (categories) walked
 * in their order's index, each one's matching flows then read through its own index. Written as a
 * lateral subquery behind OFFSET 0, which PostgreSQL cannot flatten: flattened, it misjudged how
 * many flows a search keeps and read every flow of the filters, joined and sorted them (at 100,000
 * flows, "04" among the API flows, 8,091 of 25,000: 25 ms; walked, 1.7 ms).
 */
function walkedFlows(db: Executor, f: FlowFilters, lead: 'partner' | 'category') {
  const own = lead === 'partner' ? sql`s.partner_id = p.id` : sql`s.category_id = c.id`;
  const where = sql<SqlBool>`${sql.join([own, ...flowConditions(db, f)], sql` and `)}`;
  if (lead === 'partner') {
    return db
      .selectFrom('partners as p')
      .crossJoinLateral((eb) => eb.selectFrom('sharing_flows as s').selectAll('s').where(where).offset(sql.lit(0)).as('s'))
      .innerJoin('collection_categories as c', 'c.id', 's.category_id')
      .$if(Boolean(f.partnerId), (q) => q.where('p.id', '=', f.partnerId!));
  }
  return db
    .selectFrom('collection_categories as c')
    .crossJoinLateral((eb) => eb.selectFrom('sharing_flows as s').selectAll('s').where(where).offset(sql.lit(0)).as('s'))
    .innerJoin('partners as p', 'p.id', 's.partner_id')
    .$if(Boolean(f.categoryId), (q) => q.where('c.id', '=', f.categoryId!));
}

const FLOW_COLUMNS = [
  's.id',
  's.partner_id',
  's.category_id',
  's.purpose',
  's.method',
  's.frequency',
  's.cross_border',
  's.cross_border_mechanism',
  's.policy_clause',
  's.notes',
  's.revision',
  's.created_at',
  's.updated_at',
  'p.name as partner_name',
  'p.status as partner_status',
  'c.code as category_code',
  'c.name as category_name',
] as const;

export async function findFlowPage(db: Executor, f: FlowFilters, sort: { by: FlowSortField; dir: 'asc' | 'desc' }, page: number, pageSize: number) {
  // By partner or category, walked in that order, unless a search's matches are few (not
  // `walkOrder`): those are found through the search indexes and sorted, instead of walking every
  // partner's or category's flows past the rows that do not match.
  const walked = !f.search.trim() || f.walkOrder;
  return filteredFlows(db, f, walked && (sort.by === 'partner' || sort.by === 'category') ? sort.by : null)
    .select(FLOW_COLUMNS)
    .orderBy(FLOW_SORT[sort.by], sort.dir)
    // By partner or category: each one's flows together, read along its index and never sorted.
    .$if(sort.by === 'partner', (q) => q.orderBy('p.id', sort.dir))
    .$if(sort.by === 'category', (q) => q.orderBy('c.id', sort.dir))
    .orderBy('s.id', sort.dir)
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
}

export async function countFlows(db: Executor, f: FlowFilters): Promise<number> {
  const tallied = flowTallyQuery(db, f);
  if (tallied) return Number((await tallied.executeTakeFirstOrThrow()).n);
  const search = f.search.trim();
  if (search && !f.partnerId && !f.categoryId && !f.method && f.crossBorder === undefined) return countSearchAlone(db, search);
  // The joins cannot change the count (both are inner joins on required keys): the flows alone.
  let q = db.selectFrom('sharing_flows as s');
  for (const condition of flowConditions(db, f)) q = q.where(condition);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * How many flows a search without other filters finds, from what it matches rather than from every
 * flow: the flows of the matching partners and of the matching categories from their tallies (a row
 * per partner, and per category, method and border, kept by triggers), less the flows counted twice
 * (a matching partner's in a matching category, through the category's index), plus the flows whose
 * purpose matches but neither their partner nor their category. Testing each flow against the three
 * sets instead reads all of them: at 100,000 flows on PostgreSQL, "04" (28,865) 13 ms against
 * 3.6 ms so, "合作方" (every flow) 13.6 against 4.9.
 */
async function countSearchAlone(db: Executor, search: string): Promise<number> {
  const partners = sharingTextMatches(db, 'partners', ['name'], search);
  const categories = matchingCategories(db, search);
  const { n } = await db
    .selectNoFrom(
      sql<number>`(select coalesce(sum(t.n), 0) from partner_flow_tallies t where t.partner_id in (${partners}))
        + (select coalesce(sum(t.n), 0) from sharing_flow_tallies t where t.category_id in (${categories}))
        - (select count(*) from sharing_flows s where s.category_id in (${categories}) and s.partner_id in (${partners}))
        + (select count(*) from sharing_flows s where ${sharingTextHeld(db, 'sharing_flows', 's', ['purpose'], search)} and s.partner_id not in (${partners}) and s.category_id not in (${categories}))`.as('n'),
    )
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * How many flows the category, method and cross-border filters alone keep: a sum over
 * sharing_flow_tallies (one row per category, method and border, kept by triggers: migration
 * 2026_12_02_1710), never the flows, however many match. Null for a search or one partner's flows,
 * which are counted through their indexes.
 */
export function flowTallyQuery(db: Executor, f: FlowFilters) {
  if (f.search.trim() || f.partnerId) return null;
  let q = db.selectFrom('sharing_flow_tallies');
  if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
  if (f.method) q = q.where('method', '=', f.method);
  if (f.crossBorder !== undefined) q = q.where('cross_border', '=', f.crossBorder ? 1 : 0);
  return q.select(sql<number>`coalesce(sum(n), 0)`.as('n'));
}

export function findFlowById(db: Executor, id: number) {
  return flowsJoined(db).select(FLOW_COLUMNS).where('s.id', '=', id).executeTakeFirst();
}
export type FlowJoinedRow = NonNullable<Awaited<ReturnType<typeof findFlowById>>>;

export function findFlowByKey(db: Executor, partnerId: number, categoryId: number, purpose: string) {
  return db
    .selectFrom('sharing_flows')
    .select('id')
    .where('partner_id', '=', partnerId)
    .where('category_id', '=', categoryId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

export async function insertFlow(db: Executor, row: Insertable<SharingFlowsTable>): Promise<number> {
  const { id } = await db.insertInto('sharing_flows').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateFlowAtRevision(db: Executor, id: number, revision: number, changes: Updateable<SharingFlowsTable>) {
  const r = await db.updateTable('sharing_flows').set({ ...changes, revision: revision + 1 }).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteFlowAtRevision(db: Executor, id: number, revision: number) {
  const r = await db.deleteFrom('sharing_flows').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Every flow (alias `s`) by its id, as "partner → category", linking to its partner (`link_id`), its purpose as the detail: the base of the flow gap checks. */
export function selectFlowLabels(db: Executor) {
  return flowsJoined(db).select(['s.id', 'p.id as link_id', sql<string>`p.name || ' → ' || c.name`.as('label'), 's.purpose as detail']);
}

/** Sharing flows after `afterId`, in id order, `limit` at a time, joined to their partner's name and category's code. */
export function findFlowsAfter(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('sharing_flows as f')
    .innerJoin('partners as p', 'p.id', 'f.partner_id')
    .innerJoin('collection_categories as c', 'c.id', 'f.category_id')
    .select(['f.id', 'p.name as partner', 'c.code as category', 'f.purpose', 'f.method', 'f.frequency', 'f.cross_border', 'f.cross_border_mechanism', 'f.policy_clause', 'f.notes'])
    .where('f.id', '>', afterId)
    .orderBy('f.id')
    .limit(limit)
    .execute();
}
