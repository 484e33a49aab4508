/** The registers that import from XLSX and CSV, each through its own schema and service. */
import { categoryInput, emptyCategory, type CategoryValues } from '@shared/domain/categories';
import { requestInput, type RequestValues } from '@shared/domain/requests';
import type { CoreContext, Executor } from '../context';
import { nowIso } from '../context';
import { createRequest } from '../requests/requests.service';
import { requestsSheet } from '../reports/sheets/requests.sheet';
import { insertCategoryRecord, CATEGORY_ENTITY } from '../categories/categories.service';
import { updateCategoryAtRevision } from '../categories/categories.repository';
import { recordAudit } from '../audit/audit.service';
import { categoriesSheet } from '../reports/sheets/categories.sheet';
import type { ImportSpec } from './sheet-import';

async function existingCategoryCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('collection_categories').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

export const categoriesImport: ImportSpec<CategoryValues> = {
  sheet: categoriesSheet as never,
  required: ['code', 'name', 'stage', 'dataItems', 'subjectType', 'purposes', 'legalBasis', 'collectionMethod'],
  extra: ['status'],
  schema: categoryInput,
  defaults: () => ({ ...emptyCategory() }),
  key: (values) => values.code,
  existingKeys: existingCategoryCodes,
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
      return Reflect.get(target, prop, receiver);
    },
  });
  return { ...ctx, db: db as CoreContext['db'] };
}

const requestColumns = requestsSheet('UTC', '');

/**
 * Requests are imported as requests logged anew: the intake fields (channel, received at, requester,
 * kind, details…) through the requests desk's own service, which gives each its reference, deadline,
 * timeline entry and audit entry. The columns a report adds after intake (reference, status, dates,
 * timeliness) are read and ignored.
 */
export const requestsImport: ImportSpec<RequestValues> = {
  sheet: requestColumns as never,
  required: ['channel', 'receivedAt', 'requesterName', 'requesterContact', 'kind'],
  extra: ['reference', 'status', 'dueDate', 'respondedAt', 'closedAt', 'daysToRespond', 'onTime'],
  schema: requestInput,
  defaults: () => ({ accountRef: '', details: '', concernsMinor: false, assignee: '' }),
  async insert(trx, ctx, values) {
    await createRequest(joinTransaction(trx, ctx), values);
  },
};

/** In the order a file's sheets are imported (referenced registers first). */
export const IMPORT_SPECS: ImportSpec[] = [categoriesImport as ImportSpec, requestsImport as ImportSpec];
