import type { z } from 'zod';
import type { CrossBorderMechanism, RecordStatus } from '@shared/domain/categories';
import type { Page } from '@shared/domain/paging';
import type { Flow, FlowMethod, FlowValues, flowDeleteInput, flowListInput, flowUpdateInput } from '@shared/domain/partners';
import { AppError, isUniqueViolation, notFound, staleRevision } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { fromBool, searchedPage, toBool } from '../db/query';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import { findPartnerById } from '../partners/partners.repository';
import { findCategoryById } from '../categories/categories.repository';
import {
  countFlows,
  deleteFlowAtRevision,
  findFlowById,
  findFlowByKey,
  findFlowPage,
  insertFlow,
  updateFlowAtRevision,
  type FlowJoinedRow,
} from './flows.repository';

export const FLOW_ENTITY = 'flow';

/** A flow shows its partner's and its category's names; the log records their ids. */
const FLOW_LEAVE_OUT = ['partnerName', 'partnerStatus', 'categoryCode', 'categoryName'];

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

export async function getFlow(db: Executor, id: number): Promise<Flow> {
  const row = await findFlowById(db, id);
  if (!row) throw notFound(FLOW_ENTITY, id);
  return toFlow(row);
}

export async function listFlows(db: Executor, input: z.output<typeof flowListInput>): Promise<Page<Flow>> {
  const filters = { search: input.search, partnerId: input.partnerId, categoryId: input.categoryId, method: input.method, crossBorder: input.crossBorder };
  const [rows, total] = await searchedPage(
    db,
    'sharing_flows',
    input.search,
    () => countFlows(db, filters),
    (walkOrder) => findFlowPage(db, { ...filters, walkOrder }, { by: input.sortBy ?? 'partner', dir: input.sortDir }, input.page, input.pageSize),
  );
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
  if (!(await findCategoryById(trx, values.categoryId))) {
    throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'categoryId' } }, { categoryId: { key: 'validation.categoryMissing' } });
  }
  const same = await findFlowByKey(trx, values.partnerId, values.categoryId, values.purpose);
  if (same && same.id !== id) throw duplicateFlow();
}

/** Writes a new flow; used by the create handler and the sample template. */
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
  await auditedCreate(trx, ctx, { entity: FLOW_ENTITY, id, after: created, leaveOut: FLOW_LEAVE_OUT });
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
    await auditedChange(trx, ctx, { entity: FLOW_ENTITY, id, before, after, leaveOut: FLOW_LEAVE_OUT });
    return after;
  });
}

export function deleteFlow(ctx: CoreContext, input: z.output<typeof flowDeleteInput>): Promise<{ id: number }> {
  const { id, revision } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getFlow(trx, id);
    if (before.revision !== revision) throw staleRevision(FLOW_ENTITY);
    if ((await deleteFlowAtRevision(trx, id, revision)) !== 1) throw staleRevision(FLOW_ENTITY);
    await auditedDelete(trx, ctx, { entity: FLOW_ENTITY, id, before, leaveOut: FLOW_LEAVE_OUT });
    return { id };
  });
}
