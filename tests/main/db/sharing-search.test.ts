import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkbench, type TestWorkbench } from '../../helpers/workbench';
import { agreementFixture, categoryFixture, flowFixture, partnerFixture } from '../../helpers/fixtures';
import { findFlowPage } from '../../../src/main/core/flows/flows.repository';
import { findAgreementPage } from '../../../src/main/core/agreements/agreements.repository';
import { findPartnerPage } from '../../../src/main/core/partners/partners.repository';
import { findSdkPage } from '../../../src/main/core/sdks/sdks.repository';

/**
 * The sharing registers' searches (partners, flows, agreements, SDKs), served by their search
 * indexes (migration 2026_12_02_1610), against a plain filter over every record as it was written:
 * the same page and the same total, on both engines. What a search matches (db/dialect.ts
 * `sharingTextMatches`): two characters or more, anywhere in the searched texts, Latin letters in
 * either case; one character, the names (purposes, references, codes) that begin with it.
 */
let wb: TestWorkbench;

interface Partner { id: number; name: string; countryRegion: string; contact: string }
interface Category { id: number; code: string; name: string }
interface Flow { id: number; purpose: string; partner: Partner; category: Category }
interface Agreement { id: number; referenceNo: string; partner: Partner }
interface Sdk { id: number; name: string; vendor: Partner }

const partners: Partner[] = [];
const categories: Category[] = [];
const flows: Flow[] = [];
const agreements: Agreement[] = [];
const sdks: Sdk[] = [];

const PARTNERS: [string, string, string][] = [
  ['深圳市腾讯计算机系统有限公司', '中国', 'dpo@tencent.example'],
  ['腾讯云', '中国', '张伟'],
  ['Acme Analytics', '美国', 'Privacy@Acme.example'],
  ['acme 数据服务', '新加坡', ''],
  ['合作方 00004', '德国', '100%_match'],
  ['北京 "引号" 科技', '日本', 'x_y'],
  ['支付宝（中国）网络技术有限公司', '中国', 'ALIPAY-04'],
];
const CATEGORIES: [string, string][] = [
  ['CAT-004', '设备信息'],
  ['REG-PHONE', '联系方式'],
  ['USE-LOC', '位置信息'],
];
const PURPOSES = ['风控反欺诈', '物流配送', '广告投放 04', '身份核验', 'Analytics 统计', '支付结算', '消息推送'];

beforeAll(async () => {
  wb = await makeWorkbench();
  for (const [name, countryRegion, contact] of PARTNERS) {
    const p = await wb.call('partners:create', partnerFixture({ name, countryRegion, contact }));
    partners.push({ id: p.id, name, countryRegion, contact });
  }
  for (const [code, name] of CATEGORIES) {
    const c = await wb.call('categories:create', categoryFixture({ code, name }));
    categories.push({ id: c.id, code, name });
  }
  for (let i = 0; i < 30; i++) {
    const partner = partners[i % partners.length]!;
    const category = categories[i % categories.length]!;
    const purpose = `${PURPOSES[i % PURPOSES.length]} ${i}`;
    const f = await wb.call('flows:create', flowFixture(partner.id, category.id, { purpose }));
    flows.push({ id: f.id, purpose, partner, category });
  }
  for (let i = 0; i < 16; i++) {
    const partner = partners[(i * 3) % partners.length]!;
    const referenceNo = [`DPA-2026-${String(i).padStart(3, '0')}`, `nda_${i}%`, `协议-${i}`][i % 3]!;
    const a = await wb.call('agreements:create', agreementFixture(partner.id, { referenceNo }));
    agreements.push({ id: a.id, referenceNo, partner });
  }
  for (const [i, name] of ['WeChat OpenSDK', '推送 SDK', 'Alipay SDK', 'acme tracker', '地图定位 SDK'].entries()) {
    const vendor = partners[(i * 2) % partners.length]!;
    const s = await wb.call('sdks:create', { name, vendorPartnerId: vendor.id, platform: 'android', purpose: '统计', policyClause: '', notes: '' });
    sdks.push({ id: s.id, name, vendor });
  }
}, 120_000);
afterAll(async () => {
  await wb?.close();
});

/** The rule of a search, written plainly: `begins` the texts one character may begin, `contains` those two or more may contain. */
function matches(text: string, begins: string[], contains: string[]): boolean {
  const t = text.toLowerCase();
  if ([...text].length === 1) return begins.some((s) => s.toLowerCase().startsWith(t));
  return contains.some((s) => s.toLowerCase().includes(t));
}

const SEARCHES = ['腾', '腾讯', '腾讯云', '讯计算', 'a', 'A', 'ac', 'ACME', 'acme', 'cMe a', '04', '4', '0004', '00004', '"', '"引号"', '%', '_', '%_', 'x_y', '中国', '信息', 'cat', 'CAT-0', '-0', '0', '统计', '协议', 'nda_', 'sdk', 'SDK', 'p', '不存在的名称', '）网络'];

