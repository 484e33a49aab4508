/**
 * The sharing registers' totals under their few-valued filters are read from tallies kept by triggers
 * (migration 2026_12_02_1710): flows per category, method and border, partners per role and status,
 * SDKs per platform and status, agreements per kind and dateless state; and flows per partner
 * (2026_12_06_0900), which the partners' gap checks read. After any run of creations,
 * edits, retirements and deletions (through the app and in bulk through SQL), every total the tallies
 * serve must say what counting the rows one by one says, on both engines; so must a register copied or
 * imported from another; and a total they serve must not read the register's table at all.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CompiledQuery, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_KINDS, agreementInput, agreementStatus } from '../../../src/shared/domain/agreements';
import { FLOW_METHODS, flowInput, PARTNER_ROLES, partnerInput } from '../../../src/shared/domain/partners';
import { SDK_PLATFORMS, sdkInput } from '../../../src/shared/domain/sdks';
import { RECORD_STATUSES } from '../../../src/shared/domain/categories';
import { flowTallyQuery } from '../../../src/main/core/flows/flows.repository';
import { partnerTallyQuery } from '../../../src/main/core/partners/partners.repository';
import { sdkTallyQuery } from '../../../src/main/core/sdks/sdks.repository';
import { agreementTallyQuery } from '../../../src/main/core/agreements/agreements.repository';
import { copyRegister } from '../../../src/main/core/transfer/copy-register';
import { commitImport } from '../../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../../src/main/core/transfer/import-specs';
import { jsonExportBytes } from '../../../src/main/core/transfer/json-export';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { fixedClock } from '../../../src/main/core/clock';
import { dataDirFor } from '../../../src/main/core/paths';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';
import { freshPostgresRegister, onPostgres, rowsOf, run } from '../../helpers/engine';
import { statementRecorder } from '../../helpers/statements';
import { makeWorkbench, TEST_NOW, TEST_OFFICER_PASSWORD, type TestWorkbench } from '../../helpers/workbench';

let wb: TestWorkbench;
let categories: number[] = [];
const closing: (() => Promise<void>)[] = [];
let serial = 0;

/** A register with three categories and two partners; its categories' ids. */
async function startRegister(w: TestWorkbench): Promise<number[]> {
  const ids: number[] = [];
  for (const code of ['REG-A', 'REG-B', 'PAY-C']) ids.push((await w.call('categories:create', categoryFixture({ code, name: `类别 ${code}` }))).id);
  for (const role of ['affiliate', 'entrusted_processor'] as const) await w.call('partners:create', partnerFixture({ name: `合作方 ${++serial}`, role }));
  return ids;
}

beforeAll(async () => {
  wb = await makeWorkbench();
  categories = await startRegister(wb);
});
afterAll(async () => {
  for (const close of closing.reverse()) await close();
  await wb?.close();
});

/** Only the fields an input schema takes, from a record the API returned. */
const fieldsOf = <T extends object>(shape: Record<string, unknown>, record: T) => Object.fromEntries(Object.keys(shape).map((k) => [k, record[k as keyof T]]));
const idsOf = async (db: Kysely<any>, table: string) => (await rowsOf<{ id: number }>(db, `select id from ${table} order by id`)).map((r) => Number(r.id));
const pick = (ids: number[], i: number) => (ids.length ? ids[i % ids.length]! : undefined);

const flowShape = flowInput.shape as Record<string, unknown>;
const partnerShape = partnerInput.shape as Record<string, unknown>;
const sdkShape = sdkInput.shape as Record<string, unknown>;
const agreementShape = agreementInput.shape as Record<string, unknown>;

const index = fc.nat({ max: 1000 });
const method = fc.constantFrom(...FLOW_METHODS);
const role = fc.constantFrom(...PARTNER_ROLES);
const platform = fc.constantFrom(...SDK_PLATFORMS);
const status = fc.constantFrom(...RECORD_STATUSES);
const kind = fc.constantFrom(...AGREEMENT_KINDS);
const dated = fc.constantFrom<'draft' | 'signed' | 'terminated'>('draft', 'signed', 'terminated');

