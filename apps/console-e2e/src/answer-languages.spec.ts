import { formatPhone } from '@backtalk/phone';
import type { CannedAnswerView } from '@backtalk/contracts';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, expectLive, signInInUkrainian, snapshot } from './support/console';
import { conversationWith } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// Answers in the customer's language: an admin gives an English canned answer a Ukrainian text in the FAQ editor,
// and the composer's picker then inserts the Ukrainian text for a Ukrainian-speaking customer, the English one for an
// English-speaking customer, and the English one with a note for a Russian-speaking customer (no Russian text).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 820 };
const ENGLISH_TEXT = 'Parcels arrive in 2 to 3 working days.';
const UKRAINIAN_TEXT = 'Посилки приходять за 2–3 робочі дні.';

async function ukrainianAdmin(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  const page = await context.newPage();
  await signInInUkrainian(page, DEMO.admin.email, DEMO.admin.password);
  return { context, page };
}

test.describe('answers in the customer’s language', () => {
  test.describe.configure({ mode: 'serial' });
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;
  let answer: CannedAnswerView;
  const conversations: Record<'uk' | 'en' | 'ru', { id: string; phone: string; contactId: string } | null> = { uk: null, en: null, ru: null };
  const shortcode = `parcel-${Date.now().toString(36)}`;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Language desk', sender: uniqueSender(), sendUrl });
    answer = await call<CannedAnswerView>('/api/canned-answers', { token: admin.token, body: { title: 'Delivery times', shortcode, body: ENGLISH_TEXT, defaultLanguage: 'en' } });
    const texts = {
      uk: 'Добрий день! Коли приїде моя посилка? Дякую, це терміново.',
      en: 'Hi, when will my parcel arrive? Thanks.',
      ru: 'Здравствуйте! Когда будет доставка? Это очень срочно, спасибо.',
    } as const;
    for (const language of ['uk', 'en', 'ru'] as const) {
      const phone = uniquePhone();
      await customerTexts(channel, phone, texts[language]);
      const conversation = await conversationWith(admin, phone);
      conversations[language] = { id: conversation.id, phone, contactId: conversation.contact.id };
    }
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    for (const conversation of Object.values(conversations)) {
      if (!conversation) continue;
      await call(`/api/conversations/${conversation.id}/resolve`, { token: admin.token, method: 'POST' }).catch(() => undefined);
      await call(`/api/contacts/${conversation.contactId}`, { token: admin.token, method: 'PATCH', body: { language: null } }).catch(() => undefined);
    }
    if (answer) await call(`/api/canned-answers/${answer.id}`, { token: admin.token, method: 'DELETE' }).catch(() => undefined);
    await call('/api/me/preferences', { method: 'PATCH', token: admin.token, body: { locale: null } }).catch(() => undefined);
    await aggregator.stop();
  });

  test('an admin adds a Ukrainian text to an English answer in the FAQ editor', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`/settings/faqs/${answer.id}`);
    const tabs = page.getByTestId('answer-language-tabs');
    await expect(tabs.getByRole('button', { name: /English.*default/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Answer text')).toHaveValue(ENGLISH_TEXT);

    await tabs.getByRole('button', { name: 'Add a Ukrainian text' }).click();
    await expect(tabs.getByRole('button', { name: /Українська.*no text yet/ })).toHaveAttribute('aria-pressed', 'true');
    // An empty language blocks saving and says which one.
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(tabs.getByRole('button', { name: /Українська.*needs fixing/ })).toBeVisible();
    await expect(page.getByText('Enter the answer customers get.')).toBeVisible();

    await page.getByLabel('Answer text').fill(UKRAINIAN_TEXT);
    await expect(page.getByTestId('answer-preview')).toHaveText(UKRAINIAN_TEXT);
    // Cyrillic needs Unicode: the counter follows the text shown, not the default one.
    await expect(page.getByTestId('answer-sms-stats')).toContainText('Unicode');
    await expect(page.getByText(/One list for every language/)).toBeVisible();
    await snapshot(page, 'answer-languages-editor-en-desktop');
    await page.setViewportSize(PHONE);
    await snapshot(page, 'answer-languages-editor-en-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('“Delivery times” saved.')).toBeVisible();
    const saved = (await call<CannedAnswerView[]>(`/api/canned-answers?q=${shortcode}`, { token: admin.token })).find((item) => item.id === answer.id);
    expect(saved?.variants).toEqual([
      { language: 'en', body: ENGLISH_TEXT },
      { language: 'uk', body: UKRAINIAN_TEXT },
    ]);

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'FAQs & canned answers' }).click();
    const row = page.getByRole('row').filter({ hasText: `/${shortcode}` });
    await expect(row.getByTestId('answer-languages').getByRole('listitem')).toHaveText(['ENEnglish', 'UKUkrainian']);
  });

  test('the picker inserts the text in the customer’s language, and says when there is none', async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    const pick = async (language: 'uk' | 'en' | 'ru') => {
      const conversation = conversations[language]!;
      await page.goto(`/inbox/${conversation.id}?view=all`);
      await expectLive(page);
      await expect(page.getByRole('heading', { name: formatPhone(conversation.phone), level: 2 })).toBeVisible();
      await page.getByRole('button', { name: 'Canned answers' }).click();
      await page.getByRole('searchbox', { name: 'Search canned answers' }).fill(shortcode);
      const option = page.getByTestId('canned-picker').getByRole('option');
      await expect(option).toHaveCount(1);
      return option;
    };
    const reply = page.getByRole('textbox', { name: 'Reply' });

    const ukrainian = await pick('uk');
    await expect(ukrainian.locator('[aria-current="true"]')).toHaveAttribute('data-language', 'uk');
    await expect(ukrainian).toContainText(UKRAINIAN_TEXT);
    await snapshot(page, 'answer-languages-picker-en-desktop');
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue(UKRAINIAN_TEXT);
    await expect(page.getByTestId('canned-language-fallback')).toHaveCount(0);
    await reply.fill('');

    const english = await pick('en');
    await expect(english.locator('[aria-current="true"]')).toHaveAttribute('data-language', 'en');
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue(ENGLISH_TEXT);
    await reply.fill('');

    const russian = await pick('ru');
    await expect(russian.getByTestId('canned-no-variant')).toHaveText('No Russian text: inserts English');
    await page.setViewportSize(PHONE);
    await snapshot(page, 'answer-languages-picker-en-phone');
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue(ENGLISH_TEXT);
    await expect(page.getByTestId('canned-language-fallback')).toHaveText(/No Russian version of “Delivery times”: inserted the English text\./);
    await reply.fill('');

    // Setting the contact's language makes it win over the one detected from their messages.
    const languageForAnswers = page.getByTestId('contact-answer-language');
    // Routing stores a conversation's language only when it prefers agents who speak it; answers detect it anyway.
    await expect(languageForAnswers.locator('option').first()).toHaveText(/^Automatic/);
    await expect(languageForAnswers).toHaveValue('');
    await languageForAnswers.selectOption('uk');
    await expect(page.getByText('Language for answers saved.')).toBeVisible();
    await page.getByRole('button', { name: 'Canned answers' }).click();
    await page.getByRole('searchbox', { name: 'Search canned answers' }).fill(shortcode);
    await expect(page.getByTestId('canned-picker').getByRole('option').locator('[aria-current="true"]')).toHaveAttribute('data-language', 'uk');
    await page.keyboard.press('Escape');
  });

  test('the editor and the picker read in Ukrainian on a desktop and a phone', async ({ browser }) => {
    test.setTimeout(90_000);
    const { context, page } = await ukrainianAdmin(browser);
    try {
      await page.goto(`/settings/faqs/${answer.id}`);
      const tabs = page.getByTestId('answer-language-tabs');
      await expect(tabs.getByRole('button', { name: /English.*основна/ })).toBeVisible();
      await tabs.getByRole('button', { name: /Українська/ }).click();
      await expect(page.getByLabel('Текст відповіді')).toHaveValue(UKRAINIAN_TEXT);
      await expect(tabs.getByRole('button', { name: 'Додати російський текст' })).toBeVisible();
      await snapshot(page, 'answer-languages-editor-uk-desktop');
      await page.setViewportSize(PHONE);
      await snapshot(page, 'answer-languages-editor-uk-phone');
      await page.setViewportSize(DESKTOP);

      await page.goto(`/inbox/${conversations.en!.id}?view=all`);
      await expectLive(page);
      await page.getByRole('button', { name: 'Шаблони відповідей' }).click();
      await page.getByRole('searchbox', { name: 'Пошук шаблонів відповідей' }).fill(shortcode);
      await expect(page.getByTestId('canned-picker').getByRole('option')).toHaveCount(1);
      await snapshot(page, 'answer-languages-picker-uk-desktop');

      await page.goto(`/inbox/${conversations.ru!.id}?view=all`);
      await expectLive(page);
      await page.setViewportSize(PHONE);
      await page.getByRole('button', { name: 'Шаблони відповідей' }).click();
      await page.getByRole('searchbox', { name: 'Пошук шаблонів відповідей' }).fill(shortcode);
      const option = page.getByTestId('canned-picker').getByRole('option');
      await expect(option).toHaveCount(1);
      await snapshot(page, 'answer-languages-picker-uk-phone');
    } finally {
      await context.close();
    }
  });
});
