import type { z } from 'zod';
import type { RecordStatus } from '@shared/domain/categories';
import type { Page, revisionInput } from '@shared/domain/paging';
import type {
  ReviewResult,
  ReviewValues,
  Sdk,
  SdkCheck,
  SdkPlatform,
  SdkReview,
  SdkSummary,
  SdkValues,
  reviewUpdateInput,
  sdkListInput,
  sdkSetStatusInput,
  sdkUpdateInput,
} from '@shared/domain/sdks';
import { AppError, hasDependents, isUniqueViolation, notFound, staleRevision } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { fromBool, searchedPage, toBool } from '../db/query';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import { findPartnerById } from '../partners/partners.repository';
import { findExistingCategoryIds } from '../categories/categories.repository';
import {
  countSdks,
  deleteReviewChildren,
  deleteSdkAtRevision,
  findReviewCategories,
  findReviewPermissions,
  findReviewSdkId,
  findReviewsOfSdk,
  findSdkById,
  findSdkPage,
  insertReview,
  insertReviewCategories,
  insertReviewPermissions,
  insertSdk,
  updateReviewAtRevision,
  updateSdkAtRevision,
  type SdkJoinedRow,
} from './sdks.repository';

export const SDK_ENTITY = 'sdk';
export const REVIEW_ENTITY = 'sdkReview';

/** An SDK's vendor name is the partner's, and its reviews are audited on their own. */
const SDK_LEAVE_OUT = ['vendorName', 'reviews'];
/** A review's categories are shown by name; its categoryIds are what it records. */
const REVIEW_LEAVE_OUT = ['categories'];

export async function listSdks(db: Executor, input: z.output<typeof sdkListInput>): Promise<Page<SdkSummary>> {
  const filters = { search: input.search, vendorPartnerId: input.vendorPartnerId, platform: input.platform, status: input.status };
  const [rows, total] = await searchedPage(
    db,
    'sdks',
    input.search,
    () => countSdks(db, filters),
    (walkOrder) => findSdkPage(db, { ...filters, walkOrder }, { by: input.sortBy ?? 'name', dir: input.sortDir }, input.page, input.pageSize),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      vendorPartnerId: r.vendor_partner_id,
      vendorName: r.vendor_name,
      platform: r.platform as SdkPlatform,
      status: r.status as RecordStatus,
      lastVersion: r.last_version ?? null,
      lastReviewedOn: r.last_reviewed_on ?? null,
      lastResult: (r.last_result as ReviewResult | null) ?? null,
      nextReviewDue: r.next_review_due ?? null,
      reviewCount: Number(r.review_count ?? 0),
      revision: r.revision,
      updatedAt: r.updated_at,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

async function loadReviews(db: Executor, sdkId: number, reviewId?: number): Promise<SdkReview[]> {
  const rows = await findReviewsOfSdk(db, sdkId, reviewId);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [cats, perms] = await Promise.all([findReviewCategories(db, ids), findReviewPermissions(db, ids)]);
  return rows.map((r) => {
    const categories = cats.filter((c) => c.review_id === r.id).map((c) => ({ id: c.id, code: c.code, name: c.name }));
    return {
      id: r.id,
      sdkId: r.sdk_id,
      version: r.version,
      categoryIds: categories.map((c) => c.id),
      categories,
      permissions: perms.filter((p) => p.review_id === r.id).map((p) => ({ name: p.name, required: toBool(p.required), purpose: p.purpose })),
      checklist: JSON.parse(r.checklist) as SdkCheck[],
      reviewer: r.reviewer,
      reviewedOn: r.reviewed_on,
      result: r.result as ReviewResult,
      findings: r.findings,
      nextReviewDue: r.next_review_due,
      revision: r.revision,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

function toSdk(row: SdkJoinedRow, reviews: SdkReview[]): Sdk {
  return {
    id: row.id,
    name: row.name,
    vendorPartnerId: row.vendor_partner_id,
    vendorName: row.vendor_name,
    platform: row.platform as SdkPlatform,
    purpose: row.purpose,
    policyClause: row.policy_clause,
    notes: row.notes,
    status: row.status as RecordStatus,
    reviews,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getSdk(db: Executor, id: number): Promise<Sdk> {
  const row = await findSdkById(db, id);
  if (!row) throw notFound(SDK_ENTITY, id);
  return toSdk(row, await loadReviews(db, id));
}

const sdkColumns = (v: SdkValues) => ({
  name: v.name,
  vendor_partner_id: v.vendorPartnerId,
  platform: v.platform,
  purpose: v.purpose,
  policy_clause: v.policyClause,
  notes: v.notes,
});

const duplicateSdk = () => new AppError('CONFLICT', { key: 'errors:duplicateSdk' }, { name: { key: 'validation.duplicateSdk' } });

async function checkVendor(trx: Executor, partnerId: number) {
  if (!(await findPartnerById(trx, partnerId))) {
    throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'vendorPartnerId' } }, { vendorPartnerId: { key: 'validation.partnerMissing' } });
  }
}

export function createSdk(ctx: CoreContext, values: SdkValues): Promise<Sdk> {
  return ctx.db.transaction().execute(async (trx) => {
    await checkVendor(trx, values.vendorPartnerId);
    const now = nowIso(ctx);
    let id: number;
    try {
      id = await insertSdk(trx, { ...sdkColumns(values), status: 'active', revision: 1, created_at: now, updated_at: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateSdk();
      throw error;
    }
    const created = await getSdk(trx, id);
    await auditedCreate(trx, ctx, { entity: SDK_ENTITY, id, after: created, leaveOut: SDK_LEAVE_OUT });
    return created;
  });
}

export function updateSdk(ctx: CoreContext, input: z.output<typeof sdkUpdateInput>): Promise<Sdk> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSdk(trx, id);
    if (before.revision !== revision) throw staleRevision(SDK_ENTITY);
    await checkVendor(trx, values.vendorPartnerId);
    let changed: number;
    try {
      changed = await updateSdkAtRevision(trx, id, revision, { ...sdkColumns(values), updated_at: nowIso(ctx) });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateSdk();
      throw error;
    }
    if (changed !== 1) throw staleRevision(SDK_ENTITY);
    const after = await getSdk(trx, id);
    await auditedChange(trx, ctx, { entity: SDK_ENTITY, id, before, after, leaveOut: SDK_LEAVE_OUT });
    return after;
  });
}

export function setSdkStatus(ctx: CoreContext, input: z.output<typeof sdkSetStatusInput>): Promise<Sdk> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSdk(trx, input.id);
    if (before.revision !== input.revision) throw staleRevision(SDK_ENTITY);
    if (before.status === input.status) return before;
    if ((await updateSdkAtRevision(trx, input.id, input.revision, { status: input.status, updated_at: nowIso(ctx) })) !== 1) throw staleRevision(SDK_ENTITY);
    const after = await getSdk(trx, input.id);
    await auditedChange(trx, ctx, { entity: SDK_ENTITY, id: input.id, action: 'status', before, after, leaveOut: SDK_LEAVE_OUT });
    return after;
  });
}

/** An SDK with reviews keeps them: its delete is refused (retire it instead). */
export function deleteSdk(ctx: CoreContext, input: z.output<typeof revisionInput>): Promise<{ id: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSdk(trx, input.id);
    if (before.revision !== input.revision) throw staleRevision(SDK_ENTITY);
    if (before.reviews.length > 0) {
      throw hasDependents(SDK_ENTITY, before.name, { reviews: before.reviews.map((r) => `${r.version} · ${r.reviewedOn}`) });
    }
    if ((await deleteSdkAtRevision(trx, input.id, input.revision)) !== 1) throw staleRevision(SDK_ENTITY);
    await auditedDelete(trx, ctx, { entity: SDK_ENTITY, id: input.id, before, leaveOut: SDK_LEAVE_OUT });
    return { id: input.id };
  });
}