describe('the sharing registers’ searches: page and total as a plain filter over every record', () => {
  it('partners: name, country or region, contact', async () => {
    for (const search of SEARCHES) {
      const expected = partners.filter((p) => matches(search, [p.name], [p.name, p.countryRegion, p.contact])).map((p) => p.id);
      const all = await wb.call('partners:list', { sortBy: 'name', pageSize: 100 });
      const ordered = all.items.map((p) => p.id).filter((id) => expected.includes(id));
      const page = await wb.call('partners:list', { search, sortBy: 'name', pageSize: 100 });
      expect({ search, total: page.total, ids: page.items.map((p) => p.id) }).toEqual({ search, total: expected.length, ids: ordered });
      const second = await wb.call('partners:list', { search, sortBy: 'name', sortDir: 'desc', page: 2, pageSize: 2 });
      expect({ search, ids: second.items.map((p) => p.id) }).toEqual({ search, ids: [...ordered].reverse().slice(2, 4) });
    }
  });

  it('flows: purpose, partner’s name, category’s code or name', async () => {
    const all = (await wb.call('flows:list', { sortBy: 'purpose', pageSize: 100 })).items.map((f) => f.id);
    for (const search of SEARCHES) {
      const expected = flows
        .filter((f) => matches(search, [f.purpose, f.partner.name, f.category.code, f.category.name], [f.purpose, f.partner.name, f.category.code, f.category.name]))
        .map((f) => f.id);
      const ordered = all.filter((id) => expected.includes(id));
      const page = await wb.call('flows:list', { search, sortBy: 'purpose', pageSize: 100 });
      expect({ search, total: page.total, ids: page.items.map((f) => f.id) }).toEqual({ search, total: expected.length, ids: ordered });
      const byCategory = await wb.call('flows:list', { search, method: 'api', sortBy: 'category', pageSize: 100 });
      expect({ search, total: byCategory.total }).toEqual({ search, total: expected.length });
    }
  });

  it('agreements: reference, partner’s name', async () => {
    const all = (await wb.call('agreements:list', { sortBy: 'referenceNo', pageSize: 100 })).items.map((a) => a.id);
    for (const search of SEARCHES) {
      const expected = agreements.filter((a) => matches(search, [a.referenceNo, a.partner.name], [a.referenceNo, a.partner.name])).map((a) => a.id);
      const page = await wb.call('agreements:list', { search, sortBy: 'referenceNo', pageSize: 100 });
      expect({ search, total: page.total, ids: page.items.map((a) => a.id) }).toEqual({ search, total: expected.length, ids: all.filter((id) => expected.includes(id)) });
    }
  });

  it('SDKs: name, vendor’s name', async () => {
    const all = (await wb.call('sdks:list', { sortBy: 'name', pageSize: 100 })).items.map((s) => s.id);
    for (const search of SEARCHES) {
      const expected = sdks.filter((s) => matches(search, [s.name, s.vendor.name], [s.name, s.vendor.name])).map((s) => s.id);
      const page = await wb.call('sdks:list', { search, sortBy: 'name', pageSize: 100 });
      expect({ search, total: page.total, ids: page.items.map((s) => s.id) }).toEqual({ search, total: expected.length, ids: all.filter((id) => expected.includes(id)) });
    }
  });

  it('reads the same pages walking the order’s index as sorting the matches (many matches or few, db/query.ts searchedPage)', async () => {
    const db = wb.ctx.db;
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    for (const search of SEARCHES) {
      for (const dir of ['asc', 'desc'] as const) {
        // With the filters beside: on PostgreSQL the walked page reads each partner's (category's)
        // flows in a lateral subquery, the filters inside it and the partner's (category's) own outside.
        const filters = [{}, { method: 'api' }, { partnerId: partners[0]!.id }, { categoryId: categories[0]!.id, crossBorder: false }];
        for (const by of ['partner', 'category', 'purpose', 'updatedAt'] as const) {
          for (const filter of filters) {
            const page = (walkOrder: boolean) => findFlowPage(db, { search, ...filter, walkOrder }, { by, dir }, 2, 3);
            expect({ search, by, filter, ids: ids(await page(true)) }).toEqual({ search, by, filter, ids: ids(await page(false)) });
          }
        }
        for (const by of ['referenceNo', 'partner', 'expiresOn'] as const) {
          const page = (walkOrder: boolean) => findAgreementPage(db, { search, today: '2026-11-17', walkOrder }, { by, dir }, 1, 4);
          expect({ search, by, ids: ids(await page(true)) }).toEqual({ search, by, ids: ids(await page(false)) });
        }
        for (const by of ['name', 'countryRegion'] as const) {
          const page = (walkOrder: boolean) => findPartnerPage(db, { search, walkOrder }, { by, dir }, 1, 3);
          expect({ search, by, ids: ids(await page(true)) }).toEqual({ search, by, ids: ids(await page(false)) });
        }
        for (const by of ['name', 'vendor', 'lastReviewedOn'] as const) {
          const page = (walkOrder: boolean) => findSdkPage(db, { search, walkOrder }, { by, dir }, 1, 3);
          expect({ search, by, ids: ids(await page(true)) }).toEqual({ search, by, ids: ids(await page(false)) });
        }
      }
    }
  });

  it('follows a renamed partner and a removed flow at once: the index is written with the record', async () => {
    const partner = partners[2]!;
    const before = await wb.call('partners:get', { id: partner.id });
    await wb.call('partners:update', { id: partner.id, revision: before.revision, ...partnerFixture({ name: '字节跳动', countryRegion: partner.countryRegion, contact: partner.contact }) });
    const ofPartner = flows.filter((f) => f.partner.id === partner.id).map((f) => f.id).sort((a, b) => a - b);
    const found = await wb.call('flows:list', { search: '跳动', pageSize: 100 });
    expect(found.items.map((f) => f.id).sort((a, b) => a - b)).toEqual(ofPartner);
    expect((await wb.call('agreements:list', { search: 'Acme Analytics' })).total).toBe(0);
    const flow = flows.find((f) => f.partner.id === partner.id)!;
    const stored = await wb.call('flows:get', { id: flow.id });
    await wb.call('flows:delete', { id: flow.id, revision: stored.revision });
    expect((await wb.call('flows:list', { search: '跳动', pageSize: 100 })).total).toBe(ofPartner.length - 1);
    expect((await wb.call('partners:list', { search: '字节跳动' })).items.map((p) => p.id)).toEqual([partner.id]);
  });
});
