import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PartnerSortField } from '@shared/domain/partners';
import type { PartnersTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { pageOffset } from '../db/query';
import { sharingTextMatches, unindexed } from '../db/dialect';

export type PartnerRow = Selectable<PartnersTable>;

export interface PartnerFilters {
  search: string;
  role?: string;
  status?: string;
  /** A search's page walks the order's index (db/query.ts `searchedPage`). */
  walkOrder?: boolean;
}

const PARTNER_SORT: Record<PartnerSortField, 'p.name' | 'p.role' | 'p.country_region' | 'p.updated_at'> = {
  name: 'p.name',
  role: 'p.role',
  countryRegion: 'p.country_region',
  updatedAt: 'p.updated_at',
};

function filteredPartners(db: Executor, f: PartnerFilters) {
  let q = db.selectFrom('partners as p');
  if (f.role) q = q.where('p.role', '=', f.role);
  // With a role, the role's index in the list's order leads and the status (active or retired) is
  // tested on each row, rather than found by (status, role) and sorted.
  if (f.status) q = q.where(f.role ? unindexed(db, 'p.status') : sql.ref('p.status'), '=', f.status);
  const search = f.search.trim();
  if (search) {
    // Name, region or contact (one character: the names that begin with it), through the search index.
    q = q.where(sql<boolean>`${f.walkOrder ? unindexed(db, 'p.id') : sql.raw('p.id')} in (${sharingTextMatches(db, 'partners', ['name', 'country_region', 'contact'], search)})`);
  }
  return q;
}

export async function findPartnerPage(db: Executor, f: PartnerFilters, sort: { by: PartnerSortField; dir: 'asc' | 'desc' }, page: number, pageSize: number) {
  return filteredPartners(db, f)
    .select(['p.id', 'p.name', 'p.role', 'p.country_region', 'p.sharing_basis', 'p.policy_clause', 'p.status', 'p.revision', 'p.updated_at'])
    .select((eb) =>
      eb.selectFrom('sharing_flows as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.partner_id', '=', 'p.id').as('flow_count'),
    )
    .orderBy(PARTNER_SORT[sort.by], sort.dir)
    .orderBy('p.id', sort.dir)
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
}

/**
 * How many partners the role and status filters alone keep: a sum over partner_tallies (kept by
 * triggers: migration 2026_12_02_1710), never the partners. Null for a search, counted through its index.
 */
export function partnerTallyQuery(db: Executor, f: PartnerFilters) {
  if (f.search.trim()) return null;
  let q = db.selectFrom('partner_tallies');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.status) q = q.where('status', '=', f.status);
  return q.select(sql<number>`coalesce(sum(n), 0)`.as('n'));
}

export async function countPartners(db: Executor, f: PartnerFilters): Promise<number> {
  const tallied = partnerTallyQuery(db, f);
  if (tallied) return Number((await tallied.executeTakeFirstOrThrow()).n);
  const { n } = await filteredPartners(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export function findPartnerById(db: Executor, id: number): Promise<PartnerRow | undefined> {
  return db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPartner(db: Executor, row: Insertable<PartnersTable>): Promise<number> {
  const { id } = await db.insertInto('partners').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePartnerAtRevision(db: Executor, id: number, revision: number, changes: Updateable<PartnersTable>) {
  const r = await db.updateTable('partners').set({ ...changes, revision: revision + 1 }).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deletePartnerAtRevision(db: Executor, id: number, revision: number) {
  const r = await db.deleteFrom('partners').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Active partners (alias `p`), with their id and name as the label: the base of the partner gap checks. */
export function selectActivePartnerLabels(db: Executor) {
  return db.selectFrom('partners as p').select(['p.id', 'p.name as label']).where('p.status', '=', 'active');
}

/** What still refers to a partner: flows, agreements, SDKs. */
export async function findPartnerDependents(db: Executor, partnerId: number) {
  const [flows, agreements, sdks] = await Promise.all([
    db
      .selectFrom('sharing_flows as s')
      .innerJoin('collection_categories as c', 'c.id', 's.category_id')
      .select(['c.code', 's.purpose'])
      .where('s.partner_id', '=', partnerId)
      .orderBy('c.code')
      .limit(50)
      .execute(),
    db.selectFrom('agreements').select(['reference_no']).where('partner_id', '=', partnerId).orderBy('reference_no').limit(50).execute(),
    db.selectFrom('sdks').select(['name', 'platform']).where('vendor_partner_id', '=', partnerId).orderBy('name').limit(50).execute(),
  ]);
  return { flows, agreements, sdks };
}

/** The id of the first partner (lowest id) named exactly `name`. */
export async function findPartnerIdByName(db: Executor, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('partners').select('id').where('name', '=', name).orderBy('id').executeTakeFirst();
  return row?.id;
}

/** Which of `names` a partner already has: one select of `name` where name in the list. */
export async function findExistingPartnerNames(db: Executor, names: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('partners').select('name').where('name', 'in', names).execute();
  return new Set(rows.map((r) => r.name));
}

/** Partners after `afterId`, in id order, `limit` at a time: the columns the register report prints. */
export function findPartnersAfter(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('partners')
    .select(['id', 'name', 'role', 'country_region', 'contact', 'sharing_basis', 'policy_clause', 'status', 'notes'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
