import { AssignmentPolicy } from '@backtalk/contracts';
import { formatPhone } from '@backtalk/phone';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { docsSnapshot, expectLive, snapshot } from './support/console';
import { ensureAgent, ensureTeam, updateTeamRouting, userIdOf } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// An agent and a supervisor on a phone (390×844, touch), in English and in Ukrainian: the inbox one screen at a time
// with ways back, the composer above the on-screen keyboard, the queue and the settings. A Couriers team of its own
// keeps Take next and the queue's counts to this spec's customers. Tablet pictures come at the end.

const TEAM = 'Couriers';
const PAVLO = { email: 'pavlo.couriers@backtalk.local', name: 'Pavlo Couriers' };
const PHONE = { width: 390, height: 844 };
/** What is left of a phone's screen with the on-screen keyboard up. */
const WITH_KEYBOARD = { width: 390, height: 500 };

const WORDS = {
  en: {
    login: { email: 'Email', password: 'Password', signIn: 'Sign in' },
    inbox: 'Inbox',
    takeNext: 'Take next',
    back: 'Back to the conversations',
    contact: 'Contact details',
    contactBack: 'Conversation',
    reply: 'Reply',
    send: 'Send',
    resolve: 'Resolve',
    moreActions: 'More actions',
    snoozeMenu: 'Snooze…',
    snooze: 'Snooze',
    listMenu: /^New conversation and alerts/,
    newConversation: 'New conversation',
    canned: 'Canned answers',
    faqs: 'FAQs & answers',
    queue: `${TEAM} queue`,
    nav: { queues: 'Queues', settings: 'Settings', contacts: 'Contacts', reports: 'Reports' },
    users: 'Users',
  },
  uk: {
    login: { email: 'Ел. пошта', password: 'Пароль', signIn: 'Увійти' },
    inbox: 'Вхідні',
    takeNext: 'Взяти наступну',
    back: 'Назад до розмов',
    contact: 'Дані контакту',
    contactBack: 'Розмова',
    reply: 'Відповідь',
    send: 'Надіслати',
    resolve: 'Закрити',
    moreActions: 'Інші дії',
    snoozeMenu: 'Відкласти…',
    snooze: 'Відкласти',
    listMenu: /^Нова розмова та сповіщення/,
    newConversation: 'Нова розмова',
    canned: 'Шаблони відповідей',
    faqs: 'FAQ і відповіді',
    queue: `Черга ${TEAM}`,
    nav: { queues: 'Черги', settings: 'Параметри', contacts: 'Контакти', reports: 'Звіти' },
    users: 'Користувачі',
  },
} as const;
type Language = keyof typeof WORDS;

/** The element lies wholly inside the window: nothing of it is cut off or scrolled away. */
async function expectWhollyVisible(page: Page, element: Locator): Promise<void> {
  await expect(element).toBeVisible();
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport).toBeTruthy();
  if (!box || !viewport) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
}

/** The conversation header's Resolve (in Ukrainian its word is also a toast's Close). */
const resolveButton = (page: Page, name: string) => page.locator('.bt-conversation__actions').getByRole('button', { name, exact: true });

/** No table on the page is wider than its box: on a phone a list of records is read down, never scrolled sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect(page.locator('.bt-table-wrap').first()).toBeVisible({ timeout: 15_000 });
  const wide = await page.locator('.bt-table-wrap').evaluateAll((wraps) => wraps.filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).map((wrap) => wrap.getAttribute('aria-label')));
  expect(wide).toEqual([]);
}

/**
 * The settings sections are one row that scrolls sideways on a phone, fading out at its right edge: the open section
 * is scrolled clear of the fade, so a supervisor always sees where they are.
 */
async function expectOpenSectionInView(page: Page): Promise<void> {
  const sections = page.locator('.bt-settings__nav ul');
  const open = sections.locator('a[aria-current="page"]');
  await expect(sections.locator('li')).not.toHaveCount(0);
  await expect
    .poll(async () => {
      const [row, link] = await Promise.all([sections.boundingBox(), open.boundingBox()]);
      return row !== null && link !== null && link.x >= row.x && link.x + link.width <= row.x + row.width - 32;
    })
    .toBe(true);
}

async function expectThumbSized(element: Locator): Promise<void> {
  const box = await element.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(44);
  expect(box?.height).toBeGreaterThanOrEqual(44);
}

