import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep, type Row } from './step';

let step: MigrationStep;
let before: Record<string, Row[]>;
let categoryId: number;

beforeEach(async () => {
  step = await migrationStep('2026_11_29_0310_sharing_register');
  // A register as 0300_foundation left it: settings, an audit entry, a category with its data items.
  step.insert(`insert into settings (key, value, created_at, updated_at) values ('organisationName', '码尚云', ?, ?)`, AT, AT);
  categoryId = step.insert(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, sensitive, sensitive_kind,
       separate_consent, retention, retention_days, policy_clause, notes, revision, created_at, updated_at)
     values ('REG-IDENTITY', '实名认证身份识别信息', 'registration', 'individual', '实名认证', 'legal_obligation', 'user_provided', 1, 'identity',
       1, '账户存续期间', 1095, '3.2.1.1', '旧版本写入', 3, ?, ?)`,
    AT,
    AT,
  );
  step.insert(`insert into category_data_items (category_id, position, item) values (?, 0, '姓名'), (?, 1, '身份证明')`, categoryId, categoryId);
  step.insert(
    `insert into audit_log (at, actor, entity, entity_id, action, before, after, prev_hash, hash) values (?, 'local', 'category', ?, 'create', null, '{}', ?, ?)`,
    AT,
    categoryId,
    '0'.repeat(64),
    'a'.repeat(64),
  );
  before = step.snapshot();
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const partner = (name: string) =>
  step.insert(
    `insert into partners (name, role, country_region, sharing_basis, created_at, updated_at) values (?, 'affiliate', 'CN', 'consent', ?, ?)`,
    name,
    AT,
    AT,
  );
const flow = (partnerId: number, catId: number, purpose: string, crossBorder = 0) =>
  step.insert(
    `insert into sharing_flows (partner_id, category_id, purpose, method, frequency, cross_border, created_at, updated_at)
     values (?, ?, ?, 'api', 'realtime', ?, ?, ?)`,
    partnerId,
    catId,
    purpose,
    crossBorder,
    AT,
    AT,
  );

describe('2026_11_29_0310_sharing_register', () => {
  it('keeps every row of the collection register, the settings and the audit log as they were', () => {
    expect(Object.keys(before)).toEqual(['audit_log', 'category_data_items', 'collection_categories', 'settings']);
    for (const [table, rows] of Object.entries(before)) expect(step.snapshot()[table]).toEqual(rows);
  });

  it('adds the sharing register, the SDK reviews and the policy beside them', () => {
    expect(step.tables()).toEqual(
      expect.arrayContaining(['partners', 'sharing_flows', 'agreements', 'sdks', 'sdk_reviews', 'sdk_review_categories', 'sdk_review_permissions', 'policy_versions', 'policy_clauses']),
    );
  });

  it('lets an existing category be shared, and then refuses to delete it from under its flow', () => {
    const flowId = flow(partner('上海敖维计算机发展有限公司'), categoryId, '关联公司共享');
    expect(step.sqlite.prepare('select cross_border, cross_border_mechanism, policy_clause, notes, revision from sharing_flows where id = ?').get(flowId)).toEqual({
      cross_border: 0,
      cross_border_mechanism: 'none',
      policy_clause: '',
      notes: '',
      revision: 1,
    });
    expect(refusal(() => step.sqlite.prepare('delete from collection_categories where id = ?').run(categoryId))).toContain('FOREIGN KEY constraint failed');
  });

  it('refuses a flow to a missing partner or category, a repeated flow and a cross-border flag other than 0 or 1', () => {
    const p = partner('征信机构');
    flow(p, categoryId, '信用评估');
    expect(refusal(() => flow(p + 1, categoryId, '信用评估'))).toContain('FOREIGN KEY constraint failed');
    expect(refusal(() => flow(p, categoryId + 1, '信用评估'))).toContain('FOREIGN KEY constraint failed');
    expect(refusal(() => flow(p, categoryId, '信用评估'))).toContain('UNIQUE constraint failed');
    expect(refusal(() => flow(p, categoryId, '跨境传输', 2))).toContain('CHECK constraint failed: sharing_flows_cross_border_bool');
  });

  it('fills the defaults of partners and agreements', () => {
    const p = partner('广告服务商');
    expect(step.sqlite.prepare('select contact, policy_clause, status, notes, revision from partners where id = ?').get(p)).toEqual({
      contact: '',
      policy_clause: '',
      status: 'active',
      notes: '',
      revision: 1,
    });
    const a = step.insert(`insert into agreements (partner_id, kind, reference_no, created_at, updated_at) values (?, 'dpa', 'DPA-1', ?, ?)`, p, AT, AT);
    expect(step.sqlite.prepare('select auto_renews, terminated, checklist, signed_on, document_sha256, revision from agreements where id = ?').get(a)).toEqual({
      auto_renews: 0,
      terminated: 0,
      checklist: '[]',
      signed_on: null,
      document_sha256: null,
      revision: 1,
    });
  });

  it('keeps one SDK per name and platform, and deletes a review’s categories and permissions with it', () => {
    const vendor = partner('友盟');
    const sdkInsert = () =>
      step.insert(`insert into sdks (name, vendor_partner_id, platform, purpose, created_at, updated_at) values ('统计SDK', ?, 'android', '统计', ?, ?)`, vendor, AT, AT);
    const sdk = sdkInsert();
    expect(refusal(sdkInsert)).toContain('UNIQUE constraint failed');
    const review = step.insert(
      `insert into sdk_reviews (sdk_id, version, reviewer, reviewed_on, result, created_at, updated_at) values (?, '1.0', '张三', '2026-11-01', 'approved', ?, ?)`,
      sdk,
      AT,
      AT,
    );
    step.insert(`insert into sdk_review_categories (review_id, category_id) values (?, ?)`, review, categoryId);
    expect(refusal(() => step.insert(`insert into sdk_review_categories (review_id, category_id) values (?, ?)`, review, categoryId))).toContain('UNIQUE constraint failed');
    step.insert(`insert into sdk_review_permissions (review_id, position, name, purpose) values (?, 0, 'READ_PHONE_STATE', '设备识别')`, review);
    step.sqlite.prepare('delete from sdk_reviews where id = ?').run(review);
    expect(step.sqlite.prepare('select (select count(*) from sdk_review_categories) as categories, (select count(*) from sdk_review_permissions) as permissions').get()).toEqual({
      categories: 0,
      permissions: 0,
    });
  });

  it('keeps one clause per number within a policy version, and deletes the clauses with their version', () => {
    const version = step.insert(`insert into policy_versions (title, version_label, source_text, created_at, updated_at) values ('隐私政策', '2024', '正文', ?, ?)`, AT, AT);
    const clause = () => step.insert(`insert into policy_clauses (version_id, number, heading, text, position, depth) values (?, '4.1', '共享', '正文', 0, 2)`, version);
    clause();
    expect(refusal(clause)).toContain('UNIQUE constraint failed');
    step.sqlite.prepare('delete from policy_versions where id = ?').run(version);
    expect(step.sqlite.prepare('select count(*) as n from policy_clauses').get()).toEqual({ n: 0 });
  });

  it('indexes the existing categories by clause, so that a clause finds the categories citing it', () => {
    expect(step.indexColumns('collection_categories_clause_idx')).toEqual(['policy_clause']);
    const query = `select code from collection_categories where policy_clause = ?`;
    expect(step.plan(query, '3.2.1.1')).toContain('collection_categories_clause_idx');
    expect(step.sqlite.prepare(query).all('3.2.1.1')).toEqual([{ code: 'REG-IDENTITY' }]);
  });

  it('creates the indexes the sharing lists sort and filter on, and no others', () => {
    expect(step.addedIndexes()).toEqual({
      partners_name_idx: ['name', 'id'],
      partners_role_name_idx: ['role', 'name'],
      partners_status_name_idx: ['status', 'name'],
      partners_country_idx: ['country_region', 'id'],
      partners_updated_idx: ['updated_at', 'id'],
      partners_clause_idx: ['policy_clause'],
      sharing_flows_category_idx: ['category_id', 'partner_id'],
      sharing_flows_cross_border_idx: ['cross_border', 'cross_border_mechanism'],
      sharing_flows_updated_idx: ['updated_at', 'id'],
      sharing_flows_clause_idx: ['policy_clause'],
      agreements_partner_idx: ['partner_id', 'expires_on'],
      agreements_reference_idx: ['reference_no', 'id'],
      agreements_signed_idx: ['signed_on', 'id'],
      agreements_expires_idx: ['expires_on', 'id'],
      agreements_updated_idx: ['updated_at', 'id'],
      agreements_clause_idx: ['policy_clause'],
      agreements_document_idx: ['document_sha256'],
      sdks_vendor_idx: ['vendor_partner_id'],
      sdks_clause_idx: ['policy_clause'],
      sdk_reviews_sdk_idx: ['sdk_id', 'reviewed_on', 'id'],
      sdk_review_categories_category_idx: ['category_id'],
      sdk_review_permissions_review_idx: ['review_id'],
      collection_categories_clause_idx: ['policy_clause'],
      policy_clauses_position_idx: ['version_id', 'position'],
    });
  });
});
