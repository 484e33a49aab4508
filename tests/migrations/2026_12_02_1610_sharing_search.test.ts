import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, type MigrationStep, type Row } from './step';
import { INDEXES, SEARCHES } from '../../src/main/core/db/migrations/2026_12_02_1610_sharing_search';

let step: MigrationStep;
let before: Record<string, Row[]>;
let tablesBefore: string[];

beforeEach(async () => {
  step = await migrationStep('2026_12_02_1610_sharing_search');
  // A sharing register as the versions before wrote it: partners, flows of two methods (some across
  // the border), agreements and SDKs, with names that share two and three characters here and there.
  const partner = step.sqlite.prepare(`insert into partners (name, role, country_region, contact, sharing_basis, status, created_at, updated_at) values (?, 'affiliate', ?, ?, 'consent', 'active', ?, ?)`);
  for (const [name, region, contact] of [
    ['深圳市腾讯计算机系统有限公司', '中国', ''],
    ['Acme Analytics', '美国', 'privacy@acme.example'],
    ['合作方 00004', '新加坡', ''],
    ['腾讯云', '中国', '张伟'],
  ]) partner.run(name, region, contact, AT, AT);
  step.sqlite.prepare(`insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at) values ('CAT-1', '设备信息', 'registration', 'individual', '提供服务', 'consent', 'automatic', ?, ?)`).run(AT, AT);
  const flow = step.sqlite.prepare(`insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, created_at, updated_at) values (?, 1, ?, ?, '每日', ?, ?, ?)`);
  for (let i = 0; i < 12; i++) flow.run((i % 4) + 1, i % 3 === 0 ? `风控 ${i}` : `物流配送 ${i}`, i % 2 ? 'api' : 'manual', i % 5 === 0 ? 1 : 0, AT, AT);
  const agreement = step.sqlite.prepare(`insert into agreements (partner_id, kind, reference_no, created_at, updated_at) values (?, 'data_sharing', ?, ?, ?)`);
  for (let i = 0; i < 6; i++) agreement.run((i % 4) + 1, `AGR-${String(i * 7).padStart(4, '0')}`, AT, AT);
  const sdk = step.sqlite.prepare(`insert into sdks (name, vendor_partner_id, platform, purpose, status, created_at, updated_at) values (?, 1, 'android', '登录', 'active', ?, ?)`);
  for (const name of ['WeChat OpenSDK', '地图 SDK', '推送 SDK']) sdk.run(name, AT, AT);
  // Reviews of the first two, not in date order; the third never reviewed.
  const review = step.sqlite.prepare(`insert into sdk_reviews (sdk_id, version, reviewer, reviewed_on, result, created_at, updated_at) values (?, '1.0', '张三', ?, 'pass', ?, ?)`);
  for (const [sdkId, on] of [[1, '2026-03-01'], [1, '2026-09-15'], [1, '2026-05-20'], [2, '2025-12-31']] as const) review.run(sdkId, on, AT, AT);
  tablesBefore = step.tables();
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const ids = (query: string, ...params: unknown[]) => (step.sqlite.prepare(query).all(...params) as { id: number }[]).map((r) => r.id).sort((a, b) => a - b);
/** Rows of `table` whose `column` contains `text` (Latin letters in either case), as LIKE finds them. */
const containing = (table: string, column: string, text: string) => ids(`select id from ${table} where ${column} like ? order by id`, `%${text}%`);
/** The same through the search index: a phrase of three characters or more, the terms beginning with two. */
const phrase = (fts: string, column: string, text: string) => ids(`select rowid as id from ${fts} where ${fts} match ?`, `${column} : "${text}"`);
const twoCharacters = (fts: string, column: string, text: string) =>
  [...new Set(ids(`select doc as id from ${fts}_terms where term >= ? and term < ? and col = ?`, text.toLowerCase(), `${text.toLowerCase()}\u{10FFFF}`, column))];

describe('2026_12_02_1610_sharing_search', () => {
  it('keeps every record as it was', () => {
    const after = step.snapshot();
    for (const table of tablesBefore) {
      const rows = table === 'sdks' ? after[table]!.map(({ last_reviewed_on: _, ...row }) => row) : after[table];
      expect(rows, table).toEqual(before[table]);
    }
  });

  const lastReviewed = () => step.sqlite.prepare(`select id, last_reviewed_on from sdks order by id`).all();

  it('gives each SDK its newest review’s date, and keeps it with every review written, moved or removed', () => {
    expect(lastReviewed()).toEqual([
      { id: 1, last_reviewed_on: '2026-09-15' },
      { id: 2, last_reviewed_on: '2025-12-31' },
      { id: 3, last_reviewed_on: null },
    ]);
    step.sqlite.prepare(`insert into sdk_reviews (sdk_id, version, reviewer, reviewed_on, result, created_at, updated_at) values (3, '2.0', '李四', '2026-11-01', 'pass', ?, ?)`).run(AT, AT);
    step.sqlite.prepare(`update sdk_reviews set reviewed_on = '2026-01-02' where sdk_id = 1 and reviewed_on = '2026-09-15'`).run();
    step.sqlite.prepare(`update sdk_reviews set sdk_id = 1 where sdk_id = 2`).run();
    expect(lastReviewed()).toEqual([
      { id: 1, last_reviewed_on: '2026-05-20' },
      { id: 2, last_reviewed_on: null },
      { id: 3, last_reviewed_on: '2026-11-01' },
    ]);
    step.sqlite.prepare(`delete from sdk_reviews where sdk_id = 1 and reviewed_on >= '2026-03-01'`).run();
    expect(lastReviewed()[0]).toEqual({ id: 1, last_reviewed_on: '2026-01-02' });
    const byReview = `select id from sdks where status = 'active' order by last_reviewed_on desc, id desc`;
    expect(step.plan(byReview)).not.toMatch(/TEMP B-TREE/);
    expect(step.sqlite.prepare(byReview).all()).toEqual([{ id: 3 }, { id: 1 }, { id: 2 }]);
  });

  it('adds the flows’ indexes by category and by partner, each ending in the row id', () => {
    for (const { name, columns } of INDEXES) expect(step.addedIndexes()[name]).toEqual(columns);
    const query = `select s.id from collection_categories c cross join sharing_flows s where s.category_id = c.id and s.method = ? and s.cross_border = ? order by c.code desc, c.id desc, s.id desc`;
    expect(step.plan(query, 'manual', 1)).toContain('sharing_flows_category_border_method_idx (category_id=? AND cross_border=? AND method=?)');
    expect(step.sqlite.prepare(query).all('manual', 1)).toEqual(step.sqlite.prepare(`select id from sharing_flows where method = 'manual' and cross_border = 1 order by id desc`).all());
  });

  it('indexes the rows already there: every two or three characters of each text find the rows that contain them', () => {
    for (const { table, fts, columns } of SEARCHES) {
      const texts = (step.sqlite.prepare(`select ${columns.join(' || char(10) || ')} as t from ${table}`).all() as { t: string }[]).flatMap((r) => r.t.split('\n'));
      for (const column of columns) {
        for (const text of texts) {
          const chars = [...text];
          for (let i = 0; i + 2 <= chars.length; i++) {
            const two = chars.slice(i, i + 2).join('');
            expect(twoCharacters(fts, column, two), `${table}.${column} "${two}"`).toEqual(containing(table, column, two));
            if (i + 3 <= chars.length) {
              const three = chars.slice(i, i + 3).join('');
              expect(phrase(fts, column, three), `${table}.${column} "${three}"`).toEqual(containing(table, column, three));
            }
          }
        }
      }
    }
    // The last two characters of a name, and Latin letters in another case.
    expect(twoCharacters('partners_fts', 'name', '04')).toEqual([3]);
    expect(phrase('partners_fts', 'name', 'ACME')).toEqual([2]);
    expect(twoCharacters('partners_fts', 'name', '腾讯')).toEqual([1, 4]);
  });

  it('keeps the index in step with every insert, change and removal, in the same transaction', () => {
    step.sqlite.prepare(`insert into partners (name, role, country_region, sharing_basis, status, created_at, updated_at) values ('北京字节跳动', 'affiliate', '中国', 'consent', 'active', ?, ?)`).run(AT, AT);
    expect(twoCharacters('partners_fts', 'name', '跳动')).toEqual([5]);
    step.sqlite.prepare(`update partners set name = '腾讯音乐' where id = 2`).run();
    expect(twoCharacters('partners_fts', 'name', '腾讯')).toEqual([1, 2, 4]);
    expect(phrase('partners_fts', 'name', 'Acme')).toEqual([]);
    step.sqlite.prepare(`update partners set notes = 'x' where id = 2`).run();
    expect(phrase('partners_fts', 'name', '腾讯音')).toEqual([2]);
    step.sqlite.prepare(`delete from sharing_flows where partner_id = 4`).run();
    step.sqlite.prepare(`delete from agreements where partner_id = 4`).run();
    step.sqlite.prepare(`delete from partners where id = 4`).run();
    expect(twoCharacters('partners_fts', 'name', '腾讯')).toEqual([1, 2]);
    expect(phrase('sharing_flows_fts', 'purpose', '物流配')).toEqual(containing('sharing_flows', 'purpose', '物流配'));
    // Each index deletes securely: a changed contact's old text leaves the index's pages, not only its results.
    for (const { fts } of SEARCHES) expect(step.sqlite.prepare(`select v from ${fts}_config where k = 'secure-delete'`).get(), fts).toEqual({ v: 1 });
    // A change that fails leaves the index as it was.
    expect(() =>
      step.sqlite.transaction(() => {
        step.sqlite.prepare(`update sdks set name = 'Alipay SDK' where id = 1`).run();
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(phrase('sdks_fts', 'name', 'WeChat')).toEqual([1]);
    expect(phrase('sdks_fts', 'name', 'Alipay')).toEqual([]);
  });
});
