import { readFile } from 'node:fs/promises';
import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot, snapshot } from './support/console';
import { apiSignIn, call, createGenericChannel, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// A supervisor imports the customers a CRM exported: maps the columns the console could not guess, follows the
// import to its counts, downloads the rows that were not imported, and finds the customers in the directory.

/** "+380 67 123 4567" as a Ukrainian writes it at home: "067 123 45 67". */
const national = (e164: string) => `0${e164.slice(4, 6)} ${e164.slice(6, 9)} ${e164.slice(9, 11)} ${e164.slice(11)}`;
const directory = (page: Page) => page.getByRole('listbox', { name: /^Contacts/ });

test.describe('importing contacts', () => {
  let importLine: GenericChannel;
  let admin: Session;
  const suffix = Date.now().toString(36);
  const iryna = uniquePhone();
  const taras = uniquePhone();

  test.beforeAll(async () => {
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    importLine = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: `Import line ${suffix}`, sender: uniqueSender(), sendUrl: 'http://127.0.0.1:9/unused' });
  });

  test.afterEach(closeDesks);

  test('a supervisor maps the columns of a CRM export, sees the counts and the rows not imported, then finds the customers', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await agentPage(browser, DEMO.supervisor.email);
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import contacts' });

    await dialog.getByLabel('Into').selectOption(importLine.id);
    const csv = [
      'Client,Telephone,Status,Remarks',
      `Iryna Import ${suffix},${national(iryna)},,Prefers Viber`,
      `Taras Import ${suffix},${taras},opted_out,`,
      `Iryna again,${iryna.replace('+', '00')},,`,
      'Nobody,n/a,,',
    ].join('\n');
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByRole('button', { name: 'Next: match columns' }).click();

    // The phone and notes columns are recognised by their headers; the name and consent are the supervisor's call.
    await expect(dialog.getByText('crm-export.csv')).toBeVisible();
    await expect(dialog.getByLabel('Import “Telephone” as')).toHaveValue('phone');
    await expect(dialog.getByLabel('Import “Remarks” as')).toHaveValue('notes');
    await expect(dialog.getByLabel('Import “Client” as')).toHaveValue('ignore');
    await dialog.getByLabel('Import “Client” as').selectOption('name');
    await dialog.getByLabel('Import “Status” as').selectOption('consent');
    await docsSnapshot(page, 'contacts-import-mapping');
    await dialog.getByRole('button', { name: 'Import 4 rows' }).click();

    await expect(dialog.getByRole('status')).toHaveText('Imported all 4 rows.', { timeout: 20_000 });
    const count = (label: string) => dialog.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd');
    await expect(count('New contacts')).toHaveText('2');
    await expect(count('Repeated in the file, merged')).toHaveText('1');
    await expect(count('Not imported')).toHaveText('1');
    await docsSnapshot(page, 'contacts-import-done');

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download rows not imported' }).click();
    const report = await readFile(await (await download).path());
    expect(report.toString('utf8')).toContain('5,n/a,not a phone number (national numbers are read as UA)');

    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill(`Import ${suffix}`);
    await expect(directory(page).getByRole('option')).toHaveCount(2);
    await expect(directory(page).getByRole('option', { name: new RegExp(`Iryna Import ${suffix}`) })).toContainText(formatPhone(iryna));
    await expect(directory(page).getByRole('option', { name: new RegExp(`Taras Import ${suffix}`) })).toContainText('Opted out');
    await snapshot(page, 'contacts-import-directory');
  });

  test('a column named like a contact attribute fills it, and a value the attribute refuses is that row’s error', async ({ browser }) => {
    test.setTimeout(60_000);
    // Unique per run, and deleted afterwards: attributes are the whole console's, and other specs list them.
    const tier = await call<{ id: string }>('/api/contact-attributes', { token: admin.token, body: { key: `tier_${suffix}`, label: `Loyalty tier ${suffix}`, type: 'list', choices: ['Bronze', 'Silver', 'Gold'] } });
    try {
      const page = await agentPage(browser, DEMO.supervisor.email);
      await page.getByRole('link', { name: 'Contacts', exact: true }).click();
      await page.getByRole('button', { name: 'Import' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import contacts' });
      await dialog.getByLabel('Into').selectOption(importLine.id);
      const gold = uniquePhone();
      const silver = uniquePhone();
      const csv = [`Phone,Client,Loyalty tier ${suffix}`, `${gold},Gold Tier ${suffix},gold`, `${silver},Silver Tier ${suffix},Silver`, `${uniquePhone()},Platinum Tier ${suffix},Platinum`].join('\n');
      await dialog.getByLabel('CSV file').setInputFiles({ name: 'loyalty.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await dialog.getByRole('button', { name: 'Next: match columns' }).click();

      const tierColumn = dialog.getByLabel(`Import “Loyalty tier ${suffix}” as`);
      await expect(tierColumn).toHaveValue(`attribute:tier_${suffix}`);
      await expect(tierColumn.locator('option:checked')).toHaveText(`Attribute: Loyalty tier ${suffix}`);
      await expect(dialog).toContainText('the later row’s value wins');
      await dialog.getByLabel('Import “Client” as').selectOption('name');
      await snapshot(page, 'contacts-import-attribute-mapping');
      await dialog.getByRole('button', { name: 'Import 3 rows' }).click();

      await expect(dialog.getByRole('status')).toHaveText('Imported all 3 rows.', { timeout: 20_000 });
      const count = (label: string) => dialog.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd');
      await expect(count('New contacts')).toHaveText('2');
      await expect(count('Not imported')).toHaveText('1');
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Download rows not imported' }).click();
      const report = (await readFile(await (await download).path())).toString('utf8');
      expect(report).toContain(`4,`);
      expect(report).toContain(`“Platinum”: Loyalty tier ${suffix} must be one of “Bronze”, “Silver”, “Gold”.`);
      await dialog.getByRole('button', { name: 'Done' }).click();

      const contacts = await call<{ items: Array<{ id: string; phone: string }> }>(`/api/contacts?q=${encodeURIComponent(`Tier ${suffix}`)}`, { token: admin.token });
      const goldContact = contacts.items.find((item) => item.phone === gold);
      expect(goldContact).toBeDefined();
      const stored = await call<{ attributes: Record<string, unknown> }>(`/api/contacts/${goldContact!.id}`, { token: admin.token });
      expect(stored.attributes).toEqual({ [`tier_${suffix}`]: 'Gold' });
    } finally {
      await call(`/api/contact-attributes/${tier.id}`, { method: 'DELETE', token: admin.token });
    }
  });

  test('an agent sees no import button: importing is for the team’s supervisors and admins', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import' })).toHaveCount(0);
  });
});
