import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gapStatusOf, type GapItem } from '../../../src/shared/domain/gaps';
import { art21Shortfall, type Art21Clause } from '../../../src/shared/domain/agreements';
import { translatorFor } from '../../../src/shared/i18n';
import { citeSources } from '../../../src/shared/legal-citation';
import { makeWorkbench, tableCounts, TEST_ACTOR, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench(); // 2026-11-17 in Shanghai
});
afterEach(async () => {
  await wb.close();
});

const summaryOf = async (id: string) => {
  const s = (await wb.call('gaps:summary', {})).find((c) => c.id === id);
  if (!s) throw new Error(`no check ${id}`);
  return { open: s.count, inHand: s.inHand, settled: s.settled };
};
const items = async (checkId: string, filter: 'all' | 'open' | 'in_hand' | 'settled' = 'all'): Promise<GapItem[]> => (await wb.call('gaps:list', { checkId, filter })).items;

/** A partner that receives one category: a gap of partner-without-agreement until an agreement is in force. */
async function recipient(overrides: Parameters<typeof partnerFixture>[0] = {}) {
  const p = await wb.call('partners:create', partnerFixture(overrides));
  const c = await wb.call('categories:create', categoryFixture({ code: `C-${p.id}` }));
  await wb.call('flows:create', flowFixture(p.id, c.id));
  return p;
}

const auditOf = (entityId: number) => wb.call('audit:forEntity', { entity: 'gapDecision', entityId });

describe('exceptions', () => {
  it('a disclosure to a state organ that the law requires needs no agreement; the same organ on consent, or a bureau by law, still does', async () => {
    const organ = await recipient({ name: '行政、司法机关', role: 'state_organ', sharingBasis: 'legal_requirement' });
    const organOnConsent = await recipient({ name: '某市监管局', role: 'state_organ', sharingBasis: 'consent' });
    const bureau = await recipient({ name: '征信机构', role: 'credit_bureau', sharingBasis: 'legal_requirement' });
    const listed = (await items('partner-without-agreement')).map((i) => i.id).sort();
    expect(listed).toEqual([organOnConsent.id, bureau.id].sort());
    expect(listed).not.toContain(organ.id);
    const check = (await wb.call('gaps:list', { checkId: 'partner-without-agreement' })).check;
    expect(check.exceptions[0]).toEqual({
      key: 'gaps:exception.stateOrganByLaw',
      sources: [
        { law: 'pipl', article: 13, paragraph: 1, item: 3 },
        { law: 'pipl', article: 13, paragraph: 1, item: 7 },
        { law: 'pipl', article: 34 },
      ],
    });
  });

  it('sensitive information and minors on a basis other than consent need neither separate nor guardian consent (PIPL Art. 13(2))', async () => {
    await wb.call('categories:create', categoryFixture({ code: 'HR-HEALTH', sensitive: true, sensitiveKind: 'medical_health', legalBasis: 'contract_or_hr' }));
    await wb.call('categories:create', categoryFixture({ code: 'KID', subjectType: 'minor', legalBasis: 'legal_duty' }));
    expect((await summaryOf('sensitive-without-separate-consent')).open).toBe(0);
    expect((await summaryOf('minor-without-guardian-consent')).open).toBe(0);
    await wb.call('categories:create', categoryFixture({ code: 'FACE', sensitive: true, sensitiveKind: 'biometric' }));
    expect((await summaryOf('sensitive-without-separate-consent')).open).toBe(1);
  });

  it('every check names its basis and says what its exceptions are (or that it has none) with words in both languages', async () => {
    const summary = await wb.call('gaps:summary', {});
    for (const language of ['zh-CN', 'en'] as const) {
      const t = translatorFor(language);
      const has = (key: string) => t(key) !== key.split(':')[1];
      for (const s of summary) {
        expect(s.basis.length, s.id).toBeGreaterThan(0);
        expect(citeSources(t, language, s.basis), s.id).not.toBe('');
        expect([s.titleKey, s.fixKey, ...s.exceptions.map((e) => e.key)].filter((k) => !has(k)), `${language} ${s.id}`).toEqual([]);
      }
    }
    const entrusted = summary.find((s) => s.id === 'entrusted-without-entrustment')!;
    expect(citeSources(translatorFor('zh-CN'), 'zh-CN', entrusted.basis)).toBe('《个人信息保护法》第二十一条');
    expect(citeSources(translatorFor('en'), 'en', entrusted.basis)).toBe('PIPL Art. 21');
  });
});

