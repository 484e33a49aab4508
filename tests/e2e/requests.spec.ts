import { test, expect, screenshot } from './fixtures';
import { RequestsPage } from './pages/RequestsPage';

// Logging by keyboard on a busy two-core machine can take a while: a generous budget, no timed assertions.
test.describe.configure({ timeout: 150_000 });

// 14:30 on Tuesday 17 November 2026 in Shanghai.
const NOW = '2026-11-17T06:30:00.000Z';

// Two lines in the notice's style, title included: the preview reads them holiday by holiday.
const NOTICE_2027 = '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。';

test.describe('requests desk (English)', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('a hotline call logged by keyboard alone, then verified, paused, resumed, answered and closed', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    const requests = new RequestsPage(page);

    await requests.openIntakeByShortcut();
    await expect(requests.textbox('Received at')).toHaveValue('2026-11-17 14:30');
    await screenshot(page, 'request-intake');
    await requests.logByKeyboard({
      name: '王小明',
      contact: '13800138000',
      account: 'U-20481',
      kindSearch: 'Deletion',
      details: 'Caller asks to delete the browsing history of the account.',
    });
    await expect(page.getByTestId('intake-reference')).toHaveText('REQ-2026-0001');
    await expect(page.getByTestId('intake-due')).toHaveText('Due by the end of 2 Dec 2026');
    await expect(page.getByTestId('intake-result')).toBeFocused();
    await screenshot(page, 'request-intake-saved');

    // Still by keyboard: on to the request.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Open the request' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Request REQ-2026-0001' })).toBeVisible();
    await expect(requests.status()).toHaveText('New');
    await expect(page.getByTestId('request-due')).toHaveText('2 Dec 2026');
    await expect(page.getByTestId('deadline-badge')).toHaveText('15 days left');
    await expect(page.getByText('Deletion', { exact: true })).toBeVisible();

    // An impossible step is not even offered; the allowed ones are.
    await expect(page.getByRole('button', { name: 'Close', exact: true })).toHaveCount(0);

    await requests.act('Record identity check', (d) => requests.chooseIn(d, 'Method', 'SMS code to the registered phone'));
    await expect(requests.status()).toHaveText('In progress');
    await requests.act('Pause', (d) => d.getByRole('textbox', { name: 'Reason' }).fill('Asked the caller which devices to include'));
    await expect(requests.status()).toHaveText('Paused: awaiting requester');
    await requests.act('Resume', (d) => d.getByRole('textbox', { name: 'Reason' }).fill('Caller answered: all devices'));
    await expect(requests.status()).toHaveText('In progress');
    await requests.act('Record response', async (d) => {
      await d.getByRole('textbox', { name: 'What was done or sent' }).fill('Browsing history deleted; confirmation sent by SMS.');
      // A response dated before the call came in is refused beside the field, nothing saved.
      const when = d.getByRole('textbox', { name: 'When (defaults to now)' });
      await when.fill('2026-11-17 14:10');
      await d.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(d.getByText('Cannot be before the request was received')).toBeVisible();
      await when.fill('2026-11-17 14:30');
    });
    await expect(requests.status()).toHaveText('Responded');
    await expect(page.getByText('17 Nov 2026, 14:30').first()).toBeVisible();
    await expect(page.getByTestId('deadline-badge')).toHaveText('Answered');

    // The reply an answered request calls for, the completion, is filled from the request and the settings.
    await expect(page.getByRole('textbox', { name: 'Subject' })).toHaveValue('Request REQ-2026-0001 has been completed');
    await requests.chooseIn(page.getByRole('region', { name: 'Replies' }), 'Template', 'Acknowledgement');
    await expect(page.getByRole('textbox', { name: 'Subject' })).toHaveValue('We have received your request REQ-2026-0001');
    await requests.chooseIn(page.getByRole('region', { name: 'Replies' }), 'Template', 'Completion');
    await expect(page.getByRole('textbox', { name: 'Text' })).toHaveValue(/Browsing history deleted; confirmation sent by SMS\./);
    await expect(page.getByRole('textbox', { name: 'Text' })).toHaveValue(/400-779-0025/);

    await requests.act('Close');
    await expect(requests.status()).toHaveText('Closed');
    const timeline = page.getByTestId('request-timeline');
    for (const step of ['Logged', 'Identity verified', 'Paused', 'Resumed', 'Response recorded', 'Closed']) {
      await expect(timeline.getByText(step, { exact: true })).toBeVisible();
    }
    await expect(timeline.getByText('Asked the caller which devices to include')).toBeVisible();
    await screenshot(page, 'request-detail');

    // The list finds it by search and by filter.
    await page.getByRole('link', { name: 'Requests' }).first().click();
    await expect(requests.table.getByRole('link', { name: 'REQ-2026-0001' })).toBeVisible();
    const searchBox = page.getByLabel('Search reference, name, contact or account');
    // What a short search matches is said beside the box, and read out with it.
    await expect(searchBox).toHaveAccessibleDescription('One or two characters: names that begin with them');
    await searchBox.fill('U-20481');
    await expect(requests.table.locator('tbody tr')).toHaveCount(1);
    await screenshot(page, 'requests-list');

    await page.getByRole('link', { name: 'Holiday calendar' }).click();
    await expect(page.getByRole('table', { name: 'Official rest days and make-up working days of 2026' })).toBeVisible();
    await expect(page.getByText('Years with data: 2025, 2026')).toBeVisible();
    await expect(page.getByTestId('calendar-complete-years')).toHaveText('Complete years: 2025, 2026');
    await screenshot(page, 'holiday-calendar');
    await page.getByLabel('Lines to import').fill(NOTICE_2027);
    const preview = page.getByTestId('calendar-preview');
    await expect(preview).toContainText('State Council notice: 11 days found');
    await expect(preview).toContainText('Importing it marks 2027 complete.');
    await expect(preview.getByRole('row', { name: /春节/ })).toContainText('(7)');
    await screenshot(page, 'holiday-calendar-import-preview');
  });

  test('a bad contact and a future time are refused beside their fields', async ({ page, host }) => {
    await page.goto(host.url);
    const requests = new RequestsPage(page);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await requests.openIntakeByShortcut();
    await requests.textbox('Received at').fill('2026-11-18 09:00');
    await requests.textbox("Requester's name").fill('李四');
    // A date typed into the contact field is neither a phone number nor an address.
    await requests.textbox('Phone or email').fill('2026-02-30');
    await page.getByRole('button', { name: 'Save request' }).click();
    await expect(page.getByText('A phone number or an email address')).toBeVisible();
    await requests.textbox('Phone or email').fill('li@example.com');
    await page.getByRole('button', { name: 'Save request' }).click();
    await expect(page.getByText('Cannot be in the future')).toBeVisible();
    await screenshot(page, 'request-intake-errors');
    // A time that does not exist is refused beside its field, never rolled over into March.
    for (const impossible of ['2026-02-30 10:00', '2026-11-17 25:99', '2026-13-01 09:00']) {
      await requests.textbox('Received at').fill(impossible);
      await page.getByRole('button', { name: 'Save request' }).click();
      await expect(page.getByText('Enter a real date and time as YYYY-MM-DD HH:mm')).toBeVisible();
    }
    await expect(page.getByText("On the organisation's clock (Asia/Shanghai)")).toBeVisible();
    // The calendar opens from the keyboard (Alt+ArrowDown) and a picked day keeps the typed time.
    await requests.textbox('Received at').fill('2026-11-16 08:15');
    await requests.textbox('Received at').press('Alt+ArrowDown');
    const picker = page.getByRole('dialog', { name: 'Choose a date and time' });
    await expect(picker).toBeVisible();
    await screenshot(page, 'request-intake-date-picker');
    await picker.getByRole('button', { name: /^12 November 2026/ }).click();
    await expect(requests.textbox('Received at')).toHaveValue('2026-11-12 08:15');
    const list = await host.api<{ total: number }>('requests:list', {});
    expect(list.value?.total).toBe(0);

    // The retention purge asks first, and says when there is nothing to anonymise.
    await page.getByRole('link', { name: 'Requests' }).first().click();
    await page.getByRole('button', { name: 'Anonymise expired requester data' }).click();
    await expect(page.getByRole('dialog', { name: 'Requester data retention' })).toContainText('No closed request is older than the retention period.');
    await screenshot(page, 'requests-purge');
  });
});

