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
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { auditedChange, auditedCreate } from '../audit/audited-update';
import {
  countClauses,
  findClauseById,
  findClauseByNumber,
  findClausePage,
  findNewestVersionId,
  findVersionWithClauseCount,
  findVersionsWithClauseCount,
  insertClausesInChunks,
  insertVersion,
  updateClausePromise,
  type ClauseRow,
  type VersionRow,
} from './policy.repository';

export const POLICY_ENTITY = 'policyVersion';
export const CLAUSE_ENTITY = 'policyClause';

/** A version's audit entry says what was imported, not when (the entry's own time) nor the notes. */
const VERSION_LEAVE_OUT = ['importedAt', 'notes'];

function toVersion(row: VersionRow): PolicyVersion {
  return {
    id: row.id,
    title: row.title,
    versionLabel: row.version_label,
    effectiveOn: row.effective_on,
    importedAt: row.created_at,
    clauseCount: Number(row.clause_count ?? 0),
    notes: row.notes,
  };
}

export async function listVersions(db: Executor): Promise<PolicyVersion[]> {
  return (await findVersionsWithClauseCount(db)).map(toVersion);
}

/** Imports a policy as a new version (earlier versions are kept), split into clauses. All or nothing. */
export async function importPolicyRecord(trx: Executor, ctx: CoreContext, input: z.output<typeof policyImportInput>): Promise<PolicyImportResult> {
  const clauses = splitPolicy(input.text);
  if (clauses.length === 0) {
    throw new AppError('VALIDATION', { key: 'errors:policyNoClauses' }, { text: { key: 'validation.policyNoClauses' } });
  }
  const now = nowIso(ctx);
  const id = await insertVersion(trx, {
    title: input.title,
    version_label: input.versionLabel,
    effective_on: input.effectiveOn,
    source_text: input.text,
    notes: input.notes,
    created_at: now,
    updated_at: now,
  });
  await insertClausesInChunks(
    trx,
    clauses.map((c, position) => ({
      version_id: id,
      number: c.number,
      label: c.label.slice(0, 200),
      heading: c.heading.slice(0, 500),
      text: c.text,
      position,
      depth: c.depth,
      promises: defaultPromise(c.number),
    })),
  );
  const version = toVersion(await findVersionWithClauseCount(trx, id));
  await auditedCreate(trx, ctx, { entity: POLICY_ENTITY, id, after: version, leaveOut: VERSION_LEAVE_OUT });
  return { version, clauseNumbers: clauses.map((c) => c.number) };
}

export function importPolicy(ctx: CoreContext, input: z.output<typeof policyImportInput>): Promise<PolicyImportResult> {
  return ctx.db.transaction().execute((trx) => importPolicyRecord(trx, ctx, input));
}

function toClause(r: ClauseRow): PolicyClause {
  return {
    id: r.id,
    versionId: r.version_id,
    number: r.number,
    label: r.label || r.number,
    heading: r.heading,
    text: r.text,
    position: r.position,
    depth: r.depth,
    promises: r.promises as ClausePromise,
    linkedCount: Number(r.linked_count),
  };
}

export async function listClauses(db: Executor, input: z.output<typeof policyClauseListInput>): Promise<Page<PolicyClause>> {
  const versionId = input.versionId ?? (await findNewestVersionId(db));
  if (versionId === null) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  const search = input.search.trim();
  const [rows, total] = await Promise.all([
    findClausePage(db, versionId, search, input.sortDir, input.page, input.pageSize),
    countClauses(db, versionId, search),
  ]);
  return { items: rows.map(toClause), total, page: input.page, pageSize: input.pageSize };
}

/** A clause by its number in the newest version (or the one given); null when it has no such clause. */
export async function getClause(db: Executor, input: z.output<typeof policyClauseGetInput>): Promise<PolicyClause | null> {
  const versionId = input.versionId ?? (await findNewestVersionId(db));
  if (versionId === null) return null;
  const row = await findClauseByNumber(db, versionId, input.number);
  return row ? toClause(row) : null;
}

async function loadClause(db: Executor, id: number): Promise<PolicyClause> {
  const row = await findClauseById(db, id);
  if (!row) throw notFound(CLAUSE_ENTITY, id);
  return toClause(row);
}

export function setClausePromise(ctx: CoreContext, input: z.output<typeof policySetPromiseInput>): Promise<PolicyClause> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadClause(trx, input.clauseId);
    if (before.promises === input.promises) return before;
    await updateClausePromise(trx, input.clauseId, input.promises);
    const after = await loadClause(trx, input.clauseId);
    await auditedChange(trx, ctx, { entity: CLAUSE_ENTITY, id: input.clauseId, before, after });
    return after;
  });
}
