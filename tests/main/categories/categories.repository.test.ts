import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture } from '../../helpers/fixtures';
import {
  countCategories,
  findCategoryPage,
  findDataItems,
  replaceDataItems,
  updateCategoryAtRevision,
} from '../../../src/main/core/categories/categories.repository';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
});
afterEach(() => wb.close());

describe('categories repository', () => {
  it('updates only at the revision the caller saw, and moves the revision on', async () => {
    const { id } = await wb.call('categories:create', categoryFixture());
    expect(await updateCategoryAtRevision(wb.ctx.db, id, 1, { name: 'x' })).toBe(1);
    expect(await updateCategoryAtRevision(wb.ctx.db, id, 1, { name: 'y' })).toBe(0);
    const row = await wb.ctx.db.selectFrom('collection_categories').select(['name', 'revision']).where('id', '=', id).executeTakeFirst();
    expect(row).toEqual({ name: 'x', revision: 2 });
  });

  it('keeps data items in the order given when they are replaced', async () => {
    const { id } = await wb.call('categories:create', categoryFixture());
    await replaceDataItems(wb.ctx.db, id, ['c', 'a', 'b']);
    expect(await findDataItems(wb.ctx.db, id)).toEqual(['c', 'a', 'b']);
  });

  it('pages in SQL and counts the same filter it pages', async () => {
    for (let i = 0; i < 7; i++) {
      await wb.call('categories:create', categoryFixture({ code: `C-${i}`, dataItems: [i % 2 ? '手机号码' : '邮箱'] }));
    }
    const filters = { search: '手机', stage: undefined, sensitive: undefined, status: undefined };
    expect(await countCategories(wb.ctx.db, filters)).toBe(3);
    const rows = await findCategoryPage(wb.ctx.db, filters, { by: 'code', dir: 'desc' }, 1, 2);
    expect(rows.map((r) => r.code)).toEqual(['C-5', 'C-3']);
    expect(rows.every((r) => Number(r.data_item_count) === 1)).toBe(true);
  });
});
