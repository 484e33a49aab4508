import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { SdkSortField } from '@shared/domain/sdks';
import type { SdkReviewsTable, SdksTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { pageOffset } from '../db/query';
import { sharingTextMatches, unindexed } from '../db/dialect';

export interface SdkFilters {
  search: string;
  vendorPartnerId?: number;
  platform?: string;
  status?: string;
  /** A search's page walks the order's index (db/query.ts `searchedPage`). */
  walkOrder?: boolean;
}

const SORT: Record<SdkSortField, string> = {
  name: 'k.name',
  vendor: 'p.name',
  platform: 'k.platform',
  // Stored on the SDK, kept with its reviews by triggers: the same date as its latest review's.
  lastReviewedOn: 'k.last_reviewed_on',
  updatedAt: 'k.updated_at',
};

/** The newest review of each SDK (by date, then id), as a subquery to join on `sdk_id`. */
export function latestReviewPerSdk(db: Executor) {
  return db
    .selectFrom('sdk_reviews as r')
    .select(['r.sdk_id', 'r.version', 'r.reviewer', 'r.reviewed_on', 'r.result', 'r.findings', 'r.next_review_due'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sdk_reviews as r2')
            .select(sql.lit(1).as('one'))
            .whereRef('r2.sdk_id', '=', 'r.sdk_id')
            .where(sql<boolean>`(r2.reviewed_on > r.reviewed_on or (r2.reviewed_on = r.reviewed_on and r2.id > r.id))`),
        ),
      ),
    );
}

/** SDKs in use (alias `k`), with their id and name as the label: the base of the SDK gap checks. */
export function selectActiveSdkLabels(db: Executor) {
  return db.selectFrom('sdks as k').select(['k.id', 'k.name as label']).where('k.status', '=', 'active');
}

/**
 * SDKs with their vendor and latest review. `vendorFirst`: the partners walked first, in the order of
 * their name index, each one's SDKs then — SQLite keeps a CROSS JOIN's order, so that a page sorted
 * by vendor is read in its order whatever the filters, never sorted.
 */
function filteredSdks(db: Executor, f: SdkFilters, vendorFirst = false) {
  let q = (
    vendorFirst
      ? db.selectFrom('partners as p').crossJoin('sdks as k').whereRef('k.vendor_partner_id', '=', 'p.id')
      : db.selectFrom('sdks as k').innerJoin('partners as p', 'p.id', 'k.vendor_partner_id')
  ).leftJoin(latestReviewPerSdk(db).as('lr'), 'lr.sdk_id', 'k.id');
  for (const condition of sdkConditions(db, f)) q = q.where(condition);
  return q;
}

/**
 * The list's filters on the SDKs' own columns (alias `k`). A search keeps the SDKs whose name or
 * vendor's name contains it (one character: begins with it), each found through its search index
 * rather than the joined name tested for every SDK (the vendor is an inner join on a required key: the same SDKs).
 */
function sdkConditions(db: Executor, f: SdkFilters): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.vendorPartnerId) where.push(sql<SqlBool>`k.vendor_partner_id = ${f.vendorPartnerId}`);
  if (f.platform) where.push(sql<SqlBool>`k.platform = ${f.platform}`);
  if (f.status) where.push(sql<SqlBool>`k.status = ${f.status}`);
  const search = f.search.trim();
  if (search) {
    const vendors = sharingTextMatches(db, 'partners', ['name'], search);
    const tested = (name: string) => (f.walkOrder ? unindexed(db, name) : sql.raw(name));
    where.push(sql<SqlBool>`(${tested('k.id')} in (${sharingTextMatches(db, 'sdks', ['name'], search)}) or ${tested('k.vendor_partner_id')} in (${vendors}))`);
  }
  return where;
}

/** One page of SDKs with their vendor's name, their latest review and how many reviews they have. */
export function findSdkPage(db: Executor, f: SdkFilters, sort: { by: SdkSortField; dir: 'asc' | 'desc' }, page: number, pageSize: number) {
  return filteredSdks(db, f, sort.by === 'vendor')
    .select([
      'k.id',
      'k.name',
      'k.vendor_partner_id',
      'p.name as vendor_name',
      'k.platform',
      'k.status',
      'k.revision',
      'k.updated_at',
      'lr.version as last_version',
      'lr.reviewed_on as last_reviewed_on',
      'lr.result as last_result',
      'lr.next_review_due',
    ])
    .select((eb) => eb.selectFrom('sdk_reviews as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.sdk_id', '=', 'k.id').as('review_count'))
    .orderBy(sql.ref(SORT[sort.by]), sort.dir)
    // By vendor: each vendor's SDKs together, read along the partners' name index, never sorted.
    .$if(sort.by === 'vendor', (q) => q.orderBy('p.id', sort.dir))
    .orderBy('k.id', sort.dir)
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
}

/**
 * How many SDKs the platform and status filters alone keep: a sum over sdk_tallies (kept by
 * triggers: migration 2026_12_02_1710), never the SDKs. Null for a search or one vendor's SDKs,
 * counted through their indexes.
 */
export function sdkTallyQuery(db: Executor, f: SdkFilters) {
  if (f.search.trim() || f.vendorPartnerId) return null;
  let q = db.selectFrom('sdk_tallies');
  if (f.platform) q = q.where('platform', '=', f.platform);
  if (f.status) q = q.where('status', '=', f.status);
  return q.select(sql<number>`coalesce(sum(n), 0)`.as('n'));
}

