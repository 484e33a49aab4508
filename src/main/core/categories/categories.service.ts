import type { z } from 'zod';
import {
  categoryDeleteInput,
  categoryInput,
  categoryListInput,
  categorySetStatusInput,
  categoryUpdateInput,
  type Category,
  type CategoryStage,
  type CategorySummary,
  type CategoryValues,
  type CollectionMethod,
  type CrossBorderMechanism,
  type LegalBasis,
  type RecordStatus,
  type SensitiveKind,
  type StorageLocation,
  type SubjectType,
} from '@shared/domain/categories';
import type { Page } from '@shared/domain/paging';
import { AppError, hasAnyDependents, hasDependents, isUniqueViolation, notFound, staleRevision, type Dependents } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { fromBool, toBool } from '../db/query';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import {
  countCategories,
  deleteCategoryAtRevision,
  findCategoryByCode,
  findCategoryDependents,
  findCategoryById,
  findCategoryPage,
  findDataItems,
  insertCategory,
  replaceDataItems,
  updateCategoryAtRevision,
  type CategoryRow,
} from './categories.repository';

export const CATEGORY_ENTITY = 'category';

function toCategory(row: CategoryRow, dataItems: string[]): Category {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    stage: row.stage as CategoryStage,
    dataItems,
    subjectType: row.subject_type as SubjectType,
    purposes: row.purposes,
    legalBasis: row.legal_basis as LegalBasis,
    collectionMethod: row.collection_method as CollectionMethod,
    sensitive: toBool(row.sensitive),
    sensitiveKind: row.sensitive_kind as SensitiveKind | null,
    separateConsent: toBool(row.separate_consent),
    guardianConsent: toBool(row.guardian_consent),
    retention: row.retention,
    retentionDays: row.retention_days,
    storageLocation: row.storage_location as StorageLocation,
    crossBorderMechanism: row.cross_border_mechanism as CrossBorderMechanism,
    policyClause: row.policy_clause,
    notes: row.notes,
    status: row.status as RecordStatus,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(values: CategoryValues) {
  return {
    code: values.code,
    name: values.name,
    stage: values.stage,
    subject_type: values.subjectType,
    purposes: values.purposes,
    legal_basis: values.legalBasis,
    collection_method: values.collectionMethod,
    sensitive: fromBool(values.sensitive),
    sensitive_kind: values.sensitiveKind,
    separate_consent: fromBool(values.separateConsent),
    guardian_consent: fromBool(values.guardianConsent),
    retention: values.retention,
    retention_days: values.retentionDays,
    storage_location: values.storageLocation,
    cross_border_mechanism: values.crossBorderMechanism,
    policy_clause: values.policyClause,
    notes: values.notes,
  };
}

const duplicateCode = (code: string) =>
  new AppError(
    'CONFLICT',
    { key: 'errors:duplicateCategoryCode', params: { code } },
    { code: { key: 'validation.duplicateCode' } },
  );

async function loadCategory(db: Executor, id: number): Promise<Category> {
  const row = await findCategoryById(db, id);
  if (!row) throw notFound(CATEGORY_ENTITY, id);
  return toCategory(row, await findDataItems(db, id));
}

export async function listCategories(
  db: Executor,
  input: z.output<typeof categoryListInput>,
): Promise<Page<CategorySummary>> {
  const filters = { search: input.search, stage: input.stage, sensitive: input.sensitive, status: input.status };
  const [rows, total] = await Promise.all([
    findCategoryPage(db, filters, { by: input.sortBy ?? 'code', dir: input.sortDir }, input.page, input.pageSize),
    countCategories(db, filters),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      stage: r.stage as CategoryStage,
      sensitive: toBool(r.sensitive),
      sensitiveKind: r.sensitive_kind as SensitiveKind | null,
      legalBasis: r.legal_basis as LegalBasis,
      policyClause: r.policy_clause,
      status: r.status as RecordStatus,
      dataItemCount: Number(r.data_item_count ?? 0),
      revision: r.revision,
      updatedAt: r.updated_at,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export const getCategory = loadCategory;

/** Writes a new category and its data items; used by the create handler, the sample template and imports. */
export async function insertCategoryRecord(trx: Executor, ctx: CoreContext, values: CategoryValues): Promise<Category> {
  if (await findCategoryByCode(trx, values.code)) throw duplicateCode(values.code);
  const now = nowIso(ctx);
  let id: number;
  try {
    id = await insertCategory(trx, { ...toColumns(values), status: 'active', revision: 1, created_at: now, updated_at: now });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode(values.code);
    throw error;
  }
  await replaceDataItems(trx, id, values.dataItems);
  const created = await loadCategory(trx, id);
  await auditedCreate(trx, ctx, { entity: CATEGORY_ENTITY, id, after: created });
  return created;
}

/** Services take values already parsed by the contract's schema (at the edge of main). */
export async function createCategory(ctx: CoreContext, values: z.output<typeof categoryInput>): Promise<Category> {
  return ctx.db.transaction().execute((trx) => insertCategoryRecord(trx, ctx, values));
}

export async function updateCategory(ctx: CoreContext, input: z.output<typeof categoryUpdateInput>): Promise<Category> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadCategory(trx, id);
    if (before.revision !== revision) throw staleRevision(CATEGORY_ENTITY);
    if (values.code !== before.code) {
      const other = await findCategoryByCode(trx, values.code);
      if (other && other.id !== id) throw duplicateCode(values.code);
    }
    const changed = await updateCategoryAtRevision(trx, id, revision, { ...toColumns(values), updated_at: nowIso(ctx) });
    if (changed !== 1) throw staleRevision(CATEGORY_ENTITY);
    await replaceDataItems(trx, id, values.dataItems);
    const after = await loadCategory(trx, id);
    await auditedChange(trx, ctx, { entity: CATEGORY_ENTITY, id, before, after });
    return after;
  });
}

/** Retire (soft: the category stays in the register and its history) or reactivate. */
export async function setCategoryStatus(
  ctx: CoreContext,
  input: z.output<typeof categorySetStatusInput>,
): Promise<Category> {
  const { id, revision, status } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadCategory(trx, id);
    if (before.revision !== revision) throw staleRevision(CATEGORY_ENTITY);
    if (before.status === status) return before;
    const changed = await updateCategoryAtRevision(trx, id, revision, { status, updated_at: nowIso(ctx) });
    if (changed !== 1) throw staleRevision(CATEGORY_ENTITY);
    const after = await loadCategory(trx, id);
    await auditedChange(trx, ctx, { entity: CATEGORY_ENTITY, id, action: 'status', before, after });
    return after;
  });
}

export async function deleteCategory(ctx: CoreContext, input: z.output<typeof categoryDeleteInput>): Promise<{ id: number }> {
  const { id, revision } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadCategory(trx, id);
    if (before.revision !== revision) throw staleRevision(CATEGORY_ENTITY);
    const found = await findCategoryDependents(trx, id);
    const dependents: Dependents = {
      flows: found.flows.map((f) => `${f.name} · ${f.purpose}`),
      reviews: found.reviews.map((r) => `${r.name} ${r.version}`),
    };
    if (hasAnyDependents(dependents)) throw hasDependents(CATEGORY_ENTITY, before.code, dependents);
    const deleted = await deleteCategoryAtRevision(trx, id, revision);
    if (deleted !== 1) throw staleRevision(CATEGORY_ENTITY);
    await auditedDelete(trx, ctx, { entity: CATEGORY_ENTITY, id, before });
    return { id };
  });
}
