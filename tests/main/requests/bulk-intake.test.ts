import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestInput } from '../../../src/shared/domain/requests';
import { logRequestsInBulk } from '../../../src/main/core/requests/intake.service';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';
import { rowsOf } from '../../helpers/engine';

let single: TestWorkbench;
let bulk: TestWorkbench;
beforeEach(async () => {
  single = await makeWorkbench();
  bulk = await makeWorkbench();
});
afterEach(async () => {
  await single.close();
  await bulk.close();
});

/** The context a channel call of this workbench's user gets (signed in as its officer on PostgreSQL): the bulk writer's caller. */
const asItsUser = async (wb: TestWorkbench) => ({ ...wb.ctx, actor: (await wb.call('session:current', {})).actor });

const inputs = [
  requestFixture(),
  requestFixture({ channel: 'email', requesterContact: 'li@example.com', kind: 'deletion' }),
  requestFixture({ receivedAt: '2025-12-31T17:00:00Z' }), // 1 January 2026 in Shanghai
  requestFixture({ receivedAt: '2025-12-31T15:00:00Z' }), // still 2025 in Shanghai
];

const requestRows = async (wb: TestWorkbench) =>
  (await rowsOf(wb.ctx.db, 'select * from requests order by id')).map((r) => {
    const { id: _id, ...rest } = r as Record<string, unknown>;
    return rest;
  });

describe('logging requests in bulk (imports)', () => {
  it('gives each request the same reference, deadline, timeline and audit entry as logging them one by one', async () => {
    const audit = (wb: TestWorkbench) => rowsOf(wb.ctx.db, 'select entity, entity_id, action, after, hash from audit_log order by id');
    const setUp = (await audit(bulk)).length; // on PostgreSQL, the test officer's creation
    for (const input of inputs) await single.call('requests:create', input);
    const ctx = await asItsUser(bulk);
    await bulk.ctx.db.transaction().execute((trx) => logRequestsInBulk(trx, ctx, inputs.map((i) => requestInput.parse(i))));

    expect(await requestRows(bulk)).toEqual(await requestRows(single));
    expect((await requestRows(bulk)).map((r) => r.reference)).toEqual(['REQ-2026-0001', 'REQ-2026-0002', 'REQ-2026-0003', 'REQ-2025-0001']);
    const events = (wb: TestWorkbench) => rowsOf(wb.ctx.db, 'select request_id, kind, to_status, data from request_events order by id');
    expect(await events(bulk)).toEqual(await events(single));
    expect(await audit(bulk)).toEqual(await audit(single));
    expect(await verifyAuditChain(bulk.ctx)).toMatchObject({ ok: true, checked: setUp + 4 });
  });

  it('continues the yearly numbering after requests logged by hand', async () => {
    await bulk.call('requests:create', requestFixture());
    await bulk.ctx.db.transaction().execute((trx) => logRequestsInBulk(trx, bulk.ctx, [requestInput.parse(requestFixture())]));
    const next = await bulk.call('requests:create', requestFixture());
    expect(next.reference).toBe('REQ-2026-0003');
  });

  it('refuses a request received in the future, naming its row, and the caller rolls everything back', async () => {
    const attempt = bulk.ctx.db
      .transaction()
      .execute((trx) => logRequestsInBulk(trx, bulk.ctx, [requestInput.parse(requestFixture()), requestInput.parse(requestFixture({ receivedAt: '2030-01-01T00:00:00Z' }))]));
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { '1.receivedAt': { key: 'validation.notInFuture' } } });
    expect(await requestRows(bulk)).toEqual([]);
  });
});
