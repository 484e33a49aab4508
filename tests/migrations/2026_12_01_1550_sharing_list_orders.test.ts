import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';
import { INDEXES } from '../../src/main/core/db/migrations/2026_12_01_1550_sharing_list_orders';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1550_sharing_list_orders');
  // A small sharing register as the versions before wrote it: agreements signed and not (drafts) of
  // two kinds, and flows of a few partners and categories changed at different times.
  const partner = step.sqlite.prepare(`insert into partners (name, role, country_region, sharing_basis, status, created_at, updated_at) values (?, 'affiliate', '中国', 'consent', 'active', ?, ?)`);
  for (let i = 0; i < 6; i++) partner.run(`合作方 ${i}`, AT, AT);
  const category = step.sqlite.prepare(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at) values (?, ?, 'registration', 'individual', '提供服务', 'consent', 'automatic', ?, ?)`,
  );
  for (let i = 0; i < 3; i++) category.run(`CAT-${i}`, `类别 ${i}`, AT, AT);
  const flow = step.sqlite.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, created_at, updated_at) values (?, ?, ?, 'api', '每日', ?, ?)`);
  for (let i = 0; i < 36; i++) flow.run((i % 6) + 1, (i % 3) + 1, `目的 ${i}`, AT, new Date(Date.parse(AT) - ((i * 7) % 36) * 60_000).toISOString());
  const agreement = step.sqlite.prepare(`insert into agreements (partner_id, kind, reference_no, signed_on, expires_on, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < 30; i++) {
    agreement.run((i % 6) + 1, ['data_sharing', 'confidentiality'][i % 2], `AGR-${(i * 11) % 30}`, i % 3 === 0 ? null : '2026-01-05', `2027-0${(i % 9) + 1}-01`, AT, AT);
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const ids = (query: string, ...params: unknown[]) => (step.sqlite.prepare(query).all(...params) as { id: number }[]).map((r) => r.id);

describe('2026_12_01_1550_sharing_list_orders', () => {
  it('keeps every record as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('adds the indexes it lists, each ending in the row id', () => {
    expect(Object.keys(step.addedIndexes()).sort()).toEqual(INDEXES.map((i) => i.name).sort());
    for (const { name, columns } of INDEXES) {
      expect(step.addedIndexes()[name]).toEqual(columns);
      expect(columns.at(-1)).toBe('id');
    }
  });

  it('reads the drafts by reference, alone and of one kind, from an index in that order, the rows sorting gives', () => {
    const drafts = step.sqlite.prepare(`select id, kind, reference_no from agreements where signed_on is null`).all() as { id: number; kind: string; reference_no: string }[];
    const byReference = (rows: typeof drafts) => [...rows].sort((a, b) => (a.reference_no === b.reference_no ? b.id - a.id : a.reference_no < b.reference_no ? 1 : -1)).map((r) => r.id);
    const alone = `select id from agreements where terminated = false and signed_on is null order by reference_no desc, id desc`;
    expect(step.plan(alone)).not.toMatch(/TEMP B-TREE/);
    expect(ids(alone)).toEqual(byReference(drafts));
    expect(ids(alone)).toHaveLength(10);
    const ofKind = `select id from agreements where kind = ? and terminated = false and signed_on is null order by reference_no desc, id desc`;
    expect(step.plan(ofKind, 'confidentiality')).not.toMatch(/TEMP B-TREE/);
    expect(ids(ofKind, 'confidentiality')).toEqual(byReference(drafts.filter((d) => d.kind === 'confidentiality')));
  });

  it('reads one partner’s flows of one category by last change from an index in that order, newest first', () => {
    const query = `select id from sharing_flows where partner_id = ? and category_id = ? order by updated_at desc, id desc`;
    expect(step.plan(query, 2, 2)).not.toMatch(/TEMP B-TREE/);
    const byHand = (step.sqlite.prepare(`select id, updated_at from sharing_flows where partner_id = 2 and category_id = 2`).all() as { id: number; updated_at: string }[])
      .sort((a, b) => (a.updated_at === b.updated_at ? b.id - a.id : a.updated_at < b.updated_at ? 1 : -1))
      .map((r) => r.id);
    expect(byHand.length).toBeGreaterThan(1);
    expect(ids(query, 2, 2)).toEqual(byHand);
  });
});
