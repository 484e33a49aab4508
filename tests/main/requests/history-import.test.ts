import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/core/audit/audit.service';
import { auditView } from '../../../src/main/core/audit/audited-update';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { makeWorkbench } from '../../helpers/workbench';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * An import with history writes its requests in bulk and never reads them back: each audit entry must
 * still hold the request exactly as the register stores it, with requester details masked.
 */
describe('requests imported with their history', () => {
  it('each get a creation entry holding the request as stored, a timeline of their history, and an intact audit chain', async () => {
    const wb = await makeWorkbench({ language: 'en', now: '2026-11-20T02:00:00.000Z' });
    await wb.call('app:setup', { template: 'empty', organisationName: 'Example Ltd', language: 'en' });
    const csv = [
      "Reference,Channel,Received at,Requester's name,Phone or email,Kind of request,Status,Responded at",
      'REQ-2026-0040,Email,2026-11-02 10:00,"Li, Na",li.na@example.com,Deletion,Responded,2026-11-03 10:00',
      ',Hotline,2026-11-04 09:30,Chen Jie,13800138000,access_copy,Refused,2026-11-05 16:00',
      'REQ-2025-0009,Letter,2025-12-30 15:00,Wang Fang,wang@example.com,Correction,New,',
    ].join('\n');
    const preview = await wb.call('transfer:preview', { fileName: 'log.csv', base64: b64(csv) });
    expect(preview.issues).toEqual([]);
    await wb.call('transfer:import', { fileName: 'log.csv', base64: b64(csv) });

    const stored = await wb.ctx.db.selectFrom('requests').selectAll().orderBy('id').execute();
    // The row without a reference takes the year's next one, past the kept REQ-2026-0040.
    expect(stored.map((r) => [r.reference, r.status, r.requester_name])).toEqual([
      ['REQ-2026-0040', 'responded', 'Li, Na'],
      ['REQ-2026-0041', 'refused', 'Chen Jie'],
      ['REQ-2025-0009', 'new', 'Wang Fang'],
    ]);
    const entries = await wb.ctx.db.selectFrom('audit_log').select(['entity_id', 'action', 'after']).where('entity', '=', 'request').orderBy('id').execute();
    expect(entries.map((e) => [Number(e.entity_id), e.action])).toEqual(stored.map((r) => [Number(r.id), 'create']));
    for (const [i, row] of stored.entries()) {
      expect(entries[i]!.after).toBe(canonicalJson(auditView(row)));
      expect(entries[i]!.after).not.toContain(row.requester_name);
    }
    const timeline = await wb.ctx.db.selectFrom('request_events').select(['request_id', 'kind']).orderBy('id').execute();
    expect(timeline.map((e) => [Number(e.request_id), e.kind])).toEqual([
      [Number(stored[0]!.id), 'created'],
      [Number(stored[0]!.id), 'responded'],
      [Number(stored[1]!.id), 'created'],
      [Number(stored[1]!.id), 'refused'],
      [Number(stored[2]!.id), 'created'],
    ]);
    expect((await verifyAuditChain(wb.ctx)).ok).toBe(true);
  });
});
