import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { requestFixture } from '../../helpers/fixtures';
import { rowOf } from '../../helpers/engine';
import { templateKinds, type Request } from '../../../src/shared/domain/requests';
import { defaultLetterFor, fillPlaceholders, LETTER_PLACEHOLDERS, unknownPlaceholders } from '../../../src/shared/domain/letters';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';

/** The fixture's due date as a letter in English writes it (the one date format of the time module). */
const DUE_EN = '2 Dec 2026';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
  await wb.call('settings:update', { organisationName: '码尚云', hotline: '400-779-0025', mailbox: 'privacy@example.com' });
});
afterEach(async () => {
  await wb.close();
});

const act = (r: Request, input: Record<string, unknown>) => wb.call('requests:act', { id: r.id, revision: r.revision, ...input } as never);
const letter = (r: Request, template: (typeof templateKinds)[number], language: 'zh-CN' | 'en' = 'zh-CN', extra: { reason?: string; enclosed?: string } = {}) =>
  wb.call('requests:template', { id: r.id, template, language, ...extra });
const refuse = (r: Request, refusalReason: string, extra: Record<string, unknown> = {}) =>
  act(r, { action: 'refuse', refusalReason, explanation: '经核查不予办理', complaintRouteGiven: true, ...extra });

describe('the reply a request’s state calls for', () => {
  it('follows the request from acknowledgement to completion, partial answer and refusal', async () => {
    let r = await wb.call('requests:create', requestFixture());
    expect(defaultLetterFor(r)).toBe('acknowledgement');
    r = await act(r, { action: 'startVerification' });
    expect(defaultLetterFor(r)).toBe('verification_needed');
    r = await act(r, { action: 'pause', reason: '等待请求人回复核验短信' });
    expect(defaultLetterFor(r)).toBe('verification_needed');
    r = await act(r, { action: 'resume', reason: '已回复' });
    r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
    expect(defaultLetterFor(r)).toBe('acknowledgement');
    r = await act(r, { action: 'pause', reason: '需调取归档系统中的记录' });
    expect(defaultLetterFor(r)).toBe('extension');
    r = await act(r, { action: 'resume', reason: '记录已调取' });
    const partly = await act(r, { action: 'respond', summary: '已提供账户资料副本', partial: true });
    expect(defaultLetterFor(partly)).toBe('partial');
    expect(defaultLetterFor(await act(partly, { action: 'close' }))).toBe('partial');

    const whole = await act(await act(await wb.call('requests:create', requestFixture()), { action: 'verify', method: 'sms_code', result: 'verified' }), { action: 'respond', summary: '已提供副本' });
    expect(defaultLetterFor(whole)).toBe('completed');
  });

  it('never offers a refused request the acknowledgement, closed or not', async () => {
    for (const status of ['new', 'verifying', 'in_progress', 'awaiting_requester'] as const) {
      let r = await wb.call('requests:create', requestFixture());
      if (status === 'verifying') r = await act(r, { action: 'startVerification' });
      if (status === 'in_progress') r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
      if (status === 'awaiting_requester') r = await act(r, { action: 'pause', reason: '等待补充材料' });
      expect(r.status).toBe(status);
      const refused = await refuse(r, 'identity_not_verified');
      expect(defaultLetterFor(refused)).toBe('refused');
      expect(defaultLetterFor(await act(refused, { action: 'close' }))).toBe('refused');
    }
  });
});