describe('new checks', () => {
  it('an entrusted processor with only a confidentiality agreement fires until an entrusted-processing agreement is in force', async () => {
    const p = await recipient({ name: '云服务受托方', role: 'entrusted_processor' });
    const other = await recipient({ name: '另一处理者', role: 'other_handler' });
    await wb.call('agreements:create', agreementFixture(p.id, { kind: 'confidentiality' }));
    await wb.call('agreements:create', agreementFixture(other.id, { referenceNo: 'NDA-2', kind: 'confidentiality' }));
    expect((await items('entrusted-without-entrustment')).map((i) => [i.label, i.detail])).toEqual([
      ['云服务受托方', { key: 'gaps:detail.flows', params: { value: 1, count: 1 } }],
    ]);
    await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: 'DPA-1', kind: 'entrusted_processing', signedOn: '2026-12-01' }));
    expect((await summaryOf('entrusted-without-entrustment')).open).toBe(1); // signed on a later day: not yet in force
    await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: 'DPA-2', kind: 'entrusted_processing' }));
    expect((await summaryOf('entrusted-without-entrustment')).open).toBe(0);
  });

  it('an entrusted-processing agreement in force settling 0 of 10 matters fires, says 0 of 10, and the agreement list warns beside 有效', async () => {
    const p = await recipient({ role: 'entrusted_processor' });
    const dpa = await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: 'DPA-0', kind: 'entrusted_processing', checklist: [] }));
    await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: 'NDA-0', kind: 'confidentiality', checklist: [] }));
    await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: 'DPA-DRAFT', kind: 'entrusted_processing', signedOn: null, expiresOn: null, checklist: [] }));
    const gaps = await items('agreement-art21-incomplete');
    expect(gaps.map((i) => [i.id, i.detail])).toEqual([[dpa.id, { key: 'gaps:detail.checklist', params: { done: 0, total: 10 } }]]);
    const listed = (await wb.call('agreements:list', {})).items.find((a) => a.id === dpa.id)!;
    expect(listed.status).toBe('active');
    expect(listed.checklist).toEqual([]);

    const { id, revision, partnerName: _n, status: _s, document: _d, createdAt: _c, updatedAt: _u, ...values } = dpa;
    const nine = ['purpose', 'duration', 'method', 'data_types', 'protection_measures', 'rights_duties', 'supervision_audit', 'return_or_delete', 'no_sub_entrustment'] as const;
    const partly = await wb.call('agreements:update', { ...values, id, revision, checklist: [...nine] });
    expect((await items('agreement-art21-incomplete'))[0]?.detail?.params).toEqual({ done: 9, total: 10 });
    await wb.call('agreements:update', { ...values, id, revision: partly.revision, checklist: [...nine, 'breach_notification'] });
    expect((await summaryOf('agreement-art21-incomplete')).open).toBe(0);
  });

  it('the agreements list warns exactly where the gap check fires (art21Shortfall and the SQL agree)', async () => {
    const p = await recipient({ role: 'entrusted_processor' });
    const cases: [string, 'entrusted_processing' | 'confidentiality' | 'data_sharing', Art21Clause[], string | null][] = [
      ['A', 'entrusted_processing', [], '2026-01-01'],
      ['B', 'entrusted_processing', ['purpose', 'purpose'], '2026-01-01'],
      ['C', 'confidentiality', [], '2026-01-01'],
      ['D', 'data_sharing', ['purpose'], '2026-01-01'],
      ['E', 'entrusted_processing', ['purpose'], null],
      ['F', 'entrusted_processing', ['purpose'], '2026-12-01'],
    ];
    for (const [ref, kind, checklist, signedOn] of cases) {
      await wb.call('agreements:create', agreementFixture(p.id, { referenceNo: ref, kind, checklist, signedOn, expiresOn: signedOn ? '2027-12-31' : null }));
    }
    const warned = (await wb.call('agreements:list', { pageSize: 50 })).items.filter((a) => art21Shortfall(a) > 0).map((a) => a.referenceNo).sort();
    const flagged = (await items('agreement-art21-incomplete')).map((i) => i.label.split(' · ')[0]).sort();
    expect(warned).toEqual(['A', 'B']);
    expect(flagged).toEqual(warned);
  });
});

