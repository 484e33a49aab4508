import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { onPostgres } from '../../helpers/engine';
import { onServer } from '../../setup/postgres';
import { inject } from 'vitest';
import { categoryFixture } from '../../helpers/fixtures';

// A team register's server ends connections now and then (a restart, an administrator, a network
// cut). The workbench must carry on with fresh connections, not fall over with the idle ones.
describe.skipIf(!onPostgres)('a team register when the server ends its connections', () => {
  let wb: TestWorkbench;
  beforeEach(async () => {
    wb = await makeWorkbench();
  });
  afterEach(() => wb.close());

  it('keeps answering, and keeps what was saved, after every connection of the app was ended', async () => {
    const first = await wb.call('categories:create', categoryFixture({ code: 'C-001', name: '注册信息' }));
    const database = new URL(wb.ctx.dbPath).pathname.slice(1);
    await onServer(inject('pgBase'), `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`);
    await new Promise((settle) => setTimeout(settle, 200));
    const second = await wb.call('categories:create', categoryFixture({ code: 'C-002', name: '设备信息' }));
    const list = await wb.call('categories:list', { page: 1, pageSize: 25 });
    expect(list.items.map((c) => c.code).sort()).toEqual(['C-001', 'C-002']);
    expect(second.id).toBeGreaterThan(first.id);
  });
});
