/** The registers that import from XLSX and CSV, each through its own schema and service. */
import { categoryInput, emptyCategory, type CategoryValues } from '@shared/domain/categories';
import { requestInput, type RequestValues } from '@shared/domain/requests';
import type { CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { nowIso } from '../context';
import { createRequest, logRequestsInBulk } from '../requests/intake.service';
import type { RequestHistory } from '../requests/history-import';
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
import { flowInput, type FlowValues } from '@shared/domain/partners';
import { sdkInput, type SdkValues } from '@shared/domain/sdks';
import { REFUSAL_REASONS, MAX_REQUEST_DETAILS, type RefusalReason, type RequestStatus } from '@shared/domain/requests';
import { flowsSheet, sdkReviewsSheet } from '../reports/sheets/register.sheets';
import { insertFlowRecord } from '../flows/flows.service';
import { createSdk } from '../sdks/sdks.service';
import { sdkExists } from '../sdks/sdks.repository';
import { findCategoryByCode } from '../categories/categories.repository';
import { findExistingReferences } from '../requests/requests.repository';
import { logHistoricRequests } from '../requests/history-import';
import type { ColumnLayout } from '../reports/model';
import { insertLinks, planLinks, retentionDaysOf, type LinkPlan } from './import/links';

/** Fields a mapping may fill that no export has: each is read into the row's `extra`. */
const mappingField = (key: string, header: string, type: ColumnLayout['type'], more: Partial<ColumnLayout> = {}): ColumnLayout => ({ key, header, type, width: 10, ...more });

/**
 * Collection categories. A record of processing maps here: its recipients and transfers columns
 * create (or link) partners and sharing flows, its security measures go to the notes, and a
 * retention period written as a duration ("3年", "2 years") also gives the retention in days.
 */
export const categoriesImport: ImportSpec<CategoryValues> = {
  register: 'categories',
  sheet: categoriesSheet,
  mappingFields: [
    mappingField('recipients', 'reports:mapping.fields.recipients', 'list'),
    mappingField('transfers', 'reports:mapping.fields.transfers', 'list'),
    mappingField('securityMeasures', 'reports:mapping.fields.securityMeasures', 'text'),
  ],
  required: ['code', 'name', 'stage', 'dataItems', 'subjectType', 'purposes', 'legalBasis', 'collectionMethod'],
  extra: ['status'],
  schema: categoryInput,
  defaults: () => ({ ...emptyCategory() }),
  key: (values) => values.code,
  existingKeys: findExistingCategoryCodes,
  async resolve(_db, values, extra, _pending, { t, mapping }) {
    const security = String(extra.securityMeasures ?? '').trim();
    if (security) values.notes = [String(values.notes ?? '').trim(), `${t('reports:mapping.securityNote')}${security}`].filter(Boolean).join('\n');
    if ((values.retentionDays === null || values.retentionDays === undefined) && typeof values.retention === 'string') values.retentionDays = retentionDaysOf(values.retention);
    const recipients = (extra.recipients as string[] | undefined) ?? [];
    const transfers = (extra.transfers as string[] | undefined) ?? [];
    if (recipients.length === 0 && transfers.length === 0) return {};
    const { plan, problems } = planLinks(values, recipients, transfers, mapping, t);
    extra.links = plan;
    return problems;
  },
  async insert(trx, ctx, values, extra) {
    const created = await insertCategoryRecord(trx, ctx, values);
    if (extra.links) await insertLinks(trx, ctx, created.id, extra.links as LinkPlan);
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
/** The history a row brings beyond intake; null when it brings none (a request logged anew). */
function historyOf(extra: Record<string, unknown>, source = ''): RequestHistory | null {
  const reference = String(extra.reference ?? '').trim();
  const status = (extra.status as RequestStatus | null | undefined) ?? null;
  const respondedAt = (extra.respondedAt as string | null | undefined) ?? null;
  const closedAt = (extra.closedAt as string | null | undefined) ?? null;
  const outcome = String(extra.outcome ?? '').trim();
  const refusalReason = (extra.refusalReason as RefusalReason | null | undefined) ?? null;
  if (!reference && !status && !respondedAt && !closedAt && !outcome) return null;
  const final = status ?? (respondedAt ? 'responded' : 'new');
  // A log that says only "closed" with the time it was answered: closed when it was answered.
  return { reference, status: final, respondedAt, closedAt: closedAt ?? (final === 'closed' ? respondedAt : null), outcome, refusalReason, source };
}

/** What a request's history must hold for its status, and times in their order. */
function checkHistory(receivedAt: string, history: RequestHistory, now: Date): Record<string, MessageRef> {
  const problems: Record<string, MessageRef> = {};
  const { status, respondedAt, closedAt } = history;
  const answered = status === 'responded' || status === 'refused';
  if (answered && !respondedAt) problems.respondedAt = { key: 'errors:import.historyNeedsResponse', params: { status } };
  if (status === 'closed' && !closedAt) problems.closedAt = { key: 'errors:import.historyNeedsClosed' };
  if (respondedAt && (status === 'new' || status === 'verifying' || status === 'awaiting_requester')) problems.respondedAt = { key: 'errors:import.historyOpenAnswered', params: { status } };
  const future = now.getTime() + 60_000;
  for (const [field, at] of [['respondedAt', respondedAt], ['closedAt', closedAt]] as const) {
    if (!at || problems[field]) continue;
    if (at < receivedAt) problems[field] = { key: 'errors:import.historyBeforeReceived' };
    else if (new Date(at).getTime() > future) problems[field] = { key: 'errors:import.historyInFuture' };
  }
  if (respondedAt && closedAt && closedAt < respondedAt && !problems.closedAt) problems.closedAt = { key: 'errors:import.historyClosedBeforeResponse' };
  if (history.outcome.length > MAX_REQUEST_DETAILS) problems.outcome = { key: 'errors:import.historyOutcomeLong', params: { max: MAX_REQUEST_DETAILS } };
  return problems;
}

/**
 * Requests. A row with only the intake fields is logged anew through the desk's own service (its
 * reference, deadline, timeline entry and audit entry). A row that brings history — an earlier
 * reference, a status, a response time and outcome, a closing time — moves in with it
 * (requests/history-import.ts); its earlier reference is kept and must be unique, in the file and
 * in the register. The due date and timeliness columns of an export are computed, never read.
 */
export const requestsImport: ImportSpec<RequestValues> = {
  register: 'requests',
  sheet: requestColumns,
  mappingFields: [
    mappingField('outcome', 'reports:mapping.fields.outcome', 'text'),
    mappingField('refusalReason', 'requests:fields.refusalReason', 'enum', { values: REFUSAL_REASONS, labelPrefix: 'requests:refusalReason' }),
  ],
  computed: ['dueDate', 'daysToRespond', 'onTime'],
  required: ['channel', 'receivedAt', 'requesterName', 'requesterContact', 'kind'],
  extra: ['reference', 'status', 'dueDate', 'dueDateStatus', 'respondedAt', 'closedAt', 'daysToRespond', 'onTime'],
  schema: requestInput,
  defaults: () => ({ accountRef: '', details: '', concernsMinor: false, assignee: '' }),
  key: (_values, extra) => String(extra.reference ?? '').trim() || null,
  keyField: 'reference',
  existingKeys: findExistingReferences,
  async resolve(_db, values, extra, _pending, { now, source }) {
    extra.source = source;
    const history = historyOf(extra);
    if (!history || typeof values.receivedAt !== 'string') return {};
    return checkHistory(new Date(values.receivedAt).toISOString(), history, now);
  },
  async insert(trx, ctx, values, extra) {
    const history = historyOf(extra, String(extra.source ?? ''));
    if (history) await logHistoricRequests(trx, ctx, [{ values, history }]);
    else await createRequest(joinTransaction(trx, ctx), values);
  },
  async insertMany(trx, ctx, rows) {
    const fresh = rows.filter((r) => !historyOf(r.extra));
    const historic = rows.flatMap((r) => {
      const history = historyOf(r.extra, String(r.extra.source ?? ''));
      return history ? [{ values: r.values, history }] : [];
    });
    // Kept references first, so that the references given to fresh rows move past them.
    await logHistoricRequests(trx, ctx, historic);
    await logRequestsInBulk(trx, ctx, fresh.map((r) => r.values));
  },
};

/** Sharing partners, by name (a name appearing twice in the file, or already in the register, is refused). */
export const partnersImport: ImportSpec<PartnerValues> = {
  register: 'partners',
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
  register: 'agreements',
  sheet: agreementsSheet,
  computed: ['document'],
  required: ['referenceNo', 'partner', 'kind'],
  extra: ['partner', 'status', 'document'],
  schema: agreementInput,
  defaults: () => ({ signedOn: null, effectiveFrom: null, expiresOn: null, autoRenews: false, terminated: false, checklist: [], policyClause: '', notes: '' }),
  async resolve(db, values, extra, pending): Promise<Record<string, MessageRef>> {
    const name = String(extra.partner ?? '').trim();
    if (extra.status === 'terminated') values.terminated = true;
    const id = await partnerRef(db, name, pending);
    if (id === null) return { partner: { key: 'errors:import.unknownReference', params: { value: name } } };
    values.partnerId = id;
    return {};
  },
  async insert(trx, ctx, values, extra) {
    const partnerId = await findPartnerIdByName(trx, String(extra.partner).trim());
    await createAgreement(joinTransaction(trx, ctx), { ...values, partnerId: partnerId! });
  },
};

/** A partner by name, in the register or among the partners the same file brings. */
async function partnerRef(db: Executor, name: string, pending: Map<string, Set<string>>): Promise<number | null> {
  const id = name ? await findPartnerIdByName(db, name) : undefined;
  if (id !== undefined) return id;
  return name && pending.get('partners')?.has(name) ? 1 : null; // resolved again when inserted, after the partners
}

/** Sharing flows: a partner by name and a collection category by code, each in the register or in the same file. */
export const flowsImport: ImportSpec<FlowValues> = {
  register: 'flows',
  sheet: flowsSheet,
  required: ['partner', 'category', 'purpose', 'method', 'frequency'],
  extra: ['partner', 'category'],
  schema: flowInput,
  defaults: () => ({ crossBorder: false, crossBorderMechanism: 'none', policyClause: '', notes: '' }),
  async resolve(db, values, extra, pending) {
    const problems: Record<string, MessageRef> = {};
    const name = String(extra.partner ?? '').trim();
    const partnerId = await partnerRef(db, name, pending);
    if (partnerId === null) problems.partner = { key: 'errors:import.unknownReference', params: { value: name } };
    else values.partnerId = partnerId;
    const code = String(extra.category ?? '').trim().toUpperCase();
    const category = code ? await findCategoryByCode(db, code) : undefined;
    if (category) values.categoryId = category.id;
    else if (code && pending.get('categories')?.has(code)) values.categoryId = 1;
    else problems.category = { key: 'errors:import.unknownReference', params: { value: code } };
    return problems;
  },
  async insert(trx, ctx, values, extra) {
    const partnerId = await findPartnerIdByName(trx, String(extra.partner).trim());
    const category = await findCategoryByCode(trx, String(extra.category).trim().toUpperCase());
    await insertFlowRecord(trx, ctx, { ...values, partnerId: partnerId!, categoryId: category!.id });
  },
};

/** SDKs: name, vendor (a partner by name), platform and purpose. Review columns of the export are not imported. */
export const sdksImport: ImportSpec<SdkValues> = {
  register: 'sdks',
  sheet: sdkReviewsSheet,
  computed: ['version', 'reviewedOn', 'result', 'reviewer', 'findings', 'nextReviewDue', 'status'],
  required: ['sdk', 'vendor', 'platform', 'purpose'],
  extra: ['sdk', 'vendor', 'version', 'reviewedOn', 'result', 'reviewer', 'findings', 'nextReviewDue', 'status'],
  schema: sdkInput,
  defaults: () => ({ policyClause: '', notes: '' }),
  // An SDK is unique by name and platform, in the file and in the register.
  key: (values) => `${values.name} (${values.platform})`,
  keyField: 'sdk',
  async resolve(db, values, extra, pending): Promise<Record<string, MessageRef>> {
    const problems: Record<string, MessageRef> = {};
    values.name = String(extra.sdk ?? '').trim();
    if (values.name && typeof values.platform === 'string' && (await sdkExists(db, String(values.name), values.platform))) {
      problems.sdk = { key: 'errors:import.existingKey', params: { value: `${values.name} (${values.platform})` } };
    }
    const name = String(extra.vendor ?? '').trim();
    const partnerId = await partnerRef(db, name, pending);
    if (partnerId === null) problems.vendor = { key: 'errors:import.unknownReference', params: { value: name } };
    else values.vendorPartnerId = partnerId;
    return problems;
  },
  async insert(trx, ctx, values, extra) {
    const vendorPartnerId = await findPartnerIdByName(trx, String(extra.vendor).trim());
    await createSdk(joinTransaction(trx, ctx), { ...values, vendorPartnerId: vendorPartnerId! });
  },
};

/** In the order a file's sheets are imported (referenced registers first). */
export const IMPORT_SPECS: ImportSpec[] = [categoriesImport, partnersImport, flowsImport, agreementsImport, sdksImport, requestsImport];

/** The spec of a register. */
export const specOf = (register: string): ImportSpec => IMPORT_SPECS.find((s) => s.register === register)!;
