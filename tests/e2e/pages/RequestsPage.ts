import { expect, type Locator, type Page } from '@playwright/test';

/** The requests desk: intake, list and detail, in English or Chinese. */
export class RequestsPage {
  constructor(
    readonly page: Page,
    readonly lang: 'en' | 'zh-CN' = 'en',
  ) {}

  get text() {
    return this.lang === 'en'
      ? {
          intake: 'Log a request',
          channel: 'Channel',
          receivedAt: 'Received at',
          name: "Requester's name",
          contact: 'Phone or email',
          account: 'Account reference',
          kind: 'Kind of request',
          details: 'Details',
          minor: 'Concerns a minor (under 14: a guardian must act)',
          assignee: 'Assigned to',
          another: 'Log another',
          open: 'Open the request',
          table: 'Requests, with their status and deadline',
          timeline: 'Timeline',
          save: 'Save',
        }
      : {
          intake: '登记请求',
          channel: '渠道',
          receivedAt: '收到时间',
          name: '请求人姓名',
          contact: '电话或邮箱',
          account: '账号',
          kind: '请求类型',
          details: '请求内容',
          minor: '涉及未成年人（不满十四周岁的，须由监护人提出）',
          assignee: '经办人',
          another: '继续登记',
          open: '打开该请求',
          table: '请求列表及其状态和期限',
          timeline: '处理记录',
          save: '保存',
        };
  }

  textbox(name: string): Locator {
    return this.page.getByRole('textbox', { name, exact: true });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: this.text.table });
  }

  /** Opens the intake form with the global shortcut, from wherever the user is. */
  async openIntakeByShortcut() {
    await this.page.keyboard.press('Control+Shift+N');
    await expect(this.page.getByRole('heading', { name: this.text.intake, level: 2 })).toBeVisible();
    await expect(this.page.getByRole('combobox', { name: this.text.channel })).toBeFocused();
  }

  /** Fills the intake form with the keyboard only: Tab from field to field, Ctrl+Enter saves. */
  async logByKeyboard(v: { name: string; contact: string; account: string; kindSearch: string; details: string }) {
    const kb = this.page.keyboard;
    await kb.press('Tab');
    await expect(this.textbox(`${this.text.receivedAt}`)).toBeFocused();
    await kb.press('Tab');
    await expect(this.textbox(this.text.name)).toBeFocused();
    await kb.type(v.name);
    await kb.press('Tab');
    await kb.type(v.contact);
    await kb.press('Tab');
    await expect(this.page.getByRole('textbox', { name: this.text.account })).toBeFocused();
    await kb.type(v.account);
    await kb.press('Tab');
    // A searchable select: focus takes its whole text, so typing replaces it, and Tab takes the best match.
    await expect(this.page.getByRole('combobox', { name: this.text.kind })).toBeFocused();
    await kb.type(v.kindSearch);
    await kb.press('Tab');
    await expect(this.page.getByRole('textbox', { name: this.text.details })).toBeFocused();
    await kb.type(v.details);
    await kb.press('Control+Enter');
  }

  async act(action: string, fill: (dialog: Locator) => Promise<void> = async () => {}) {
    await this.page.getByRole('button', { name: action, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: action });
    await expect(dialog).toBeVisible();
    await fill(dialog);
    await dialog.getByRole('button', { name: this.text.save, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async chooseIn(scope: Locator, label: string, option: string) {
    await scope.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  status(): Locator {
    return this.page.getByTestId('request-status');
  }
}
