import type { z } from 'zod';
import {
  agreementStatus,
  type Agreement,
  type AgreementKind,
  type AgreementStatus,
  type AgreementSummary,
  type AgreementValues,
  type Art21Clause,
  type DocumentDownload,
  type agreementAttachInput,
  type agreementListInput,
  type agreementUpdateInput,
} from '@shared/domain/agreements';
import type { Page, revisionInput } from '@shared/domain/paging';
import { AppError, notFound, staleRevision } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { fromBool, searchedPage, toBool } from '../db/query';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import { localToday } from '../local-today';
import { findPartnerById } from '../partners/partners.repository';
import {
  countAgreements,
  deleteAgreementAtRevision,
  findAgreementById,
  findAgreementPage,
  insertAgreement,
  updateAgreementAtRevision,
  type AgreementJoinedRow,
} from './agreements.repository';
import {
  decodeUpload,
  documentExtension,
  documentIdentity,
  documentMimeType,
  openableDocumentPath,
  readDocument,
  releaseStoredFile,
  storeDocument,
  type StoredDocument,
} from './documents';

export const AGREEMENT_ENTITY = 'agreement';

function toAgreement(r: AgreementJoinedRow, today: string): Agreement {
  const values = {
    partnerId: r.partner_id,
    kind: r.kind as AgreementKind,
    referenceNo: r.reference_no,
    signedOn: r.signed_on,
    effectiveFrom: r.effective_from,
    expiresOn: r.expires_on,
    autoRenews: toBool(r.auto_renews),
    terminated: toBool(r.terminated),
    checklist: JSON.parse(r.checklist) as Art21Clause[],
    policyClause: r.policy_clause,
    notes: r.notes,
  };
  return {
    id: r.id,
    ...values,
    partnerName: r.partner_name,
    status: agreementStatus(values, today),
    document:
      r.document_sha256 && r.document_name
        ? {
            sha256: r.document_sha256,
            fileName: r.document_name,
            // From the allow-list by the name's extension: a type stored by an earlier version is never served as it was.
            mimeType: documentMimeType(r.document_name),
            size: r.document_size ?? 0,
          }
        : null,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const columns = (v: AgreementValues) => ({
  partner_id: v.partnerId,
  kind: v.kind,
  reference_no: v.referenceNo,
  signed_on: v.signedOn,
  effective_from: v.effectiveFrom,
  expires_on: v.expiresOn,
  auto_renews: fromBool(v.autoRenews),
  terminated: fromBool(v.terminated),
  checklist: JSON.stringify(v.checklist),
  policy_clause: v.policyClause,
  notes: v.notes,
});

/** The partner's name is the partner's, and the status follows from the dates: neither is recorded. */
const AGREEMENT_LEAVE_OUT = ['partnerName', 'status'];

async function load(db: Executor, id: number, today: string): Promise<Agreement> {
  const row = await findAgreementById(db, id);
  if (!row) throw notFound(AGREEMENT_ENTITY, id);
  return toAgreement(row, today);
}

export async function getAgreement(ctx: CoreContext, id: number): Promise<Agreement> {
  return load(ctx.db, id, await localToday(ctx));
}

export async function listAgreements(ctx: CoreContext, input: z.output<typeof agreementListInput>): Promise<Page<AgreementSummary>> {
  const today = await localToday(ctx);
  const filters = { search: input.search, partnerId: input.partnerId, kind: input.kind, status: input.status, today };
  const [rows, total] = await searchedPage(
    ctx.db,
    'agreements',
    input.search,
    () => countAgreements(ctx.db, filters),
    (walkOrder) => findAgreementPage(ctx.db, { ...filters, walkOrder }, { by: input.sortBy ?? 'expiresOn', dir: input.sortDir }, input.page, input.pageSize),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      kind: r.kind as AgreementKind,
      referenceNo: r.reference_no,
      signedOn: r.signed_on,
      expiresOn: r.expires_on,
      autoRenews: toBool(r.auto_renews),
      status: r.status as AgreementStatus,
      checklist: JSON.parse(r.checklist) as Art21Clause[],
      hasDocument: r.document_sha256 !== null,
      revision: r.revision,
      updatedAt: r.updated_at,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

async function checkPartner(trx: Executor, partnerId: number) {
  const partner = await findPartnerById(trx, partnerId);
  if (!partner) {
    throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: 'partnerId' } }, { partnerId: { key: 'validation.partnerMissing' } });
  }
}

export async function createAgreement(ctx: CoreContext, values: AgreementValues): Promise<Agreement> {
  const today = await localToday(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkPartner(trx, values.partnerId);
    const now = nowIso(ctx);
    const id = await insertAgreement(trx, { ...columns(values), revision: 1, created_at: now, updated_at: now });
    const created = await load(trx, id, today);
    await auditedCreate(trx, ctx, { entity: AGREEMENT_ENTITY, id, after: created, leaveOut: AGREEMENT_LEAVE_OUT });
    return created;
  });
}

export async function updateAgreement(ctx: CoreContext, input: z.output<typeof agreementUpdateInput>): Promise<Agreement> {
  const { id, revision, ...values } = input;
  const today = await localToday(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id, today);
    if (before.revision !== revision) throw staleRevision(AGREEMENT_ENTITY);
    await checkPartner(trx, values.partnerId);
    if ((await updateAgreementAtRevision(trx, id, revision, { ...columns(values), updated_at: nowIso(ctx) })) !== 1) throw staleRevision(AGREEMENT_ENTITY);
    const after = await load(trx, id, today);
    await auditedChange(trx, ctx, { entity: AGREEMENT_ENTITY, id, before, after, leaveOut: AGREEMENT_LEAVE_OUT });
    return after;
  });
}

