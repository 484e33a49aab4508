import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { categoryFixture, requestFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
afterEach(async () => wb?.close());

describe('audit:changes, the signal a window polls for writes made elsewhere', () => {
  it('answers the head alone on the first look, then the kinds of record written since', async () => {
    wb = await makeWorkbench();
    const first = await wb.call('audit:changes', {});
    expect(first.entities).toEqual([]);
    expect(await wb.call('audit:changes', { afterId: first.lastId })).toEqual({ lastId: first.lastId, entities: [] });

    await wb.call('categories:create', categoryFixture({ code: 'SEEN' }));
    await wb.call('requests:create', requestFixture());
    await wb.call('requests:create', requestFixture({ requesterName: '李娜' }));
    const after = await wb.call('audit:changes', { afterId: first.lastId });
    expect(after.lastId).toBe(first.lastId + 3);
    expect(after.entities).toEqual(['category', 'request']);
    // Only what came after the id asked about.
    expect((await wb.call('audit:changes', { afterId: first.lastId + 1 })).entities).toEqual(['request']);
  });

  it('a window that saw a longer chain than the register holds (it was replaced) is told that anything may have changed', async () => {
    wb = await makeWorkbench();
    const { lastId } = await wb.call('audit:changes', {});
    expect(await wb.call('audit:changes', { afterId: lastId + 50 })).toEqual({ lastId, entities: null });
  });

  it('refuses an id that is not a whole number of zero or more', async () => {
    wb = await makeWorkbench();
    for (const afterId of [-1, 1.5, '3']) expect((await wb.invoke('audit:changes', { afterId })).ok, String(afterId)).toBe(false);
  });
});