async function phoneDesk(browser: Browser, language: Language, email: string, viewport: { width: number; height: number } = PHONE, password = DEMO.agentPassword): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    isMobile: viewport === PHONE,
    locale: language === 'uk' ? 'uk-UA' : 'en-US',
    timezoneId: 'Europe/Kyiv',
  });
  const page = await context.newPage();
  const words = WORDS[language];
  await page.goto('/login');
  await page.getByLabel(words.login.email).fill(email);
  await page.getByLabel(words.login.password).fill(password);
  await page.getByRole('button', { name: words.login.signIn }).click();
  await expect(page.getByRole('heading', { name: words.inbox, level: 1 })).toBeAttached({ timeout: 15_000 });
  return page;
}

const prefix = (language: Language) => (language === 'uk' ? 'uk-phone' : 'phone');

/** The Ukrainian phone screens docs/screenshots shows; the other pictures stay in the run's record. */
const DOCS_SHOTS = new Set(['inbox', 'conversation', 'canned-picker', 'queues', 'reports', 'settings', 'faq-editor']);
const shooter = (language: Language) => (page: Page, name: string) =>
  language === 'uk' && DOCS_SHOTS.has(name) ? docsSnapshot(page, `${prefix(language)}-${name}`) : snapshot(page, `${prefix(language)}-${name}`);

