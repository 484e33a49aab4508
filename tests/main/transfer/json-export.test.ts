import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeWorkbench, signInAsTestOfficer, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres } from '../../helpers/engine';
import { commitImport, previewImport } from '../../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../../src/main/core/transfer/import-specs';
import { categoryFixture } from '../../helpers/fixtures';
import { jsonExportBytes } from '../../../src/main/core/transfer/json-export';

const withoutTime = (text: string) => text.replace(/"generatedAt": "[^"]+"/, '"generatedAt": "…"');

async function sampleRegister() {
  const wb = await makeWorkbench({ language: 'zh-CN' });
  await wb.call('app:setup', { template: 'sample', organisationName: '码尚云', language: 'zh-CN' });
  const created = await wb.call('categories:create', categoryFixture({ code: 'EXTRA-1', name: '附加类别 "quoted"', notes: '第一行\n第二行' }));
  await wb.call('categories:setStatus', { id: created.id, revision: created.revision, status: 'retired' });
  await wb.call('settings:update', { officerName: '张三', backupKeepDaily: 10 });
  return wb;
}

/**
 * Into an empty register: through the router on a file; on a server, where nobody can sign in to a
 * register nothing was written to, through the core (as the register copy does), then signed in as
 * the officer the imported register brought.
 */
async function intoEmpty(target: TestWorkbench, text: string) {
  const bytes = Buffer.from(text);
  if (!onPostgres) {
    const preview = await target.call('transfer:preview', { fileName: 'export.json', base64: bytes.toString('base64') });
    const result = await target.call('transfer:import', { fileName: 'export.json', base64: bytes.toString('base64') });
    return { preview, result };
  }
  const preview = await previewImport(target.ctx, 'export.json', bytes, IMPORT_SPECS);
  const result = await commitImport(target.ctx, 'export.json', bytes, IMPORT_SPECS);
  await signInAsTestOfficer(target);
  return { preview, result };
}

describe('JSON export and import', () => {
  it('export → import into an empty register → export gives the same file apart from the generation time and the import entry', async () => {
    const source = await sampleRegister();
    const first = (await jsonExportBytes(source.ctx)).toString('utf8');
    const parsed = JSON.parse(first);
    expect(parsed).toMatchObject({ format: 'privacy-workbench/export', version: 1 });
    expect(parsed.schema.migrations).toContain('2026_11_29_0300_foundation');
    const names = parsed.tables.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['audit_log', 'settings', 'collection_categories', 'category_data_items']));
    expect(names.indexOf('collection_categories')).toBeLessThan(names.indexOf('category_data_items'));

    const target = await makeWorkbench({ now: '2026-12-01T00:00:00.000Z', bare: true });
    const { preview, result } = await intoEmpty(target, first);
    expect(preview.ok).toBe(true);
    expect(result.inserted.collection_categories).toBe(parsed.tables.find((t: { name: string }) => t.name === 'collection_categories').rows.length);
    const second = (await jsonExportBytes(target.ctx)).toString('utf8');
    expect(second).not.toBe(first); // the generation time differs…
    // …and the audit log has one entry more, the import's own, naming the file and the imported chain's head
    const again = JSON.parse(second);
    const auditOf = (file: { tables: { name: string; rows: unknown[][] }[] }) => file.tables.find((t) => t.name === 'audit_log')!.rows;
    const imported = auditOf(parsed);
    const [importEntry, ...extra] = auditOf(again).slice(imported.length);
    expect(extra).toEqual([]);
    expect(auditOf(again).slice(0, imported.length)).toEqual(imported);
    const headHash = imported.at(-1)![9];
    expect(importEntry!.slice(3, 6)).toEqual(['audit_log', null, 'import']);
    expect(JSON.parse(importEntry![7] as string)).toEqual({
      fileName: 'export.json',
      sha256: createHash('sha256').update(first).digest('hex'),
      entries: imported.length,
      head: headHash,
    });
    const withoutAudit = (file: { tables: { name: string }[] }) => ({ ...file, generatedAt: null, tables: file.tables.filter((t) => t.name !== 'audit_log') });
    expect(withoutAudit(again)).toEqual(withoutAudit(parsed)); // nothing else differs
    expect(withoutTime(second)).not.toBe(withoutTime(first));
    expect(await target.call('audit:verify', {})).toMatchObject({
      ok: true,
      imported: { fileName: 'export.json', count: imported.length, headHash },
      problems: [],
    });
    expect(await target.call('settings:get', {})).toMatchObject({ officerName: '张三', backupKeepDaily: 10, organisationName: '码尚云' });
  });

  it('refuses an import into a register that is not empty, writing nothing', async () => {
    const source = await sampleRegister();
    const text = (await jsonExportBytes(source.ctx)).toString('utf8');
    const target = await makeWorkbench();
    await target.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const before = await tableCounts(target);
    const result = await target.invoke('transfer:import', { fileName: 'export.json', base64: Buffer.from(text).toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const preview = await target.call('transfer:preview', { fileName: 'export.json', base64: Buffer.from(text).toString('base64') });
    expect(preview.issues.map((i) => i.message).join(' ')).toMatch(/only into an empty register/);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('refuses an export whose audit log was altered, and one that is truncated, all or nothing', async () => {
    const source = await sampleRegister();
    const text = (await jsonExportBytes(source.ctx)).toString('utf8');
    const tampered = text.replaceAll('码尚云', '别的公司');
    expect(tampered).not.toBe(text);
    const target = await makeWorkbench({ bare: true });
    const before = await tableCounts(target);
    // Refused for the altered chain, not for anything already in the register.
    expect((await previewImport(target.ctx, 'x.json', Buffer.from(tampered), IMPORT_SPECS)).ok).toBe(true);
    const refused = onPostgres
      ? await commitImport(target.ctx, 'x.json', Buffer.from(tampered), IMPORT_SPECS).then(() => ({ ok: true }), (error: { code?: string; message: string }) => ({ ok: false, error: { code: error.code, message: error.message } }))
      : await target.invoke('transfer:import', { fileName: 'x.json', base64: Buffer.from(tampered).toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await tableCounts(target)).toEqual(before);

    const truncated = text.slice(0, Math.floor(text.length / 2));
    const preview = await previewImport(target.ctx, 'x.json', Buffer.from(truncated), IMPORT_SPECS);
    expect(preview.ok).toBe(false);
    expect(preview.issues[0]!.message).toMatch(/not readable JSON/);
    expect(await tableCounts(target)).toEqual(before);
  });
});