/** Removes the file when no agreement refers to it (with that extension) any more. */
async function releaseDocument(ctx: CoreContext, document: { sha256: string; fileName: string } | null | undefined) {
  if (document) await releaseStoredFile(ctx, document);
}

export async function deleteAgreement(ctx: CoreContext, input: z.output<typeof revisionInput>): Promise<{ id: number }> {
  const today = await localToday(ctx);
  const before = await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, input.id, today);
    if (before.revision !== input.revision) throw staleRevision(AGREEMENT_ENTITY);
    if ((await deleteAgreementAtRevision(trx, input.id, input.revision)) !== 1) throw staleRevision(AGREEMENT_ENTITY);
    await auditedDelete(trx, ctx, { entity: AGREEMENT_ENTITY, id: input.id, before, leaveOut: AGREEMENT_LEAVE_OUT });
    return before;
  });
  await releaseDocument(ctx, before.document);
  return { id: input.id };
}

/**
 * Attaches the signed document: kept under its SHA-256 (in a team register, in the same transaction
 * as the agreement's row), then recorded on the agreement. If the save fails, a file this call wrote
 * into the folder is removed again: no orphan is left.
 */
export async function attachDocument(ctx: CoreContext, input: z.output<typeof agreementAttachInput>): Promise<Agreement> {
  const identity = documentIdentity(input.fileName);
  const bytes = decodeUpload(input.base64);
  const today = await localToday(ctx);
  await load(ctx.db, input.id, today); // not found before anything is written
  let stored: StoredDocument | null = null;
  let previous: Agreement['document'] = null;
  let saved: Agreement;
  try {
    saved = await ctx.db.transaction().execute(async (trx) => {
      const before = await load(trx, input.id, today);
      if (before.revision !== input.revision) throw staleRevision(AGREEMENT_ENTITY);
      previous = before.document;
      stored = await storeDocument(ctx, trx, bytes, identity.extension);
      const changed = await updateAgreementAtRevision(trx, input.id, input.revision, {
        document_sha256: stored.sha256,
        document_name: identity.fileName,
        document_mime: identity.mimeType,
        document_size: stored.size,
        updated_at: nowIso(ctx),
      });
      if (changed !== 1) throw staleRevision(AGREEMENT_ENTITY);
      const after = await load(trx, input.id, today);
      await auditedChange(trx, ctx, { entity: AGREEMENT_ENTITY, id: input.id, before, after, leaveOut: AGREEMENT_LEAVE_OUT });
      return after;
    });
  } catch (error) {
    const written = stored as StoredDocument | null;
    if (written?.created) await releaseDocument(ctx, { sha256: written.sha256, fileName: identity.fileName });
    throw error;
  }
  await releaseDocument(ctx, previous);
  return saved;
}

export async function detachDocument(ctx: CoreContext, input: z.output<typeof revisionInput>): Promise<Agreement> {
  const today = await localToday(ctx);
  let previous: Agreement['document'] = null;
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, input.id, today);
    if (before.revision !== input.revision) throw staleRevision(AGREEMENT_ENTITY);
    if (!before.document) return before;
    previous = before.document;
    const changed = await updateAgreementAtRevision(trx, input.id, input.revision, {
      document_sha256: null,
      document_name: null,
      document_mime: null,
      document_size: null,
      updated_at: nowIso(ctx),
    });
    if (changed !== 1) throw staleRevision(AGREEMENT_ENTITY);
    const after = await load(trx, input.id, today);
    await auditedChange(trx, ctx, { entity: AGREEMENT_ENTITY, id: input.id, before, after, leaveOut: AGREEMENT_LEAVE_OUT });
    return after;
  });
  await releaseDocument(ctx, previous);
  return saved;
}

async function documentOf(ctx: CoreContext, id: number) {
  const agreement = await getAgreement(ctx, id);
  if (!agreement.document) throw new AppError('NOT_FOUND', { key: 'errors:noDocument', params: { reference: agreement.referenceNo } });
  return agreement.document;
}

/** The web host's way: the file's bytes, for the browser to save. */
export async function downloadDocument(ctx: CoreContext, id: number): Promise<DocumentDownload> {
  const doc = await documentOf(ctx, id);
  let bytes: Buffer;
  try {
    bytes = await readDocument(ctx, doc.sha256, documentExtension(doc.fileName));
  } catch {
    throw new AppError('NOT_FOUND', { key: 'errors:documentMissing', params: { name: doc.fileName } });
  }
  return { fileName: doc.fileName, mimeType: doc.mimeType, base64: bytes.toString('base64') };
}

/** The desktop app's way: the system's viewer. Answers whether this host could open it. */
export async function openDocument(ctx: CoreContext, id: number): Promise<{ opened: boolean }> {
  const doc = await documentOf(ctx, id);
  const extension = documentExtension(doc.fileName);
  // Only a file of a known document type goes to the system's viewer (never an executable an earlier version kept).
  if (!ctx.platform.openFile || !extension) return { opened: false };
  let path: string;
  try {
    path = await openableDocumentPath(ctx, doc.sha256, extension);
  } catch {
    throw new AppError('NOT_FOUND', { key: 'errors:documentMissing', params: { name: doc.fileName } });
  }
  await ctx.platform.openFile(path);
  return { opened: true };
}
