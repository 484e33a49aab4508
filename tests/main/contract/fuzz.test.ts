import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../src/shared/contract';
import { ERROR_CODES } from '../../../src/shared/contract/result';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture, requestFixture } from '../../helpers/fixtures';
import { registerDigest } from '../../helpers/engine';
import { newSession } from '../../../src/main/core/people/session';

/**
 * Property-based fuzzing of every channel, called the way both hosts call it (`router.invoke`
 * with what arrived over IPC or HTTP). Each refusal must be the error envelope with a code other
 * than INTERNAL, and must leave every table exactly as it was. The seed is fixed so that a run
 * can be repeated; a failure prints it with the shrunk counter-example (`FUZZ_SEED=… npx vitest
 * run tests/main/contract/fuzz.test.ts` tries another).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

/** Everything the register holds (tests/helpers/engine.ts): equal digests, nothing written. */
const digest = (wb: TestWorkbench) => registerDigest(wb.database);

/** Strings a user, a broken client or an attacker might send. */
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '张三\u0000',
    '\u0000 \u0000',
    '\uD800',
    '李\uDC00四',
    '\u202Egpj.exe',
    '../../etc/passwd',
    'C:\\Windows\\system32',
    '%00',
    '%E0%A4%A',
    "'; drop table requests; --",
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '0000-01-01',
    '9999-12-31',
    '2026-02-30',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    'NaN',
    '__proto__',
    'constructor',
    'text/html\r\nSet-Cookie: a=1',
    'x'.repeat(70_000),
  ) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Any value IPC's structured clone or JSON could carry. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined, true, false, [], {}),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.array(hostileString, { maxLength: 5 }),
  fc.anything({ maxDepth: 2, maxKeys: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
);

type Example = Record<string, unknown>;

/** One accepted input per channel, on the register built in beforeAll; the fuzzer mutates these. */
function examples(ids: { category: number; partner: number; flow: number; agreement: number; sdk: number; request: number; clause: number; person: number }): Record<Channel, Example> {
  const rev = (id: number) => ({ id, revision: 1 });
  const review = { sdkId: ids.sdk, version: '1.0.0', categoryIds: [ids.category], permissions: [], checklist: [], reviewer: '王工', reviewedOn: '2026-11-01', result: 'approved', findings: '', nextReviewDue: null };
  return {
    'app:info': {},
    'app:setup': { template: 'empty', organisationName: '码尚云', language: 'zh-CN' },
    'session:current': {},
    // An unknown name: refused as slowly as a wrong password, and with nothing written.
    'session:signIn': { signInName: 'nobody', password: 'not-a-password' },
    'session:signOut': {},
    'session:pick': { personId: null },
    'connection:status': {},
    // A port nothing listens on: answered at once as a server out of reach, nothing written.
    'connection:test': { form: 'url', url: 'postgres://nobody@127.0.0.1:1/none' },
    'connection:connect': { connection: { form: 'url', url: 'postgres://nobody@127.0.0.1:1/none' }, remember: false },
    'connection:retry': {},
    'connection:useLocal': {},
    'people:list': {},
    'people:create': { signInName: 'fuzz.desk', displayName: '模糊测试', role: 'desk', password: '' },
    'people:update': { ...rev(ids.person), displayName: '李受理', role: 'desk', seesContacts: false, disabled: false },
    // A desk person's password with no officer signing in: refused (an officer must remain), nothing written.
    'people:resetPassword': { ...rev(ids.person), password: 'a-long-password' },
    'settings:get': {},
    'settings:update': { organisationName: '码尚云', hotline: '400-779-0025' },
    'audit:forEntity': { entity: 'category', entityId: ids.category },
    'audit:verify': {},
    'audit:changes': { afterId: 0 },
    'categories:list': { search: '姓名' },
    'categories:get': { id: ids.category },
    'categories:create': { ...categoryFixture({ code: 'FUZZ-1' }) },
    'categories:update': { ...categoryFixture(), ...rev(ids.category) },
    'categories:setStatus': { ...rev(ids.category), status: 'retired' },
    'categories:delete': rev(ids.category),
    'partners:list': { role: 'affiliate' },
    'partners:get': { id: ids.partner },
    'partners:create': { ...partnerFixture({ name: '模糊测试合作方' }) },
    'partners:update': { ...partnerFixture(), ...rev(ids.partner) },
    'partners:setStatus': { ...rev(ids.partner), status: 'retired' },
    'partners:delete': rev(ids.partner),
    'flows:list': { partnerId: ids.partner },
    'flows:get': { id: ids.flow },
    'flows:create': { ...flowFixture(ids.partner, ids.category, { purpose: '模糊测试' }) },
    'flows:update': { ...flowFixture(ids.partner, ids.category), ...rev(ids.flow) },
    'flows:delete': rev(ids.flow),
    'agreements:list': { partnerId: ids.partner },
    'agreements:get': { id: ids.agreement },
    'agreements:create': { ...agreementFixture(ids.partner, { referenceNo: 'FUZZ-1' }) },
    'agreements:update': { ...agreementFixture(ids.partner), ...rev(ids.agreement) },
    'agreements:delete': rev(ids.agreement),
    'agreements:attach': { ...rev(ids.agreement), fileName: '协议.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4').toString('base64') },
    'agreements:detach': rev(ids.agreement),
    'agreements:download': { id: ids.agreement },
    'agreements:open': { id: ids.agreement },
    'sdks:list': { platform: 'android' },
    'sdks:get': { id: ids.sdk },
    'sdks:create': { name: '模糊 SDK', vendorPartnerId: ids.partner, platform: 'ios', purpose: '推送', policyClause: '4.1.6', notes: '' },
    'sdks:update': { name: '推送 SDK', vendorPartnerId: ids.partner, platform: 'android', purpose: '推送', policyClause: '4.1.6', notes: '', ...rev(ids.sdk) },
    'sdks:setStatus': { ...rev(ids.sdk), status: 'retired' },
    'sdks:delete': rev(ids.sdk),
    'sdks:addReview': review,
    'sdks:updateReview': { ...review, id: 1, revision: 1 },
    'policy:preview': { fileName: 'policy.md', encoding: 'text', content: '# 隐私政策\n## 1. 总则' },
    'policy:import': { title: '隐私政策', versionLabel: 'v2', text: '1. 总则\n1.1 适用范围', notes: '' },
    'policy:versions': {},
    'policy:clauses': { search: '共享' },
    'policy:clause': { number: '4.1.5' },
    'policy:setPromise': { clauseId: ids.clause, promises: 'agreements' },
    'gaps:summary': {},
    'gaps:list': { checkId: 'partnerWithoutAgreement' },
    'gaps:decide': { checkId: 'partner-without-agreement', recordId: ids.partner, revision: null, decision: 'accepted', reason: '评估后接受', reviewOn: '2027-06-30' },
    'gaps:reopen': { checkId: 'partner-without-agreement', recordId: ids.partner, revision: 1 },
    'requests:list': { openOnly: true },
    'requests:get': { id: ids.request },
    'requests:create': { ...requestFixture() },
    'requests:update': { ...requestFixture(), ...rev(ids.request) },
    'requests:act': { ...rev(ids.request), action: 'note', note: '已回电' },
    'requests:events': { id: ids.request },
    'requests:dashboard': {},
    'requests:template': { id: ids.request, template: 'acknowledgement', language: 'zh-CN' },
    'requests:sendLetter': { ...rev(ids.request), template: 'acknowledgement', language: 'zh-CN', subject: '我们已收到您的请求', body: '您好：我们已收到您的请求。' },
    'requests:letterTemplates': {},
    'requests:saveLetterTemplate': { kind: 'extension', language: 'en', subject: 'Request {{reference}}', body: 'Dear {{name}}, …' },
    'requests:resetLetterTemplate': { kind: 'extension', language: 'en' },
    'requests:counts': {},
    'requests:purge': { dryRun: true },
    'requests:parseEmail': { fileName: '申请.eml', base64: Buffer.from('From: a@example.cn\r\nSubject: 删除\r\n\r\n请删除').toString('base64') },
    'requests:createFromEmail': {
      request: { ...requestFixture(), channel: 'email' },
      email: { fileName: '申请.eml', base64: Buffer.from('From: a@example.cn\r\nSubject: 删除\r\n\r\n请删除').toString('base64') },
    },
    'requests:attachments': { id: ids.request },
    'requests:downloadAttachment': { id: 1 },
    'requests:assign': { ...rev(ids.request), assignee: '' },
    'requests:mine': {},
    'calendar:year': { year: 2026 },
    'calendar:set': { date: '2026-12-31', kind: 'holiday', note: '' },
    'calendar:import': { text: '2027-01-01,holiday' },
    'calendar:complete': { year: 2027, complete: true },
    'backup:status': {},
    'backup:create': {},
    'backup:scheduleRestore': { name: 'manual-20261117T063000Z.sqlite' },
    'backup:cancelRestore': {},
    'reports:export': { report: 'gaps', format: 'csv' },
    'transfer:preview': { fileName: 'c.csv', base64: Buffer.from('Code,Name\nA-1,x').toString('base64') },
    'transfer:import': { fileName: 'c.csv', base64: Buffer.from('Code,Name\nA-1,x').toString('base64') },
    'transfer:registers': {},
    'transfer:template': { register: 'categories', language: 'zh-CN', format: 'csv' },
    'transfer:inspect': { fileName: 'c.csv', base64: Buffer.from('处理活动,目的\n会员注册,开通账户').toString('base64') },
    'transfer:mappings': {},
    'transfer:saveMapping': { mapping: { format: 'privacy-workbench/import-mapping', version: 1, name: 'RoPA', register: 'categories' } },
    'transfer:deleteMapping': { name: 'RoPA' },
    'transfer:readMapping': { fileName: 'm.json', text: '{"format":"privacy-workbench/import-mapping","version":1,"name":"RoPA","register":"categories"}' },
    // A file in the temporary folder: copied once, then refused as no longer empty.
    'transfer:copyRegister': { target: join(tmpdir(), `pw-fuzz-copy-${process.pid}.sqlite`) },
    'transfer:copyProgress': {},
  };
}

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity, 1e308, '1', null),
  fc.integer(),
  fc.double(),
);

