import { expect, type Locator, type Page } from '@playwright/test';

/** Helpers for the sharing register's screens (partners, flows, agreements, SDKs, policy, gaps). */
export class SharingPage {
  constructor(readonly page: Page) {}

  async nav(name: string) {
    await this.page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  }

  /** A Mantine Select (role combobox): open it and pick an option. */
  async choose(label: string, option: string | RegExp, scope: Page | Locator = this.page) {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** A searchable Select: type to search in the database, then pick. */
  async search(label: string, text: string, option: string | RegExp, scope: Page | Locator = this.page) {
    const box = scope.getByRole('combobox', { name: label, exact: true });
    await box.click();
    await box.fill(text);
    await this.page.getByRole('option', { name: option }).first().click();
  }

  textbox(label: string, scope: Page | Locator = this.page) {
    return scope.getByRole('textbox', { name: label, exact: true });
  }

  async save(scope: Page | Locator = this.page) {
    await scope.getByRole('button', { name: 'Save', exact: true }).click();
  }

  /** The count a gap check shows on the dashboard. */
  async gapCount(checkId: string): Promise<number> {
    const badge = this.page.locator(`[data-gap="${checkId}"]`).locator('.mantine-Badge-root').first();
    await expect(badge).toBeVisible();
    return Number(await badge.textContent());
  }
}