describe('the reply for a request that ends or pauses', () => {
  it('offers a withdrawn request the confirmation of its withdrawal, before and after it is closed, in both languages', async () => {
    for (const start of ['new', 'verifying', 'in_progress', 'awaiting_requester'] as const) {
      let r = await wb.call('requests:create', requestFixture());
      if (start === 'verifying') r = await act(r, { action: 'startVerification' });
      if (start === 'in_progress') r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
      if (start === 'awaiting_requester') r = await act(r, { action: 'pause', reason: '等待补充材料' });
      const withdrawn = await act(r, { action: 'withdraw', reason: '请求人来电撤回' });
      expect(defaultLetterFor(withdrawn), start).toBe('withdrawn');
      expect(defaultLetterFor(await act(withdrawn, { action: 'close' })), start).toBe('withdrawn');
    }
    const r = await act(await wb.call('requests:create', requestFixture()), { action: 'withdraw', reason: '请求人来电撤回' });
    const zh = await letter(r, 'withdrawn');
    expect(zh.subject).toBe('请求 REQ-2026-0005：已按您的要求撤回');
    expect(zh.body).toContain('2026年11月17日提出的查阅、复制请求（受理编号 REQ-2026-0005）已按您的要求撤回');
    expect(zh.body).not.toContain('15日内');
    const en = await letter(r, 'withdrawn', 'en');
    expect(en.subject).toBe('Request REQ-2026-0005: withdrawn as you asked');
    expect(en.body).toContain('we have withdrawn your request REQ-2026-0005');
    // Nothing of the internal reason for the withdrawal goes into the letter.
    expect(`${zh.body}${en.body}`).not.toContain('来电撤回');
  });

  it('keeps a closed answer or refusal apart from a closed withdrawal', async () => {
    const verified = async () => act(await wb.call('requests:create', requestFixture()), { action: 'verify', method: 'sms_code', result: 'verified' });
    const answered = await act(await verified(), { action: 'respond', summary: '已提供副本' });
    expect(defaultLetterFor(await act(answered, { action: 'close' }))).toBe('completed');
    const refused = await refuse(await verified(), 'other', { refusalNote: '账户已注销' });
    expect(defaultLetterFor(await act(refused, { action: 'close' }))).toBe('refused');
    // A failed identity check asks again; a refusal for it gets the refusal, naming the reason.
    const failed = await act(await wb.call('requests:create', requestFixture()), { action: 'verify', method: 'sms_code', result: 'failed' });
    expect(defaultLetterFor(failed)).toBe('verification_needed');
    const refusedUnverified = await refuse(failed, 'identity_not_verified');
    expect(defaultLetterFor(refusedUnverified)).toBe('refused');
    expect((await letter(refusedUnverified, 'refused')).body).toContain('理由如下：无法核验请求人的身份。');
    expect((await letter(refusedUnverified, 'refused', 'en')).body).toContain("for the following reason: The requester's identity could not be verified.");
  });

  it('offers the completion, not the old refusal, once a reopened refusal is answered after all', async () => {
    const refused = await refuse(await act(await wb.call('requests:create', requestFixture()), { action: 'verify', method: 'sms_code', result: 'verified' }), 'other', { refusalNote: '账户已注销' });
    const reopened = await act(await act(refused, { action: 'close' }), { action: 'reopen', reason: '请求人补充了账户证明' });
    const answered = await act(reopened, { action: 'respond', summary: '已删除账户数据' });
    expect(answered.refusalReason).toBeNull();
    expect(defaultLetterFor(answered)).toBe('completed');
    expect(defaultLetterFor(await act(answered, { action: 'close' }))).toBe('completed');
    // The refusal stays on the record.
    const timeline = await wb.call('requests:events', { id: answered.id, page: 1, pageSize: 50 });
    expect(timeline.items.map((e) => e.kind)).toContain('refused');
  });
});

