import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';
import { INDEXES } from '../../src/main/core/db/migrations/2026_12_01_1450_sharing_list_indexes';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1450_sharing_list_indexes');
  // A small sharing register as the versions before wrote it: partners (two with the same name),
  // categories, flows by several methods, agreements of several kinds.
  const partner = step.sqlite.prepare(`insert into partners (name, role, country_region, sharing_basis, status, created_at, updated_at) values (?, 'affiliate', '中国', 'consent', 'active', ?, ?)`);
  for (let i = 0; i < 12; i++) partner.run(i === 11 ? '合作方 3' : `合作方 ${i}`, AT, AT);
  const category = step.sqlite.prepare(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at) values (?, ?, 'registration', 'individual', '提供服务', 'consent', 'automatic', ?, ?)`,
  );
  for (let i = 0; i < 4; i++) category.run(`CAT-${i}`, `类别 ${i}`, AT, AT);
  const flow = step.sqlite.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, created_at, updated_at) values (?, ?, ?, ?, '每日', ?, ?)`);
  for (let i = 0; i < 40; i++) flow.run((i % 12) + 1, (i % 4) + 1, `目的 ${i}`, ['api', 'sdk', 'manual'][i % 3], AT, new Date(Date.parse(AT) - i * 60_000).toISOString());
  const agreement = step.sqlite.prepare(`insert into agreements (partner_id, kind, reference_no, expires_on, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < 30; i++) agreement.run(((i * 5) % 12) + 1, ['data_sharing', 'entrusted_processing'][i % 2], `AGR-${i}`, `2027-0${(i % 9) + 1}-01`, AT, AT);
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_01_1450_sharing_list_indexes', () => {
  it('keeps every record as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('adds the indexes it lists, each ending in the row id', () => {
    expect(step.addedIndexes()).toEqual(Object.fromEntries(INDEXES.map(([, name, columns]) => [name, columns])));
    for (const [, , columns] of INDEXES) expect(columns.at(-1)).toBe('id');
  });

  it('reads the flows of one method by purpose from an index in that order, with the rows that sorting gives', () => {
    const query = `select id from sharing_flows where method = ? order by purpose desc, id desc limit 5`;
    expect(step.plan(query, 'sdk')).not.toMatch(/TEMP B-TREE/);
    const ids = (step.sqlite.prepare(query).all('sdk') as { id: number }[]).map((r) => r.id);
    const byHand = (step.sqlite.prepare(`select id, purpose from sharing_flows where method = 'sdk'`).all() as { id: number; purpose: string }[])
      .sort((a, b) => (a.purpose === b.purpose ? b.id - a.id : a.purpose < b.purpose ? 1 : -1))
      .slice(0, 5)
      .map((r) => r.id);
    expect(ids).toEqual(byHand);
  });

  it('reads one kind of agreement by partner along the partners and each one’s agreements, never sorting, the same partner’s together', () => {
    const query = `select a.id, p.id as partner from partners p cross join agreements a where a.partner_id = p.id and a.kind = ? order by p.name, p.id, a.id`;
    expect(step.plan(query, 'data_sharing')).not.toMatch(/TEMP B-TREE/);
    const rows = step.sqlite.prepare(query).all('data_sharing') as { id: number; partner: number }[];
    expect(rows).toHaveLength(15);
    // Partners 4 and 12 share a name: each one's agreements come together, in id order.
    const partners = rows.map((r) => r.partner);
    expect(partners.filter((p, i) => i > 0 && p !== partners[i - 1]).length + 1).toBe(new Set(partners).size);
  });
});