test.describe('two editors', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('a step saved over another client’s newer save is refused with CONFLICT', async ({ page, host }) => {
    const created = await host.api<{ id: number; revision: number }>('requests:create', {
      channel: 'email',
      receivedAt: '2026-11-16T02:00:00Z',
      requesterName: '孙八',
      requesterContact: 'sun@example.com',
      kind: 'correction',
    });
    const { id, revision } = created.value!;
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Requests' }).first().click();
    await page.getByRole('link', { name: 'REQ-2026-0001' }).click();
    await expect(page.getByRole('heading', { name: 'Request REQ-2026-0001' })).toBeVisible();

    // The step's dialog is open when a second window on the same file saves first (the page behind
    // may refresh meanwhile: the dialog still acts on the request as it was when it opened).
    const requests = new RequestsPage(page);
    await page.getByRole('button', { name: 'Start identity check', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    const other = await host.api('requests:act', { id, revision, action: 'note', note: 'Called back' });
    expect(other.ok).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Changed elsewhere', { exact: true })).toBeVisible();
    await expect(page.getByText('This request was changed elsewhere since you opened it. Reload it and apply your change again.')).toBeVisible();
    await screenshot(page, 'request-conflict');
    const after = await host.api<{ status: string }>('requests:get', { id });
    expect(after.value!.status).toBe('new');

    // Editing the intake details after reloading works.
    await page.reload();
    await page.getByRole('link', { name: 'Edit intake details' }).click();
    await requests.textbox('Phone or email').fill('13700137000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Request REQ-2026-0001' })).toBeVisible();
    await expect(page.getByText('13700137000')).toBeVisible();
  });
});

