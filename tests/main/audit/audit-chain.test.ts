import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, SETUP_AUDIT_ENTRIES, TEST_ACTOR, type TestWorkbench } from '../../helpers/workbench';
import { rowsOf, run } from '../../helpers/engine';
import { categoryFixture } from '../../helpers/fixtures';
import { canonicalJson } from '../../../src/main/core/audit/audit.service';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
  const a = await wb.call('categories:create', categoryFixture({ code: 'A' }));
  await wb.call('categories:create', categoryFixture({ code: 'B' }));
  await wb.call('categories:setStatus', { id: a.id, revision: a.revision, status: 'retired' });
});
afterEach(() => wb.close());

const sql = (text: string) => run(wb.ctx.db, text);

describe('the audit log hash chain', () => {
  it('verifies an untouched log, entry by entry', async () => {
    expect(await wb.call('audit:verify', {})).toMatchObject({ ok: true, checked: SETUP_AUDIT_ENTRIES + 3, firstBrokenId: null, problems: [] });
  });

  it('names the entry whose recorded change was edited behind the app', async () => {
    const rows = await rowsOf<{ id: number; after: string }>(wb.ctx.db, "select id, after from audit_log where entity = 'category' order by id");
    const second = rows[1]!;
    const forged = { ...JSON.parse(second.after), name: '伪造' };
    await run(wb.ctx.db, 'update audit_log set after = ? where id = ?', canonicalJson(forged), second.id);
    expect(await verifyAuditChain(wb.ctx)).toMatchObject({ ok: false, checked: SETUP_AUDIT_ENTRIES + 3, firstBrokenId: second.id });
  });

  it('detects a deleted entry, and a rewritten actor', async () => {
    await sql('delete from audit_log where id = 2');
    expect((await verifyAuditChain(wb.ctx)).firstBrokenId).toBe(3);
    const again = await makeWorkbench();
    await again.call('categories:create', categoryFixture());
    await run(again.ctx.db, "update audit_log set actor = 'someone else'");
    expect((await verifyAuditChain(again.ctx)).firstBrokenId).toBe(1);
    await again.close();
  });

  it('detects an entry whose hash was recomputed to hide an edit (the next link breaks)', async () => {
    // A forger who edits entry 2 and fixes its own hash still breaks entry 3's link to it.
    await sql("update audit_log set actor = 'forger', hash = 'f' || substr(hash, 2) where id = 2");
    const result = await verifyAuditChain(wb.ctx);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenId).toBe(2);
  });

  it('records who, when, and the whole record on create', async () => {
    const history = await wb.call('audit:forEntity', { entity: 'category', entityId: 2 });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ actor: TEST_ACTOR, action: 'create', at: '2026-11-17T06:30:00.000Z' });
    expect((history.items[0]!.after as { code: string }).code).toBe('B');
  });
});
