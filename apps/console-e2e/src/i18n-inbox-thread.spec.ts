import { formatPhone } from '@backtalk/phone';
import { ConversationPriority } from '@backtalk/contracts';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { expectLive, signInInUkrainian, snapshot, thread } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { conversationWith, setPriority } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// An open conversation in a Ukrainian browser: header, thread lines, composer with its counter and canned-answer
// picker, the contact panel and the new-conversation dialog all read in Ukrainian.

async function ukrainianAgent(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  const page = await context.newPage();
  await signInInUkrainian(page, DEMO.agentA.email, DEMO.agentPassword);
  return { context, page };
}

test.describe('an open conversation in Ukrainian', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;
  let conversationId: string | null = null;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Київська лінія', sender: uniqueSender(), sendUrl });
  });

  test.afterAll(async () => {
    // Nothing left open for later specs to find in their lists, and the agent's language stays unsaved.
    if (conversationId) await call(`/api/conversations/${conversationId}/resolve`, { token: admin.token, method: 'POST' }).catch(() => undefined);
    const agent = await apiSignIn(DEMO.agentA.email, DEMO.agentPassword);
    await call('/api/me/preferences', { method: 'PATCH', token: agent.token, body: { locale: null } });
    await aggregator.stop();
  });

  test('the header, thread, composer, contact panel and new-conversation dialog read in Ukrainian', async ({ browser }) => {
    test.setTimeout(90_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Добрий день! Де моє замовлення №7781?');
    const conversation = await conversationWith(admin, customer);
    conversationId = conversation.id;
    await setPriority(admin, conversation.id, ConversationPriority.High);

    const { context, page } = await ukrainianAgent(browser);
    try {
      await page.goto(`/inbox/${conversation.id}?view=all`);
      await expectLive(page);
      await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
      await page.getByRole('region', { name: /^Розмова з / }).getByRole('button', { name: /^Виконавець: Без виконавця/ }).click();
      await page.getByRole('menuitem', { name: /Призначити мені/ }).click();
      await expect(page.getByText('Призначено вам.')).toBeVisible();

      // The activity lines: the priority change by the admin, in Ukrainian.
      await expect(thread(page).getByTestId('activity-line').filter({ hasText: 'Пріоритет змінено з «звичайний» на «високий»' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Закрити', exact: true })).toBeVisible();
      const contact = page.getByRole('complementary', { name: 'Контакт' });
      await expect(contact.getByText('Згода', { exact: true })).toBeVisible();
      await expect(contact.getByText('Може отримувати повідомлення')).toBeVisible();

      // The counter under a Ukrainian reply: Unicode, and the segments in a Ukrainian plural.
      const reply = page.getByRole('textbox', { name: 'Відповідь' });
      await reply.fill('Вітаю! Ваше замовлення вже в дорозі, очікуйте його завтра до обіду. Номер для відстеження надішлемо окремим повідомленням.');
      const stats = page.getByTestId('sms-stats');
      await expect(stats).toContainText('Юнікод');
      await expect(stats).toContainText('2 сегменти');
      await snapshot(page, 'uk-thread-01-conversation');
      await expectNoUntranslatedText(page, 'uk-thread-01-conversation');

      await reply.fill('');
      await page.getByRole('button', { name: 'Шаблони відповідей' }).click();
      const picker = page.getByTestId('canned-picker');
      await expect(page.getByRole('searchbox', { name: 'Пошук шаблонів відповідей' })).toBeVisible();
      await expect(picker.getByText('вставити')).toBeVisible();
      await snapshot(page, 'uk-thread-02-canned-picker');
      await expectNoUntranslatedText(page, 'uk-thread-02-canned-picker');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Інші дії' }).click();
      await expect(page.getByRole('menuitem', { name: 'Позначити як очікувану' })).toBeVisible();
      await expectNoUntranslatedText(page, 'the conversation actions menu');
      await page.keyboard.press('Escape');

      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('c');
      const dialog = page.getByRole('dialog', { name: 'Нова розмова' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Кому')).toBeVisible();
      await dialog.getByLabel('Повідомлення').fill('Привіт');
      await expect(dialog).toContainText('1 сегмент');
      await snapshot(page, 'uk-thread-03-new-conversation');
      await expectNoUntranslatedText(page, 'uk-thread-03-new-conversation');
      await dialog.getByRole('button', { name: 'Скасувати' }).click();
      await expect(dialog).toHaveCount(0);

      await page.getByRole('button', { name: 'Закрити', exact: true }).click();
      await expect(page.getByText(/Нове повідомлення від клієнта відкриє розмову знову\./)).toBeVisible();
      await expect(thread(page).getByTestId('activity-line').filter({ hasText: 'Ви закрили розмову' })).toBeVisible();
      await snapshot(page, 'uk-thread-04-resolved');
      await expectNoUntranslatedText(page, 'uk-thread-04-resolved');
    } finally {
      await context.close();
    }
  });
});
