import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyClause } from '../../../src/shared/domain/policy';
import { MAX_PAGE_SIZE } from '../../../src/shared/domain/paging';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';
import { samplePolicyText } from '../../helpers/sample-policy';
import { columnOf } from '../../helpers/engine';

// The clause list's "cited by" count is read from tallies the registers' triggers keep
// (migration 2026_12_02_1620): after every kind of write it must equal the count of the records,
// in all five registers, that cite the clause itself or one of its sub-clauses.

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench();
  await wb.call('policy:import', { title: '码尚云隐私权政策', versionLabel: '2024', text: samplePolicyText() });
});
afterEach(async () => {
  await wb.close();
});

/** Every clause of the newest version, through the list, page by page. */
async function allClauses(search = ''): Promise<PolicyClause[]> {
  const out: PolicyClause[] = [];
  for (let page = 1; ; page++) {
    const p = await wb.call('policy:clauses', { page, pageSize: MAX_PAGE_SIZE, search });
    out.push(...p.items);
    if (out.length >= p.total) return out;
  }
}

/** What each clause's count must be: the records citing it or a sub-clause, counted in JavaScript over every row. */
async function expectedCounts(numbers: string[]): Promise<Record<string, number>> {
  const refs: string[] = [];
  for (const table of ['collection_categories', 'partners', 'sharing_flows', 'agreements', 'sdks']) {
    refs.push(...(await columnOf<string>(wb.database.db, `select policy_clause from ${table}`)));
  }
  return Object.fromEntries(numbers.map((n) => [n, refs.filter((r) => r === n || r.startsWith(`${n}.`)).length]));
}

async function expectCountsRight(step: string) {
  const clauses = await allClauses();
  const shown = Object.fromEntries(clauses.map((c) => [c.number, c.linkedCount]));
  expect(shown, step).toEqual(await expectedCounts(clauses.map((c) => c.number)));
  return shown;
}

describe('the count of records citing each clause', () => {
  it('follows creates, changes of the clause cited, and deletions in every register', async () => {
    expect(Object.values(await expectCountsRight('no records')).every((n) => n === 0)).toBe(true);

    const cat = await wb.call('categories:create', categoryFixture({ code: 'C-1', policyClause: '3.2.1.1' }));
    const other = await wb.call('categories:create', categoryFixture({ code: 'C-2', policyClause: '' }));
    const p1 = await wb.call('partners:create', partnerFixture({ name: '甲公司', policyClause: '4.1.3' }));
    const p2 = await wb.call('partners:create', partnerFixture({ name: '乙公司', policyClause: '4.1' }));
    const f1 = await wb.call('flows:create', flowFixture(p1.id, cat.id, { purpose: '客服', policyClause: '4.1.3' }));
    await wb.call('flows:create', flowFixture(p2.id, other.id, { purpose: '统计', policyClause: '4.1.4' }));
    await wb.call('agreements:create', agreementFixture(p1.id, { policyClause: '4.1.5' }));
    const sdk = await wb.call('sdks:create', { name: '推送 SDK', vendorPartnerId: p2.id, platform: 'android', purpose: '消息推送', policyClause: '4.1.6', notes: '' });
    const created = await expectCountsRight('created');
    // A clause counts its sub-clauses' records, not another section's: 4.1 holds 4.1.3 to 4.1.6.
    expect(created['4.1']).toBe(6);
    expect(created['4']).toBe(6);
    expect(created['4.1.3']).toBe(2);
    expect(created['3.2.1.1']).toBe(1);

    // A partner moves from one clause to another, then to none; a flow's clause is cleared.
    const { id, revision, status: _s, createdAt: _c, updatedAt: _u, ...values } = p1;
    const moved = await wb.call('partners:update', { ...values, id, revision, policyClause: '4.1.2' });
    await expectCountsRight('partner moved');
    await wb.call('partners:update', { ...values, id, revision: moved.revision, policyClause: '' });
    await expectCountsRight('partner without a clause');
    await wb.call('flows:update', { ...flowFixture(p1.id, cat.id, { purpose: '客服', policyClause: '' }), id: f1.id, revision: f1.revision });
    await expectCountsRight('flow without a clause');

    await wb.call('sdks:delete', { id: sdk.id, revision: sdk.revision });
    const deleted = await expectCountsRight('SDK deleted');
    expect(deleted['4.1.6']).toBe(0);
    // The search's page shows the same counts as the whole list.
    const searched = await allClauses('共享');
    expect(searched.length).toBeGreaterThan(0);
    for (const c of searched) expect(c.linkedCount, c.number).toBe(deleted[c.number]);
  });
});
