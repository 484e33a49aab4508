import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(async () => {
  await wb.close();
});

describe('creating a category', () => {
  it('stores every field, the data items in order, and starts active at revision 1', async () => {
    const created = await wb.call(
      'categories:create',
      categoryFixture({
        code: 'use-device',
        dataItems: ['设备型号', 'IP地址', 'GPS位置'],
        sensitive: true,
        sensitiveKind: 'whereabouts',
        retentionDays: 180,
      }),
    );
    expect(created.code).toBe('USE-DEVICE'); // codes are kept upper-case
    expect(created.status).toBe('active');
    expect(created.revision).toBe(1);
    const loaded = await wb.call('categories:get', { id: created.id });
    expect(loaded.dataItems).toEqual(['设备型号', 'IP地址', 'GPS位置']);
    expect(loaded.sensitiveKind).toBe('whereabouts');
    expect(loaded.retentionDays).toBe(180);
    expect(loaded.createdAt).toBe('2026-11-17T06:30:00.000Z');
  });

  it('refuses a duplicate code with CONFLICT beside the code field, and writes nothing', async () => {
    await wb.call('categories:create', categoryFixture({ code: 'REG-A' }));
    const before = await tableCounts(wb);
    const result = await wb.invoke('categories:create', categoryFixture({ code: 'reg-a', name: 'another' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CONFLICT');
    expect(result.error.message).toContain('REG-A');
    expect(result.error.fieldErrors?.code).toBe('Another category already uses this code');
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('refuses a sensitive category without its kind, naming the field, in the chosen language', async () => {
    await wb.call('settings:update', { language: 'zh-CN' });
    const result = await wb.invoke('categories:create', categoryFixture({ sensitive: true, sensitiveKind: null }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.fieldErrors?.sensitiveKind).toContain('敏感个人信息的种类');
  });

  it('refuses a cross-border mechanism on information stored in China, and a data item listed twice', async () => {
    const result = await wb.invoke(
      'categories:create',
      categoryFixture({ crossBorderMechanism: 'standard_contract', dataItems: ['姓名', '姓名'] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(['crossBorderMechanism', 'dataItems.1']);
  });
});

describe('listing categories', () => {
  beforeEach(async () => {
    await wb.call('categories:create', categoryFixture({ code: 'B-ONE', name: '设备信息', stage: 'service_use', dataItems: ['IP地址'] }));
    await wb.call('categories:create', categoryFixture({ code: 'A-TWO', name: '身份信息', dataItems: ['姓名', '身份证明'], sensitive: true, sensitiveKind: 'specific_identity' }));
    await wb.call('categories:create', categoryFixture({ code: 'C-THREE', name: '征信 100%_信息', stage: 'indirect', dataItems: ['信用分'] }));
  });

  it('sorts by code by default and by name descending on request', async () => {
    const byCode = await wb.call('categories:list', {});
    expect(byCode.items.map((c) => c.code)).toEqual(['A-TWO', 'B-ONE', 'C-THREE']);
    const byStageDesc = await wb.call('categories:list', { sortBy: 'stage', sortDir: 'desc' });
    expect(byStageDesc.items.map((c) => c.stage)).toEqual(['service_use', 'registration', 'indirect']);
  });

  it('finds a category by one of its data items, by name and by code', async () => {
    expect((await wb.call('categories:list', { search: '身份证明' })).items.map((c) => c.code)).toEqual(['A-TWO']);
    expect((await wb.call('categories:list', { search: '设备' })).items.map((c) => c.code)).toEqual(['B-ONE']);
    expect((await wb.call('categories:list', { search: 'c-thr' })).items.map((c) => c.code)).toEqual(['C-THREE']);
  });

  it('treats % and _ in a search as plain characters', async () => {
    expect((await wb.call('categories:list', { search: '100%_' })).items.map((c) => c.code)).toEqual(['C-THREE']);
    expect((await wb.call('categories:list', { search: '%' })).total).toBe(1);
  });

  it('filters by stage, sensitivity and status, and pages with a total', async () => {
    expect((await wb.call('categories:list', { stage: 'indirect' })).items.map((c) => c.code)).toEqual(['C-THREE']);
    expect((await wb.call('categories:list', { sensitive: true })).items.map((c) => c.code)).toEqual(['A-TWO']);
    const page2 = await wb.call('categories:list', { page: 2, pageSize: 2 });
    expect(page2.total).toBe(3);
    expect(page2.items.map((c) => c.code)).toEqual(['C-THREE']);
    expect(page2.items[0]?.dataItemCount).toBe(1);
  });
});

describe('editing, retiring and deleting', () => {
  it('saves an edit, bumps the revision and records only the changed fields in the audit log', async () => {
    const created = await wb.call('categories:create', categoryFixture());
    wb.setNow('2026-11-18T01:00:00.000Z');
    const { id, revision, status: _s, createdAt: _c, updatedAt: _u, ...values } = created;
    const saved = await wb.call('categories:update', { ...values, id, revision, name: '新名称', dataItems: ['姓名'] });
    expect(saved.revision).toBe(2);
    expect(saved.updatedAt).toBe('2026-11-18T01:00:00.000Z');
    const history = await wb.call('audit:forEntity', { entity: 'category', entityId: id });
    expect(history.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history.items[0]?.changedFields.sort()).toEqual(['dataItems', 'name']);
    expect(history.items[0]?.before).toEqual({ name: '测试类别', dataItems: ['姓名', '手机号码'] });
  });

  it('refuses a save over a newer revision with CONFLICT and keeps the first save', async () => {
    const created = await wb.call('categories:create', categoryFixture());
    const { id, revision, status: _s, createdAt: _c, updatedAt: _u, ...values } = created;
    await wb.call('categories:update', { ...values, id, revision, name: 'first' });
    const second = await wb.invoke('categories:update', { ...values, id, revision, name: 'second' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('CONFLICT');
    expect((await wb.call('categories:get', { id })).name).toBe('first');
  });

  it('retires softly (still listed, filterable) and reactivates', async () => {
    const created = await wb.call('categories:create', categoryFixture());
    const retired = await wb.call('categories:setStatus', { id: created.id, revision: created.revision, status: 'retired' });
    expect(retired.status).toBe('retired');
    expect((await wb.call('categories:list', { status: 'retired' })).total).toBe(1);
    expect((await wb.call('categories:list', { status: 'active' })).total).toBe(0);
    const back = await wb.call('categories:setStatus', { id: created.id, revision: retired.revision, status: 'active' });
    expect(back.status).toBe('active');
  });

  it('deletes the category with its data items, keeps what was deleted in the audit log, then answers NOT_FOUND', async () => {
    const created = await wb.call('categories:create', categoryFixture());
    await wb.call('categories:delete', { id: created.id, revision: created.revision });
    const counts = await tableCounts(wb);
    expect(counts.collection_categories).toBe(0);
    expect(counts.category_data_items).toBe(0);
    const history = await wb.call('audit:forEntity', { entity: 'category', entityId: created.id });
    expect(history.items[0]?.action).toBe('delete');
    expect((history.items[0]?.before as { code: string }).code).toBe('REG-TEST');
    const gone = await wb.invoke('categories:get', { id: created.id });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });
});
