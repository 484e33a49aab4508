import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { emptyMapping, type ImportMapping } from '../../../src/shared/domain/import-mapping';
import { splitCell, splitterOf } from '../../../src/main/core/transfer/import/cells';
import { retentionDaysOf } from '../../../src/main/core/transfer/import/links';
import { suggestColumns, suggestValue } from '../../../src/main/core/transfer/import/suggest';
import { categoriesImport, partnersImport, requestsImport } from '../../../src/main/core/transfer/import-specs';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../../helpers/workbench';
import { runTs } from '../../helpers/child-process';
import { columnOf, onPostgres, rowsOf, SQLITE_ONLY } from '../../helpers/engine';
import { timeliness } from '../../../src/shared/deadline/timeliness';

const FIXTURES = resolve(__dirname, '../../fixtures/import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

async function emptyRegister(language: 'en' | 'zh-CN' = 'zh-CN'): Promise<TestWorkbench> {
  const wb = await makeWorkbench({ language, now: '2026-11-20T02:00:00.000Z' });
  await wb.call('app:setup', { template: 'empty', organisationName: '示例科技有限公司', language });
  return wb;
}

const column = (spec: { sheet: { columns: readonly { key: string }[] }; mappingFields?: readonly { key: string }[] }, key: string) =>
  [...spec.sheet.columns, ...(spec.mappingFields ?? [])].find((c) => c.key === key) as Parameters<typeof suggestValue>[0];

/** The mapping the dialog would suggest for a file, as the renderer receives it. */
async function suggested(wb: TestWorkbench, fileName: string, bytes: Buffer, register?: ImportMapping['register']) {
  return (await wb.call('transfer:inspect', { fileName, base64: b64(bytes), ...(register ? { register } : {}) })).suggestion;
}

/** An English record of processing in the style of a GDPR Art. 30 template, with a second sheet of instructions. */
async function englishRopa(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Record of processing');
  ws.addRow([
    'Ref',
    'Processing activity',
    'Purposes of the processing',
    'Lawful basis',
    'Categories of data subjects',
    'Categories of personal data',
    'Source',
    'Categories of recipients',
    'Transfers to third countries',
    'Technical and organisational security measures',
    'Retention period',
  ]);
  ws.addRow(['HR-01', 'Payroll', 'Paying salaries and statutory deductions', 'Contract', 'Employees', 'Name; bank account; salary; tax ID', 'Directly', 'PayCo Ltd (payroll bureau)', 'None', 'Access control; encryption at rest', '7 years after employment ends']);
  ws.addRow(['MK-02', 'Newsletter', 'Sending marketing newsletters', 'Consent', 'Customers', 'Name, email address', 'Directly', 'Mailjet SAS (email delivery)', 'Mailjet SAS (France, SCCs)', 'TLS; double opt-in', 'Until consent is withdrawn']);
  ws.addRow(['CS-03', 'Customer support', 'Answering customer enquiries', 'Contract', 'Customers; prospects', 'Name, email, phone number, ticket history', 'Directly', 'Zendesk, Inc. (help desk)', 'Zendesk, Inc. (USA, standard contractual clauses)', 'Role-based access', '2 years']);
  const notes = book.addWorksheet('Instructions');
  notes.addRow(['Fill in one row per processing activity (Art. 30(1) GDPR).']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('suggestions', () => {
  it('finds the field of each header of a Chinese and an English record of processing', () => {
    expect(suggestColumns(categoriesImport, ['序号', '处理活动', '目的', '合法性基础', '数据主体', '个人信息类别', '接收方', '跨境传输', '安全措施', '保存期限'])).toEqual({
      name: '处理活动',
      purposes: '目的',
      legalBasis: '合法性基础',
      subjectType: '数据主体',
      dataItems: '个人信息类别',
      recipients: '接收方',
      transfers: '跨境传输',
      securityMeasures: '安全措施',
      retention: '保存期限',
    });
    expect(
      suggestColumns(categoriesImport, ['Processing activity', 'Purpose', 'Legal basis', 'Data subjects', 'Categories of data', 'Recipients', 'Transfers', 'Security measures', 'Retention']),
    ).toEqual({
      name: 'Processing activity',
      purposes: 'Purpose',
      legalBasis: 'Legal basis',
      subjectType: 'Data subjects',
      dataItems: 'Categories of data',
      recipients: 'Recipients',
      transfers: 'Transfers',
      securityMeasures: 'Security measures',
      retention: 'Retention',
    });
    // The workbench's own labels, in either language, name their field too.
    expect(suggestColumns(partnersImport, ['名称', 'Role (PIPL)', '国家/地区', 'Sharing basis'])).toEqual({ name: '名称', role: 'Role (PIPL)', countryRegion: '国家/地区', sharingBasis: 'Sharing basis' });
  });

  it('suggests codes for the values offices write, from the code lists’ labels and the synonym table', () => {
    const subject = column(categoriesImport, 'subjectType');
    const basis = column(categoriesImport, 'legalBasis');
    const method = column(categoriesImport, 'collectionMethod');
    expect(['客户', 'Customers', '员工', '未成年人', 'Business users'].map((v) => suggestValue(subject, v))).toEqual(['individual', 'individual', 'individual', 'minor', 'enterprise_member']);
    expect(['contract', '合同履行', 'consent', '同意', '个人同意', 'Legal obligation'].map((v) => suggestValue(basis, v))).toEqual([
      'contract_or_hr',
      'contract_or_hr',
      'consent',
      'consent',
      'consent',
      'legal_duty',
    ]);
    expect(['directly', '直接收集', 'Collected automatically', '第三方'].map((v) => suggestValue(method, v))).toEqual(['user_provided', 'user_provided', 'automatic', 'from_partner']);
    // Nothing is guessed for a value that means nothing the workbench knows.
    expect(suggestValue(basis, 'legitimate interests')).toBeNull();
    const status = column(requestsImport, 'status');
    expect(['Solved', '已解决', 'Rejected', 'Pending customer'].map((v) => suggestValue(status, v))).toEqual(['responded', 'responded', 'refused', 'awaiting_requester']);
  });
});

describe('cells that hold several values', () => {
  const split = splitterOf('、，,;；/\n');
  it('split on 、，,;；/ and line breaks, but not inside brackets nor before a company form', () => {
    expect(splitCell('姓名、手机号码，电子邮箱;会员编号；地址/邮编\n订单信息', split)).toEqual(['姓名', '手机号码', '电子邮箱', '会员编号', '地址', '邮编', '订单信息']);
    expect(splitCell('顺丰速运（物流、配送）、支付宝（网络支付）', split)).toEqual(['顺丰速运（物流、配送）', '支付宝（网络支付）']);
    expect(splitCell('Zendesk, Inc. (help desk), Mailjet SAS, Acme Co., Ltd.', split)).toEqual(['Zendesk, Inc. (help desk)', 'Mailjet SAS', 'Acme Co., Ltd.']);
  });

  it('reads retention periods written as a duration, in days', () => {
    expect(['3年', '账户注销后30天', '六个月', '劳动合同终止后2年', '撤回同意后15日', '2 years', '7 years after employment ends', 'Until consent is withdrawn'].map(retentionDaysOf)).toEqual([
      1095,
      30,
      180,
      730,
      15,
      730,
      2555,
      null,
    ]);
  });
});

describe('a Chinese record of processing (merged lists in cells) through the suggested mapping', () => {
  it('goes in whole: categories with their items, subjects, basis, retention and security measures; recipients and transfers as partners and flows', async () => {
    const wb = await emptyRegister('zh-CN');
    const bytes = fixture('ropa-zh.csv');
    const mapping = await suggested(wb, 'ropa-zh.csv', bytes);
    expect(mapping.register).toBe('categories');
    expect(mapping.values.legalBasis).toEqual({ 同意: 'consent', 合同履行: 'contract_or_hr', 人力资源管理: 'contract_or_hr' });
    expect(mapping.defaults).toEqual({ code: 'ROPA-{row}', stage: 'service_use' });
    const preview = await wb.call('transfer:preview', { fileName: 'ropa-zh.csv', base64: b64(bytes), mapping });
    expect(preview.issues).toEqual([]);
    expect(preview.sheets).toEqual([{ sheet: 'categories', label: '收集类别', rows: 5, valid: 5 }]);
    const outcome = await wb.call('transfer:import', { fileName: 'ropa-zh.csv', base64: b64(bytes), mapping });
    expect(outcome.inserted).toEqual({ categories: 5 });

    const categories = await rowsOf(wb.ctx.db, 'select code, name, legal_basis, subject_type, retention_days, storage_location, cross_border_mechanism, notes from collection_categories order by id');
    expect(categories).toEqual([
      { code: 'ROPA-2', name: '会员注册与账户管理', legal_basis: 'consent', subject_type: 'individual', retention_days: 30, storage_location: 'domestic', cross_border_mechanism: 'none', notes: '安全措施：加密存储、访问控制、操作日志' },
      { code: 'ROPA-3', name: '订单履行与配送', legal_basis: 'contract_or_hr', subject_type: 'individual', retention_days: 1095, storage_location: 'domestic', cross_border_mechanism: 'none', notes: '安全措施：传输加密；最小必要权限' },
      { code: 'ROPA-4', name: '客户服务', legal_basis: 'consent', subject_type: 'individual', retention_days: 180, storage_location: 'domestic', cross_border_mechanism: 'none', notes: '安全措施：通话录音加密存储' },
      { code: 'ROPA-5', name: '员工人事管理', legal_basis: 'contract_or_hr', subject_type: 'individual', retention_days: 730, storage_location: 'cross_border', cross_border_mechanism: 'standard_contract', notes: '安全措施：分级授权；定期审计' },
      { code: 'ROPA-6', name: '营销短信推送', legal_basis: 'consent', subject_type: 'individual', retention_days: 15, storage_location: 'domestic', cross_border_mechanism: 'none', notes: '安全措施：退订即停止发送' },
    ]);
    const items = await columnOf(wb.ctx.db, "select item from category_data_items where category_id = (select id from collection_categories where code = 'ROPA-3') order by position");
    expect(items).toEqual(['姓名', '收货地址', '手机号码', '订单信息']);
    expect(await rowsOf(wb.ctx.db, 'select name, role, country_region from partners order by id')).toEqual([
      { name: '顺丰速运', role: 'other_handler', country_region: '中国' },
      { name: '支付宝', role: 'other_handler', country_region: '中国' },
      { name: '深圳云客服科技有限公司', role: 'other_handler', country_region: '中国' },
      { name: '社保经办机构', role: 'other_handler', country_region: '中国' },
      { name: '招商银行', role: 'other_handler', country_region: '中国' },
      { name: 'Acme HR Inc.', role: 'overseas_recipient', country_region: '美国' },
    ]);
    const flows = await rowsOf(wb.ctx.db, 'select p.name as partner, c.code as category, f.purpose, f.cross_border, f.cross_border_mechanism, f.notes from sharing_flows f join partners p on p.id = f.partner_id join collection_categories c on c.id = f.category_id order by f.id');
    expect(flows).toHaveLength(6);
    expect(flows[0]).toEqual({ partner: '顺丰速运', category: 'ROPA-3', purpose: '为客户配送所购商品并完成支付', cross_border: 0, cross_border_mechanism: 'none', notes: '物流配送' });
    expect(flows[5]).toEqual({ partner: 'Acme HR Inc.', category: 'ROPA-5', purpose: '招聘、劳动合同管理和薪酬发放', cross_border: 1, cross_border_mechanism: 'standard_contract', notes: '' });
  });

  it('links a recipient the register already has instead of creating it again', async () => {
    const wb = await emptyRegister('zh-CN');
    await wb.call('partners:create', { name: '支付宝', role: 'other_handler', countryRegion: '中国', contact: '', sharingBasis: 'contract', policyClause: '', notes: '' });
    const bytes = fixture('ropa-zh.csv');
    await wb.call('transfer:import', { fileName: 'ropa-zh.csv', base64: b64(bytes), mapping: await suggested(wb, 'ropa-zh.csv', bytes) });
    expect(await columnOf(wb.ctx.db, "select count(*) from partners where name = '支付宝'")).toEqual([1]);
    expect(await columnOf(wb.ctx.db, "select sharing_basis from partners where name = '支付宝'")).toEqual(['contract']);
  });

  it('with one bad row lists it by row and source column, and writes nothing at all', async () => {
    const wb = await emptyRegister('zh-CN');
    const good = fixture('ropa-zh.csv').toString('utf8');
    const bad = `${good.trimEnd()}\n6,访客分析,统计访问量,正当利益,访客,设备信息、浏览记录,自动采集,无,无,去标识化,1年\n7,,无目的,同意,客户、企业用户,姓名,直接收集,无,无,无,1年\n`;
    const mapping = await suggested(wb, 'ropa.csv', Buffer.from(good));
    const before = await tableCounts(wb);
    const preview = await wb.call('transfer:preview', { fileName: 'ropa.csv', base64: b64(bad), mapping });
    expect(preview.ok).toBe(false);
    expect(preview.sheets).toEqual([{ sheet: 'categories', label: '收集类别', rows: 7, valid: 5 }]);
    expect(preview.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [7, '法律依据', '“正当利益”不是允许的取值'],
      // A value the mapping has not seen is refused too, until the mapping says what it means.
      [7, '数据主体', '“访客”不是允许的取值'],
      [8, '数据主体', '“企业用户”不是允许的取值'],
      [8, '处理活动', '必填'],
    ]);
    const refused = await wb.invoke('transfer:import', { fileName: 'ropa.csv', base64: b64(bad), mapping });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('refuses a cell whose parts mean different codes, and a mapping that does not fit the file, before reading any row', async () => {
    const wb = await emptyRegister('en');
    const bytes = fixture('ropa-zh.csv');
    const mapping = await suggested(wb, 'ropa-zh.csv', bytes);
    const subjects: Record<string, string> = { ...mapping.values.subjectType!, 收货人: 'minor' };
    delete subjects['客户、收货人'];
    const several = { ...mapping, values: { ...mapping.values, subjectType: subjects } };
    const preview = await wb.call('transfer:preview', { fileName: 'ropa-zh.csv', base64: b64(bytes), mapping: several });
    expect(preview.issues.map((i) => [i.row, i.column, i.message])).toEqual([[3, '数据主体', '“客户、收货人” holds values that mean 2 different codes; this field takes one']]);

    const unfit: ImportMapping = { ...mapping, columns: { ...mapping.columns, purposes: 'Purpose' }, values: { ...mapping.values, legalBasis: { 同意: 'legitimate_interest' } }, defaults: { stage: 'service_use' } };
    const refused = await wb.call('transfer:preview', { fileName: 'ropa-zh.csv', base64: b64(bytes), mapping: unfit });
    expect(refused.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [1, 'Purpose', 'The mapping takes “Purposes” from the column “Purpose”, which the file does not have'],
      [1, '法律依据', 'The mapping turns “同意” into “legitimate_interest”, which “Legal basis (PIPL Art. 13)” does not take'],
      [1, 'Code', 'The required field “Code” has no column and no default'],
      [1, 'Purposes', 'The required field “Purposes” has no column and no default'],
    ]);
    expect(refused.sheets).toEqual([{ sheet: 'categories', label: 'Collection categories', rows: 5, valid: 0 }]);
  });
});

describe('an English record of processing (GDPR Art. 30 style, XLSX with an instructions sheet)', () => {
  it('goes in through a mapping that splits lists on ; and , and keeps company names whole', async () => {
    const wb = await emptyRegister('en');
    const bytes = await englishRopa();
    const mapping = await suggested(wb, 'ropa.xlsx', bytes);
    expect(mapping.sheet).toBe('Record of processing');
    expect(mapping.columns).toMatchObject({ code: 'Ref', name: 'Processing activity', legalBasis: 'Lawful basis', recipients: 'Categories of recipients', transfers: 'Transfers to third countries' });
    expect(mapping.values.collectionMethod).toEqual({ Directly: 'user_provided' });
    const preview = await wb.call('transfer:preview', { fileName: 'ropa.xlsx', base64: b64(bytes), mapping });
    expect(preview.issues).toEqual([]);
    await wb.call('transfer:import', { fileName: 'ropa.xlsx', base64: b64(bytes), mapping });
    expect(await rowsOf(wb.ctx.db, 'select code, legal_basis, retention_days, storage_location, cross_border_mechanism from collection_categories order by id')).toEqual([
      { code: 'HR-01', legal_basis: 'contract_or_hr', retention_days: 2555, storage_location: 'domestic', cross_border_mechanism: 'none' },
      { code: 'MK-02', legal_basis: 'consent', retention_days: null, storage_location: 'cross_border', cross_border_mechanism: 'standard_contract' },
      { code: 'CS-03', legal_basis: 'contract_or_hr', retention_days: 730, storage_location: 'cross_border', cross_border_mechanism: 'standard_contract' },
    ]);
    expect(await rowsOf(wb.ctx.db, 'select name, role, country_region from partners order by id')).toEqual([
      { name: 'PayCo Ltd', role: 'other_handler', country_region: 'China' },
      { name: 'Mailjet SAS', role: 'overseas_recipient', country_region: 'France' },
      { name: 'Zendesk, Inc.', role: 'overseas_recipient', country_region: 'USA' },
    ]);
    expect(await columnOf(wb.ctx.db, "select item from category_data_items where category_id = (select id from collection_categories where code = 'CS-03') order by position")).toEqual([
      'Name',
      'email',
      'phone number',
      'ticket history',
    ]);
  });
});

describe('saved mappings', () => {
  it('are saved by name, replaced under the same name, read back from their JSON file, and deleted — each on the audit log', async () => {
    const wb = await emptyRegister('zh-CN');
    const mapping = await suggested(wb, 'ropa-zh.csv', fixture('ropa-zh.csv'));
    const named = { ...mapping, name: '处理活动记录表（2026版）' };
    await wb.call('transfer:saveMapping', { mapping: named });
    await wb.call('transfer:saveMapping', { mapping: { ...named, defaults: { ...named.defaults, code: 'PA-{row}' } } });
    const saved = await wb.call('transfer:mappings', {});
    expect(saved.map((s) => [s.name, s.register, s.mapping.defaults.code])).toEqual([['处理活动记录表（2026版）', 'categories', 'PA-{row}']]);
    // The JSON file the dialog downloads reads back as the same mapping.
    const file = JSON.stringify(saved[0]!.mapping, null, 2);
    expect(await wb.call('transfer:readMapping', { fileName: 'ropa.mapping.json', text: file })).toEqual(saved[0]!.mapping);
    const documented = readFileSync(resolve(__dirname, '../../../docs/examples/ropa-zh.mapping.json'), 'utf8');
    const example = await wb.call('transfer:readMapping', { fileName: 'ropa-zh.mapping.json', text: documented });
    expect((await wb.call('transfer:preview', { fileName: 'ropa-zh.csv', base64: b64(fixture('ropa-zh.csv')), mapping: example })).ok).toBe(true);
    const wrong = await wb.invoke('transfer:readMapping', { fileName: 'other.json', text: '{"format":"something-else"}' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('other.json 不是映射文件：format') } });
    await wb.call('transfer:deleteMapping', { name: '处理活动记录表（2026版）' });
    expect(await wb.call('transfer:mappings', {})).toEqual([]);
    const audit = await columnOf(wb.ctx.db, "select action from audit_log where entity = 'importMapping' order by id");
    expect(audit).toEqual(['create', 'update', 'delete']);
  });
});

describe('a historic request log from a ticket system', () => {
  it('moves in with its references, statuses, response times and outcomes; deadlines and lateness follow the existing rules', async () => {
    const wb = await emptyRegister('en');
    const bytes = fixture('tickets-history.csv');
    const mapping = await suggested(wb, 'tickets.csv', bytes);
    expect(mapping.register).toBe('requests');
    const preview = await wb.call('transfer:preview', { fileName: 'tickets.csv', base64: b64(bytes), mapping });
    expect(preview.issues).toEqual([]);
    await wb.call('transfer:import', { fileName: 'tickets.csv', base64: b64(bytes), mapping });
    const rows = await rowsOf<Record<string, unknown>>(wb.ctx.db, 'select reference, channel, kind, status, responded_at, closed_at, response_summary, due_date from requests order by received_at');
    expect(rows.map((r) => [r.reference, r.channel, r.kind, r.status, r.responded_at, r.closed_at])).toEqual([
      ['PRIV-1005', 'email', 'withdraw_consent', 'closed', '2026-08-21T01:00:00.000Z', '2026-08-21T01:00:00.000Z'],
      ['PRIV-1001', 'email', 'access_copy', 'responded', '2026-09-10T08:00:00.000Z', null],
      ['PRIV-1002', 'hotline', 'deletion', 'responded', '2026-10-09T03:30:00.000Z', null],
      ['PRIV-1003', 'in_app', 'deletion', 'refused', '2026-10-20T02:00:00.000Z', null],
      ['PRIV-1004', 'email', 'correction', 'new', null, null],
    ]);
    expect(rows[2]!.response_summary).toBe('已删除订单历史');
    // Lateness by the one timeliness rule, from the due dates the calculator gave: 9 October is weeks past 7 September's deadline.
    const settings = await wb.call('settings:get', {});
    const judged = (await rowsOf<Record<string, string>>(wb.ctx.db, 'select reference, status, received_at, due_date, due_at, responded_at from requests order by received_at')).map((r) => [
      r.reference,
      timeliness({ status: r.status as never, receivedAt: r.received_at!, dueDate: r.due_date ?? null, dueAt: r.due_at ?? null, respondedAt: r.responded_at ?? null }, { timeZone: settings.timeZone, dueSoonDays: 3, pauseStopsClock: false }, new Date('2026-11-20T02:00:00.000Z')).outcome,
    ]);
    expect(judged).toEqual([
      ['PRIV-1005', 'answered_on_time'],
      ['PRIV-1001', 'answered_on_time'],
      ['PRIV-1002', 'answered_late'],
      ['PRIV-1003', 'answered_on_time'],
      ['PRIV-1004', 'open'],
    ]);
    expect(rows.every((r) => typeof r.due_date === 'string')).toBe(true);
    const timeline = await rowsOf(wb.ctx.db, "select e.kind, e.at, e.text from request_events e join requests r on r.id = e.request_id where r.reference = 'PRIV-1003' order by e.id");
    expect(timeline).toEqual([
      { kind: 'created', at: '2026-10-12T06:20:00.000Z', text: '' },
      { kind: 'refused', at: '2026-10-20T02:00:00.000Z', text: 'Invoices must be kept under tax law' },
    ]);
  });

  it('refuses a reference that repeats in the file or is already in the register, and history that contradicts itself, by row and source column', async () => {
    const wb = await emptyRegister('en');
    const mapping = await suggested(wb, 'tickets.csv', fixture('tickets-history.csv'));
    await wb.call('transfer:import', { fileName: 'tickets.csv', base64: b64(fixture('tickets-history.csv')), mapping });
    const before = await tableCounts(wb);
    const header = fixture('tickets-history.csv').toString('utf8').split('\n')[0];
    const csv = [
      header,
      'PRIV-2001,2026-11-02 10:15,Li Na,li.na@example.com,Access request,Copy,Solved,2026-11-05 16:00,Sent,Email',
      'PRIV-2001,2026-11-03 10:15,Li Na,li.na@example.com,Access request,Copy again,Open,,,Email',
      'PRIV-1003,2026-11-04 10:15,Chen Jie,chen.jie@example.com,Erasure,Again,Open,,,Email',
      'PRIV-2002,2026-11-04 10:15,Chen Jie,chen.jie@example.com,Erasure,Answered before asked,Solved,2026-11-01 10:00,Done,Email',
      'PRIV-2003,2026-11-04 10:15,Chen Jie,chen.jie@example.com,Erasure,No time,Solved,,Done,Email',
    ].join('\n');
    const preview = await wb.call('transfer:preview', { fileName: 'more.csv', base64: b64(csv), mapping });
    expect(preview.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'Ticket ID', 'PRIV-2001 appears again (first on row 2)'],
      [5, 'Solved at', 'This time is before the request was received'],
      [6, 'Solved at', 'A request with status “responded” needs its response time'],
      [4, 'Ticket ID', 'PRIV-1003 already exists in the register'],
    ]);
    expect((await wb.invoke('transfer:import', { fileName: 'more.csv', base64: b64(csv), mapping })).ok).toBe(false);
    expect(await tableCounts(wb)).toEqual(before);
  });

  it('gives new references past an imported REQ-YYYY-NNNN, so that none repeats', async () => {
    const wb = await emptyRegister('en');
    const csv = "Reference,Channel,Received at,Requester's name,Phone or email,Kind of request,Status,Responded at\nREQ-2026-0007,Email,2026-11-02 10:00,A,a@example.com,Deletion,Responded,2026-11-03 10:00\n";
    await wb.call('transfer:import', { fileName: 'r.csv', base64: b64(csv) });
    await wb.call('requests:create', { channel: 'hotline', receivedAt: '2026-11-19T02:00:00.000Z', requesterName: 'B', requesterContact: '13800138000', kind: 'deletion' } as never);
    expect(await columnOf(wb.ctx.db, 'select reference from requests order by id')).toEqual(['REQ-2026-0007', 'REQ-2026-0008']);
  });
});