test.describe('the console on a phone', () => {
  test.describe.configure({ mode: 'serial' });

  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const pavloId = await ensureAgent(admin, PAVLO.email, PAVLO.name, DEMO.agentPassword);
    const teamId = await ensureTeam(admin, TEAM, [await userIdOf(admin, DEMO.supervisor.email), pavloId]);
    // Manual: customers wait in the queue until an agent takes them, so Take next has something to take.
    await updateTeamRouting(admin, teamId, {
      policy: AssignmentPolicy.Manual,
      defaultCapacity: 4,
      reassignOfflineAfterSeconds: null,
      businessHours: null,
      outOfOfficeMessage: '',
      sla: { firstResponseMinutes: 20, nextResponseMinutes: 30, businessHoursOnly: false },
    });
    channel = await createGenericChannel(admin, { teamId, name: 'Courier line', sender: uniqueSender(), sendUrl });
  });

  test.afterAll(async () => {
    // Each user's language goes back to following the browser, whatever a test left.
    for (const email of [PAVLO.email, DEMO.supervisor.email]) {
      const session = await apiSignIn(email, DEMO.agentPassword);
      await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale: null } });
    }
    await aggregator.stop();
  });

  for (const language of ['en', 'uk'] as const) {
    test(`an agent works a conversation from list to contact and back, takes the next one and answers it over the keyboard (${language})`, async ({ browser }) => {
      test.setTimeout(120_000);
      const words = WORDS[language];
      const shot = shooter(language);
      const pavlo = await apiSignIn(PAVLO.email, DEMO.agentPassword);
      await call('/api/me/preferences', { method: 'PATCH', token: pavlo.token, body: { locale: language } });
      const first = uniquePhone();
      const second = uniquePhone();
      await customerTexts(channel, first, language === 'uk' ? 'Доброго дня! Кур’єр не приїхав, замовлення 7731.' : 'Hi! The courier never came, order 7731.', new Date(Date.now() - 6 * 60_000));
      await customerTexts(channel, second, language === 'uk' ? 'Можна змінити адресу доставки?' : 'Can I change the delivery address?', new Date(Date.now() - 3 * 60_000));

      const page = await phoneDesk(browser, language, PAVLO.email);
      try {
        await page.goto('/inbox?view=all');
        await expectLive(page);
        // No sidebar on a phone: the sections are a bar along the bottom, each a thumb-sized target.
        const tabBar = page.getByRole('navigation', { name: language === 'uk' ? 'Головне меню' : 'Main' });
        await expectWhollyVisible(page, tabBar);
        for (const link of await tabBar.getByRole('link').all()) await expectThumbSized(link);
        await expectWhollyVisible(page, page.getByRole('button', { name: words.takeNext }));
        await shot(page, 'inbox');
        // Beside Take next one menu holds New conversation and the alerts, instead of two crowded icon buttons.
        const listMenu = page.getByRole('button', { name: words.listMenu });
        await expectThumbSized(listMenu);
        await listMenu.click();
        await page.getByRole('menuitem', { name: words.newConversation }).click();
        await expect(page.getByRole('dialog', { name: words.newConversation })).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);

        // List → conversation → contact → conversation → list, by the screens' own back buttons and the browser's.
        await page.getByTestId('conversation-list').getByRole('link').filter({ hasText: formatPhone(first) }).click();
        const heading = page.getByRole('heading', { name: formatPhone(first), level: 2 });
        await expectWhollyVisible(page, heading);
        await expect(page.getByTestId('conversation-list')).toBeHidden();
        await expectWhollyVisible(page, resolveButton(page, words.resolve));
        // The header is one row under the top bar: back, who, Resolve, More actions and the contact, each thumb-sized.
        const header = page.locator('.bt-conversation__header');
        expect((await header.boundingBox())?.height).toBeLessThanOrEqual(64);
        const moreActions = page.locator('.bt-conversation__actions').getByRole('button', { name: words.moreActions });
        await expectWhollyVisible(page, moreActions);
        await expectThumbSized(moreActions);
        await shot(page, 'conversation');
        // The header's other menus open from More actions, next to it, and give focus back to it.
        await moreActions.click();
        await page.getByRole('menuitem', { name: words.snoozeMenu }).click();
        const snoozeMenu = page.getByRole('menu', { name: words.snooze, exact: true });
        await expectWhollyVisible(page, snoozeMenu);
        await page.keyboard.press('Escape');
        await expect(snoozeMenu).toBeHidden();
        await expect(moreActions).toBeFocused();
        // The canned-answer picker fits the screen above the composer.
        await page.getByRole('button', { name: words.canned }).click();
        await expectWhollyVisible(page, page.getByTestId('canned-picker'));
        await shot(page, 'canned-picker');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('canned-picker')).toBeHidden();

        const contactLink = page.getByRole('link', { name: words.contact });
        await expectThumbSized(contactLink);
        await contactLink.click();
        await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}\/contact\?/);
        const contactBack = page.getByRole('link', { name: words.contactBack, exact: true });
        await expectWhollyVisible(page, contactBack);
        await expect(heading).toBeHidden();
        await shot(page, 'contact');
        await contactBack.click();
        await expectWhollyVisible(page, heading);
        await page.getByRole('link', { name: words.contact }).click();
        await expect(contactBack).toBeVisible();
        await page.goBack();
        await expectWhollyVisible(page, heading);
        await expect(page).not.toHaveURL(/\/contact/);

        const back = page.getByRole('link', { name: words.back });
        await expectThumbSized(back);
        await back.click();
        await expect(page.getByTestId('conversation-list')).toBeVisible();
        await expect(heading).toBeHidden();

        // Take next serves the longest waiting: the first customer, and the second after it is resolved.
        await page.getByRole('button', { name: words.takeNext }).click();
        await expectWhollyVisible(page, heading);

        // The on-screen keyboard leaves ~500px: the composer and its Send button stay on the screen.
        await page.setViewportSize(WITH_KEYBOARD);
        const reply = page.getByRole('textbox', { name: words.reply });
        await reply.tap();
        await reply.fill(language === 'uk' ? 'Вибачте! Кур’єр буде сьогодні до 18:00.' : 'Sorry! The courier will come today before 6 pm.');
        const send = page.getByRole('button', { name: words.send, exact: true });
        await expectWhollyVisible(page, reply);
        await expectWhollyVisible(page, send);
        await shot(page, 'composer-keyboard');
        await send.tap();
        await aggregator.waitForSend((sms) => sms.to === first);
        await page.setViewportSize(PHONE);

        await resolveButton(page, words.resolve).tap();
        await expect(resolveButton(page, words.resolve)).toBeHidden();
        await shot(page, 'resolved');

        await page.getByRole('link', { name: words.back }).click();
        await page.getByRole('button', { name: words.takeNext }).click();
        const secondHeading = page.getByRole('heading', { name: formatPhone(second), level: 2 });
        await expectWhollyVisible(page, secondHeading);
        await resolveButton(page, words.resolve).tap();
        await expect(resolveButton(page, words.resolve)).toBeHidden();
      } finally {
        await page.context().close();
        await call('/api/me/preferences', { method: 'PATCH', token: pavlo.token, body: { locale: null } });
      }
    });

    test(`a supervisor reads the queue, contacts, reports and settings on a phone (${language})`, async ({ browser }) => {
      test.setTimeout(90_000);
      const words = WORDS[language];
      const shot = shooter(language);
      const sofia = await apiSignIn(DEMO.supervisor.email, DEMO.agentPassword);
      await call('/api/me/preferences', { method: 'PATCH', token: sofia.token, body: { locale: language } });
      const page = await phoneDesk(browser, language, DEMO.supervisor.email);
      try {
        const tabBar = page.getByRole('navigation', { name: language === 'uk' ? 'Головне меню' : 'Main' });
        await tabBar.getByRole('link', { name: words.nav.queues }).click();
        await expectWhollyVisible(page, page.getByRole('region', { name: words.queue }).getByTestId('queue-waiting'));
        await shot(page, 'queues');

        await tabBar.getByRole('link', { name: words.nav.contacts }).click();
        await expect(page).toHaveURL(/\/contacts/);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await shot(page, 'contacts');

        await tabBar.getByRole('link', { name: words.nav.reports }).click();
        await expect(page).toHaveURL(/\/reports/);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await shot(page, 'reports');

        await tabBar.getByRole('link', { name: words.nav.settings }).click();
        await expectWhollyVisible(page, page.getByRole('heading', { name: words.users, level: 1 }));
        await shot(page, 'settings');
        // Nothing on the settings page runs off the side of the screen, the users' table included: its rows are cards.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await expectNoSidewaysScroll(page);

        await page.getByRole('link', { name: words.faqs }).click();
        await expect(page).toHaveURL(/\/settings\/faqs/);
        await expectNoSidewaysScroll(page);
        await expectOpenSectionInView(page);
        await shot(page, 'faqs');
      } finally {
        await page.context().close();
        await call('/api/me/preferences', { method: 'PATCH', token: sofia.token, body: { locale: null } });
      }
    });
  }

  test('an admin reads an FAQ in its editor on a phone (uk)', async ({ browser }) => {
    const page = await phoneDesk(browser, 'uk', DEMO.admin.email, PHONE, DEMO.admin.password);
    try {
      await page.goto('/settings/faqs');
      await expectNoSidewaysScroll(page);
      await page.getByRole('link', { name: 'Where is my order' }).click();
      await expect(page.getByRole('heading', { name: 'Where is my order', level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Зберегти зміни' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      // The picture starts at the top of the editor, wherever showing the form scrolled to.
      await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
      await page.evaluate(() => window.scrollTo(0, 0));
      await shooter('uk')(page, 'faq-editor');

      await page.goto('/settings/automation');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectOpenSectionInView(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await shooter('uk')(page, 'rules');
    } finally {
      await page.context().close();
    }
  });

  test('on a tablet, and a phone on its side, the list and the conversation sit side by side, and the contact opens as a drawer', async ({ browser }) => {
    test.setTimeout(90_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Is the parcel locker at Khreshchatyk open on Sunday?', new Date(Date.now() - 60_000));
    for (const viewport of [
      { width: 768, height: 1024, name: 'tablet' },
      { width: 844, height: 390, name: 'phone-landscape' },
      { width: 1024, height: 768, name: 'tablet-landscape' },
    ]) {
      const page = await phoneDesk(browser, 'en', PAVLO.email, { width: viewport.width, height: viewport.height });
      try {
        await page.goto('/inbox?view=all');
        await page.getByTestId('conversation-list').getByRole('link').filter({ hasText: formatPhone(customer) }).click();
        await expectWhollyVisible(page, page.getByRole('heading', { name: formatPhone(customer), level: 2 }));
        await expect(page.getByTestId('conversation-list')).toBeVisible();
        await snapshot(page, `${viewport.name}-conversation`);
        await page.getByRole('link', { name: 'Contact details' }).click();
        const contactBack = page.getByRole('link', { name: 'Conversation', exact: true });
        await expectWhollyVisible(page, contactBack);
        await snapshot(page, `${viewport.name}-contact`);
        await contactBack.click();
        await expect(contactBack).toBeHidden();
        if (viewport.name === 'tablet-landscape') {
          await page.getByRole('button', { name: 'Resolve' }).click();
          await expect(page.getByRole('button', { name: 'Resolve' })).toBeHidden();
        }
      } finally {
        await page.context().close();
      }
    }
  });
});