describe('filling a reply', () => {
  it('fills the requester, reference, days and kind of every template in both languages, leaving no placeholder', async () => {
    const r = await wb.call('requests:create', requestFixture());
    for (const language of ['zh-CN', 'en'] as const) {
      for (const template of templateKinds) {
        const filled = await letter(r, template, language);
        expect(`${filled.subject}${filled.body}`, `${template} ${language}`).not.toMatch(/\{\{|\}\}/);
        expect(filled.subject, `${template} ${language}`).toContain('REQ-2026-0001');
        expect(filled.body, `${template} ${language}`).toContain('400-779-0025');
      }
    }
    const ack = await letter(r, 'acknowledgement');
    expect(ack.body).toContain('张三，您好');
    expect(ack.body).toContain('2026年11月17日收到您提出的查阅、复制请求');
    expect(ack.body).toContain('15日内、最迟于2026年12月2日前答复');
    const en = await letter(r, 'acknowledgement', 'en');
    expect(en.body).toContain('Dear 张三');
    expect(en.body).toContain(`by ${DUE_EN} at the latest`);
  });

  it('writes an extension with the due date and the reason, taken from the open pause unless the officer gives one', async () => {
    let r = await wb.call('requests:create', requestFixture());
    r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
    r = await act(r, { action: 'pause', reason: '所需记录存于异地归档系统' });
    expect((await letter(r, 'extension')).body).toContain('因所需记录存于异地归档系统，我们无法在原定期限内答复，现预计于2026年12月2日前答复您');
    expect((await letter(r, 'extension', 'en', { reason: 'the records are held in an off-site archive' })).body).toContain(
      `for the following reason: the records are held in an off-site archive. We now expect to respond by ${DUE_EN}.`,
    );
  });

  it('names what was enclosed with a completion, and prompts for it while it is not given', async () => {
    let r = await wb.call('requests:create', requestFixture());
    r = await act(r, { action: 'verify', method: 'sms_code', result: 'verified' });
    r = await act(r, { action: 'respond', summary: '已导出您账户中的个人信息。' });
    expect((await letter(r, 'completed', 'zh-CN', { enclosed: '个人信息副本（加密压缩文件）' })).body).toContain('随本函附上：个人信息副本（加密压缩文件）。');
    expect((await letter(r, 'completed')).body).toContain('［请填写随附材料');
  });

  it('refuses with the reason and the lawsuit route of PIPL Art. 50(2), in both languages', async () => {
    const r = await refuse(await wb.call('requests:create', requestFixture()), 'identity_not_verified');
    const zh = await letter(r, 'refused');
    expect(zh.body).toContain('理由如下：无法核验请求人的身份。');
    expect(zh.body).toContain('根据《个人信息保护法》第五十条第二款，对于我们拒绝您行使个人信息权利的请求，您可以依法向人民法院提起诉讼');
    const en = await letter(r, 'refused', 'en');
    expect(en.body).toContain("for the following reason: The requester's identity could not be verified.");
    expect(en.body).toContain("Under Article 50(2) of the Personal Information Protection Law, as we have refused your request to exercise your rights, you may bring a lawsuit before a people's court.");
  });

  it('asks for the organisation, hotline and mailbox in brackets while Settings does not hold them', async () => {
    await wb.call('settings:update', { organisationName: '', hotline: '', mailbox: '' });
    const r = await wb.call('requests:create', requestFixture());
    const refusal = await letter(await refuse(r, 'trade_secret'), 'refused');
    expect(refusal.body).toContain('请致电 ［隐私热线：请在“设置”中填写］ 或发送邮件至 ［隐私邮箱：请在“设置”中填写］');
    expect(refusal.body.endsWith('［组织名称：请在“设置”中填写］\n隐私热线：［隐私热线：请在“设置”中填写］ · 隐私邮箱：［隐私邮箱：请在“设置”中填写］')).toBe(true);
  });

  it('has one engine: known placeholders filled, unknown ones named', () => {
    const values = Object.fromEntries(LETTER_PLACEHOLDERS.map((p) => [p, `<${p}>`])) as Record<(typeof LETTER_PLACEHOLDERS)[number], string>;
    expect(fillPlaceholders('{{name}}：{{ reference }}', values)).toEqual({ ok: true, text: '<name>：<reference>' });
    expect(fillPlaceholders('{{name}} {{phone}} {{idCard}}', values)).toEqual({ ok: false, unknown: 'phone' });
    expect(unknownPlaceholders('{{phone}} {{name}} {{phone}} {{}}')).toEqual(['phone', '']);
  });
});

