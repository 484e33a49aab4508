/** The registers that import from XLSX and CSV, each through its own schema and service. */
import { categoryInput, emptyCategory, type CategoryValues } from '@shared/domain/categories';
import type { Executor } from '../context';
import { nowIso } from '../context';
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

/** In the order a file's sheets are imported (referenced registers first). */
export const IMPORT_SPECS: ImportSpec[] = [categoriesImport as ImportSpec];
