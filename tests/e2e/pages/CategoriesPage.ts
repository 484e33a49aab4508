import { expect, type Locator, type Page } from '@playwright/test';

/** The collection categories list, detail and form, in English. */
export class CategoriesPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Collection categories' });
  }

  rows(): Locator {
    return this.table.locator('tbody tr');
  }

  async search(text: string) {
    await this.page.getByLabel('Search code, name or data item').fill(text);
  }

  async open(code: string) {
    await this.table.getByRole('link', { name: code, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 2 })).toContainText(code);
  }

  async chooseOption(label: string, option: string) {
    await this.page.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async addDataItems(items: string[]) {
    const input = this.page.getByRole('combobox', { name: 'Data items' });
    for (const item of items) {
      await input.fill(item);
      await input.press('Enter');
    }
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }
}