test.describe('overdue on the dashboard', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'en', clock: NOW } });

  test('an overdue request is listed first on the dashboard and counted in the navigation', async ({ page, host }) => {
    const created = await host.api<{ reference: string }>('requests:create', {
      channel: 'email',
      receivedAt: '2026-10-20T02:00:00Z',
      requesterName: '赵六',
      requesterContact: 'zhao@example.com',
      accountRef: '',
      kind: 'access_copy',
      details: '',
      concernsMinor: false,
      assignee: '',
    });
    expect(created.ok).toBe(true);
    await host.api('requests:create', {
      channel: 'hotline',
      receivedAt: '2026-11-03T02:00:00Z',
      requesterName: '钱七',
      requesterContact: '13900139000',
      kind: 'correction',
    });
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const overdue = page.getByRole('table', { name: 'Overdue requests' });
    await expect(overdue.getByRole('link', { name: created.value!.reference })).toBeVisible();
    await expect(overdue.getByTestId('deadline-badge')).toHaveText('Overdue by 13 days');
    await expect(page.getByTestId('count-overdue')).toHaveText('1');
    await expect(page.getByTestId('count-due-soon')).toHaveText('1');
    await expect(page.getByTestId('requests-nav-badge')).toHaveAccessibleName('1 overdue, 1 due soon');
    await screenshot(page, 'dashboard-requests');
  });
});

test.describe('requests desk (中文)', () => {
  test.use({ hostOptions: { template: 'sample', lang: 'zh-CN', clock: NOW } });

  test('热线来电仅用键盘登记，并查看列表、详情、看板和日历', async ({ page, host }) => {
    await host.api('requests:create', {
      channel: 'letter',
      receivedAt: '2026-10-20T02:00:00Z',
      requesterName: '赵六',
      requesterContact: 'zhao@example.com',
      kind: 'portability',
    });
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
    const requests = new RequestsPage(page, 'zh-CN');
    await requests.openIntakeByShortcut();
    await screenshot(page, 'request-intake');
    // 日期选择器以中文显示，周一为每周第一天；按 Esc 关闭后继续键盘登记。
    await page.keyboard.press('Tab');
    await page.keyboard.press('Alt+ArrowDown');
    const picker = page.getByRole('dialog', { name: '选择日期和时间' });
    await expect(picker.getByText('2026年11月')).toBeVisible();
    await expect(picker.getByText('一', { exact: true })).toBeVisible();
    await screenshot(page, 'request-intake-date-picker');
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();
    await page.keyboard.press('Shift+Tab');
    await requests.logByKeyboard({ name: '王小明', contact: '400-779-0025', account: 'U-1', kindSearch: '删除', details: '来电要求删除浏览记录' });
    await expect(page.getByTestId('intake-reference')).toHaveText('REQ-2026-0002');
    await expect(page.getByTestId('intake-due')).toHaveText('须在 2026年12月2日 24:00 前答复');
    await screenshot(page, 'request-intake-saved');
    await page.getByRole('link', { name: '打开该请求' }).click();
    await requests.act('记录身份核验', (d) => requests.chooseIn(d, '方式', '已登录账户'));
    await expect(requests.status()).toHaveText('处理中');
    await screenshot(page, 'request-detail');
    await page.getByRole('link', { name: '个人信息请求' }).first().click();
    await expect(requests.table.locator('tbody tr')).toHaveCount(2);
    await screenshot(page, 'requests-list');
    await page.getByRole('link', { name: '节假日日历' }).click();
    await expect(page.getByText('已有数据的年份：2025, 2026')).toBeVisible();
    await screenshot(page, 'holiday-calendar');
    await page.getByLabel('待导入的内容').fill(NOTICE_2027.replace('（周五）至3日', '（周一）至3日'));
    const preview = page.getByTestId('calendar-preview');
    await expect(preview).toContainText('第 2 行：括号中的星期与日期不符');
    await expect(page.getByRole('button', { name: '导入日期' })).toBeDisabled();
    await page.getByLabel('待导入的内容').fill(NOTICE_2027);
    await expect(preview).toContainText('国务院办公厅通知：共识别 11 天');
    await screenshot(page, 'holiday-calendar-import-preview');
    await page.getByRole('link', { name: '总览' }).click();
    await expect(page.getByTestId('calendar-next-year-warning')).toContainText('2027 年节假日日历尚不完整');
    await expect(page.getByRole('table', { name: '逾期请求' }).getByTestId('deadline-badge')).toHaveText('已逾期 13 天');
    await screenshot(page, 'dashboard-requests');
  });
});