describe('decisions', () => {
  it('accepting a gap with a reason moves it from open to settled, is audited, and survives recomputation and edits of the record', async () => {
    const p = await recipient({ name: '甲公司' });
    await recipient({ name: '乙公司' });
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 2, inHand: 0, settled: 0 });
    const item = await wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: null, decision: 'accepted', reason: '合同谈判中，已书面告知风险', reviewOn: '2027-01-31' });
    expect(item).toMatchObject({ id: p.id, label: '甲公司', status: 'accepted', decision: { decision: 'accepted', reason: '合同谈判中，已书面告知风险', reviewOn: '2027-01-31', revision: 1 } });
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 1, inHand: 0, settled: 1 });
    expect((await items('partner-without-agreement', 'open')).map((i) => i.label)).toEqual(['乙公司']);
    expect((await items('partner-without-agreement', 'settled')).map((i) => i.label)).toEqual(['甲公司']);

    // The record changes and another partner arrives: the decision stays with its gap.
    const loaded = await wb.call('partners:get', { id: p.id });
    const { id, revision, status: _s, createdAt: _c, updatedAt: _u, ...values } = loaded;
    await wb.call('partners:update', { ...values, id, revision, notes: '已约谈' });
    await recipient({ name: '丙公司' });
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 2, inHand: 0, settled: 1 });

    const audit = await auditOf(item.decision!.id);
    expect(audit.items.map((e) => [e.action, e.actor])).toEqual([['create', TEST_ACTOR]]);
    expect(audit.items[0]!.after).toMatchObject({ checkId: 'partner-without-agreement', recordId: p.id, record: '甲公司', decision: 'accepted', reason: '合同谈判中，已书面告知风险', reviewOn: '2027-01-31' });
    expect(await wb.call('audit:verify', {})).toMatchObject({ ok: true });
  });

  it('an acceptance holds through its review date and reopens the day after, its reason still shown', async () => {
    const p = await recipient();
    await wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: null, decision: 'not_applicable', reason: '仅为演示数据', reviewOn: '2026-11-30' });
    wb.setNow('2026-11-30T15:59:00.000Z'); // 23:59 on the review date in Shanghai
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 0, inHand: 0, settled: 1 });
    wb.setNow('2026-11-30T16:00:00.000Z'); // 00:00 on 1 December in Shanghai
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 1, inHand: 0, settled: 0 });
    const [reopened] = await items('partner-without-agreement');
    expect(reopened).toMatchObject({ status: 'open', decision: { decision: 'not_applicable', reason: '仅为演示数据', reviewOn: '2026-11-30' } });
    // The status rule in src/shared answers the same as the SQL.
    expect(gapStatusOf(reopened!.decision, '2026-12-01')).toBe('open');
    expect(gapStatusOf(reopened!.decision, '2026-11-30')).toBe('not_applicable');
  });

  it('an owner and a due date put the gap in hand; changing and withdrawing the decision are audited field by field', async () => {
    const p = await recipient();
    const first = await wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: null, decision: 'in_hand', owner: '法务部 王敏', dueOn: '2026-12-15' });
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 0, inHand: 1, settled: 0 });
    wb.setNow('2027-03-01T02:00:00.000Z'); // past its due date: still in hand (the list says it is late), not reopened
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 0, inHand: 1, settled: 0 });
    wb.setNow('2026-11-17T06:30:00.000Z');
    const second = await wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: 1, decision: 'in_hand', owner: '法务部 王敏', dueOn: '2026-12-31' });
    expect(second.decision).toMatchObject({ dueOn: '2026-12-31', revision: 2 });
    await wb.call('gaps:reopen', { checkId: 'partner-without-agreement', recordId: p.id, revision: 2 });
    expect(await summaryOf('partner-without-agreement')).toEqual({ open: 1, inHand: 0, settled: 0 });

    const audit = (await auditOf(first.decision!.id)).items;
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
    const update = audit.find((e) => e.action === 'update')!;
    // Only the due date changed; the entry names the gap it is about beside it.
    expect(update.before).toEqual({ checkId: 'partner-without-agreement', recordId: p.id, record: p.name, dueOn: '2026-12-15' });
    expect(update.after).toEqual({ checkId: 'partner-without-agreement', recordId: p.id, record: p.name, dueOn: '2026-12-31' });
    expect(audit.find((e) => e.action === 'delete')!.before).toMatchObject({ owner: '法务部 王敏', dueOn: '2026-12-31' });
  });

  it('refuses a review date before today beside its field, a stale revision, a record that is no gap and a request deadline, writing nothing', async () => {
    const p = await recipient();
    const fixed = await wb.call('partners:create', partnerFixture({ name: '无共享流' }));
    const before = await tableCounts(wb);
    const early = await wb.invoke('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: null, decision: 'accepted', reason: '理由', reviewOn: '2026-11-16' });
    expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { reviewOn: 'The date cannot be before today (17 Nov 2026)' } } });
    const blank = await wb.invoke('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: null, decision: 'accepted', reason: '  ', reviewOn: '2026-12-01' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { reason: expect.any(String) } } });
    const stale = await wb.invoke('gaps:decide', { checkId: 'partner-without-agreement', recordId: p.id, revision: 3, decision: 'in_hand', owner: '王敏', dueOn: '2026-12-01' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const notAGap = await wb.invoke('gaps:decide', { checkId: 'partner-without-agreement', recordId: fixed.id, revision: null, decision: 'in_hand', owner: '王敏', dueOn: '2026-12-01' });
    expect(notAGap).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const request = await wb.invoke('gaps:decide', { checkId: 'request-overdue', recordId: 1, revision: null, decision: 'accepted', reason: '理由', reviewOn: '2026-12-01' });
    expect(request).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await tableCounts(wb)).toEqual(before);
  });
});

