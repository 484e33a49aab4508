import { test, expect, screenshot } from './fixtures';

// Refusing a request and sending the refusal: the refuse dialog, the Art. 50 notice on the detail
// page and the timeline, the reply offered for the refused request, and the reply recorded as sent.

test.describe.configure({ timeout: 120_000 });

const NOW = '2026-11-17T06:30:00.000Z';

/** A textarea's value contains the text. */
const containing = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

const WORDS = {
  en: {
    nav: 'Requests',
    heading: 'Request REQ-2026-0001',
    refuse: 'Refuse',
    reason: 'Reason for refusal',
    other: 'Other (please state)',
    note: 'The other reason, in words',
    noteRequired: 'State the reason when it is “Other”',
    explanation: 'Explanation given to the requester',
    route: 'Complaint or lawsuit route given (PIPL Art. 50)',
    submit: 'Refuse request',
    toast: 'Request REQ-2026-0001 refused',
    status: 'Refused',
    art50: 'PIPL Art. 50 notice',
    art50Timeline: 'Reason and lawsuit route given (PIPL Art. 50)',
    suggestedAck: 'For the request\'s current state, “Acknowledgement” is the reply to send.',
    suggestedRefusal: 'For the request\'s current state, “Refusal” is the reply to send.',
    lawsuit: "Under Article 50(2) of the Personal Information Protection Law, as we have refused your request to exercise your rights, you may bring a lawsuit before a people's court.",
    body: 'Text',
    send: 'Record as sent',
    sent: 'Reply sent',
    sentLine: 'Refusal · English',
    settings: 'Settings',
    templates: 'Reply templates',
    saveTemplate: 'Save template',
    unknown: 'Unknown placeholder “phoneNumber”',
    noteText: 'The account was closed before the request, and its data deleted as the law requires',
    explanationText: 'There is no longer any personal information of yours that we could provide.',
  },
  'zh-CN': {
    nav: '个人信息请求',
    heading: '请求 REQ-2026-0001',
    refuse: '拒绝',
    reason: '拒绝理由',
    other: '其他原因（请说明）',
    note: '其他原因说明',
    noteRequired: '选择“其他原因”时，请说明原因',
    explanation: '向请求人说明的理由',
    route: '已告知投诉或起诉途径（《个人信息保护法》第五十条）',
    submit: '拒绝请求',
    toast: '已拒绝请求 REQ-2026-0001',
    status: '已拒绝',
    art50: '《个人信息保护法》第五十条告知',
    art50Timeline: '已告知拒绝理由及诉讼途径（《个人信息保护法》第五十条）',
    suggestedAck: '按请求当前状态，建议使用“受理确认”。',
    suggestedRefusal: '按请求当前状态，建议使用“拒绝答复”。',
    lawsuit: '根据《个人信息保护法》第五十条第二款，对于我们拒绝您行使个人信息权利的请求，您可以依法向人民法院提起诉讼',
    body: '正文',
    send: '记录为已发送',
    sent: '已发送答复',
    sentLine: '拒绝答复 · 中文',
    settings: '设置',
    templates: '答复模板',
    saveTemplate: '保存模板',
    unknown: '无法识别的占位符“phoneNumber”',
    noteText: '该账户已于请求前注销，相关信息已依法删除',
    explanationText: '我们已不再持有可向您提供的个人信息。',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const w = WORDS[lang];
  test.describe(`refusal letter (${lang})`, () => {
    test.use({ hostOptions: { template: 'empty', lang, clock: NOW } });

    test(`refusing a request offers the refusal letter with the Art. 50 route and records it as sent (${lang})`, async ({ page, host }) => {
      await host.api('requests:create', { channel: 'email', receivedAt: '2026-11-16T02:00:00Z', requesterName: '孙八', requesterContact: 'sun@example.com', kind: 'deletion' });
      await page.goto(host.url);
      await page.getByRole('link', { name: w.nav }).first().click();
      await page.getByRole('link', { name: 'REQ-2026-0001' }).click();
      await expect(page.getByRole('heading', { name: w.heading })).toBeVisible();
      await expect(page.getByTestId('letter-suggested')).toHaveText(w.suggestedAck);
      await expect(page.getByTestId('art50-notice')).toHaveCount(0);

      await page.getByRole('button', { name: w.refuse, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w.refuse });
      await dialog.getByRole('combobox', { name: w.reason }).click();
      await page.getByRole('option', { name: w.other, exact: true }).click();
      await dialog.getByRole('textbox', { name: w.explanation }).fill(w.explanationText);
      await dialog.getByRole('checkbox', { name: w.route }).check();
      // "Other" without the reason in words is refused beside the field.
      await dialog.getByRole('button', { name: w.submit, exact: true }).click();
      await expect(dialog.getByText(w.noteRequired)).toBeVisible();
      await dialog.getByRole('textbox', { name: w.note }).fill(w.noteText);
      await screenshot(page, 'request-refuse-dialog');
      await dialog.getByRole('button', { name: w.submit, exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(w.toast, { exact: true })).toBeVisible();

      await expect(page.getByTestId('request-status')).toHaveText(w.status);
      await expect(page.getByTestId('art50-notice')).toContainText(w.art50);
      const timeline = page.getByTestId('request-timeline');
      await expect(timeline).toContainText(w.art50Timeline);
      await expect(timeline).toContainText(w.noteText);

      // The refused request is offered the refusal, never the acknowledgement.
      const letters = page.getByTestId('request-letters');
      await expect(page.getByTestId('letter-suggested')).toHaveText(w.suggestedRefusal);
      const body = letters.getByRole('textbox', { name: w.body, exact: true });
      await expect(body).toHaveValue(containing(w.noteText));
      await expect(body).toHaveValue(containing(w.lawsuit));
      await screenshot(page, 'request-refused-detail');

      await letters.getByRole('button', { name: w.send }).click();
      await expect(timeline).toContainText(w.sent);
      await expect(timeline).toContainText(w.sentLine);
      await screenshot(page, 'request-refusal-sent');

      // The templates in Settings: an unknown placeholder is refused beside the text.
      await page.getByRole('link', { name: w.settings }).first().click();
      const templates = page.getByTestId('letter-templates');
      await expect(templates).toContainText(w.templates);
      const text = templates.getByRole('textbox', { name: w.body, exact: true });
      await text.fill(`${await text.inputValue()}\n{{phoneNumber}}`);
      await templates.getByRole('button', { name: w.saveTemplate }).click();
      await expect(templates.getByText(w.unknown)).toBeVisible();
      await templates.scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-letter-templates');
    });
  });
}

const WITHDRAWN = {
  en: {
    nav: 'Requests',
    withdraw: 'Withdrawn by requester',
    reason: 'Reason',
    save: 'Record withdrawal',
    toast: 'Request REQ-2026-0001 withdrawn',
    status: 'Withdrawn',
    suggested: 'For the request\'s current state, “Withdrawal” is the reply to send.',
    text: 'As you asked, we have withdrawn your request REQ-2026-0001',
    body: 'Text',
    send: 'Record as sent',
    sentLine: 'Withdrawal · English',
  },
  'zh-CN': {
    nav: '个人信息请求',
    withdraw: '请求人撤回',
    reason: '原因',
    save: '记录撤回',
    toast: '请求 REQ-2026-0001 已撤回',
    status: '已撤回',
    suggested: '按请求当前状态，建议使用“撤回确认”。',
    text: '（受理编号 REQ-2026-0001）已按您的要求撤回，我们将不再继续办理。',
    body: '正文',
    send: '记录为已发送',
    sentLine: '撤回确认 · 中文',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const w = WITHDRAWN[lang];
  test.describe(`withdrawal letter (${lang})`, () => {
    test.use({ hostOptions: { template: 'empty', lang, clock: NOW } });

    test(`a withdrawn request is offered the confirmation of its withdrawal, and the letter sent is on the timeline (${lang})`, async ({ page, host }) => {
      await host.api('requests:create', { channel: 'hotline', receivedAt: '2026-11-16T02:00:00Z', requesterName: '钱七', requesterContact: '13600136000', kind: 'access_copy' });
      await page.goto(host.url);
      await page.getByRole('link', { name: w.nav }).first().click();
      await page.getByRole('link', { name: 'REQ-2026-0001' }).click();
      await page.getByRole('button', { name: w.withdraw, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w.withdraw });
      await dialog.getByRole('textbox', { name: w.reason, exact: true }).fill('来电撤回');
      // The dialog's button and its notice say what happens, not just "Save".
      await dialog.getByRole('button', { name: w.save, exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(w.toast, { exact: true })).toBeVisible();
      await expect(page.getByTestId('request-status')).toHaveText(w.status);

      await expect(page.getByTestId('letter-suggested')).toHaveText(w.suggested);
      const letters = page.getByTestId('request-letters');
      await expect(letters.getByRole('textbox', { name: w.body, exact: true })).toHaveValue(containing(w.text));
      await screenshot(page, 'request-withdrawn-letter');
      await letters.getByRole('button', { name: w.send }).click();
      const timeline = page.getByTestId('request-timeline');
      await expect(timeline).toContainText(w.sentLine);
      await expect(timeline).toContainText(w.text);
    });
  });
}