// ---- reviews: each version's review is its own record; a new one never overwrites the last ----

async function writeReviewChildren(trx: Executor, reviewId: number, values: ReviewValues) {
  await deleteReviewChildren(trx, reviewId);
  const categoryIds = [...new Set(values.categoryIds)];
  if (categoryIds.length && (await findExistingCategoryIds(trx, categoryIds)).length !== categoryIds.length) {
    throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'categoryIds' } }, { categoryIds: { key: 'validation.categoryMissing' } });
  }
  await insertReviewCategories(trx, reviewId, categoryIds);
  await insertReviewPermissions(
    trx,
    reviewId,
    values.permissions.map((p) => ({ name: p.name, required: fromBool(p.required), purpose: p.purpose })),
  );
}

function reviewColumns(v: ReviewValues) {
  return {
    sdk_id: v.sdkId,
    version: v.version,
    checklist: JSON.stringify(v.checklist),
    reviewer: v.reviewer,
    reviewed_on: v.reviewedOn,
    result: v.result,
    findings: v.findings,
    next_review_due: v.nextReviewDue,
  };
}

async function loadReview(db: Executor, sdkId: number, reviewId: number): Promise<SdkReview> {
  const [review] = await loadReviews(db, sdkId, reviewId);
  if (!review) throw notFound(REVIEW_ENTITY, reviewId);
  return review;
}

export function addReview(ctx: CoreContext, values: ReviewValues): Promise<SdkReview> {
  return ctx.db.transaction().execute(async (trx) => {
    await getSdk(trx, values.sdkId);
    const now = nowIso(ctx);
    const id = await insertReview(trx, { ...reviewColumns(values), revision: 1, created_at: now, updated_at: now });
    await writeReviewChildren(trx, id, values);
    const created = await loadReview(trx, values.sdkId, id);
    await auditedCreate(trx, ctx, { entity: REVIEW_ENTITY, id, after: created, leaveOut: REVIEW_LEAVE_OUT });
    return created;
  });
}

export function updateReview(ctx: CoreContext, input: z.output<typeof reviewUpdateInput>): Promise<SdkReview> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const sdkId = await findReviewSdkId(trx, id);
    if (sdkId === undefined) throw notFound(REVIEW_ENTITY, id);
    const before = await loadReview(trx, sdkId, id);
    if (before.revision !== revision) throw staleRevision(REVIEW_ENTITY);
    const changed = await updateReviewAtRevision(trx, id, revision, { ...reviewColumns({ ...values, sdkId }), updated_at: nowIso(ctx) });
    if (changed !== 1) throw staleRevision(REVIEW_ENTITY);
    await writeReviewChildren(trx, id, values);
    const after = await loadReview(trx, sdkId, id);
    await auditedChange(trx, ctx, { entity: REVIEW_ENTITY, id, before, after, leaveOut: REVIEW_LEAVE_OUT });
    return after;
  });
}
