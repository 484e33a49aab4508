import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;

beforeEach(async () => {
  step = await migrationStep('2026_12_01_1300_partner_list_indexes');
  // Partners as the versions before wrote them: several roles and statuses, some retired.
  const partner = step.sqlite.prepare(
    `insert into partners (name, role, country_region, sharing_basis, status, created_at, updated_at) values (?, ?, ?, 'consent', ?, ?, ?)`,
  );
  const roles = ['affiliate', 'entrusted_processor', 'sdk_provider'];
  for (let i = 0; i < 30; i++) {
    const at = new Date(Date.parse(AT) - i * 60_000).toISOString();
    partner.run(`合作方 ${i}`, roles[i % 3], ['中国', '新加坡', '德国'][i % 3 === 0 ? 0 : (i % 2) + 1], i % 5 === 0 ? 'retired' : 'active', at, at);
  }
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

describe('2026_12_01_1300_partner_list_indexes', () => {
  it('keeps every partner as it was', () => {
    expect(step.snapshot()).toEqual(before);
  });

  it('adds one index per filter and order of the partners list', () => {
    expect(step.addedIndexes()).toEqual({
      partners_role_idx: ['role'],
      partners_role_country_idx: ['role', 'country_region'],
      partners_role_updated_idx: ['role', 'updated_at'],
      partners_status_role_idx: ['status', 'role'],
      partners_status_country_idx: ['status', 'country_region'],
      partners_status_updated_idx: ['status', 'updated_at'],
    });
  });

  it('reads the retired partners by last change from an index in that order, with the same rows as sorting them', () => {
    const query = `select id from partners where status = ? order by updated_at desc, id desc limit 5`;
    expect(step.plan(query, 'retired')).not.toMatch(/TEMP B-TREE/);
    const ids = (step.sqlite.prepare(query).all('retired') as { id: number }[]).map((r) => r.id);
    const byHand = (step.sqlite.prepare(`select id, updated_at from partners where status = 'retired'`).all() as { id: number; updated_at: string }[])
      .sort((a, b) => (a.updated_at === b.updated_at ? b.id - a.id : a.updated_at < b.updated_at ? 1 : -1))
      .slice(0, 5)
      .map((r) => r.id);
    expect(ids).toEqual(byHand);
  });

  it('reads one role by country from an index in that order', () => {
    expect(step.plan(`select id from partners where role = ? order by country_region, id limit 25`, 'sdk_provider')).not.toMatch(/TEMP B-TREE/);
  });
});