/** The writes the app makes; creations weigh more, so that the registers fill up between the deletions. */
const apiWrites = [
  { arbitrary: fc.record({ t: fc.constant('flow' as const), partner: index, category: index, method, crossBorder: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('flowEdit' as const), pick: index, category: index, method, crossBorder: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('flowDelete' as const), pick: index }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('partner' as const), role }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('partnerEdit' as const), pick: index, role }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('partnerStatus' as const), pick: index, status }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('partnerDelete' as const), pick: index }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('sdk' as const), vendor: index, platform }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('sdkEdit' as const), pick: index, platform }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('sdkStatus' as const), pick: index, status }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('sdkDelete' as const), pick: index }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('agreement' as const), partner: index, kind, dated }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('agreementEdit' as const), pick: index, kind, dated }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('agreementDelete' as const), pick: index }), weight: 1 },
];
/** Writes in bulk through SQL (an upgrade, an administrator): many rows in one statement, the triggers run for each. They leave the audit log behind. */
const bulkWrites = [
  { arbitrary: fc.record({ t: fc.constant('bulkFlows' as const), method, modulo: fc.integer({ min: 2, max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('bulkMoveFlows' as const), modulo: fc.integer({ min: 2, max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('bulkRetire' as const), role }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('bulkDeleteAgreements' as const), kind }), weight: 1 },
];
const write = fc.oneof(...apiWrites, ...bulkWrites);
const apiWrite = fc.oneof(...apiWrites);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

const agreementDates = (d: 'draft' | 'signed' | 'terminated') => ({ signedOn: d === 'draft' ? null : '2026-01-10', terminated: d === 'terminated' });

/** Applies one write; a write the app refuses (a flow to a retired partner, a partner with flows deleted) changes nothing. */
async function apply(w: TestWorkbench, categories: number[], op: Write): Promise<void> {
  const db = w.ctx.db;
  switch (op.t) {
    case 'flow': {
      const partner = pick(await idsOf(db, 'partners'), op.partner);
      if (!partner) return;
      await w.invoke('flows:create', flowFixture(partner, pick(categories, op.category)!, { purpose: `目的 ${++serial}`, method: op.method, crossBorder: op.crossBorder, crossBorderMechanism: op.crossBorder ? 'standard_contract' : 'none' }));
      return;
    }
    case 'flowEdit': {
      const id = pick(await idsOf(db, 'sharing_flows'), op.pick);
      if (!id) return;
      const flow = await w.call('flows:get', { id });
      await w.invoke('flows:update', {
        ...fieldsOf(flowShape, flow),
        categoryId: pick(categories, op.category)!,
        method: op.method,
        crossBorder: op.crossBorder,
        crossBorderMechanism: op.crossBorder ? 'standard_contract' : 'none',
        id,
        revision: flow.revision,
      } as never);
      return;
    }
    case 'flowDelete': {
      const id = pick(await idsOf(db, 'sharing_flows'), op.pick);
      if (id) await w.invoke('flows:delete', { id, revision: (await w.call('flows:get', { id })).revision });
      return;
    }
    case 'partner':
      await w.invoke('partners:create', partnerFixture({ name: `合作方 ${++serial}`, role: op.role }));
      return;
    case 'partnerEdit':
    case 'partnerStatus':
    case 'partnerDelete': {
      const id = pick(await idsOf(db, 'partners'), op.pick);
      if (!id) return;
      const partner = await w.call('partners:get', { id });
      if (op.t === 'partnerEdit') await w.invoke('partners:update', { ...fieldsOf(partnerShape, partner), role: op.role, id, revision: partner.revision } as never);
      else if (op.t === 'partnerStatus') await w.invoke('partners:setStatus', { id, revision: partner.revision, status: op.status });
      else await w.invoke('partners:delete', { id, revision: partner.revision });
      return;
    }
    case 'sdk': {
      const vendor = pick(await idsOf(db, 'partners'), op.vendor);
      if (vendor) await w.invoke('sdks:create', { name: `SDK ${++serial}`, vendorPartnerId: vendor, platform: op.platform, purpose: '统计分析', policyClause: '', notes: '' });
      return;
    }
    case 'sdkEdit':
    case 'sdkStatus':
    case 'sdkDelete': {
      const id = pick(await idsOf(db, 'sdks'), op.pick);
      if (!id) return;
      const sdk = await w.call('sdks:get', { id });
      if (op.t === 'sdkEdit') await w.invoke('sdks:update', { ...fieldsOf(sdkShape, sdk), platform: op.platform, id, revision: sdk.revision } as never);
      else if (op.t === 'sdkStatus') await w.invoke('sdks:setStatus', { id, revision: sdk.revision, status: op.status });
      else await w.invoke('sdks:delete', { id, revision: sdk.revision });
      return;
    }
    case 'agreement': {
      const partner = pick(await idsOf(db, 'partners'), op.partner);
      if (partner) await w.invoke('agreements:create', agreementFixture(partner, { referenceNo: `AGR-${++serial}`, kind: op.kind, ...agreementDates(op.dated) }));
      return;
    }
    case 'agreementEdit':
    case 'agreementDelete': {
      const id = pick(await idsOf(db, 'agreements'), op.pick);
      if (!id) return;
      const agreement = await w.call('agreements:get', { id });
      if (op.t === 'agreementDelete') await w.invoke('agreements:delete', { id, revision: agreement.revision });
      else await w.invoke('agreements:update', { ...fieldsOf(agreementShape, agreement), kind: op.kind, ...agreementDates(op.dated), id, revision: agreement.revision } as never);
      return;
    }
    case 'bulkFlows':
      // Many rows in one statement: the triggers run for each.
      await run(db, `update sharing_flows set method = ?, cross_border = not cross_border where id % ? = 0`, op.method, op.modulo);
      return;
    case 'bulkMoveFlows':
      // Flows moved to the first partner (each purpose is its own, so no two collide there).
      await run(db, `update sharing_flows set partner_id = (select min(id) from partners) where id % ? = 0`, op.modulo);
      return;
    case 'bulkRetire':
      await run(db, `update partners set status = 'retired' where role = ?`, op.role);
      return;
    case 'bulkDeleteAgreements':
      await run(db, 'delete from agreements where kind = ?', op.kind);
      return;
  }
}

const TALLIES: Record<string, { tally: string; keys: readonly string[]; table?: string }> = {
  sharing_flows: { tally: 'sharing_flow_tallies', keys: ['category_id', 'method', 'cross_border'] },
  // The flows per partner (migration 2026_12_06_0900), which the partners' gap checks read.
  partner_flows: { table: 'sharing_flows', tally: 'partner_flow_tallies', keys: ['partner_id'] },
  partners: { tally: 'partner_tallies', keys: ['role', 'status'] },
  sdks: { tally: 'sdk_tallies', keys: ['platform', 'status'] },
  agreements: {
    tally: 'agreement_tallies',
    keys: ['kind', "case when terminated = true then 'terminated' when signed_on is null then 'draft' else 'dated' end"],
  },
};
const REGISTERS = ['sharing_flows', 'partners', 'sdks', 'agreements'];

/** Each tally's rows that count something, beside the same counts grouped from the register's rows. */
async function talliesAndCounts(db: Kysely<any>) {
  const out: Record<string, { tally: string[]; counted: string[] }> = {};
  const line = (r: Record<string, unknown>) => Object.values(r).map((v) => (typeof v === 'boolean' ? Number(v) : String(v))).join(' · ');
  for (const [name, { tally, keys, table = name }] of Object.entries(TALLIES)) {
    const names = keys.map((_, i) => `k${i}`);
    const columns = (await rowsOf<{ name: string }>(db, onPostgres ? `select column_name as name from information_schema.columns where table_name = ? order by ordinal_position` : 'select name from pragma_table_info(?) order by cid', tally)).map((c) => c.name).filter((c) => c !== 'n');
    out[name] = {
      tally: (await rowsOf(db, `select ${columns.map((c, i) => `${c} as ${names[i]}`).join(', ')}, n from ${tally} where n > 0`)).map(line).sort(),
      counted: (await rowsOf(db, `select ${keys.map((k, i) => `${k} as ${names[i]}`).join(', ')}, count(*) as n from ${table} group by ${keys.join(', ')}`)).map(line).sort(),
    };
  }
  return out;
}

type Total = { channel: 'flows:list' | 'partners:list' | 'sdks:list' | 'agreements:list'; input: Record<string, unknown>; expected: number };

const optional = <T,>(values: readonly T[]) => [undefined, ...values];
const defined = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

/** Every input whose total the tallies serve, with the total counted from the register's rows in JavaScript. */
async function talliedTotals(db: Kysely<any>, categoryIds: number[]): Promise<Total[]> {
  const flows = await rowsOf<{ category_id: number; method: string; cross_border: unknown }>(db, 'select category_id, method, cross_border from sharing_flows');
  const partners = await rowsOf<{ role: string; status: string }>(db, 'select role, status from partners');
  const sdks = await rowsOf<{ platform: string; status: string }>(db, 'select platform, status from sdks');
  const agreements = await rowsOf<{ kind: string; terminated: unknown; signed_on: unknown; effective_from: unknown; expires_on: unknown; auto_renews: unknown }>(
    db,
    'select kind, terminated, signed_on, effective_from, expires_on, auto_renews from agreements',
  );
  const totals: Total[] = [];
  for (const categoryId of optional(categoryIds))
    for (const m of optional(FLOW_METHODS))
      for (const crossBorder of optional([true, false])) {
        const expected = flows.filter((f) => (!categoryId || Number(f.category_id) === categoryId) && (!m || f.method === m) && (crossBorder === undefined || Boolean(Number(f.cross_border)) === crossBorder)).length;
        totals.push({ channel: 'flows:list', input: defined({ categoryId, method: m, crossBorder }), expected });
      }
  for (const r of optional(PARTNER_ROLES))
    for (const s of optional(RECORD_STATUSES)) {
      totals.push({ channel: 'partners:list', input: defined({ role: r, status: s }), expected: partners.filter((p) => (!r || p.role === r) && (!s || p.status === s)).length });
    }
  for (const p of optional(SDK_PLATFORMS))
    for (const s of optional(RECORD_STATUSES)) {
      totals.push({ channel: 'sdks:list', input: defined({ platform: p, status: s }), expected: sdks.filter((k) => (!p || k.platform === p) && (!s || k.status === s)).length });
    }
  // The status by the one rule (src/shared), on any day: terminated and draft do not depend on it.
  const day = (v: unknown) => (v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const stateOf = (a: (typeof agreements)[number]) =>
    agreementStatus(
      { signedOn: day(a.signed_on), effectiveFrom: day(a.effective_from), expiresOn: day(a.expires_on), autoRenews: Boolean(Number(a.auto_renews)), terminated: Boolean(Number(a.terminated)) },
      TEST_NOW.slice(0, 10),
    );
  for (const k of optional(AGREEMENT_KINDS))
    for (const s of optional(['terminated', 'draft'] as const)) {
      totals.push({ channel: 'agreements:list', input: defined({ kind: k, status: s }), expected: agreements.filter((a) => (!k || a.kind === k) && (!s || stateOf(a) === s)).length });
    }
  return totals;
}

/** The totals the lists show under `totals`' inputs, beside the counts. */
async function shownTotals(w: Pick<Workbench, 'router'>, totals: Total[]) {
  const shown: string[] = [];
  const counted: string[] = [];
  for (const t of totals) {
    const result = await w.router.invoke(t.channel, { ...t.input, page: 1, pageSize: 1 });
    if (!result.ok) throw new Error(`${t.channel} ${JSON.stringify(t.input)}: ${result.error.message}`);
    const label = `${t.channel} ${JSON.stringify(t.input)}`;
    shown.push(`${label}: ${(result.value as { total: number }).total}`);
    counted.push(`${label}: ${t.expected}`);
  }
  return { shown, counted };
}

describe('the sharing registers’ tallies', () => {
  it('give every filter-only total what counting the rows gives, after any run of writes', async () => {
    const most: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 5, maxLength: 30 }), async (writes) => {
        for (const op of writes) await apply(wb, categories, op);
        const { tally, counted } = Object.values(await talliesAndCounts(wb.ctx.db)).reduce((a, b) => ({ tally: [...a.tally, ...b.tally], counted: [...a.counted, ...b.counted] }), { tally: [] as string[], counted: [] as string[] });
        expect(tally).toEqual(counted);
        const { shown, counted: byHand } = await shownTotals(wb, await talliedTotals(wb.ctx.db, categories));
        expect(shown).toEqual(byHand);
        for (const table of REGISTERS) most[table] = Math.max(most[table] ?? 0, (await idsOf(wb.ctx.db, table)).length);
      }),
      // Seeded: the runs' coverage, checked below, is then the same on every machine.
      { numRuns: onPostgres ? 10 : 15, seed: 1820 },
    );
    // The runs filled every register with some records at some point.
    for (const table of REGISTERS) expect(most[table], table).toBeGreaterThan(3);
  }, 240_000);

  it('are right in a register imported from an export and in a copied one', async () => {
    // A register written through the app only, so that its audit log verifies (the copy checks it).
    const source = await makeWorkbench();
    closing.push(() => source.close());
    const sourceCategories = await startRegister(source);
    const [writes] = fc.sample(fc.array(apiWrite, { minLength: 80, maxLength: 80 }), { numRuns: 1, seed: 1710 });
    for (const op of writes!) await apply(source, sourceCategories, op);
    const totals = await talliedTotals(source.ctx.db, sourceCategories);
    expect(totals.filter((t) => t.expected > 0).length).toBeGreaterThan(20);

    // Imported from the JSON export into an empty register (through the core, as on a server nobody can sign in to yet).
    const imported = await makeWorkbench({ bare: true });
    closing.push(() => imported.close());
    await commitImport(imported.ctx, 'export.json', await jsonExportBytes(source.ctx), IMPORT_SPECS);
    expect(await talliesAndCounts(imported.ctx.db)).toEqual(await talliesAndCounts(source.ctx.db));

    // Copied onto an empty register of the same engine, and opened there.
    if (!onPostgres) await source.call('people:create', { signInName: 'tester', displayName: '测试', role: 'officer', password: TEST_OFFICER_PASSWORD });
    const userDataDir = mkdtempSync(join(tmpdir(), 'pw-tallies-'));
    let target = join(userDataDir, 'copy.sqlite');
    if (onPostgres) {
      const register = await freshPostgresRegister();
      closing.push(register.drop);
      target = register.url;
    }
    await copyRegister(source.ctx, target, { userDataDir });
    const copy = await openWorkbench({ dbPath: target, host: 'cli', systemLanguage: 'zh-CN', clock: fixedClock(TEST_NOW), actor: 'tester', log: () => {}, dataDir: dataDirFor(target, userDataDir) });
    closing.push(() => copy.close());
    expect(await talliesAndCounts(copy.ctx.db)).toEqual(await talliesAndCounts(source.ctx.db));
    const signedIn = await copy.router.invoke('session:signIn', { signInName: 'tester', password: TEST_OFFICER_PASSWORD });
    expect(signedIn.ok).toBe(true);
    const { shown, counted } = await shownTotals(copy, totals);
    expect(shown).toEqual(counted);
  }, 120_000);

  it('serve a total without reading the register’s table', async () => {
    const db = wb.ctx.db;
    const queries = [
      ['sharing_flows', flowTallyQuery(db, { search: '', method: 'api', crossBorder: false })],
      ['sharing_flows', flowTallyQuery(db, { search: '', categoryId: categories[0]!, crossBorder: true })],
      ['sharing_flows', flowTallyQuery(db, { search: '' })],
      ['partners', partnerTallyQuery(db, { search: '', role: 'affiliate', status: 'active' })],
      ['sdks', sdkTallyQuery(db, { search: '', platform: 'android' })],
      ['agreements', agreementTallyQuery(db, { search: '', kind: 'confidentiality', status: 'draft', today: '2026-11-17' })],
    ] as const;
    for (const [table, query] of queries) {
      expect(query, table).not.toBeNull();
      const compiled = query!.compile();
      const plan = (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`${onPostgres ? 'explain' : 'explain query plan'} ${compiled.sql}`, [...compiled.parameters]))).rows
        .map((r) => String(r['QUERY PLAN'] ?? r.detail))
        .join(' / ');
      expect(plan, compiled.sql).toMatch(/_tallies/);
      expect(plan, compiled.sql).not.toMatch(new RegExp(`\\b${table}\\b`));
    }
    // A search, one partner's flows, one vendor's SDKs and a status that today's date decides are counted from the rows.
    expect(flowTallyQuery(db, { search: '目的' })).toBeNull();
    expect(flowTallyQuery(db, { search: '', partnerId: 1, method: 'api' })).toBeNull();
    expect(sdkTallyQuery(db, { search: '', vendorPartnerId: 1 })).toBeNull();
    expect(agreementTallyQuery(db, { search: '', status: 'active', today: '2026-11-17' })).toBeNull();
  });

  it.skipIf(onPostgres)('are what the lists run for those totals (SQLite: the statements its connection prepares)', async () => {
    const fresh = await makeWorkbench();
    closing.push(() => fresh.close());
    const recorder = statementRecorder(fresh.database.sqlite!);
    const cases = [
      ['flows:list', { method: 'api', crossBorder: false }, flowTallyQuery(fresh.ctx.db, { search: '', method: 'api', crossBorder: false })],
      ['partners:list', { role: 'affiliate' }, partnerTallyQuery(fresh.ctx.db, { search: '', role: 'affiliate' })],
      ['sdks:list', { status: 'retired' }, sdkTallyQuery(fresh.ctx.db, { search: '', status: 'retired' })],
      ['agreements:list', { status: 'terminated' }, agreementTallyQuery(fresh.ctx.db, { search: '', status: 'terminated', today: '2026-11-17' })],
    ] as const;
    for (const [channel, input, query] of cases) {
      const { statements } = await recorder.during(() => fresh.router.invoke(channel, { ...input, page: 1, pageSize: 25 }));
      expect(statements.map((s) => s.sql), channel).toContain(query!.compile().sql);
      // And no count of the register's rows beside it.
      expect(statements.filter((s) => /^select count\(\*\)/.test(s.sql)).map((s) => s.sql), channel).toEqual([]);
    }
  });
});