/** A value for a field, shaped like what it holds (strings get hostile strings, numbers odd numbers), or anything. */
function hostileFor(original: unknown): fc.Arbitrary<unknown> {
  if (typeof original === 'string') return fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: hostileValue });
  if (typeof original === 'number') return fc.oneof({ weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileValue });
  if (Array.isArray(original)) return fc.oneof(fc.array(hostileValue, { maxLength: 4 }), fc.array(hostileString, { maxLength: 300 }), hostileValue);
  return hostileValue;
}

/** A valid input with one to three fields replaced, removed or added; or something else entirely. */
function mutated(example: Example): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  const known = keys.map((key) => fc.record({ key: fc.constant(key), value: hostileFor(example[key]), remove: fc.nat(4).map((n) => n === 0) }));
  const unknown = fc.record({ key: hostileString, value: hostileValue, remove: fc.constant(false) });
  const edit = known.length ? fc.oneof({ weight: 5, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: unknown }) : unknown;
  return fc.oneof(
    {
      weight: 6,
      // Mostly one edit, so that the rest of the input stays valid and the call reaches the handler.
      arbitrary: fc.oneof({ weight: 3, arbitrary: edit.map((e) => [e]) }, { weight: 1, arbitrary: fc.array(edit, { minLength: 2, maxLength: 3 }) }).map((edits) => {
        const input: Record<string, unknown> = { ...example };
        for (const { key, value, remove } of edits) {
          if (remove) delete input[key];
          else Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
        }
        return input;
      }),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** What both hosts may answer: a success, or the error envelope with a known code that is not INTERNAL. */
function checkEnvelope(channel: string, input: unknown, result: unknown): void {
  const where = `${channel} ${fc.stringify(input).slice(0, 300)}`;
  expect(result, where).toBeTypeOf('object');
  const envelope = result as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown; fieldErrors?: unknown } };
  if (envelope.ok === true) return;
  expect(envelope.ok, where).toBe(false);
  expect(ERROR_CODES, where).toContain(envelope.error?.code);
  expect(envelope.error?.code, `${where}: ${String(envelope.error?.message)}`).not.toBe('INTERNAL');
  expect(typeof envelope.error?.message, where).toBe('string');
  if (envelope.error?.fieldErrors !== undefined) {
    for (const message of Object.values(envelope.error.fieldErrors as Record<string, unknown>)) expect(typeof message, where).toBe('string');
  }
}

