import { sql } from 'kysely';
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
  SdkSortField,
  SdkSummary,
  SdkValues,
  reviewUpdateInput,
  sdkListInput,
  sdkSetStatusInput,
  sdkUpdateInput,
} from '@shared/domain/sdks';
import { AppError, hasDependents, isUniqueViolation, notFound, staleRevision } from '../errors';
import { nowIso, type CoreContext, type Executor } from '../context';
import { fromBool, likeContains, pageOffset, toBool } from '../db/query';
import { recordAudit } from '../audit/audit.service';
import { changesOnly } from '../partners/partners.service';
import { findPartnerById } from '../partners/partners.repository';

export const SDK_ENTITY = 'sdk';
export const REVIEW_ENTITY = 'sdkReview';

const SORT: Record<SdkSortField, string> = {
  name: 'k.name',
  vendor: 'p.name',
  platform: 'k.platform',
  lastReviewedOn: 'last_reviewed_on',
  updatedAt: 'k.updated_at',
};

/** The newest review of each SDK (by date, then id). */
function latestReview(db: Executor) {
  return db
    .selectFrom('sdk_reviews as r')
    .select(['r.sdk_id', 'r.version', 'r.reviewed_on', 'r.result', 'r.next_review_due'])
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

export { latestReview };

function filtered(db: Executor, input: z.output<typeof sdkListInput>) {
  let q = db
    .selectFrom('sdks as k')
    .innerJoin('partners as p', 'p.id', 'k.vendor_partner_id')
    .leftJoin(latestReview(db).as('lr'), 'lr.sdk_id', 'k.id');
  if (input.vendorPartnerId) q = q.where('k.vendor_partner_id', '=', input.vendorPartnerId);
  if (input.platform) q = q.where('k.platform', '=', input.platform);
  if (input.status) q = q.where('k.status', '=', input.status);
  const search = input.search.trim();
  if (search) q = q.where((eb) => eb.or([likeContains(sql.ref('k.name'), search), likeContains(sql.ref('p.name'), search)]));
  return q;
}

export async function listSdks(db: Executor, input: z.output<typeof sdkListInput>): Promise<Page<SdkSummary>> {
  const sortBy = SORT[input.sortBy ?? 'name'];
  const [rows, countRow] = await Promise.all([
    filtered(db, input)
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
      .orderBy(sql.ref(sortBy), input.sortDir)
      .orderBy('k.id', input.sortDir)
      .limit(input.pageSize)
      .offset(pageOffset(input.page, input.pageSize))
      .execute(),
    filtered(db, input).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
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
    total: Number(countRow.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

async function loadReviews(db: Executor, sdkId: number, reviewId?: number): Promise<SdkReview[]> {
  let q = db.selectFrom('sdk_reviews').selectAll().where('sdk_id', '=', sdkId);
  if (reviewId) q = q.where('id', '=', reviewId);
  const rows = await q.orderBy('reviewed_on', 'desc').orderBy('id', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [cats, perms] = await Promise.all([
    db
      .selectFrom('sdk_review_categories as rc')
      .innerJoin('collection_categories as c', 'c.id', 'rc.category_id')
      .select(['rc.review_id', 'c.id', 'c.code', 'c.name'])
      .where('rc.review_id', 'in', ids)
      .orderBy('c.code')
      .execute(),
    db.selectFrom('sdk_review_permissions').selectAll().where('review_id', 'in', ids).orderBy('position').execute(),
  ]);
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

export async function getSdk(db: Executor, id: number): Promise<Sdk> {
  const row = await db
    .selectFrom('sdks as k')
    .innerJoin('partners as p', 'p.id', 'k.vendor_partner_id')
    .selectAll('k')
    .select('p.name as vendor_name')
    .where('k.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(SDK_ENTITY, id);
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
    reviews: await loadReviews(db, id),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function sdkAuditView(s: Sdk): Record<string, unknown> {
  const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, vendorName: _v, reviews: _rv, ...fields } = s;
  return fields;
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
      ({ id } = await trx
        .insertInto('sdks')
        .values({ ...sdkColumns(values), status: 'active', revision: 1, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateSdk();
      throw error;
    }
    const created = await getSdk(trx, id);
    await recordAudit(trx, ctx, { entity: SDK_ENTITY, entityId: id, action: 'create', before: null, after: sdkAuditView(created) });
    return created;
  });
}

async function updateSdkRow(trx: Executor, id: number, revision: number, changes: Record<string, unknown>) {
  const r = await trx
    .updateTable('sdks')
    .set({ ...changes, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw staleRevision(SDK_ENTITY);
}

export function updateSdk(ctx: CoreContext, input: z.output<typeof sdkUpdateInput>): Promise<Sdk> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSdk(trx, id);
    if (before.revision !== revision) throw staleRevision(SDK_ENTITY);
    await checkVendor(trx, values.vendorPartnerId);
    try {
      await updateSdkRow(trx, id, revision, { ...sdkColumns(values), updated_at: nowIso(ctx) });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateSdk();
      throw error;
    }
    const after = await getSdk(trx, id);
    await recordAudit(trx, ctx, { entity: SDK_ENTITY, entityId: id, action: 'update', ...changesOnly(sdkAuditView(before), sdkAuditView(after)) });
    return after;
  });
}

export function setSdkStatus(ctx: CoreContext, input: z.output<typeof sdkSetStatusInput>): Promise<Sdk> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getSdk(trx, input.id);
    if (before.revision !== input.revision) throw staleRevision(SDK_ENTITY);
    if (before.status === input.status) return before;
    await updateSdkRow(trx, input.id, input.revision, { status: input.status, updated_at: nowIso(ctx) });
    await recordAudit(trx, ctx, { entity: SDK_ENTITY, entityId: input.id, action: 'status', before: { status: before.status }, after: { status: input.status } });
    return getSdk(trx, input.id);
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
    const r = await trx.deleteFrom('sdks').where('id', '=', input.id).where('revision', '=', input.revision).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw staleRevision(SDK_ENTITY);
    await recordAudit(trx, ctx, { entity: SDK_ENTITY, entityId: input.id, action: 'delete', before: sdkAuditView(before), after: null });
    return { id: input.id };
  });
}

// ---- reviews: each version's review is its own record; a new one never overwrites the last ----

async function writeReviewChildren(trx: Executor, reviewId: number, values: ReviewValues) {
  await trx.deleteFrom('sdk_review_categories').where('review_id', '=', reviewId).execute();
  await trx.deleteFrom('sdk_review_permissions').where('review_id', '=', reviewId).execute();
  const categoryIds = [...new Set(values.categoryIds)];
  if (categoryIds.length) {
    const found = await trx.selectFrom('collection_categories').select('id').where('id', 'in', categoryIds).execute();
    if (found.length !== categoryIds.length) {
      throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'categoryIds' } }, { categoryIds: { key: 'validation.categoryMissing' } });
    }
    await trx.insertInto('sdk_review_categories').values(categoryIds.map((category_id) => ({ review_id: reviewId, category_id }))).execute();
  }
  if (values.permissions.length) {
    await trx
      .insertInto('sdk_review_permissions')
      .values(values.permissions.map((p, position) => ({ review_id: reviewId, position, name: p.name, required: fromBool(p.required), purpose: p.purpose })))
      .execute();
  }
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

function reviewAuditView(r: SdkReview): Record<string, unknown> {
  const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, categories: _cat, ...fields } = r;
  return fields;
}

export function addReview(ctx: CoreContext, values: ReviewValues): Promise<SdkReview> {
  return ctx.db.transaction().execute(async (trx) => {
    await getSdk(trx, values.sdkId);
    const now = nowIso(ctx);
    const { id } = await trx
      .insertInto('sdk_reviews')
      .values({ ...reviewColumns(values), revision: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeReviewChildren(trx, id, values);
    const [created] = await loadReviews(trx, values.sdkId, id);
    await recordAudit(trx, ctx, { entity: REVIEW_ENTITY, entityId: id, action: 'create', before: null, after: reviewAuditView(created!) });
    return created!;
  });
}

export function updateReview(ctx: CoreContext, input: z.output<typeof reviewUpdateInput>): Promise<SdkReview> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('sdk_reviews').select(['sdk_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(REVIEW_ENTITY, id);
    const [before] = await loadReviews(trx, row.sdk_id, id);
    if (before!.revision !== revision) throw staleRevision(REVIEW_ENTITY);
    const r = await trx
      .updateTable('sdk_reviews')
      .set({ ...reviewColumns({ ...values, sdkId: row.sdk_id }), revision: revision + 1, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleRevision(REVIEW_ENTITY);
    await writeReviewChildren(trx, id, values);
    const [after] = await loadReviews(trx, row.sdk_id, id);
    await recordAudit(trx, ctx, { entity: REVIEW_ENTITY, entityId: id, action: 'update', ...changesOnly(reviewAuditView(before!), reviewAuditView(after!)) });
    return after!;
  });
}
