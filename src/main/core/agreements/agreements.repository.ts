import { sql, type Expression, type Insertable, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import { sharingTextMatches, unindexed } from '../db/dialect';
import type { AgreementSortField, AgreementStatus } from '@shared/domain/agreements';
import type { AgreementsTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { pageOffset } from '../db/query';

export interface AgreementFilters {
  search: string;
  partnerId?: number;
  kind?: string;
  status?: AgreementStatus;
  today: string;
  /** A search's page walks the order's index (db/query.ts `searchedPage`). */
  walkOrder?: boolean;
}

/**
 * The status the dates give an agreement on `today`, as SQL over the alias `a`: the same rule as
 * `agreementStatus` in src/shared (kept side by side; a unit test holds them together).
 */
export function statusSql(today: string) {
  return sql<AgreementStatus>`case
    when a.terminated = true then 'terminated'
    when a.signed_on is null then 'draft'
    when coalesce(a.effective_from, a.signed_on) > ${today} then 'pending'
    when a.expires_on is not null and a.expires_on < ${today} and a.auto_renews = false then 'expired'
    else 'active' end`;
}

/** The columns of `a` a status filter reads, each written plain or (by `unindexed`) kept off the planner's index choice. */
type Column = (name: 'terminated' | 'signed_on' | 'effective_from' | 'expires_on' | 'auto_renews') => RawBuilder<unknown>;
const plain: Column = (name) => sql.raw(`a.${name}`);

/** `a` is in force on `today`. */
export function activeSql(today: string, c: Column = plain): Expression<SqlBool> {
  return sql<SqlBool>`(${c('terminated')} = false and ${c('signed_on')} is not null
    and coalesce(${c('effective_from')}, ${c('signed_on')}) <= ${today}
    and (${c('expires_on')} is null or ${c('expires_on')} >= ${today} or ${c('auto_renews')} = true))`;
}

function statusWhere(status: AgreementStatus, today: string, c: Column): Expression<SqlBool> {
  switch (status) {
    case 'terminated':
      return sql<SqlBool>`${c('terminated')} = true`;
    case 'draft':
      return sql<SqlBool>`(${c('terminated')} = false and ${c('signed_on')} is null)`;
    case 'pending':
      return sql<SqlBool>`(${c('terminated')} = false and ${c('signed_on')} is not null and coalesce(${c('effective_from')}, ${c('signed_on')}) > ${today})`;
    case 'expired':
      return sql<SqlBool>`(${c('terminated')} = false and ${c('signed_on')} is not null and coalesce(${c('effective_from')}, ${c('signed_on')}) <= ${today}
        and ${c('expires_on')} < ${today} and ${c('auto_renews')} = false)`;
    case 'active':
      return activeSql(today, c);
  }
}

const SORT: Record<AgreementSortField, 'a.reference_no' | 'p.name' | 'a.signed_on' | 'a.expires_on' | 'a.updated_at'> = {
  referenceNo: 'a.reference_no',
  partner: 'p.name',
  signedOn: 'a.signed_on',
  expiresOn: 'a.expires_on',
  updatedAt: 'a.updated_at',
};

/**
 * Agreements with their partner. `partnerFirst`: the partners walked first (in the order of their
 * name index), each one's agreements then — SQLite keeps a CROSS JOIN's order, so that a page sorted
 * by partner is read in its order whatever the filters, never sorted.
 */
function joined(db: Executor, partnerFirst = false) {
  if (partnerFirst) return db.selectFrom('partners as p').crossJoin('agreements as a').whereRef('a.partner_id', '=', 'p.id');
  return db.selectFrom('agreements as a').innerJoin('partners as p', 'p.id', 'a.partner_id');
}

/**
 * The list's filters, on the agreements' own columns (alias `a`). `sortedBy`: the column a page is
 * ordered by, for the page's statement (a count has none).
 */
function conditions(db: Executor, f: AgreementFilters, sortedBy?: string): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.partnerId) where.push(sql<SqlBool>`a.partner_id = ${f.partnerId}`);
  if (f.kind) where.push(sql<SqlBool>`a.kind = ${f.kind}`);
  // A page is walked in its order's index, the status tested on each agreement, rather than found
  // by a status column's index and then sorted (which the planner prefers on some statistics): one
  // partner's agreements (agreements_partner_<order>_idx) are a handful, and a register's are
  // thousands. Ordered by expiry, the expired ones are a range of that same index.
  const offIndex = f.partnerId !== undefined || (sortedBy !== undefined && sortedBy !== 'a.expires_on');
  if (f.status) where.push(statusWhere(f.status, f.today, offIndex ? (name) => unindexed(db, `a.${name}`) : plain));
  const search = f.search.trim();
  if (search) where.push(searchWhere(db, search, f.walkOrder));
  return where;
}

