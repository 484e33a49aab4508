import type { z } from 'zod';
import type { CrossBorderMechanism, RecordStatus } from '@shared/domain/categories';
import type { Page } from '@shared/domain/paging';
import type {
  Flow,
  FlowMethod,
  FlowValues,
  Partner,
  PartnerRole,
  PartnerSummary,
  PartnerValues,
  SharingBasis,
  flowDeleteInput,
  flowListInput,
  flowUpdateInput,
  partnerListInput,
  partnerSetStatusInput,
  partnerUpdateInput,
} from '@shared/domain/partners';
import type { revisionInput } from '@shared/domain/paging';
import { AppError, hasAnyDependents, hasDependents, isUniqueViolation, notFound, staleRevision } from '../errors';
import { nowIso, type CoreContext, type Executor } from '../context';
import { fromBool, toBool } from '../db/query';
import { diffFields, recordAudit } from '../audit/audit.service';
import {
  countFlows,
  countPartners,
  deleteFlowAtRevision,
  deletePartnerAtRevision,
  findFlowById,
  findFlowByKey,
  findFlowPage,
  findPartnerById,
  findPartnerDependents,
  findPartnerPage,
  insertFlow,
  insertPartner,
  updateFlowAtRevision,
  updatePartnerAtRevision,
  type FlowJoinedRow,
  type PartnerRow,
} from './partners.repository';

export const PARTNER_ENTITY = 'partner';
export const FLOW_ENTITY = 'flow';

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    role: row.role as PartnerRole,
    countryRegion: row.country_region,
    contact: row.contact,
    sharingBasis: row.sharing_basis as SharingBasis,
    policyClause: row.policy_clause,
    notes: row.notes,
    status: row.status as RecordStatus,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const partnerColumns = (v: PartnerValues) => ({
  name: v.name,
  role: v.role,
  country_region: v.countryRegion,
  contact: v.contact,
  sharing_basis: v.sharingBasis,
  policy_clause: v.policyClause,
  notes: v.notes,
});

function auditView<T extends { id: number; revision: number; createdAt: string; updatedAt: string }>(record: T) {
  const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = record;
  return fields as Record<string, unknown>;
}

/** An update's audit entry holds only the fields that changed. */
export function changesOnly(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes = diffFields(before, after);
  return {
    before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
    after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
  };
}

export async function getPartner(db: Executor, id: number): Promise<Partner> {
  const row = await findPartnerById(db, id);
  if (!row) throw notFound(PARTNER_ENTITY, id);
  return toPartner(row);
}

export async function listPartners(db: Executor, input: z.output<typeof partnerListInput>): Promise<Page<PartnerSummary>> {
  const filters = { search: input.search, role: input.role, status: input.status };
  const [rows, total] = await Promise.all([
    findPartnerPage(db, filters, { by: input.sortBy ?? 'name', dir: input.sortDir }, input.page, input.pageSize),
    countPartners(db, filters),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role as PartnerRole,
      countryRegion: r.country_region,
      sharingBasis: r.sharing_basis as SharingBasis,
      policyClause: r.policy_clause,
      status: r.status as RecordStatus,
      flowCount: Number(r.flow_count ?? 0),
      revision: r.revision,
      updatedAt: r.updated_at,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function insertPartnerRecord(trx: Executor, ctx: CoreContext, values: PartnerValues): Promise<Partner> {
  const now = nowIso(ctx);
  const id = await insertPartner(trx, { ...partnerColumns(values), status: 'active', revision: 1, created_at: now, updated_at: now });
  const created = await getPartner(trx, id);
  await recordAudit(trx, ctx, { entity: PARTNER_ENTITY, entityId: id, action: 'create', before: null, after: auditView(created) });
  return created;
}

export function createPartner(ctx: CoreContext, values: PartnerValues): Promise<Partner> {
  return ctx.db.transaction().execute((trx) => insertPartnerRecord(trx, ctx, values));
}

export function updatePartner(ctx: CoreContext, input: z.output<typeof partnerUpdateInput>): Promise<Partner> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getPartner(trx, id);
    if (before.revision !== revision) throw staleRevision(PARTNER_ENTITY);
    if ((await updatePartnerAtRevision(trx, id, revision, { ...partnerColumns(values), updated_at: nowIso(ctx) })) !== 1) {
      throw staleRevision(PARTNER_ENTITY);
    }
    const after = await getPartner(trx, id);
    await recordAudit(trx, ctx, { entity: PARTNER_ENTITY, entityId: id, action: 'update', ...changesOnly(auditView(before), auditView(after)) });
    return after;
  });
}

export function setPartnerStatus(ctx: CoreContext, input: z.output<typeof partnerSetStatusInput>): Promise<Partner> {
  const { id, revision, status } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getPartner(trx, id);
    if (before.revision !== revision) throw staleRevision(PARTNER_ENTITY);
    if (before.status === status) return before;
    if ((await updatePartnerAtRevision(trx, id, revision, { status, updated_at: nowIso(ctx) })) !== 1) throw staleRevision(PARTNER_ENTITY);
    await recordAudit(trx, ctx, { entity: PARTNER_ENTITY, entityId: id, action: 'status', before: { status: before.status }, after: { status } });
    return getPartner(trx, id);
  });
}

