import { readFileSync } from 'node:fs';
import { test, expect, screenshot } from './fixtures';
import { SharingPage } from './pages/SharingPage';

test.use({ hostOptions: { template: 'sample', clock: '2026-11-17T06:30:00.000Z' } });

test('an agreement with its signed document, and the dashboard’s gap counts falling as the register is fixed', async ({ page, host }) => {
  await page.goto(host.url);
  const s = new SharingPage(page);
  // Seven recipients; the disclosures to 行政、司法机关 are required by law and need no agreement.
  await expect.poll(() => s.gapCount('partner-without-agreement')).toBe(6);
  await expect.poll(() => s.gapCount('clause-promise-unheld')).toBe(3);

  // The count opens the records to fix.
  await page.getByRole('link', { name: /Partners receiving information with no agreement in force/ }).click();
  const gapTable = page.getByRole('table', { name: 'Records to fix' });
  await expect(gapTable.getByRole('row')).toHaveCount(7);
  await screenshot(page, 'gap-list');
  await gapTable.getByRole('link', { name: 'Shanghai Aowei Computer Development Co., Ltd.' }).click();
  await page.getByRole('link', { name: 'New agreement' }).click();

  // Expiry before signing is refused beside the field.
  await expect(page.getByRole('combobox', { name: 'Partner', exact: true })).toHaveValue('Shanghai Aowei Computer Development Co., Ltd.');
  await s.textbox('Reference number').fill('AW-DPA-2026');
  await s.choose('Kind', 'Entrusted processing (PIPL Art. 21)');
  await page.getByLabel('Signed on').fill('2026-03-01');
  await page.getByLabel('Expires on').fill('2026-02-01');
  await s.save();
  await expect(page.getByText('Cannot be before the signing date')).toBeVisible();
  await screenshot(page, 'agreement-form-errors');
  await page.getByLabel('Expires on').fill('2027-02-28');
  for (const clause of ['Purpose of processing', 'Duration', 'Return or deletion at the end', 'No sub-entrustment without consent']) {
    await page.getByRole('checkbox', { name: clause }).check();
  }
  await screenshot(page, 'agreement-form');
  await s.save();
  await expect(page.getByRole('heading', { name: 'AW-DPA-2026' })).toBeVisible();
  await expect(page.getByText('In force', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Art. 21 clauses it settles — 4 of 10 clauses')).toBeVisible();
  await expect(page.getByTestId('clause-text')).toContainText('保密协议');

  // Attach the signed document, then download it again.
  await page.locator('input[type="file"]').setInputFiles({ name: '委托处理协议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 signed by both parties') });
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText('委托处理协议.pdf');
  await screenshot(page, 'agreement-detail');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download 委托处理协议.pdf' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('委托处理协议.pdf');
  expect(readFileSync(await download.path()).toString()).toBe('%PDF-1.4 signed by both parties');

  // An empty file is refused beside the field.
  await page.locator('input[type="file"]').setInputFiles({ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByText('The file could not be read')).toBeVisible();

  await s.nav('Agreements');
  await expect(page.getByRole('table', { name: 'Agreements' })).toContainText('AW-DPA-2026');
  await screenshot(page, 'agreements-list');

  // The dashboard has moved: one partner fewer without an agreement, clause 4.1.5 now held.
  await s.nav('Dashboard');
  await expect.poll(() => s.gapCount('partner-without-agreement')).toBe(5);
  await expect.poll(() => s.gapCount('clause-promise-unheld')).toBe(2);

  // Deleting the agreement asks first, then leaves for the list; its edit page now says it is gone.
  await s.nav('Agreements');
  await page.getByRole('table', { name: 'Agreements' }).getByRole('link', { name: 'AW-DPA-2026' }).click();
  const editPath = `${new URL(page.url()).hash.replace(/^#/, '')}/edit`;
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agreements', level: 2 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Agreements' })).not.toContainText('AW-DPA-2026');
  await page.evaluate((path) => {
    window.location.hash = path;
  }, editPath);
  await expect(page.getByRole('alert').filter({ hasText: 'no longer exists' })).toBeVisible();
  await screenshot(page, 'agreement-edit-gone');
});

test('the policy: its clauses, a new version imported, and a clause’s promise changed', async ({ page, host }) => {
  await page.goto(host.url);
  const s = new SharingPage(page);
  await s.nav('Privacy policy');
  const clauses = page.getByRole('table', { name: 'Policy clauses' });
  await expect(clauses).toContainText('3.2.1.1');
  await screenshot(page, 'policy');
  await page.getByLabel('Search clause number or text').fill('SDK');
  await expect(clauses.getByRole('row')).toHaveCount(2);
  await expect(clauses).toContainText('4.1.6');

  // Clause 4.1.6 promises SDK reviews; the sample has none, so the gap counts it until it no longer promises them.
  await s.choose('What clause 4.1.6 promises', '—');
  await s.nav('Dashboard');
  await expect.poll(() => s.gapCount('clause-promise-unheld')).toBe(2);

  await s.nav('Privacy policy');
  await page.getByRole('button', { name: 'Import a policy version' }).click();
  const dialog = page.getByRole('dialog');
  await s.textbox('Title', dialog).fill('码尚云隐私权政策');
  await s.textbox('Version', dialog).fill('2027');
  await s.textbox('Policy text', dialog).fill('一、定义\n1.1码尚网站\n4.1.5签署保密协议\n');
  // Pasted text is previewed clause by clause before it can be saved.
  await dialog.getByRole('button', { name: 'Preview clauses' }).click();
  await expect(dialog.getByRole('table').getByRole('row')).toHaveCount(1 + 3);
  await screenshot(page, 'policy-import');
  await dialog.getByRole('button', { name: 'Import a policy version' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Version', exact: true })).toHaveValue('2027 · 码尚云隐私权政策 (3 clauses)');
  await expect(clauses.getByRole('row')).toHaveCount(4);
});
