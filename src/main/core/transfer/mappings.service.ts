/**
 * Saved import mappings: listed, saved (a new name adds one, an existing name replaces it) and
 * deleted, each change on the audit log; and a mapping file read and checked, with a message
 * naming the file and what is wrong in it.
 */
import { importMapping, type ImportMapping, type SavedMapping } from '@shared/domain/import-mapping';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit.service';
import { deleteMappingById, findMappingByName, findMappings, insertMapping, updateMapping } from './mappings.repository';

export const MAPPING_ENTITY = 'importMapping';

const toSaved = (row: { name: string; register: string; body: string; updated_at: string }): SavedMapping => {
  const mapping = importMapping.parse(JSON.parse(row.body));
  return { name: row.name, register: mapping.register, mapping, updatedAt: row.updated_at };
};

export async function listMappings(db: Executor): Promise<SavedMapping[]> {
  return (await findMappings(db)).map(toSaved);
}

export async function getMapping(db: Executor, name: string): Promise<ImportMapping> {
  const row = await findMappingByName(db, name.trim());
  if (!row) throw new AppError('NOT_FOUND', { key: 'errors:import.mappingNotFound', params: { name } });
  return toSaved(row).mapping;
}

export function saveMapping(ctx: CoreContext, mapping: ImportMapping): Promise<SavedMapping> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const body = JSON.stringify(mapping);
    const existing = await findMappingByName(trx, mapping.name);
    if (existing) {
      await updateMapping(trx, existing.id, { register: mapping.register, body, updated_at: now });
      await recordAudit(trx, ctx, { entity: MAPPING_ENTITY, entityId: existing.id, action: 'update', before: JSON.parse(existing.body), after: mapping });
    } else {
      const id = await insertMapping(trx, { name: mapping.name, register: mapping.register, body, created_at: now, updated_at: now });
      await recordAudit(trx, ctx, { entity: MAPPING_ENTITY, entityId: id, action: 'create', before: null, after: mapping });
    }
    return toSaved((await findMappingByName(trx, mapping.name))!);
  });
}

export function deleteMapping(ctx: CoreContext, name: string): Promise<{ name: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findMappingByName(trx, name);
    if (!existing) throw new AppError('NOT_FOUND', { key: 'errors:import.mappingNotFound', params: { name } });
    await deleteMappingById(trx, existing.id);
    await recordAudit(trx, ctx, { entity: MAPPING_ENTITY, entityId: existing.id, action: 'delete', before: JSON.parse(existing.body), after: null });
    return { name };
  });
}

/** A mapping file's text as a mapping; refused with the file's name and the first thing wrong, by its path in the file. */
export function parseMappingFile(fileName: string, text: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('VALIDATION', { key: 'errors:import.mappingFile', params: { name: fileName, detail: (error as Error).message } });
  }
  const parsed = importMapping.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.') || 'format';
  const detail = `${where}: ${issue.message}`;
  throw new AppError('VALIDATION', { key: 'errors:import.mappingFile', params: { name: fileName, detail } });
}