describe('the officer’s own wording (Settings)', () => {
  it('replaces the shipped wording for every later reply, is audited, and resets to the default', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const shipped = await letter(r, 'acknowledgement');
    const saved = await wb.call('requests:saveLetterTemplate', {
      kind: 'acknowledgement',
      language: 'zh-CN',
      subject: '受理通知：{{reference}}',
      body: '尊敬的{{name}}：\n\n您的请求已受理，我们将于{{dueDate}}前答复。',
    });
    expect(saved).toMatchObject({ custom: true, subject: '受理通知：{{reference}}' });
    const { id } = (await rowOf<{ id: number }>(wb.ctx.db, 'select id from reply_templates'))!;
    const custom = await letter(r, 'acknowledgement');
    expect(custom).toMatchObject({ custom: true, subject: '受理通知：REQ-2026-0001', body: '尊敬的张三：\n\n您的请求已受理，我们将于2026年12月2日前答复。' });
    // The other language keeps its wording.
    expect((await letter(r, 'acknowledgement', 'en')).custom).toBe(false);

    await wb.call('requests:saveLetterTemplate', { kind: 'acknowledgement', language: 'zh-CN', subject: '受理通知：{{reference}}', body: '{{name}}，您好：已受理。' });
    const listed = await wb.call('requests:letterTemplates', {});
    expect(listed).toHaveLength(templateKinds.length * 2);
    expect(listed.filter((t) => t.custom).map((t) => `${t.kind}/${t.language}`)).toEqual(['acknowledgement/zh-CN']);

    const reset = await wb.call('requests:resetLetterTemplate', { kind: 'acknowledgement', language: 'zh-CN' });
    expect(reset.custom).toBe(false);
    expect(await letter(r, 'acknowledgement')).toEqual(shipped);

    const history = await wb.call('audit:forEntity', { entity: 'replyTemplate', entityId: id });
    expect(history.items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(history.items[1]!.before).toEqual({ body: '尊敬的{{name}}：\n\n您的请求已受理，我们将于{{dueDate}}前答复。' });
    expect(history.items[1]!.after).toEqual({ body: '{{name}}，您好：已受理。' });
    expect((await verifyAuditChain(wb.ctx)).ok).toBe(true);
  });

  it('refuses a wording with an unknown placeholder, naming it, and writes nothing', async () => {
    const before = await tableCounts(wb);
    const result = await wb.invoke('requests:saveLetterTemplate', { kind: 'refused', language: 'en', subject: 'Request {{reference}}', body: 'Dear {{name}}, call us on {{phoneNumber}}.' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toContain('phoneNumber');
      expect(result.error.fieldErrors).toEqual({ body: 'Unknown placeholder “phoneNumber”' });
    }
    expect(await tableCounts(wb)).toEqual(before);
  });
});

describe('a reply sent', () => {
  it('is recorded on the timeline with its template and the text as sent, not in the audit log', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const filled = await letter(r, 'acknowledgement');
    const body = `${filled.body}\n\n附：受理回执`;
    const after = await wb.call('requests:sendLetter', { id: r.id, revision: r.revision, template: 'acknowledgement', language: 'zh-CN', subject: filled.subject, body });
    expect(after.revision).toBe(r.revision + 1);
    expect(after.status).toBe('new');
    const [sent] = (await wb.call('requests:events', { id: r.id })).items;
    expect(sent).toMatchObject({ kind: 'letter_sent', text: `${filled.subject}\n\n${body}`, data: { template: 'acknowledgement', language: 'zh-CN' }, fromStatus: null, toStatus: null });
    const [audited] = (await wb.call('audit:forEntity', { entity: 'request', entityId: r.id })).items;
    expect(audited!.after).toEqual({ action: 'sendLetter', template: 'acknowledgement', language: 'zh-CN' });
    expect(JSON.stringify(audited)).not.toContain('张三');
  });

  it('is refused while it still holds a placeholder, or when the request changed meanwhile', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const before = await tableCounts(wb);
    const unfilled = await wb.invoke('requests:sendLetter', { id: r.id, revision: r.revision, template: 'extension', language: 'en', subject: 'Request', body: 'Dear {{name}}' });
    expect(unfilled.ok).toBe(false);
    if (!unfilled.ok) expect(unfilled.error.fieldErrors).toEqual({ body: 'The reply still holds the placeholder “name”, which was not filled in' });
    const stale = await wb.invoke('requests:sendLetter', { id: r.id, revision: r.revision + 1, template: 'extension', language: 'en', subject: 'Request', body: 'Dear Zhang' });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    expect(await tableCounts(wb)).toEqual(before);
  });
});

describe('refusal reasons', () => {
  it('include “identity could not be verified” and “other”, which needs the reason in words', async () => {
    const r = await wb.call('requests:create', requestFixture());
    const before = await tableCounts(wb);
    const bare = await wb.invoke('requests:act', { id: r.id, revision: r.revision, action: 'refuse', refusalReason: 'other', explanation: '不予办理', complaintRouteGiven: true });
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.error.fieldErrors).toEqual({ refusalNote: 'State the reason when it is “Other”' });
    expect(await tableCounts(wb)).toEqual(before);

    const refused = await refuse(r, 'other', { refusalNote: '该账户已于请求前注销，相关信息已依法删除' });
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'other', refusalNote: '该账户已于请求前注销，相关信息已依法删除', complaintRouteGiven: true });
    expect((await letter(refused, 'refused')).body).toContain('理由如下：该账户已于请求前注销，相关信息已依法删除。');
    const [event] = (await wb.call('requests:events', { id: r.id })).items;
    expect(event).toMatchObject({ kind: 'refused', data: { refusalReason: 'other', refusalNote: '该账户已于请求前注销，相关信息已依法删除', complaintRouteGiven: true } });
  });

  it('clears the stated reason and the letters sent with the requester’s data', async () => {
    wb.setNow('2022-03-01T02:00:00Z');
    let r = await wb.call('requests:create', requestFixture({ receivedAt: '2022-03-01T01:00:00Z' }));
    r = await refuse(r, 'other', { refusalNote: '张三的账户已注销' });
    const filled = await letter(r, 'refused');
    r = await wb.call('requests:sendLetter', { id: r.id, revision: r.revision, template: 'refused', language: 'zh-CN', subject: filled.subject, body: filled.body });
    await act(r, { action: 'close' });
    wb.setNow('2026-11-17T06:30:00Z');
    expect((await wb.call('requests:purge', {})).anonymised).toBe(1);
    expect((await wb.call('requests:get', { id: r.id })).refusalNote).toBe('');
    expect(JSON.stringify((await wb.call('requests:events', { id: r.id })).items.map((e) => e.text))).not.toContain('张三');
  });
});
