import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { rowsOf } from '../../helpers/engine';
import { categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';
import { auditView, PERSONAL_DATA } from '../../../src/main/core/audit/audited-update';

describe('auditView, the one view of a record the audit log keeps', () => {
  it('leaves out the id, revision and timestamps, from a domain object and from a row alike', () => {
    const record = { id: 7, name: '推送', revision: 3, createdAt: 'x', updatedAt: 'y' };
    const row = { id: 7, name: '推送', revision: 3, created_at: 'x', updated_at: 'y' };
    expect(auditView(record)).toEqual({ name: '推送' });
    expect(auditView(row)).toEqual({ name: '推送' });
  });

  it('masks requester details in either spelling, and says nothing where there were none', () => {
    const request = { requesterName: '张伟', requester_contact: '13800000000', accountRef: '', details: '请删除我的账号', kind: 'deletion' };
    expect(auditView(request)).toEqual({ requesterName: PERSONAL_DATA, requester_contact: PERSONAL_DATA, accountRef: '', details: PERSONAL_DATA, kind: 'deletion' });
  });

  it('leaves out what a domain names (a joined name, a derived status)', () => {
    expect(auditView({ partnerId: 1, partnerName: '上海敖维', status: 'active', kind: 'confidentiality' }, ['partnerName', 'status'])).toEqual({
      partnerId: 1,
      kind: 'confidentiality',
    });
  });
});

describe('audited updates in the registers', () => {
  let wb: TestWorkbench;
  beforeEach(async () => {
    wb = await makeWorkbench();
  });
  afterEach(() => wb.close());

  const history = (entity: string, entityId: number) => wb.call('audit:forEntity', { entity, entityId }).then((h) => h.items);

  it('a retired partner is recorded as a status change of that field alone', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    await wb.call('partners:setStatus', { id: p.id, revision: p.revision, status: 'retired' });
    const [latest] = await history('partner', p.id);
    expect(latest).toMatchObject({ action: 'status', before: { status: 'active' }, after: { status: 'retired' }, changedFields: [] });
  });

  it('a flow records its own fields: its partner and category by id, never their names', async () => {
    const p = await wb.call('partners:create', partnerFixture());
    const c = await wb.call('categories:create', categoryFixture());
    const flow = await wb.call('flows:create', flowFixture(p.id, c.id));
    const { id, revision, partnerName: _p, partnerStatus: _s, categoryCode: _c, categoryName: _n, createdAt: _ca, updatedAt: _u, ...values } = flow;
    await wb.call('flows:update', { ...values, id, revision, purpose: '风控' });
    const [update, create] = await history('flow', flow.id);
    expect(update).toMatchObject({ action: 'update', before: { purpose: '识别账号异常' }, after: { purpose: '风控' }, changedFields: ['purpose'] });
    expect(Object.keys(create!.after as object).sort()).toEqual(
      ['categoryId', 'crossBorder', 'crossBorderMechanism', 'frequency', 'method', 'notes', 'partnerId', 'policyClause', 'purpose'].sort(),
    );
  });

  it('settings saved unchanged write no entry; a changed setting records that setting alone', async () => {
    const entries = () => rowsOf<{ before: string; after: string }>(wb.ctx.db, "select before, after from audit_log where entity = 'settings' order by id");
    const settings = await wb.call('settings:get', {});
    await wb.call('settings:update', { dueSoonDays: settings.dueSoonDays });
    expect(await entries()).toEqual([]);
    await wb.call('settings:update', { dueSoonDays: 5 });
    expect((await entries()).map((e) => [JSON.parse(e.before), JSON.parse(e.after)])).toEqual([[{ dueSoonDays: settings.dueSoonDays }, { dueSoonDays: 5 }]]);
  });
});
