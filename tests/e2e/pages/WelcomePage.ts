import type { Page } from '@playwright/test';

export class WelcomePage {
  constructor(readonly page: Page, readonly lang: 'en' | 'zh-CN' = 'en') {}

  private get text() {
    return this.lang === 'en'
      ? { org: 'Organisation name', sample: 'Start from the sample register', empty: 'Start empty', start: 'Start' }
      : { org: '组织名称', sample: '从示例登记册开始', empty: '从空白开始', start: '开始' };
  }

  async startFrom(template: 'sample' | 'empty', organisation: string) {
    await this.page.getByLabel(this.text.org).fill(organisation);
    await this.page.getByRole('radio', { name: template === 'sample' ? this.text.sample : this.text.empty }).check();
    await this.page.getByRole('button', { name: this.text.start, exact: true }).click();
  }
}