let wb: TestWorkbench;
let inputs: Record<Channel, Example>;
beforeAll(async () => {
  wb = await makeWorkbench({ language: 'zh-CN' });
  await wb.call('app:setup', { template: 'sample', organisationName: '码尚云', language: 'zh-CN' });
  const category = await wb.call('categories:create', categoryFixture());
  const partner = await wb.call('partners:create', partnerFixture({ name: '模糊测试乙方' }));
  const flow = await wb.call('flows:create', flowFixture(partner.id, category.id));
  const agreement = await wb.call('agreements:create', agreementFixture(partner.id));
  const sdk = await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: partner.id, platform: 'android', purpose: '推送', policyClause: '4.1.6', notes: '' });
  const request = await wb.call('requests:create', requestFixture());
  const clauses = await wb.call('policy:clauses', {});
  const person = await wb.call('people:create', { signInName: 'li.desk', displayName: '李受理', role: 'desk' });
  inputs = examples({ category: category.id, partner: partner.id, flow: flow.id, agreement: agreement.id, sdk: sdk.id, request: request.id, clause: clauses.items[0]?.id ?? 1, person: person.id });
});
afterAll(async () => {
  await wb.close();
  for (const left of [inputs['transfer:copyRegister'].target as string, `${(inputs['transfer:copyRegister'].target as string).slice(0, -'.sqlite'.length)}-files`]) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${left}${suffix}`, { recursive: true, force: true });
  }
});

describe(`every channel under hostile input (seed ${SEED}, ${RUNS} runs each)`, () => {
  it('has an accepted example for every channel', () => {
    expect(Object.keys(inputs).sort()).toEqual([...CHANNELS].sort());
  });

  it('sees a write in the digest (so that an unchanged digest means nothing was written)', async () => {
    const before = await digest(wb);
    await wb.call('calendar:set', { date: '2026-12-30', kind: 'workday', note: '' });
    expect(await digest(wb)).not.toBe(before);
    await wb.call('calendar:set', { date: '2026-12-30', kind: null, note: '' });
  });

  for (const channel of CHANNELS) {
    it(`${channel}: answers the envelope, never INTERNAL, and a refusal writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(inputs[channel]), async (input) => {
          const before = await digest(wb);
          // The session channels act on a session of their own, never on the one the other channels run in.
          const result = await wb.router.invoke(channel, input, channel.startsWith('session:') ? newSession() : undefined);
          checkEnvelope(channel, input, result);
          if (!(result as { ok: boolean }).ok) expect(await digest(wb), `${channel} wrote although it refused`).toBe(before);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
