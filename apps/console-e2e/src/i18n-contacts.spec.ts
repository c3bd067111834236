import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { docsSnapshot, signInInUkrainian } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call, createGenericChannel, customerTexts, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// A Ukrainian supervisor goes through the contact directory, one customer's page with its dialogs, a CSV import,
// the labels settings and the queues: every screen speaks Ukrainian, and each is photographed to look for English
// left behind and for longer Ukrainian words that no longer fit.

const customerName = `Оксана Мельник ${Date.now().toString(36)}`;

async function forgetLanguage(email: string, password: string): Promise<void> {
  const session = await apiSignIn(email, password);
  await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale: null } });
}

test.describe('contacts, labels and queues in Ukrainian', () => {
  let admin: Session;
  let line: GenericChannel;
  const phone = uniquePhone();
  let conversationId: string;

  test.beforeAll(async () => {
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    line = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Лінія Київ', sender: uniqueSender(), sendUrl: 'http://127.0.0.1:9/unused' });
    await customerTexts(line, phone, 'Доброго дня! Де моє замовлення 5120?');
    await expect
      .poll(async () => {
        const found = await call<{ items: Array<{ id: string; contact: { id: string; phone: string } }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token });
        return found.items.find((conversation) => conversation.contact.phone === phone) ?? null;
      })
      .not.toBeNull();
    const found = await call<{ items: Array<{ id: string; contact: { id: string; phone: string } }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token });
    const conversation = found.items.find((item) => item.contact.phone === phone);
    if (!conversation) throw new Error(`No conversation with ${phone}`);
    conversationId = conversation.id;
    await call(`/api/contacts/${conversation.contact.id}`, { token: admin.token, method: 'PATCH', body: { name: customerName } });
  });

  test.afterAll(async () => {
    // Nobody should find this customer waiting in Support's queue, nor this number among the channels to text from.
    await call(`/api/conversations/${conversationId}/resolve`, { token: admin.token, method: 'POST' });
    await call(`/api/channels/${line.id}`, { token: admin.token, method: 'PATCH', body: { active: false } });
    await forgetLanguage(DEMO.supervisor.email, DEMO.agentPassword);
  });

  test('a Ukrainian supervisor reads the directory, a contact, the import, labels and queues in Ukrainian', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.supervisor.email, DEMO.agentPassword);

      await page.goto('/contacts');
      await expect(page.getByRole('heading', { name: 'Контакти', level: 1 })).toBeVisible();
      await page.getByRole('searchbox', { name: 'Пошук контактів' }).fill(customerName);
      await expect(page.getByRole('status').filter({ hasText: 'Знайдено 1 контакт' })).toBeVisible();
      const row = page.getByRole('listbox', { name: 'Контакти за останнім зверненням' }).getByRole('option', { name: new RegExp(customerName) });
      await expect(row).toContainText('Отримує повідомлення');
      await docsSnapshot(page, 'uk-contacts-directory');
      await expectNoUntranslatedText(page, 'uk-contacts-directory');
      await page.getByRole('button', { name: 'Фільтр', exact: true }).click();
      await expect(page.getByRole('menuitemradio', { name: 'Відписалися' })).toBeVisible();
      await docsSnapshot(page, 'uk-contacts-filter-menu');
      await expectNoUntranslatedText(page, 'uk-contacts-filter-menu');
      await page.getByRole('menuitemradio', { name: 'Отримують повідомлення' }).click();
      await expect(page.getByLabel('Фільтри')).toContainText('Отримують повідомлення');

      await row.click();
      await expect(page.getByRole('heading', { name: customerName, level: 1 })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Згода' })).toContainText('жодного STOP чи START не записано');
      await expect(page.getByRole('region', { name: 'Розмови' }).getByRole('link', { name: /^Відкрита розмова через Лінія Київ/ })).toContainText('Клієнт: Доброго дня!');
      await docsSnapshot(page, 'uk-contacts-contact', { height: 1100 });
      await expectNoUntranslatedText(page, 'uk-contacts-contact');

      await page.getByRole('button', { name: 'Нова розмова' }).click();
      const start = page.getByRole('dialog', { name: 'Нова розмова' });
      await start.getByLabel('Повідомлення').fill('Добрий день! Замовлення 5120 уже в дорозі.');
      await expect(start).toContainText('Юнікод · 1 сегмент');
      await docsSnapshot(page, 'uk-contacts-new-conversation');
      await expectNoUntranslatedText(page, 'uk-contacts-new-conversation');
      await start.getByRole('button', { name: 'Скасувати' }).click();

      await page.getByRole('button', { name: 'Об’єднати…' }).click();
      const merge = page.getByRole('dialog', { name: 'Об’єднати з іншим контактом' });
      await merge.getByLabel('Знайдіть інший контакт').fill('немає-такого');
      await expect(merge).toContainText('Жоден інший контакт не знайдено.');
      await docsSnapshot(page, 'uk-contacts-merge');
      await expectNoUntranslatedText(page, 'uk-contacts-merge');
      await merge.getByRole('button', { name: 'Скасувати' }).click();

      await page.getByRole('region', { name: 'Блокування' }).getByRole('button', { name: 'Заблокувати' }).click();
      const block = page.getByRole('dialog', { name: /^Заблокувати .* в команді Support\?$/ });
      await expect(block).toContainText('їх нікому не призначать');
      await docsSnapshot(page, 'uk-contacts-block');
      await expectNoUntranslatedText(page, 'uk-contacts-block');
      await block.getByRole('button', { name: 'Скасувати' }).click();

      // The import matches the customer already here, so it adds nobody.
      await page.getByRole('link', { name: 'Усі контакти' }).click();
      await page.getByRole('button', { name: 'Імпорт' }).click();
      const dialog = page.getByRole('dialog', { name: 'Імпорт контактів' });
      await dialog.getByLabel('Куди').selectOption(line.id);
      await dialog.getByLabel('CSV-файл').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(`Client,Telephone,Remarks\n${customerName},${phone},\n`) });
      await docsSnapshot(page, 'uk-contacts-import-upload');
      await expectNoUntranslatedText(page, 'uk-contacts-import-upload');
      await dialog.getByRole('button', { name: 'Далі: відповідність стовпців' }).click();
      await expect(dialog).toContainText('У файлі crm.csv 1 рядок. Вкажіть, що міститься в кожному стовпці.');
      await dialog.getByLabel('Імпортувати «Remarks» як').selectOption('ignore');
      await docsSnapshot(page, 'uk-contacts-import-mapping');
      await expectNoUntranslatedText(page, 'uk-contacts-import-mapping');
      await dialog.getByRole('button', { name: 'Імпортувати 1 рядок' }).click();
      await expect(dialog.getByRole('status')).toHaveText('Імпортовано 1 рядок.', { timeout: 20_000 });
      await expect(dialog).toContainText('Вже були, оновлено');
      await docsSnapshot(page, 'uk-contacts-import-done');
      await expectNoUntranslatedText(page, 'uk-contacts-import-done');
      await dialog.getByRole('button', { name: 'Готово' }).click();

      await page.goto('/settings/labels');
      await expect(page.getByRole('heading', { name: 'Мітки', level: 1 })).toBeVisible();
      await docsSnapshot(page, 'uk-labels-settings');
      await expectNoUntranslatedText(page, 'uk-labels-settings');
      await page.getByRole('button', { name: 'Створити мітку' }).click();
      const labelForm = page.getByRole('dialog', { name: 'Створити мітку' });
      await labelForm.getByRole('button', { name: 'Створити мітку' }).click();
      await expect(labelForm).toContainText('Дайте мітці назву, наприклад «Повернення».');
      await docsSnapshot(page, 'uk-labels-form');
      await expectNoUntranslatedText(page, 'uk-labels-form');
      const labelName = `Повернення коштів ${Date.now().toString(36)}`;
      await labelForm.getByLabel('Назва').fill(labelName);
      await labelForm.getByLabel('Опис').fill('Клієнт просить повернути гроші');
      // Other specs may have given the supervisor more teams: the label is Support's on purpose.
      await labelForm.getByLabel('Для кого').selectOption({ label: 'Support' });
      await labelForm.getByRole('button', { name: 'Створити мітку' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Мітку ${labelName} створено.` })).toBeVisible();
      const labelRow = page.getByRole('table', { name: 'Мітки' }).getByRole('row', { name: new RegExp(labelName) });
      await expect(labelRow).toContainText('Support');
      await docsSnapshot(page, 'uk-labels-table');
      await expectNoUntranslatedText(page, 'uk-labels-table');
      // The label goes again, so no later test finds it among Support's labels.
      await labelRow.getByRole('button', { name: `Видалити ${labelName}` }).click();
      await page.getByRole('dialog', { name: `Видалити ${labelName}?` }).getByRole('button', { name: 'Видалити мітку' }).click();
      await expect(labelRow).toHaveCount(0);

      await page.goto('/queues');
      await expect(page.getByRole('heading', { name: 'Черги', level: 1 })).toBeVisible();
      const support = page.getByRole('region', { name: 'Черга Support' });
      await expect(support).toContainText('Чекають');
      await expect(support).toContainText('Найдовше очікування');
      await docsSnapshot(page, 'uk-queues');
      await expectNoUntranslatedText(page, 'uk-queues');
    } finally {
      await context.close();
    }
  });
});
