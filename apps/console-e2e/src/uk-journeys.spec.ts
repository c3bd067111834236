import { formatPhone } from '@backtalk/phone';
import { ConversationPriority, type CannedAnswerView, type ConversationView, type Page as ListPage } from '@backtalk/contracts';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { docsSnapshot, expectLive, snapshot, thread } from './support/console';
import { conversationWith, setPriority, userIdOf } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';
import { expectNoUntranslatedText } from './support/untranslated-text';

// The main journeys of the console in Ukrainian at desktop size: an agent signs in, takes the next customer from the
// queue, answers them by hand and with a canned answer, and resolves; a supervisor reads the queue; an admin edits an
// FAQ and puts it back. Every screen on the way is scanned for English that escaped the catalogues.

const contexts: BrowserContext[] = [];

async function signInInUkrainian(browser: Browser, email: string, password: string, screen: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Вхід', level: 1 })).toBeVisible();
  await expectNoUntranslatedText(page, `sign-in (${screen})`);
  await page.getByLabel('Ел. пошта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Вхідні' })).toBeVisible({ timeout: 15_000 });
  return page;
}

test.describe('the main journeys in Ukrainian', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;
  let canned: CannedAnswerView;
  const openedConversations = new Set<string>();

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Лінія доставки', sender: uniqueSender(), sendUrl });
    canned = await call<CannedAnswerView>('/api/canned-answers', {
      token: admin.token,
      body: { title: 'Посилка в дорозі', body: 'Ваша посилка вже в дорозі, очікуйте її протягом двох днів.', shortcode: `posylka${Date.now().toString(36)}`, language: 'uk' },
    });
  });

  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  test.afterAll(async () => {
    // Nothing left open in Support's queue, no extra canned answer, and nobody's language saved by these sign-ins.
    for (const id of openedConversations) await call(`/api/conversations/${id}/resolve`, { token: admin.token, method: 'POST' }).catch(() => undefined);
    await call(`/api/canned-answers/${canned.id}`, { token: admin.token, method: 'DELETE' }).catch(() => undefined);
    await call(`/api/channels/${channel.id}`, { token: admin.token, method: 'PATCH', body: { active: false } });
    for (const [email, password] of [
      [DEMO.agentA.email, DEMO.agentPassword],
      [DEMO.supervisor.email, DEMO.agentPassword],
      [DEMO.admin.email, DEMO.admin.password],
    ]) {
      const session = await apiSignIn(email, password);
      await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale: null } });
    }
    await aggregator.stop();
  });

  test('an agent takes the next customer, answers by hand and with a canned answer, and resolves, all in Ukrainian', async ({ browser }) => {
    test.setTimeout(90_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Добрий день! Коли приїде моє замовлення №4410?');
    const conversation = await conversationWith(admin, customer);
    openedConversations.add(conversation.id);
    await setPriority(admin, conversation.id, ConversationPriority.Urgent);
    // Specs before this one leave customers waiting in Support, some urgent and waiting longer than this one, and leave
    // Andriy with open conversations up to his limit: both are resolved so that Take next serves this customer to him.
    const support = await teamId(admin, 'Support');
    const andriy = await userIdOf(admin, DEMO.agentA.email);
    const waiting = await call<ListPage<ConversationView>>('/api/conversations?view=unassigned&status=open&limit=200', { token: admin.token });
    const his = await call<ListPage<ConversationView>>(`/api/conversations?view=all&status=open&assigneeId=${andriy}&limit=200`, { token: admin.token });
    for (const other of [...waiting.items.filter((item) => item.teamId === support), ...his.items]) {
      if (other.id !== conversation.id) await call(`/api/conversations/${other.id}/resolve`, { token: admin.token, body: {} });
    }

    const page = await signInInUkrainian(browser, DEMO.agentA.email, DEMO.agentPassword, 'agent');
    await page.goto('/inbox?view=all');
    await expectLive(page);
    await expect(page.getByRole('heading', { name: 'Вхідні', level: 1 })).toBeVisible();
    await expect(page.getByTestId('conversation-list').getByRole('link').filter({ hasText: formatPhone(customer) })).toBeVisible();
    await expectNoUntranslatedText(page, 'the inbox');
    await docsSnapshot(page, 'uk-inbox');

    await page.getByRole('button', { name: 'Взяти наступну' }).click();
    await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
    await expect(thread(page).getByText('Коли приїде моє замовлення №4410?')).toBeVisible();
    await expectNoUntranslatedText(page, 'the conversation taken from the queue');
    await snapshot(page, 'uk-journey-01-taken');

    const reply = page.getByRole('textbox', { name: 'Відповідь' });
    await reply.fill('Добрий день! Перевіряю ваше замовлення, зачекайте хвилинку.');
    await page.keyboard.press('Control+Enter');
    await aggregator.waitForSend((sms) => sms.to === customer && sms.text.startsWith('Добрий день! Перевіряю'));
    await expect(thread(page).getByText('Добрий день! Перевіряю ваше замовлення, зачекайте хвилинку.')).toBeVisible();
    await expectNoUntranslatedText(page, 'the conversation after a reply');

    await page.getByRole('button', { name: 'Шаблони відповідей' }).click();
    await page.getByRole('searchbox', { name: 'Пошук шаблонів відповідей' }).fill('Посилка в дорозі');
    const picker = page.getByTestId('canned-picker');
    await expect(picker.getByRole('option')).toHaveCount(1);
    await expectNoUntranslatedText(page, 'the canned-answer picker');
    await docsSnapshot(page, 'uk-conversation-canned-picker');
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue('Ваша посилка вже в дорозі, очікуйте її протягом двох днів.');
    await expectNoUntranslatedText(page, 'the composer with a canned answer');
    await page.keyboard.press('Control+Enter');
    await aggregator.waitForSend((sms) => sms.to === customer && sms.text.startsWith('Ваша посилка'));
    await expect(reply).toHaveValue('');

    await page.getByRole('button', { name: 'Закрити', exact: true }).click();
    await expect(page.getByText(/Нове повідомлення від клієнта відкриє розмову знову\./)).toBeVisible();
    await expectNoUntranslatedText(page, 'the resolved conversation');
    await snapshot(page, 'uk-journey-03-resolved');
  });

  test('a supervisor reads the queue in Ukrainian', async ({ browser }) => {
    const page = await signInInUkrainian(browser, DEMO.supervisor.email, DEMO.agentPassword, 'supervisor');
    await page.goto('/queues');
    await expect(page.getByRole('heading', { name: 'Черги', level: 1 })).toBeVisible();
    const support = page.getByRole('region', { name: 'Черга Support' });
    await expect(support).toContainText('Чекають');
    await expect(support).toContainText('Найдовше очікування');
    await expectNoUntranslatedText(page, 'the queues');
    await docsSnapshot(page, 'uk-queues');
  });

  test('an admin edits an FAQ in Ukrainian and puts it back', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await signInInUkrainian(browser, DEMO.admin.email, DEMO.admin.password, 'admin');
    await page.goto('/settings/faqs');
    await expect(page.getByRole('heading', { name: 'FAQ і шаблони відповідей', level: 1 })).toBeVisible();
    await expectNoUntranslatedText(page, 'the FAQ list');

    await page.getByRole('link', { name: 'Where is my order' }).click();
    await expect(page.getByRole('heading', { name: 'Where is my order', level: 1 })).toBeVisible();
    const tags = page.getByLabel('Теги');
    const originalTags = await tags.inputValue();
    await expectNoUntranslatedText(page, 'the FAQ editor');

    await tags.fill(originalTags ? `${originalTags}, посилка` : 'посилка');
    await page.getByRole('button', { name: 'Зберегти зміни' }).click();
    await expect(page.getByText('«Where is my order» збережено.')).toBeVisible();
    await expectNoUntranslatedText(page, 'the FAQ editor after saving');
    await snapshot(page, 'uk-journey-05-faq-saved');

    await page.reload();
    await expect(page.getByLabel('Теги')).toHaveValue(/посилка/);
    await page.getByLabel('Теги').fill(originalTags);
    await page.getByRole('button', { name: 'Зберегти зміни' }).click();
    await expect(page.getByText('«Where is my order» збережено.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Теги')).toHaveValue(originalTags);
  });
});
