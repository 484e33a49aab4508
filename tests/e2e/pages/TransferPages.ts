import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Reports, Import and Backups pages, in English or Chinese. */
export class TransferPages {
  constructor(
    readonly page: Page,
    readonly lang: 'en' | 'zh-CN' = 'en',
  ) {}

  private get text() {
    return this.lang === 'en'
      ? { reports: 'Reports', import: 'Import', backups: 'Backups', report: 'Report', format: 'Format', export: 'Export', file: 'File to import' }
      : { reports: '报告', import: '导入', backups: '备份', report: '报告', format: '格式', export: '导出', file: '要导入的文件' };
  }

  async open(which: 'reports' | 'import' | 'backups') {
    await this.page.getByRole('navigation').getByRole('link', { name: this.text[which], exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 2 })).toHaveText(this.text[which]);
  }

  async choose(label: 'report' | 'format', option: string) {
    await this.page.getByRole('combobox', { name: this.text[label], exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Clicks Export and answers the downloads it starts. */
  async exportFiles(count = 1): Promise<Download[]> {
    const downloads: Download[] = [];
    const done = new Promise<void>((resolve) => {
      this.page.on('download', (d) => {
        downloads.push(d);
        if (downloads.length === count) resolve();
      });
    });
    await this.page.getByRole('button', { name: this.text.export, exact: true }).click();
    await done;
    return downloads;
  }

  async chooseFile(name: string, content: Buffer | string) {
    await this.page.locator('input[type="file"]').first().setInputFiles({
      name,
      mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
      buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    });
  }

  get issues(): Locator {
    return this.page.getByRole('table', { name: this.lang === 'en' ? 'Problems, by row and column' : '问题（按行和列）' });
  }

  /** The message in the issues table at a row and column. */
  issueAt(row: number, column: string): Locator {
    return this.issues.locator('tbody tr').filter({ has: this.page.getByRole('cell', { name: String(row), exact: true }) }).filter({ hasText: column });
  }
}
