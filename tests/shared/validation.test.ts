import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEmailAddress, isPhoneNumber } from '../../src/shared/validation';
import { parseCalendarCsv } from '../../src/shared/deadline/calendar-csv';
import { makeWorkbench, tableCounts, type TestWorkbench } from '../helpers/workbench';
import { agreementFixture, categoryFixture, partnerFixture, requestFixture } from '../helpers/fixtures';

let wb: TestWorkbench;
beforeEach(async () => {
  wb = await makeWorkbench({ language: 'zh-CN' });
});
afterEach(() => wb.close());

/** Calls a channel that must be refused, and answers its field messages; nothing may have been written. */
async function refusedFields(channel: Parameters<TestWorkbench['invoke']>[0], input: unknown): Promise<Record<string, string>> {
  const before = await tableCounts(wb);
  const result = await wb.invoke(channel, input);
  expect(result.ok).toBe(false);
  if (result.ok) return {};
  expect(result.error.code).toBe('VALIDATION');
  expect(await tableCounts(wb)).toEqual(before);
  return result.error.fieldErrors ?? {};
}

describe('text fields', () => {
  it('refuses a name holding NUL, naming the field, in the user’s language', async () => {
    const fields = await refusedFields('requests:create', requestFixture({ requesterName: '张三\u0000' }));
    expect(fields).toEqual({ requesterName: '含有无法保存的控制字符（如 NUL），请重新输入' });
  });

  it('treats a name made only of spaces and NULs as empty', async () => {
    expect(await refusedFields('partners:create', partnerFixture({ name: ' \u0000\u3000\u0000 ' }))).toEqual({ name: '必填' });
    expect(await refusedFields('categories:create', categoryFixture({ name: '\t\u0000' }))).toEqual({ name: '必填' });
  });

  it('refuses half of a surrogate pair instead of storing it as U+FFFD', async () => {
    const fields = await refusedFields('requests:create', requestFixture({ requesterName: '李四\uD83D' }));
    expect(fields.requesterName).toBe('含有残缺的字符（表情或符号的一半），请重新输入');
    // A whole emoji is a character like any other.
    const saved = await wb.call('requests:create', requestFixture({ requesterName: '李四😀' }));
    expect((await wb.call('requests:get', { id: saved.id })).requesterName).toBe('李四😀');
  });

  it('keeps tab and line breaks in notes and details, but not in a single-line field', async () => {
    const saved = await wb.call('requests:create', requestFixture({ details: '来电要求：\n\t1. 查阅\r\n\t2. 复制' }));
    expect(saved.details).toBe('来电要求：\n\t1. 查阅\r\n\t2. 复制');
    expect(await refusedFields('requests:create', requestFixture({ details: '响铃\u0007' }))).toHaveProperty('details');
    expect(await refusedFields('requests:create', requestFixture({ accountRef: 'U-1\nU-2' }))).toHaveProperty('accountRef');
    expect(await refusedFields('categories:create', categoryFixture({ dataItems: ['姓名', '手机\u001b[31m号码'] }))).toHaveProperty('dataItems.1');
  });

  it('refuses control characters in settings and in list searches too', async () => {
    expect(await refusedFields('settings:update', { organisationName: '码尚云\u0000' })).toHaveProperty('organisationName');
    const search = await wb.invoke('categories:list', { search: '\u0000' });
    // Only control characters: an empty search, which lists everything.
    expect(search.ok).toBe(true);
    expect(await refusedFields('categories:list', { search: '姓名\u0000' })).toHaveProperty('search');
  });
});

describe('imported rows', () => {
  it('refuse a name holding NUL by row and column, like the form does', async () => {
    const fresh = await makeWorkbench({ language: 'en' });
    try {
      await fresh.call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
      const header = 'Code,Name,Stage,Data items,Whose information,Purposes,Legal basis (PIPL Art. 13),How it is collected,Sensitive personal information (PIPL Art. 28),Kind of sensitive information,Retention in days,Status';
      const csv = `${header}\r\nNUL-1,张三\u0000,At registration,Name,Individual user,Sign-up,Consent,Provided by the user,No,,30,Active\r\n`;
      const preview = await fresh.call('transfer:preview', { fileName: 'c.csv', base64: Buffer.from(csv).toString('base64') });
      expect(preview.ok).toBe(false);
      expect(preview.issues.filter((i) => i.row === 2 && i.column === 'Name').map((i) => i.message)).toEqual([
        'Contains a control character (such as NUL) that cannot be stored: retype the text',
      ]);
    } finally {
      await fresh.close();
    }
  });
});

