/** The registers that import from XLSX and CSV, each through its own schema and service. */
import { categoryInput, emptyCategory, type CategoryValues } from '@shared/domain/categories';
import { requestInput, type RequestValues } from '@shared/domain/requests';
import type { CoreContext, Executor } from '../context';
import { nowIso } from '../context';
import { createRequest, logRequestsInBulk } from '../requests/intake.service';
import { requestsSheet } from '../reports/sheets/requests.sheet';
import { agreementsSheet, partnersSheet } from '../reports/sheets/register.sheets';
import { partnerInput, type PartnerValues } from '@shared/domain/partners';
import { agreementInput, type AgreementValues } from '@shared/domain/agreements';
import { insertPartnerRecord, setPartnerStatus } from '../partners/partners.service';
import { createAgreement } from '../agreements/agreements.service';
import { insertCategoryRecord, CATEGORY_ENTITY } from '../categories/categories.service';
import { findExistingCategoryCodes, updateCategoryAtRevision } from '../categories/categories.repository';
import { findExistingPartnerNames, findPartnerIdByName } from '../partners/partners.repository';
import { recordAudit } from '../audit/audit.service';
import { categoriesSheet } from '../reports/sheets/categories.sheet';
import type { ImportSpec } from './import/spec';
import type { MessageRef } from '@shared/validation';

export const categoriesImport: ImportSpec<CategoryValues> = {
  sheet: categoriesSheet,
  required: ['code', 'name', 'stage', 'dataItems', 'subjectType', 'purposes', 'legalBasis', 'collectionMethod'],
  extra: ['status'],
  schema: categoryInput,
  defaults: () => ({ ...emptyCategory() }),
  key: (values) => values.code,
  existingKeys: findExistingCategoryCodes,
  async insert(trx, ctx, values, extra) {
    const created = await insertCategoryRecord(trx, ctx, values);
    if (extra.status === 'retired') {
      await updateCategoryAtRevision(trx, created.id, created.revision, { status: 'retired', updated_at: nowIso(ctx) });
      await recordAudit(trx, ctx, { entity: CATEGORY_ENTITY, entityId: created.id, action: 'status', before: { status: 'active' }, after: { status: 'retired' } });
    }
  },
};

/**
 * Runs a register's own service inside the import's transaction: the service's
 * `ctx.db.transaction().execute(fn)` joins the transaction already open instead of starting one
 * (SQLite has one connection; a nested BEGIN would fail or wait for itself).
 */
export function joinTransaction(trx: Executor, ctx: CoreContext): CoreContext {
  const db = new Proxy(trx, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Executor) => Promise<T>) => fn(target) });
      const value: unknown = Reflect.get(target, prop, receiver === db ? target : receiver);
      // Kysely keeps private fields: its methods must run on the real transaction, not on the proxy.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...ctx, db: db as CoreContext['db'] };
}

const requestColumns = requestsSheet({ timeZone: 'UTC', dueSoonDays: 0, pauseStopsClock: false, now: new Date(0) });

/**
 * Requests are imported as requests logged anew: the intake fields (channel, received at, requester,
 * kind, details…) through the requests desk's own service, which gives each its reference, deadline,
 * timeline entry and audit entry. The columns a report adds after intake (reference, status, dates,
 * timeliness) are read and ignored.
 */
export const requestsImport: ImportSpec<RequestValues> = {
  sheet: requestColumns,
  required: ['channel', 'receivedAt', 'requesterName', 'requesterContact', 'kind'],
  extra: ['reference', 'status', 'dueDate', 'dueDateStatus', 'respondedAt', 'closedAt', 'daysToRespond', 'onTime'],
  schema: requestInput,
  defaults: () => ({ accountRef: '', details: '', concernsMinor: false, assignee: '' }),
  async insert(trx, ctx, values) {
    await createRequest(joinTransaction(trx, ctx), values);
  },
  async insertMany(trx, ctx, rows) {
    await logRequestsInBulk(trx, ctx, rows.map((r) => r.values));
  },
};

/** Sharing partners, by name (a name appearing twice in the file, or already in the register, is refused). */
export const partnersImport: ImportSpec<PartnerValues> = {
  sheet: partnersSheet,
  required: ['name', 'role', 'countryRegion', 'sharingBasis'],
  extra: ['status'],
  schema: partnerInput,
  defaults: () => ({ contact: '', policyClause: '', notes: '' }),
  key: (values) => values.name,
  existingKeys: findExistingPartnerNames,
  async insert(trx, ctx, values, extra) {
    const created = await insertPartnerRecord(trx, ctx, values);
    if (extra.status === 'retired') await setPartnerStatus(joinTransaction(trx, ctx), { id: created.id, revision: created.revision, status: 'retired' });
  },
};

/**
 * Agreements name their partner; a partner must be in the register or in the same file's partners
 * sheet ("unknown partner" otherwise). Status "terminated" imports as terminated; the other statuses
 * follow from the dates. Checklists are the PIPL Art. 21 clause codes, one per line.
 */
export const agreementsImport: ImportSpec<AgreementValues> = {
  sheet: agreementsSheet,
  required: ['referenceNo', 'partner', 'kind'],
  extra: ['partner', 'status', 'document'],
  schema: agreementInput,
  defaults: () => ({ signedOn: null, effectiveFrom: null, expiresOn: null, autoRenews: false, terminated: false, checklist: [], policyClause: '', notes: '' }),
  async resolve(db, values, extra, pending): Promise<Record<string, MessageRef>> {
    const name = String(extra.partner ?? '').trim();
    if (extra.status === 'terminated') values.terminated = true;
    const id = name ? await findPartnerIdByName(db, name) : undefined;
    if (id !== undefined) values.partnerId = id;
    else if (name && pending.get('partners')?.has(name)) values.partnerId = 1; // resolved again when inserted, after the partners
    else return { partner: { key: 'errors:import.unknownReference', params: { value: name } } };
    return {};
  },
  async insert(trx, ctx, values, extra) {
    const partnerId = await findPartnerIdByName(trx, String(extra.partner).trim());
    await createAgreement(joinTransaction(trx, ctx), { ...values, partnerId: partnerId! });
  },
};

/** In the order a file's sheets are imported (referenced registers first). */
export const IMPORT_SPECS: ImportSpec[] = [categoriesImport, partnersImport, agreementsImport, requestsImport];
