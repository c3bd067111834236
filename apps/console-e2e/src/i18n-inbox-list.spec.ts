import { expect, test } from '@playwright/test';
import type { BulkActionView } from '@backtalk/contracts';
import { DEMO } from '../e2e-environment';
import { conversationList, docsSnapshot, expectLive, signInInUkrainian } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// The inbox list in Ukrainian: a browser that asks for Ukrainian gets the list, its filters, a saved view, the bulk
// bar and Take next in Ukrainian, with screenshots to look for English left over or words that do not fit.

const VIEW_NAME = 'Посилки';

test.describe('the inbox list in Ukrainian', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Лінія посилок', sender: uniqueSender(), sendUrl });
  });

  test.afterAll(async () => {
    // Whatever the test left behind if it stopped early: open conversations at the head of the queue, the saved view,
    // and the language the browser chose for the agent.
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const job = await call<BulkActionView>('/api/conversations/bulk', { token: admin.token, body: { action: 'resolve', filter: { channelId: channel.id } } });
    await expect.poll(async () => (await call<BulkActionView>(`/api/conversations/bulk/${job.id}`, { token: admin.token })).status, { timeout: 30_000 }).toBe('completed');
    const andriy = await apiSignIn(DEMO.agentA.email, DEMO.agentPassword);
    const views = await call<Array<{ id: string; name: string }>>('/api/views', { token: andriy.token });
    for (const view of views.filter((entry) => entry.name === VIEW_NAME)) await call(`/api/views/${view.id}`, { method: 'DELETE', token: andriy.token });
    await call('/api/me/preferences', { method: 'PATCH', token: andriy.token, body: { locale: null } });
    await aggregator.stop();
  });

  test('an agent with a Ukrainian browser filters the list, saves a view, and resolves conversations in bulk, all in Ukrainian', async ({ browser }) => {
    test.setTimeout(90_000);
    const word = `posylka${Date.now().toString(36)}`;
    for (const index of [0, 1, 2]) await customerTexts(channel, uniquePhone(), `Де моя ${word}? Замовлення ${5100 + index}`, new Date(Date.now() - (10 - index) * 60_000));

    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.agentA.email, DEMO.agentPassword);

      // With nothing assigned to Andriy, Mine says how to get work, with Take next beside it; specs run before this one
      // may have assigned him conversations, which Mine then lists.
      await page.goto('/inbox?view=mine');
      await expect(page.getByText('На вас нічого не призначено').or(page.getByTestId('conversation-list').getByRole('list').getByRole('link').first())).toBeVisible();
      await docsSnapshot(page, 'uk-inbox-list-mine');
      await expectNoUntranslatedText(page, 'uk-inbox-list-mine');

      await page.goto(`/inbox?view=all&q=${word}`);
      await expectLive(page);
      await expect(page.getByRole('tab', { name: 'Відкриті' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Взяти наступну' })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: `3 збіги для «${word}»` })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Inbox views' })).toHaveCount(0);
      await expect(page.getByRole('list', { name: 'Подання вхідних' })).toBeVisible();

      await page.getByRole('button', { name: 'Фільтри', exact: true }).click();
      await expect(page.getByRole('menuitemcheckbox', { name: 'Непрочитані' })).toBeVisible();
      await expect(page.getByRole('menuitemcheckbox', { name: 'SLA під загрозою' })).toBeVisible();
      await docsSnapshot(page, 'uk-inbox-list-filters');
      await expectNoUntranslatedText(page, 'uk-inbox-list-filters');
      await page.getByRole('menuitemcheckbox', { name: 'Останні 7 днів' }).first().click();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('group', { name: 'Увімкнені фільтри' })).toContainText('Остання активність від');

      await page.getByRole('button', { name: 'Зберегти подання' }).click();
      const dialog = page.getByRole('dialog', { name: 'Зберегти подання' });
      await dialog.getByLabel('Назва').fill(VIEW_NAME);
      await dialog.getByRole('button', { name: 'Зберегти подання' }).click();
      await expect(page.getByRole('status', { name: 'Сповіщення' })).toContainText(`Подання «${VIEW_NAME}» збережено на бічній панелі.`);
      const savedViews = page.getByRole('region', { name: 'Збережені подання' });
      await expect(savedViews.getByRole('link', { name: new RegExp(VIEW_NAME) })).toHaveAttribute('aria-current', 'page');
      await docsSnapshot(page, 'uk-inbox-list-saved-view');
      await expectNoUntranslatedText(page, 'uk-inbox-list-saved-view');

      const checkboxes = conversationList(page).getByRole('checkbox');
      await expect(checkboxes).toHaveCount(3);
      await checkboxes.first().click();
      await checkboxes.last().click({ modifiers: ['Shift'] });
      const bulkBar = page.getByRole('region', { name: 'Масові дії' });
      await expect(bulkBar).toContainText('Вибрано: 3');
      await docsSnapshot(page, 'uk-inbox-list-bulk');
      await expectNoUntranslatedText(page, 'uk-inbox-list-bulk');

      await bulkBar.getByRole('button', { name: 'Закрити', exact: true }).click();
      await expect(bulkBar).toContainText('Закрито 3 розмови.');
      await expect(conversationList(page).getByText('Закрита')).toHaveCount(3);
      await docsSnapshot(page, 'uk-inbox-list-bulk-done');
      await expectNoUntranslatedText(page, 'uk-inbox-list-bulk-done');

      await page.getByRole('button', { name: 'Взяти наступну' }).hover();
      await page.keyboard.press('?');
      const shortcuts = page.getByRole('dialog', { name: 'Клавіатурні скорочення' });
      await expect(shortcuts).toContainText('Взяти наступну розмову з ваших черг');
      await docsSnapshot(page, 'uk-inbox-list-shortcuts');
      await expectNoUntranslatedText(page, 'uk-inbox-list-shortcuts');
      await page.keyboard.press('Escape');

      await savedViews.getByRole('button', { name: `Дії з поданням «${VIEW_NAME}»` }).click();
      await page.getByRole('menuitem', { name: 'Видалити…' }).click();
      await page.getByRole('dialog', { name: `Видалити «${VIEW_NAME}»?` }).getByRole('button', { name: 'Видалити подання' }).click();
      await expect(savedViews).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
