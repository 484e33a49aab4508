import type { z } from 'zod';
import type { RecordStatus } from '@shared/domain/categories';
import type { Page } from '@shared/domain/paging';
import type {
  Partner,
  PartnerRole,
  PartnerSummary,
  PartnerValues,
  SharingBasis,
  partnerListInput,
  partnerSetStatusInput,
  partnerUpdateInput,
} from '@shared/domain/partners';
import type { revisionInput } from '@shared/domain/paging';
import { hasAnyDependents, hasDependents, notFound, staleRevision } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import { searchedPage } from '../db/query';
import {
  countPartners,
  deletePartnerAtRevision,
  findPartnerById,
  findPartnerDependents,
  findPartnerPage,
  insertPartner,
  updatePartnerAtRevision,
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

export async function getPartner(db: Executor, id: number): Promise<Partner> {
  const row = await findPartnerById(db, id);
  if (!row) throw notFound(PARTNER_ENTITY, id);
  return toPartner(row);
}

export async function listPartners(db: Executor, input: z.output<typeof partnerListInput>): Promise<Page<PartnerSummary>> {
  const filters = { search: input.search, role: input.role, status: input.status };
  const [rows, total] = await searchedPage(
    db,
    'partners',
    input.search,
    () => countPartners(db, filters),
    (walkOrder) => findPartnerPage(db, { ...filters, walkOrder }, { by: input.sortBy ?? 'name', dir: input.sortDir }, input.page, input.pageSize),
  );
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
  await auditedCreate(trx, ctx, { entity: PARTNER_ENTITY, id, after: created });
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
    await auditedChange(trx, ctx, { entity: PARTNER_ENTITY, id, before, after });
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
    const after = await getPartner(trx, id);
    await auditedChange(trx, ctx, { entity: PARTNER_ENTITY, id, action: 'status', before, after });
    return after;
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
    await auditedDelete(trx, ctx, { entity: PARTNER_ENTITY, id, before });
    return { id };
  });
}
