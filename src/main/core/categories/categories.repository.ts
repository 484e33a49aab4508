import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { CategoryListInput, CategorySortField } from '@shared/domain/categories';
import type { CollectionCategoriesTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { likeContains, pageOffset } from '../db/query';
import { unindexed } from '../db/dialect';

export type CategoryRow = Selectable<CollectionCategoriesTable>;
export type ListFilters = Required<Pick<CategoryListInput, 'search'>> &
  Pick<CategoryListInput, 'stage' | 'sensitive' | 'status'>;

const SORT_COLUMNS: Record<CategorySortField, 'code' | 'name' | 'stage' | 'updated_at'> = {
  code: 'code',
  name: 'name',
  stage: 'stage',
  updatedAt: 'updated_at',
};

function filtered(db: Executor, filters: ListFilters) {
  let query = db.selectFrom('collection_categories as c');
  // With a status or sensitivity filter, that filter's index in the list's order leads and the stage
  // is tested on each row (a handful of stages), rather than found by (filter, stage) and sorted.
  const stageLeads = filters.status === undefined && filters.sensitive === undefined;
  if (filters.stage) query = query.where(stageLeads ? sql.ref('c.stage') : unindexed(db, 'c.stage'), '=', filters.stage);
  if (filters.status) query = query.where('c.status', '=', filters.status);
  if (filters.sensitive !== undefined) query = query.where('c.sensitive', '=', filters.sensitive ? 1 : 0);
  const search = filters.search.trim();
  if (search) {
    query = query.where((eb) =>
      eb.or([
        likeContains(db, sql.ref('c.code'), search),
        likeContains(db, sql.ref('c.name'), search),
        eb.exists(
          eb
            .selectFrom('category_data_items as i')
            .select(sql.lit(1).as('one'))
            .whereRef('i.category_id', '=', 'c.id')
            .where(likeContains(db, sql.ref('i.item'), search)),
        ),
      ]),
    );
  }
  return query;
}

export async function findCategoryPage(
  db: Executor,
  filters: ListFilters,
  sort: { by: CategorySortField; dir: 'asc' | 'desc' },
  page: number,
  pageSize: number,
) {
  const rows = await filtered(db, filters)
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.stage',
      'c.sensitive',
      'c.sensitive_kind',
      'c.legal_basis',
      'c.policy_clause',
      'c.status',
      'c.revision',
      'c.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('category_data_items as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.category_id', '=', 'c.id')
        .as('data_item_count'),
    )
    .orderBy(`c.${SORT_COLUMNS[sort.by]}`, sort.dir)
    .orderBy('c.id', sort.dir)
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
  return rows;
}

export async function countCategories(db: Executor, filters: ListFilters): Promise<number> {
  const { n } = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findCategoryById(db: Executor, id: number): Promise<CategoryRow | undefined> {
  return db.selectFrom('collection_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCategoryByCode(db: Executor, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('collection_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findDataItems(db: Executor, categoryId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('category_data_items')
    .select('item')
    .where('category_id', '=', categoryId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.item);
}

export async function insertCategory(db: Executor, row: Insertable<CollectionCategoriesTable>): Promise<number> {
  const { id } = await db.insertInto('collection_categories').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates only when the stored revision is still `revision`; answers how many rows changed (0 or 1). */
export async function updateCategoryAtRevision(
  db: Executor,
  id: number,
  revision: number,
  changes: Updateable<CollectionCategoriesTable>,
): Promise<number> {
  const result = await db
    .updateTable('collection_categories')
    .set({ ...changes, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function replaceDataItems(db: Executor, categoryId: number, items: string[]): Promise<void> {
  await db.deleteFrom('category_data_items').where('category_id', '=', categoryId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('category_data_items')
    .values(items.map((item, position) => ({ category_id: categoryId, position, item })))
    .execute();
}

export async function deleteCategoryAtRevision(db: Executor, id: number, revision: number): Promise<number> {
  const result = await db
    .deleteFrom('collection_categories')
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Which of the ids name a category. */
export async function findExistingCategoryIds(db: Executor, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('collection_categories').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export async function countAllCategories(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('collection_categories')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The sharing flows (partner, purpose) and SDK reviews (SDK, version) that name the category, 50 of each at most. */
export async function findCategoryDependents(db: Executor, categoryId: number) {
  const [flows, reviews] = await Promise.all([
    db
      .selectFrom('sharing_flows as s')
      .innerJoin('partners as p', 'p.id', 's.partner_id')
      .select(['p.name', 's.purpose'])
      .where('s.category_id', '=', categoryId)
      .orderBy('p.name')
      .limit(50)
      .execute(),
    db
      .selectFrom('sdk_review_categories as rc')
      .innerJoin('sdk_reviews as r', 'r.id', 'rc.review_id')
      .innerJoin('sdks as k', 'k.id', 'r.sdk_id')
      .select(['k.name', 'r.version'])
      .where('rc.category_id', '=', categoryId)
      .limit(50)
      .execute(),
  ]);
  return { flows, reviews };
}

/** Active categories (alias `c`) with their id and code as the label: the base of the category gap checks. */
export function selectActiveCategoryLabels(db: Executor) {
  return db
    .selectFrom('collection_categories as c')
    .select(['c.id', sql<string>`c.code || ' · ' || c.name`.as('label')])
    .where('c.status', '=', 'active');
}

export interface CategoryRecord extends CategoryRow {
  items: string[];
}

/** Categories after `afterId`, with their data items, in id order: one select of `limit` categories by id, one of their items by category and position. */
export async function findCategoriesAfter(db: Executor, afterId: number, limit: number): Promise<CategoryRecord[]> {
  const rows = await db.selectFrom('collection_categories').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('category_data_items')
    .select(['category_id', 'item'])
    .where('category_id', 'in', rows.map((r) => r.id))
    .orderBy('category_id')
    .orderBy('position')
    .execute();
  const byCategory = new Map<number, string[]>();
  for (const i of items) {
    const list = byCategory.get(i.category_id) ?? [];
    list.push(i.item);
    byCategory.set(i.category_id, list);
  }
  return rows.map((r) => ({ ...r, items: byCategory.get(r.id) ?? [] }));
}

/** Which of `codes` a category already has: one select of `code` where code in the list. */
export async function findExistingCategoryCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('collection_categories').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}