describe('contacts', () => {
  it('accepts real phone numbers and email addresses', () => {
    for (const ok of ['13812345678', '138 1234 5678', '+86 138 0013 8000', '0086-13800138000', '400-779-0025', '800 820 8820', '021-62345678', '(0755) 8765 4321', '010-62345678 转 801', '+86 21 6234 5678', '+44 20 7946 0958', '12345', '95588']) {
      expect(isPhoneNumber(ok), ok).toBe(true);
    }
    for (const ok of ['a@b.cn', 'wang.xiaoming@example.com.cn', 'dpo+privacy@masocloud.example']) expect(isEmailAddress(ok), ok).toBe(true);
  });

  it('refuses what only looks like one: a date, a short or mistyped number, an address without a domain', () => {
    for (const bad of ['2026-02-30', '20260230', '1381234567', '138123456789', '12812345678', '021-0000', '62345678', '+86 2026-02-30', '+1 234', '13812345678+', '1-3-8', 'call me maybe']) {
      expect(isPhoneNumber(bad), bad).toBe(false);
    }
    for (const bad of ['a@b', 'a@@b.cn', '@b.cn', 'a b@c.cn', '2026-02-30']) expect(isEmailAddress(bad), bad).toBe(false);
  });

  it('refuses 2026-02-30 as a requester’s contact, beside the field', async () => {
    expect(await refusedFields('requests:create', requestFixture({ requesterContact: '2026-02-30' }))).toEqual({ requesterContact: '请填写电话号码或电子邮箱' });
    expect((await wb.invoke('requests:create', requestFixture({ requesterContact: 'a@b.cn' }))).ok).toBe(true);
    expect((await wb.invoke('requests:create', requestFixture({ requesterContact: '13812345678' }))).ok).toBe(true);
  });

  it('lets a partner’s contact be a person or a department, but a bare number must be a real one', async () => {
    expect((await wb.invoke('partners:create', partnerFixture({ contact: '法务部 王经理' }))).ok).toBe(true);
    expect((await wb.invoke('partners:create', partnerFixture({ name: '乙', contact: 'dpo@aowei.example' }))).ok).toBe(true);
    expect(await refusedFields('partners:create', partnerFixture({ name: '丙', contact: '2026-02-30' }))).toHaveProperty('contact');
    expect(await refusedFields('partners:create', partnerFixture({ name: '丁', contact: 'dpo@aowei' }))).toHaveProperty('contact');
  });

  it('checks the organisation’s hotline and mailbox in Settings', async () => {
    expect(await refusedFields('settings:update', { hotline: '2026-02-30' })).toEqual({ hotline: '请填写含区号的电话号码（例如 400-779-0025 或 021-62345678）' });
    expect(await refusedFields('settings:update', { mailbox: 'privacy@' })).toHaveProperty('mailbox');
    expect((await wb.call('settings:update', { hotline: '400-779-0025', mailbox: '' })).hotline).toBe('400-779-0025');
  });

  it('treats a setting sent as undefined (as IPC can) as not sent, instead of failing to store it', async () => {
    await wb.call('settings:update', { hotline: '400-779-0025' });
    const result = await wb.invoke('settings:update', { hotline: undefined, officerName: '张三' });
    expect(result).toMatchObject({ ok: true, value: { hotline: '400-779-0025', officerName: '张三' } });
  });
});

describe('numbers', () => {
  it('says an id must be more than 0, not at least 0', async () => {
    expect(await refusedFields('categories:get', { id: -1 })).toEqual({ id: '须大于 0' });
  });
});

describe('dates', () => {
  it('refuses the years 0000 and 9999 for a calendar day, and accepts 1900 and 2100', async () => {
    const partner = await wb.call('partners:create', partnerFixture());
    for (const signedOn of ['0000-01-01', '9999-12-31', '1899-12-31', '2101-01-01']) {
      expect(await refusedFields('agreements:create', agreementFixture(partner.id, { signedOn, expiresOn: null }))).toEqual({
        signedOn: '年份须在 1900 至 2100 年之间',
      });
    }
    expect(await refusedFields('agreements:create', agreementFixture(partner.id, { signedOn: '2026-02-30' }))).toEqual({ signedOn: '日期格式如 2026-11-17' });
    const early = await wb.call('agreements:create', agreementFixture(partner.id, { signedOn: '1900-01-01', expiresOn: '2100-12-31' }));
    expect(early.expiresOn).toBe('2100-12-31');
  });

  it('refuses an instant in the year 0000 or 9999', async () => {
    for (const receivedAt of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      expect(await refusedFields('requests:create', requestFixture({ receivedAt }))).toHaveProperty('receivedAt');
    }
  });

  it('keeps report periods and calendar years within the same years', async () => {
    expect(await refusedFields('reports:export', { report: 'requests', format: 'json', from: '0000-01-01' })).toHaveProperty('from');
    expect(await refusedFields('calendar:year', { year: 9999 })).toHaveProperty('year');
    expect(await refusedFields('calendar:set', { date: '9999-01-01', kind: 'holiday' })).toHaveProperty('date');
  });

  it('refuses a calendar line dated 9999 like any other date field, naming the line', () => {
    expect(parseCalendarCsv('date,kind\n2027-01-01,holiday\n9999-01-01,holiday\n').errors).toEqual([{ line: 3, key: 'validation.calendarDate' }]);
  });
});

describe('clauseRef', () => {
  it('takes the decimal references the splitter gives, a repeated number’s #n, and nothing else', async () => {
    const { clauseRef } = await import('../../src/shared/validation');
    for (const ok of ['', '3.2.1.1', ' 4.1.5 ', '2.1.1#2']) expect(clauseRef.safeParse(ok).success).toBe(true);
    for (const bad of ['三、', '3.2.', '3..2', '2#', '2#2#3', '3.2\u0000', '1.'.repeat(20) + '1']) expect(clauseRef.safeParse(bad).success).toBe(false);
  });
});