describe('the command line with --mapping', () => {
  it.skipIf(onPostgres)(`checks with --dry-run, imports through a mapping file, and refuses a mapping that is not one, writing nothing ${SQLITE_ONLY}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-mapping-cli-'));
    const db = join(dir, 'register.sqlite');
    const file = join(FIXTURES, 'ropa-zh.csv');
    const mappingFile = join(dir, 'ropa.mapping.json');
    const run = async (...args: string[]) => {
      const child = runTs('src/main/cli.ts', args, { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' });
      const { code } = await child.exited;
      return { code, stdout: child.lines.join('\n'), stderr: child.stderr() };
    };
    const suggest = await run('import', '--db', db, '--file', file, '--suggest-mapping', mappingFile);
    expect(suggest.code, suggest.stderr).toBe(0);
    const written = JSON.parse(readFileSync(mappingFile, 'utf8')) as ImportMapping;
    expect(written.columns.name).toBe('处理活动');
    const dry = await run('import', '--db', db, '--file', file, '--mapping', mappingFile, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: Collection categories: 5.');
    const done = await run('import', '--db', db, '--file', file, '--mapping', mappingFile);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Imported categories: 5');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...emptyMapping('categories'), register: 'invoices' }));
    const bad = await run('import', '--db', db, '--file', file, '--mapping', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bad\.json is not a mapping file: register: .* Nothing was written\.$/m);
  }, 60_000);
});

describe('flows and SDKs', () => {
  it('import by the workbench’s own columns, referring to partners and categories by name and code; an SDK already registered is a row error', async () => {
    const wb = await emptyRegister('en');
    await wb.call('transfer:import', { fileName: 'ropa-zh.csv', base64: b64(fixture('ropa-zh.csv')), mapping: await suggested(wb, 'ropa-zh.csv', fixture('ropa-zh.csv')) });
    const flows = 'Partner,Category,Purpose,Method,Frequency\n支付宝,ROPA-2,Paying for membership,API,Per order\n';
    const flowsPreview = await wb.call('transfer:preview', { fileName: 'flows.csv', base64: b64(flows) });
    expect(flowsPreview.issues).toEqual([]);
    await wb.call('transfer:import', { fileName: 'flows.csv', base64: b64(flows) });
    expect(await columnOf(wb.ctx.db, "select f.purpose from sharing_flows f join collection_categories c on c.id = f.category_id where c.code = 'ROPA-2'")).toEqual(['Paying for membership']);
    const sdks = 'SDK,Vendor,Platform,Purpose\nAlipay SDK,支付宝,Android,In-app payment\n';
    await wb.call('transfer:import', { fileName: 'sdks.csv', base64: b64(sdks) });
    const again = await wb.call('transfer:preview', { fileName: 'sdks.csv', base64: b64(`${sdks}Alipay SDK,支付宝,iOS,In-app payment\n`) });
    expect(again.issues.map((i) => [i.row, i.column, i.message])).toEqual([[2, 'SDK', 'Alipay SDK (android) already exists in the register']]);
    expect(again.sheets).toEqual([{ sheet: 'sdkReviews', label: 'SDK reviews', rows: 2, valid: 1 }]);
  });
});