/** Refused while flows, agreements or SDKs still name the partner: never a silent cascade. */
export function deletePartner(ctx: CoreContext, input: z.output<typeof revisionInput>): Promise<{ id: number }> {
  const { id, revision } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getPartner(trx, id);
    if (before.revision !== revision) throw staleRevision(PARTNER_ENTITY);
    const deps = await findPartnerDependents(trx, id);
    const dependents = {
      flows: deps.flows.map((f) => `${f.code} · ${f.purpose}`),
      agreements: deps.agreements.map((a) => a.reference_no),
      sdks: deps.sdks.map((s) => `${s.name} (${s.platform})`),
    };
    if (hasAnyDependents(dependents)) throw hasDependents(PARTNER_ENTITY, before.name, dependents);
    if ((await deletePartnerAtRevision(trx, id, revision)) !== 1) throw staleRevision(PARTNER_ENTITY);
    await recordAudit(trx, ctx, { entity: PARTNER_ENTITY, entityId: id, action: 'delete', before: auditView(before), after: null });
    return { id };
  });
}

// ---- flows ----

function toFlow(r: FlowJoinedRow): Flow {
  return {
    id: r.id,
    partnerId: r.partner_id,
    categoryId: r.category_id,
    purpose: r.purpose,
    method: r.method as FlowMethod,
    frequency: r.frequency,
    crossBorder: toBool(r.cross_border),
    crossBorderMechanism: r.cross_border_mechanism as CrossBorderMechanism,
    policyClause: r.policy_clause,
    notes: r.notes,
    partnerName: r.partner_name,
    partnerStatus: r.partner_status as RecordStatus,
    categoryCode: r.category_code,
    categoryName: r.category_name,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const flowColumns = (v: FlowValues) => ({
  partner_id: v.partnerId,
  category_id: v.categoryId,
  purpose: v.purpose,
  method: v.method,
  frequency: v.frequency,
  cross_border: fromBool(v.crossBorder),
  cross_border_mechanism: v.crossBorderMechanism,
  policy_clause: v.policyClause,
  notes: v.notes,
});

function flowAuditView(flow: Flow) {
  const { partnerName: _p, partnerStatus: _s, categoryCode: _c, categoryName: _n, ...rest } = flow;
  return auditView(rest);
}

export async function getFlow(db: Executor, id: number): Promise<Flow> {
  const row = await findFlowById(db, id);
  if (!row) throw notFound(FLOW_ENTITY, id);
  return toFlow(row);
}

export async function listFlows(db: Executor, input: z.output<typeof flowListInput>): Promise<Page<Flow>> {
  const filters = { search: input.search, partnerId: input.partnerId, categoryId: input.categoryId, method: input.method, crossBorder: input.crossBorder };
  const [rows, total] = await Promise.all([
    findFlowPage(db, filters, { by: input.sortBy ?? 'partner', dir: input.sortDir }, input.page, input.pageSize),
    countFlows(db, filters),
  ]);
  return { items: rows.map(toFlow), total, page: input.page, pageSize: input.pageSize };
}

const duplicateFlow = () =>
  new AppError('CONFLICT', { key: 'errors:duplicateFlow' }, { purpose: { key: 'validation.duplicateFlow' } });

/** The partner must exist and be active, the category must exist: field errors otherwise. */
async function checkFlowEnds(trx: Executor, values: FlowValues, id: number | null) {
  const partner = await findPartnerById(trx, values.partnerId);
  if (!partner) throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'partnerId' } }, { partnerId: { key: 'validation.partnerMissing' } });
  if (partner.status !== 'active') {
    throw new AppError('VALIDATION', { key: 'errors:flowToRetiredPartner', params: { name: partner.name } }, { partnerId: { key: 'validation.partnerRetired' } });
  }
  const category = await trx.selectFrom('collection_categories').select('id').where('id', '=', values.categoryId).executeTakeFirst();
  if (!category) throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'categoryId' } }, { categoryId: { key: 'validation.categoryMissing' } });
  const same = await findFlowByKey(trx, values.partnerId, values.categoryId, values.purpose);
  if (same && same.id !== id) throw duplicateFlow();
}

export async function insertFlowRecord(trx: Executor, ctx: CoreContext, values: FlowValues): Promise<Flow> {
  await checkFlowEnds(trx, values, null);
  const now = nowIso(ctx);
  let id: number;
  try {
    id = await insertFlow(trx, { ...flowColumns(values), revision: 1, created_at: now, updated_at: now });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateFlow();
    throw error;
  }
  const created = await getFlow(trx, id);
  await recordAudit(trx, ctx, { entity: FLOW_ENTITY, entityId: id, action: 'create', before: null, after: flowAuditView(created) });
  return created;
}

export function createFlow(ctx: CoreContext, values: FlowValues): Promise<Flow> {
  return ctx.db.transaction().execute((trx) => insertFlowRecord(trx, ctx, values));
}

export function updateFlow(ctx: CoreContext, input: z.output<typeof flowUpdateInput>): Promise<Flow> {
  const { id, revision, ...values } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getFlow(trx, id);
    if (before.revision !== revision) throw staleRevision(FLOW_ENTITY);
    await checkFlowEnds(trx, values, id);
    if ((await updateFlowAtRevision(trx, id, revision, { ...flowColumns(values), updated_at: nowIso(ctx) })) !== 1) throw staleRevision(FLOW_ENTITY);
    const after = await getFlow(trx, id);
    await recordAudit(trx, ctx, { entity: FLOW_ENTITY, entityId: id, action: 'update', ...changesOnly(flowAuditView(before), flowAuditView(after)) });
    return after;
  });
}

export function deleteFlow(ctx: CoreContext, input: z.output<typeof flowDeleteInput>): Promise<{ id: number }> {
  const { id, revision } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getFlow(trx, id);
    if (before.revision !== revision) throw staleRevision(FLOW_ENTITY);
    if ((await deleteFlowAtRevision(trx, id, revision)) !== 1) throw staleRevision(FLOW_ENTITY);
    await recordAudit(trx, ctx, { entity: FLOW_ENTITY, entityId: id, action: 'delete', before: flowAuditView(before), after: null });
    return { id };
  });
}
