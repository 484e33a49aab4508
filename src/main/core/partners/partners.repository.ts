import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { FlowSortField, PartnerSortField } from '@shared/domain/partners';
import type { PartnersTable, SharingFlowsTable } from '../db/schema';
import type { Executor } from '../context';
import { likeContains, pageOffset } from '../db/query';

export type PartnerRow = Selectable<PartnersTable>;
export type FlowRow = Selectable<SharingFlowsTable>;

export interface PartnerFilters {
  search: string;
  role?: string;
  status?: string;
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
  if (f.status) q = q.where('p.status', '=', f.status);
  const search = f.search.trim();
  if (search) {
    q = q.where((eb) =>
      eb.or([likeContains(sql.ref('p.name'), search), likeContains(sql.ref('p.country_region'), search), likeContains(sql.ref('p.contact'), search)]),
    );
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

export async function countPartners(db: Executor, f: PartnerFilters): Promise<number> {
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

// ---- flows ----

export interface FlowFilters {
  search: string;
  partnerId?: number;
  categoryId?: number;
  method?: string;
  crossBorder?: boolean;
}

const FLOW_SORT: Record<FlowSortField, 'p.name' | 'c.code' | 's.purpose' | 's.updated_at'> = {
  partner: 'p.name',
  category: 'c.code',
  purpose: 's.purpose',
  updatedAt: 's.updated_at',
};

function flowsJoined(db: Executor) {
  return db
    .selectFrom('sharing_flows as s')
    .innerJoin('partners as p', 'p.id', 's.partner_id')
    .innerJoin('collection_categories as c', 'c.id', 's.category_id');
}

function filteredFlows(db: Executor, f: FlowFilters) {
  let q = flowsJoined(db);
  if (f.partnerId) q = q.where('s.partner_id', '=', f.partnerId);
  if (f.categoryId) q = q.where('s.category_id', '=', f.categoryId);
  if (f.method) q = q.where('s.method', '=', f.method);
  if (f.crossBorder !== undefined) q = q.where('s.cross_border', '=', f.crossBorder ? 1 : 0);
  const search = f.search.trim();
  if (search) {
    q = q.where((eb) =>
      eb.or([likeContains(sql.ref('s.purpose'), search), likeContains(sql.ref('p.name'), search), likeContains(sql.ref('c.code'), search), likeContains(sql.ref('c.name'), search)]),
    );
  }
  return q;
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
  return filteredFlows(db, f)
    .select(FLOW_COLUMNS)
    .orderBy(FLOW_SORT[sort.by], sort.dir)
    .orderBy('s.id', sort.dir)
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
}

export async function countFlows(db: Executor, f: FlowFilters): Promise<number> {
  if (f.search.trim()) {
    const { n } = await filteredFlows(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(n);
  }
  // Without a search the joins cannot change the count (both are inner joins on required keys).
  let q = db.selectFrom('sharing_flows as s');
  if (f.partnerId) q = q.where('s.partner_id', '=', f.partnerId);
  if (f.categoryId) q = q.where('s.category_id', '=', f.categoryId);
  if (f.method) q = q.where('s.method', '=', f.method);
  if (f.crossBorder !== undefined) q = q.where('s.cross_border', '=', f.crossBorder ? 1 : 0);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
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