export async function countSdks(db: Executor, f: SdkFilters): Promise<number> {
  const tallied = sdkTallyQuery(db, f);
  if (tallied) return Number((await tallied.executeTakeFirstOrThrow()).n);
  // Neither the vendor (an inner join on a required key) nor the latest review (a left join, one row or none) changes the count: the SDKs alone.
  let q = db.selectFrom('sdks as k');
  for (const condition of sdkConditions(db, f)) q = q.where(condition);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export function findSdkById(db: Executor, id: number) {
  return db
    .selectFrom('sdks as k')
    .innerJoin('partners as p', 'p.id', 'k.vendor_partner_id')
    .selectAll('k')
    .select('p.name as vendor_name')
    .where('k.id', '=', id)
    .executeTakeFirst();
}
export type SdkJoinedRow = NonNullable<Awaited<ReturnType<typeof findSdkById>>>;

export async function insertSdk(db: Executor, row: Insertable<SdksTable>): Promise<number> {
  const { id } = await db.insertInto('sdks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates only when the stored revision is still `revision`; answers how many rows changed (0 or 1). */
export async function updateSdkAtRevision(db: Executor, id: number, revision: number, changes: Updateable<SdksTable>): Promise<number> {
  const r = await db.updateTable('sdks').set({ ...changes, revision: revision + 1 }).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteSdkAtRevision(db: Executor, id: number, revision: number): Promise<number> {
  const r = await db.deleteFrom('sdks').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- reviews ----

/** An SDK's reviews (or the one given), newest first. */
export function findReviewsOfSdk(db: Executor, sdkId: number, reviewId?: number) {
  let q = db.selectFrom('sdk_reviews').selectAll().where('sdk_id', '=', sdkId);
  if (reviewId) q = q.where('id', '=', reviewId);
  return q.orderBy('reviewed_on', 'desc').orderBy('id', 'desc').execute();
}

/** The categories the reviews say the SDK collects, by code. */
export function findReviewCategories(db: Executor, reviewIds: number[]) {
  return db
    .selectFrom('sdk_review_categories as rc')
    .innerJoin('collection_categories as c', 'c.id', 'rc.category_id')
    .select(['rc.review_id', 'c.id', 'c.code', 'c.name'])
    .where('rc.review_id', 'in', reviewIds)
    .orderBy('c.code')
    .execute();
}

export function findReviewPermissions(db: Executor, reviewIds: number[]) {
  return db.selectFrom('sdk_review_permissions').selectAll().where('review_id', 'in', reviewIds).orderBy('position').execute();
}

export async function findReviewSdkId(db: Executor, reviewId: number): Promise<number | undefined> {
  const row = await db.selectFrom('sdk_reviews').select(['sdk_id']).where('id', '=', reviewId).executeTakeFirst();
  return row?.sdk_id;
}

export async function insertReview(db: Executor, row: Insertable<SdkReviewsTable>): Promise<number> {
  const { id } = await db.insertInto('sdk_reviews').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateReviewAtRevision(db: Executor, id: number, revision: number, changes: Updateable<SdkReviewsTable>): Promise<number> {
  const r = await db
    .updateTable('sdk_reviews')
    .set({ ...changes, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes a review's categories and permissions, before they are written again. */
export async function deleteReviewChildren(db: Executor, reviewId: number): Promise<void> {
  await db.deleteFrom('sdk_review_categories').where('review_id', '=', reviewId).execute();
  await db.deleteFrom('sdk_review_permissions').where('review_id', '=', reviewId).execute();
}

export async function insertReviewCategories(db: Executor, reviewId: number, categoryIds: number[]): Promise<void> {
  if (categoryIds.length === 0) return;
  await db.insertInto('sdk_review_categories').values(categoryIds.map((category_id) => ({ review_id: reviewId, category_id }))).execute();
}

export async function insertReviewPermissions(
  db: Executor,
  reviewId: number,
  permissions: { name: string; required: number; purpose: string }[],
): Promise<void> {
  if (permissions.length === 0) return;
  await db
    .insertInto('sdk_review_permissions')
    .values(permissions.map((p, position) => ({ review_id: reviewId, position, ...p })))
    .execute();
}

/** SDKs after `afterId`, in id order, `limit` at a time, with their vendor's name and their latest review (left-joined: an SDK never reviewed has empty review columns). */
export function findSdksWithLatestReviewAfter(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('sdks as s')
    .innerJoin('partners as p', 'p.id', 's.vendor_partner_id')
    .leftJoin(latestReviewPerSdk(db).as('r'), 'r.sdk_id', 's.id')
    .select([
      's.id',
      's.name as sdk',
      'p.name as vendor',
      's.platform',
      's.purpose',
      's.policy_clause as sdk_clause',
      's.status as sdk_status',
      'r.version',
      'r.reviewer',
      'r.reviewed_on',
      'r.result',
      'r.findings',
      'r.next_review_due',
    ])
    .where('s.id', '>', afterId)
    .orderBy('s.id')
    .limit(limit)
    .execute();
}

/** Whether an SDK of this name is already registered for this platform (the pair is unique). */
export async function sdkExists(db: Executor, name: string, platform: string): Promise<boolean> {
  const row = await db.selectFrom('sdks').select('id').where('name', '=', name).where('platform', '=', platform).executeTakeFirst();
  return row !== undefined;
}
