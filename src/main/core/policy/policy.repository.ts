import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { PolicyClausesTable, PolicyVersionsTable } from '../db/schema';
import type { Executor } from '../db/executor';
import { likeContains, pageOffset } from '../db/query';

/**
 * A record's clause `ref` cites clause `number` itself or one of its sub-clauses. Clause references
 * hold only digits, dots and a `#n` suffix for a repeated number, and '#' < '.' < '/' < '0' in every
 * collation: `number ≤ ref < number || '/'` holds the clause, its sub-clauses (`number.…`) and its
 * repeats (`number#n`), one range an index can search (an `or` of the clause and its sub-clauses'
 * range was read as a scan of the whole index for each clause, once a table had statistics); the
 * character after `number` then tells a sub-clause from a repeat (`3.2#2`, a second clause numbered
 * 3.2, is not a sub-clause of 3.2).
 */
export function citesSql(ref: Expression<string>, number: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`(${ref} >= ${number} and ${ref} < ${number} || '/' and (${ref} = ${number} or substr(${ref}, length(${number}) + 1, 1) = '.'))`;
}

// ---- versions ----

function versionsWithClauseCount(db: Executor) {
  return db
    .selectFrom('policy_versions as v')
    .select(['v.id', 'v.title', 'v.version_label', 'v.effective_on', 'v.created_at', 'v.notes'])
    .select((eb) =>
      eb.selectFrom('policy_clauses as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.version_id', '=', 'v.id').as('clause_count'),
    );
}

/** Every version, newest first, with how many clauses it has. */
export function findVersionsWithClauseCount(db: Executor) {
  return versionsWithClauseCount(db).orderBy('v.id', 'desc').execute();
}

export function findVersionWithClauseCount(db: Executor, id: number) {
  return versionsWithClauseCount(db).where('v.id', '=', id).executeTakeFirstOrThrow();
}
export type VersionRow = Awaited<ReturnType<typeof findVersionWithClauseCount>>;

export async function findNewestVersionId(db: Executor): Promise<number | null> {
  const row = await db.selectFrom('policy_versions').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The version in force on `day`: the newest import whose effective date, if it has one, is not after
 * `day` (a version imported ahead of its effective date is not yet in force).
 */
export function findVersionInForce(db: Executor, day: string) {
  return db
    .selectFrom('policy_versions')
    .select(['id', 'title', 'version_label', 'effective_on'])
    .where((eb) => eb.or([eb('effective_on', 'is', null), eb('effective_on', '<=', day)]))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertVersion(db: Executor, row: Insertable<PolicyVersionsTable>): Promise<number> {
  const { id } = await db.insertInto('policy_versions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

// ---- clauses ----

/** Inserted 100 to a statement: SQLite limits the variables of one statement. */
export async function insertClausesInChunks(db: Executor, rows: Insertable<PolicyClausesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('policy_clauses').values(rows.slice(i, i + 100)).execute();
}

/**
 * How many register records (categories, partners, flows, agreements, SDKs) cite the clause or its
 * sub-clauses: a sum over policy_citation_tallies, which triggers keep per reference cited, so that it
 * reads the few references in the clause's range however many records cite them.
 */
function linkedCountSql(number: Expression<string>) {
  return sql<number>`(select coalesce(sum(t.n), 0) from policy_citation_tallies as t where ${citesSql(sql.ref('t.ref'), number)})`;
}

function clausesWithLinkedCount(db: Executor) {
  return db
    .selectFrom('policy_clauses as pc')
    .select(['pc.id', 'pc.version_id', 'pc.number', 'pc.label', 'pc.heading', 'pc.text', 'pc.position', 'pc.depth', 'pc.promises'])
    .select(linkedCountSql(sql.ref('pc.number')).as('linked_count'));
}
export type ClauseRow = Awaited<ReturnType<ReturnType<typeof clausesWithLinkedCount>['execute']>>[number];

/** `search` in the clause's (alias `pc`) number or text. */
const searchWhere = (db: Executor, search: string) => sql<SqlBool>`(${likeContains(db, sql.ref('pc.number'), search)} or ${likeContains(db, sql.ref('pc.text'), search)})`;

/** One page of a version's clauses in document order, matching `search` in the number or text when given. */
export function findClausePage(db: Executor, versionId: number, search: string, dir: 'asc' | 'desc', page: number, pageSize: number) {
  let q = clausesWithLinkedCount(db).where('pc.version_id', '=', versionId);
  if (search) q = q.where(searchWhere(db, search));
  return q.orderBy('pc.position', dir).limit(pageSize).offset(pageOffset(page, pageSize)).execute();
}

export async function countClauses(db: Executor, versionId: number, search: string): Promise<number> {
  let q = db.selectFrom('policy_clauses as pc').where('pc.version_id', '=', versionId);
  if (search) q = q.where(searchWhere(db, search));
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export function findClauseByNumber(db: Executor, versionId: number, number: string) {
  return clausesWithLinkedCount(db).where('pc.version_id', '=', versionId).where('pc.number', '=', number).executeTakeFirst();
}

/** Each clause of the newest version: its reference and its number as written. */
export async function findNewestClauseLabels(db: Executor): Promise<{ number: string; label: string }[]> {
  const newest = await findNewestVersionId(db);
  if (newest === null) return [];
  return db.selectFrom('policy_clauses').select(['number', 'label']).where('version_id', '=', newest).execute();
}

export function findClauseById(db: Executor, id: number) {
  return clausesWithLinkedCount(db).where('pc.id', '=', id).executeTakeFirst();
}

export async function updateClausePromise(db: Executor, id: number, promises: string): Promise<void> {
  await db.updateTable('policy_clauses').set({ promises }).where('id', '=', id).execute();
}

/** The clauses (alias `pc`) of the newest imported version: the base of the policy gap check. */
export function selectNewestVersionClauses(db: Executor) {
  return db
    .selectFrom('policy_clauses as pc')
    .where('pc.version_id', '=', (eb) => eb.selectFrom('policy_versions').select((e) => e.fn.max('id').as('id')));
}