describe('a gap list’s pages and totals under each filter', () => {
  it('pages every status’s gaps, totalled from the counts by status, as a plain count over the whole list says', async () => {
    const partners = [];
    for (let i = 0; i < 7; i++) partners.push(await recipient({ name: `合作方${'甲乙丙丁戊己庚'[i]}` }));
    const decide = (recordId: number, decision: Record<string, string>) => wb.call('gaps:decide', { checkId: 'partner-without-agreement', recordId, revision: null, ...decision } as never);
    await decide(partners[0]!.id, { decision: 'in_hand', owner: '法务部 王敏', dueOn: '2026-12-15' });
    await decide(partners[1]!.id, { decision: 'in_hand', owner: '法务部 李雷', dueOn: '2026-12-20' });
    await decide(partners[2]!.id, { decision: 'accepted', reason: '合同谈判中', reviewOn: '2026-11-30' });
    await decide(partners[3]!.id, { decision: 'not_applicable', reason: '仅为演示数据', reviewOn: '2027-01-31' });
    // After the first review date the acceptance lapses: that gap is open again.
    for (const now of ['2026-11-17T02:00:00.000Z', '2026-12-05T02:00:00.000Z']) {
      wb.setNow(now);
      const whole = await wb.call('gaps:list', { checkId: 'partner-without-agreement', filter: 'all', pageSize: 200 });
      expect(whole.items).toHaveLength(7);
      const statuses: Record<string, string[]> = { all: ['open', 'in_hand', 'accepted', 'not_applicable'], open: ['open'], in_hand: ['in_hand'], settled: ['accepted', 'not_applicable'] };
      for (const [filter, shown] of Object.entries(statuses)) {
        const expected = whole.items.filter((i) => shown.includes(i.status)).map((i) => i.id);
        const paged: number[] = [];
        for (let page = 1; page <= 4; page++) {
          const p = await wb.call('gaps:list', { checkId: 'partner-without-agreement', filter: filter as never, page, pageSize: 2 });
          expect(p.total, `${now} ${filter} page ${page}`).toBe(expected.length);
          expect(p.items.length, `${now} ${filter} page ${page}`).toBe(Math.max(0, Math.min(2, expected.length - (page - 1) * 2)));
          paged.push(...p.items.map((i) => i.id));
        }
        expect(paged, `${now} ${filter}`).toEqual(expected);
      }
      const counts = { open: whole.check.count, inHand: whole.check.inHand, settled: whole.check.settled };
      expect(counts, now).toEqual(now.startsWith('2026-11') ? { open: 3, inHand: 2, settled: 2 } : { open: 4, inHand: 2, settled: 1 });
    }
  });
});