function filtered(db: Executor, f: AgreementFilters, sortedBy: string, partnerFirst = false) {
  let q = joined(db, partnerFirst);
  for (const condition of conditions(db, f, sortedBy)) q = q.where(condition);
  return q;
}

/**
 * Agreements whose reference or partner's name contains `search` (one character: begins with it),
 * each found through its search index, not the joined name tested again for every agreement — the
 * same agreements, as the partner is an inner join on a required key.
 */
function searchWhere(db: Executor, search: string, walkOrder = false): Expression<SqlBool> {
  const partners = sharingTextMatches(db, 'partners', ['name'], search);
  const tested = (name: string) => (walkOrder ? unindexed(db, name) : sql.raw(name));
  return sql<SqlBool>`(${tested('a.id')} in (${sharingTextMatches(db, 'agreements', ['reference_no'], search)}) or ${tested('a.partner_id')} in (${partners}))`;
}

export async function findAgreementPage(db: Executor, f: AgreementFilters, sort: { by: AgreementSortField; dir: 'asc' | 'desc' }, page: number, pageSize: number) {
  return filtered(db, f, SORT[sort.by], sort.by === 'partner')
    .select([
      'a.id',
      'a.partner_id',
      'p.name as partner_name',
      'a.kind',
      'a.reference_no',
      'a.signed_on',
      'a.expires_on',
      'a.auto_renews',
      'a.checklist',
      'a.document_sha256',
      'a.revision',
      'a.updated_at',
    ])
    .select(statusSql(f.today).as('status'))
    .orderBy(SORT[sort.by], sort.dir)
    // By partner: each partner's agreements together (names may repeat), so that the page is read
    // along the partners' name index and each partner's agreements in id order, never sorted.
    .$if(sort.by === 'partner', (q) => q.orderBy('p.id', sort.dir))
    .orderBy('a.id', sort.dir)
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
}

/** The statuses that do not depend on today's date, as the dateless state agreement_tallies keeps. */
const DATELESS: Partial<Record<AgreementStatus, 'terminated' | 'draft'>> = { terminated: 'terminated', draft: 'draft' };

/**
 * How many agreements the kind filter and a terminated or draft status keep: a sum over
 * agreement_tallies (kept by triggers: migration 2026_12_02_1710), never the agreements. Null for
 * a search, one partner's agreements, or a status that today's date decides (active, pending,
 * expired), which are counted from the agreements.
 */
export function agreementTallyQuery(db: Executor, f: AgreementFilters) {
  const state = f.status ? DATELESS[f.status] : undefined;
  if (f.search.trim() || f.partnerId || (f.status && !state)) return null;
  let q = db.selectFrom('agreement_tallies');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (state) q = q.where('state', '=', state);
  return q.select(sql<number>`coalesce(sum(n), 0)`.as('n'));
}

export async function countAgreements(db: Executor, f: AgreementFilters): Promise<number> {
  const tallied = agreementTallyQuery(db, f);
  if (tallied) return Number((await tallied.executeTakeFirstOrThrow()).n);
  // The partner's join cannot change the count (an inner join on a required key): the agreements alone.
  let q = db.selectFrom('agreements as a');
  for (const condition of conditions(db, f)) q = q.where(condition);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export function findAgreementById(db: Executor, id: number) {
  return joined(db).selectAll('a').select('p.name as partner_name').where('a.id', '=', id).executeTakeFirst();
}
export type AgreementJoinedRow = NonNullable<Awaited<ReturnType<typeof findAgreementById>>>;

/** Every agreement (alias `a`, its partner `p`), labelled "reference · partner": the base of the agreement gap checks. */
export function selectAgreementLabels(db: Executor) {
  return joined(db).select(['a.id', sql<string>`a.reference_no || ' · ' || p.name`.as('label')]);
}

export async function insertAgreement(db: Executor, row: Insertable<AgreementsTable>): Promise<number> {
  const { id } = await db.insertInto('agreements').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAgreementAtRevision(db: Executor, id: number, revision: number, changes: Updateable<AgreementsTable>) {
  const r = await db.updateTable('agreements').set({ ...changes, revision: revision + 1 }).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteAgreementAtRevision(db: Executor, id: number, revision: number) {
  const r = await db.deleteFrom('agreements').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Agreements after `afterId`, in id order, `limit` at a time, joined to their partner's name. */
export function findAgreementsAfter(db: Executor, afterId: number, limit: number) {
  return joined(db)
    .select(['a.id', 'p.name as partner', 'a.kind', 'a.reference_no', 'a.signed_on', 'a.effective_from', 'a.expires_on', 'a.auto_renews', 'a.terminated', 'a.checklist', 'a.document_name', 'a.policy_clause', 'a.notes'])
    .where('a.id', '>', afterId)
    .orderBy('a.id')
    .limit(limit)
    .execute();
}
