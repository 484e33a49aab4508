import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Page } from '@shared/domain/paging';
import {
  defaultPromise,
  splitPolicy,
  type ClausePromise,
  type PolicyImportResult,
  type PolicyClause,
  type PolicyVersion,
  type policyClauseGetInput,
  type policyClauseListInput,
  type policyImportInput,
  type policySetPromiseInput,
} from '@shared/domain/policy';
import { AppError, notFound } from '../errors';
import { nowIso, type CoreContext, type Executor } from '../context';
import { likeContains, pageOffset } from '../db/query';
import { recordAudit } from '../audit/audit.service';

export const POLICY_ENTITY = 'policyVersion';
export const CLAUSE_ENTITY = 'policyClause';

/**
 * A record's clause `ref` cites clause `number` itself or one of its sub-clauses. Clause numbers hold
 * only digits and dots, and '.' < '/' < '0' in every collation: `number ≤ ref < number || '/'` is
 * exactly "equal, or starts with `number.`", as one range an index can answer.
 */
export function citesSql(ref: Expression<string>, number: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`(${ref} >= ${number} and ${ref} < ${number} || '/')`;
}

async function toVersion(db: Executor, row: { id: number; title: string; version_label: string; effective_on: string | null; created_at: string; notes: string }): Promise<PolicyVersion> {
  const { n } = await db
    .selectFrom('policy_clauses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('version_id', '=', row.id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    title: row.title,
    versionLabel: row.version_label,
    effectiveOn: row.effective_on,
    importedAt: row.created_at,
    clauseCount: Number(n),
    notes: row.notes,
  };
}

const VERSION_COLUMNS = ['id', 'title', 'version_label', 'effective_on', 'created_at', 'notes'] as const;

export async function listVersions(db: Executor): Promise<PolicyVersion[]> {
  const rows = await db.selectFrom('policy_versions').select(VERSION_COLUMNS).orderBy('id', 'desc').execute();
  return Promise.all(rows.map((r) => toVersion(db, r)));
}

/** The newest imported version's id, or null when no policy has been imported. */
export async function currentVersionId(db: Executor): Promise<number | null> {
  const row = await db.selectFrom('policy_versions').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Imports a policy as a new version (earlier versions are kept), split into clauses. All or nothing. */
export async function importPolicyRecord(trx: Executor, ctx: CoreContext, input: z.output<typeof policyImportInput>): Promise<PolicyImportResult> {
  const clauses = splitPolicy(input.text);
  if (clauses.length === 0) {
    throw new AppError('VALIDATION', { key: 'errors:policyNoClauses' }, { text: { key: 'validation.policyNoClauses' } });
  }
  const now = nowIso(ctx);
  const { id } = await trx
    .insertInto('policy_versions')
    .values({
      title: input.title,
      version_label: input.versionLabel,
      effective_on: input.effectiveOn,
      source_text: input.text,
      notes: input.notes,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Inserted in chunks: SQLite limits the variables of one statement.
  for (let i = 0; i < clauses.length; i += 100) {
    await trx
      .insertInto('policy_clauses')
      .values(
        clauses.slice(i, i + 100).map((c, j) => ({
          version_id: id,
          number: c.number,
          heading: c.heading.slice(0, 500),
          text: c.text,
          position: i + j,
          depth: c.depth,
          promises: defaultPromise(c.number),
        })),
      )
      .execute();
  }
  const row = await trx.selectFrom('policy_versions').select(VERSION_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  const version = await toVersion(trx, row);
  await recordAudit(trx, ctx, {
    entity: POLICY_ENTITY,
    entityId: id,
    action: 'create',
    before: null,
    after: { title: version.title, versionLabel: version.versionLabel, effectiveOn: version.effectiveOn, clauseCount: version.clauseCount },
  });
  return { version, clauseNumbers: clauses.map((c) => c.number) };
}

export function importPolicy(ctx: CoreContext, input: z.output<typeof policyImportInput>): Promise<PolicyImportResult> {
  return ctx.db.transaction().execute((trx) => importPolicyRecord(trx, ctx, input));
}

/** How many register records cite the clause (or its sub-clauses). */
function linkedCountSql(number: Expression<string>) {
  const count = (table: 'collection_categories' | 'partners' | 'sharing_flows' | 'agreements' | 'sdks') =>
    sql<number>`(select count(*) from ${sql.table(table)} as t where ${citesSql(sql.ref('t.policy_clause'), number)})`;
  return sql<number>`(${count('collection_categories')} + ${count('partners')} + ${count('sharing_flows')} + ${count('agreements')} + ${count('sdks')})`;
}

function clauseQuery(db: Executor) {
  return db
    .selectFrom('policy_clauses as pc')
    .select(['pc.id', 'pc.version_id', 'pc.number', 'pc.heading', 'pc.text', 'pc.position', 'pc.depth', 'pc.promises'])
    .select(linkedCountSql(sql.ref('pc.number')).as('linked_count'));
}

type ClauseRow = Awaited<ReturnType<ReturnType<typeof clauseQuery>['execute']>>[number];

function toClause(r: ClauseRow): PolicyClause {
  return {
    id: r.id,
    versionId: r.version_id,
    number: r.number,
    heading: r.heading,
    text: r.text,
    position: r.position,
    depth: r.depth,
    promises: r.promises as ClausePromise,
    linkedCount: Number(r.linked_count),
  };
}

export async function listClauses(db: Executor, input: z.output<typeof policyClauseListInput>): Promise<Page<PolicyClause>> {
  const versionId = input.versionId ?? (await currentVersionId(db));
  if (versionId === null) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  let base = db.selectFrom('policy_clauses as pc').where('pc.version_id', '=', versionId);
  const search = input.search.trim();
  if (search) base = base.where((eb) => eb.or([likeContains(sql.ref('pc.number'), search), likeContains(sql.ref('pc.text'), search)]));
  let q = clauseQuery(db).where('pc.version_id', '=', versionId);
  if (search) q = q.where((eb) => eb.or([likeContains(sql.ref('pc.number'), search), likeContains(sql.ref('pc.text'), search)]));
  const [rows, countRow] = await Promise.all([
    q
      .orderBy('pc.position', input.sortDir)
      .limit(input.pageSize)
      .offset(pageOffset(input.page, input.pageSize))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toClause), total: Number(countRow.n), page: input.page, pageSize: input.pageSize };
}

/** A clause by its number in the newest version (or the one given); null when it has no such clause. */
export async function getClause(db: Executor, input: z.output<typeof policyClauseGetInput>): Promise<PolicyClause | null> {
  const versionId = input.versionId ?? (await currentVersionId(db));
  if (versionId === null) return null;
  const row = await clauseQuery(db).where('pc.version_id', '=', versionId).where('pc.number', '=', input.number).executeTakeFirst();
  return row ? toClause(row) : null;
}

export function setClausePromise(ctx: CoreContext, input: z.output<typeof policySetPromiseInput>): Promise<PolicyClause> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await clauseQuery(trx).where('pc.id', '=', input.clauseId).executeTakeFirst();
    if (!before) throw notFound(CLAUSE_ENTITY, input.clauseId);
    if (before.promises !== input.promises) {
      await trx.updateTable('policy_clauses').set({ promises: input.promises }).where('id', '=', input.clauseId).execute();
      await recordAudit(trx, ctx, {
        entity: CLAUSE_ENTITY,
        entityId: input.clauseId,
        action: 'update',
        before: { promises: before.promises },
        after: { promises: input.promises },
      });
    }
    return toClause((await clauseQuery(trx).where('pc.id', '=', input.clauseId).executeTakeFirstOrThrow()));
  });
}