/** A UTF-8 request email with an encoded-word sender and subject and a PDF attached, written here. */
function requestEml(): string {
  const word = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
  return [
    `From: ${word('陈静')} <chen.jing@example.cn>`,
    `Subject: ${word('申请删除我的个人信息')}`,
    'Date: Mon, 16 Nov 2026 09:15:00 +0800',
    'Message-ID: <e2e-1@example.cn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('您好，我已注销会员卡，请删除我的购物记录。').toString('base64'),
    '--b1',
    'Content-Type: application/pdf',
    'Content-Disposition: attachment; filename="id.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 test').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(`request taken in by email (${lang})`, () => {
    test.use({ hostOptions: { template: 'sample', lang, clock: NOW } });

    test(`an .eml dropped on the intake form fills it, and saving keeps the message with the request (${lang})`, async ({ page, host }) => {
      const zh = lang === 'zh-CN';
      await page.goto(host.url);
      // The shortcut is heard once the shell is up, as in the other intake tests.
      await expect(page.getByRole('navigation', { name: zh ? '主导航' : 'Main navigation' })).toBeVisible();
      const requests = new RequestsPage(page, lang);
      await requests.openIntakeByShortcut();
      await expect(page.getByText(zh ? '导入邮件' : 'Take in an email', { exact: true })).toBeVisible();
      const dataTransfer = await page.evaluateHandle((base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], '申请.eml', { type: 'message/rfc822' }));
        return transfer;
      }, Buffer.from(requestEml()).toString('base64'));
      await page.getByTestId('email-drop').dispatchEvent('drop', { dataTransfer });

      await expect(page.getByTestId('email-notes')).toContainText('chen.jing@example.cn');
      await expect(requests.textbox(zh ? '请求人姓名' : "Requester's name")).toHaveValue('陈静');
      await expect(requests.textbox(zh ? '电话或邮箱' : 'Phone or email')).toHaveValue('chen.jing@example.cn');
      await expect(requests.textbox(zh ? '收到时间' : 'Received at')).toHaveValue('2026-11-16 09:15');
      await expect(page.getByLabel(zh ? '请求内容' : 'Details')).toHaveValue(/^申请删除我的个人信息\n\n您好，我已注销会员卡/);
      await expect(page.getByTestId('email-kept')).toContainText(zh ? '申请.eml、id.pdf' : '申请.eml, id.pdf');
      await screenshot(page, 'request-intake-email');

      await page.getByRole('button', { name: zh ? '保存请求' : 'Save request' }).click();
      await expect(page.getByTestId('intake-reference')).toHaveText('REQ-2026-0001');
      await page.getByRole('link', { name: zh ? '打开该请求' : 'Open the request' }).click();
      const files = page.getByTestId('request-attachments');
      await expect(files).toContainText('申请.eml');
      // Its size as the other downloads give theirs: the 13 bytes of the attached PDF.
      await expect(files.getByRole('row').filter({ hasText: 'id.pdf' })).toContainText('13 B');
      await screenshot(page, 'request-detail-email');
    });
  });
}
