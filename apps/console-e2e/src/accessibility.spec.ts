import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import { snapshot } from './support/console';
import { conversationWith } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// Every screen of the console, its main dialog and menus, checked by axe against WCAG 2.2 AA at a desk and on a
// phone, in English and in Ukrainian. One page per person and language: navigate, wait for the screen, check. Each visit
// loads the screen from the server (service workers blocked): the installed shell's cache is not what is checked here.

const VIEWPORTS = [
  { name: 'desktop', size: { width: 1366, height: 820 } },
  { name: 'phone', size: { width: 390, height: 844 } },
] as const;

const LANGUAGES = [
  { code: 'en', browserLocale: 'en-US', words: { newConversation: 'New conversation', filters: 'Filters', snooze: 'Snooze', listMenu: /^New conversation and alerts/, moreActions: 'More actions', snoozeItem: 'Snooze…' } },
  { code: 'uk', browserLocale: 'uk-UA', words: { newConversation: 'Нова розмова', filters: 'Фільтри', snooze: 'Відкласти', listMenu: /^Нова розмова та сповіщення/, moreActions: 'Інші дії', snoozeItem: 'Відкласти…' } },
] as const;

type Language = (typeof LANGUAGES)[number];

async function saveLanguage(email: string, password: string, locale: string | null): Promise<void> {
  const session = await apiSignIn(email, password);
  await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale } });
}

/** The screen has drawn: a heading is up (on a phone an open conversation hides the list's) and nothing is still loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('heading').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.bt-spinner')).toHaveCount(0, { timeout: 10_000 });
}

async function visit(page: Page, path: string, label: string): Promise<void> {
  await page.goto(path);
  await settled(page);
  await expectNoSeriousA11yViolations(page, label);
}

/** On a phone the main controls are pressed with a thumb: each visible one is at least 44px wide and tall. */
async function expectThumbSized(controls: Locator, what: string): Promise<void> {
  const sizes = await controls.evaluateAll((elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => {
        const box = element.getBoundingClientRect();
        return { name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40), width: Math.round(box.width), height: Math.round(box.height) };
      }),
  );
  expect.soft(sizes.length, `no ${what} on screen`).toBeGreaterThan(0);
  expect.soft(sizes.filter((size) => size.width < 44 || size.height < 44), `${what} smaller than 44×44px`).toEqual([]);
}

async function signedInPage(browser: Browser, language: Language, size: { width: number; height: number }, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: language.browserLocale, timezoneId: 'Europe/Kyiv', viewport: size, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language.code, { timeout: 15_000 });
  await expect(page.locator('#main')).toBeVisible({ timeout: 15_000 });
  return page;
}

test.describe('accessibility of every screen (axe, WCAG 2.2 AA)', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;
  let conversationId: string;
  let contactId: string;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Accessibility line', sender: uniqueSender(), sendUrl });
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Hello, where is my parcel 7781?');
    const conversation = await conversationWith(admin, customer);
    conversationId = conversation.id;
    contactId = conversation.contact.id;
  });

  test.afterAll(async () => {
    // Nothing left open for later specs, and nobody's language stays saved.
    await call(`/api/conversations/${conversationId}/resolve`, { token: admin.token, method: 'POST' }).catch(() => undefined);
    await saveLanguage(DEMO.admin.email, DEMO.admin.password, null);
    await saveLanguage(DEMO.agentA.email, DEMO.agentPassword, null);
    await aggregator.stop();
  });

  for (const viewport of VIEWPORTS) {
    for (const language of LANGUAGES) {
      test(`every screen, dialog and menu at ${viewport.name} size in ${language.code} has no serious or critical axe violation`, async ({ browser }) => {
        test.setTimeout(480_000);
        await saveLanguage(DEMO.admin.email, DEMO.admin.password, language.code);
        await saveLanguage(DEMO.agentA.email, DEMO.agentPassword, language.code);
        const where = (screen: string) => `${screen} (${viewport.name}, ${language.code})`;

        const signInContext = await browser.newContext({ locale: language.browserLocale, timezoneId: 'Europe/Kyiv', viewport: viewport.size, serviceWorkers: 'block' });
        try {
          const signInPage = await signInContext.newPage();
          await signInPage.goto('/login');
          await settled(signInPage);
          await expect(signInPage.locator('html')).toHaveAttribute('lang', language.code);
          await expectNoSeriousA11yViolations(signInPage, where('sign-in'));
        } finally {
          await signInContext.close();
        }

        const page = await signedInPage(browser, language, viewport.size, DEMO.admin.email, DEMO.admin.password);
        try {
          await visit(page, '/inbox?view=all', where('inbox list'));
          if (viewport.name === 'phone') {
            await expectThumbSized(page.locator('nav.bt-tabbar a'), 'tab bar links');
            await expectThumbSized(page.locator('.bt-conv-row'), 'conversation rows');
            await expectThumbSized(page.locator('.bt-topbar a, .bt-topbar button'), 'top bar controls');
          }
          await page.getByRole('button', { name: language.words.filters, exact: true }).click();
          await expect(page.getByRole('menu').or(page.getByRole('dialog'))).toBeVisible();
          await expectNoSeriousA11yViolations(page, where('inbox filters menu'));
          await page.keyboard.press('Escape');

          // On a phone New conversation shares a menu with the alerts; the menu is checked on the way.
          if (viewport.name === 'phone') {
            await page.getByRole('button', { name: language.words.listMenu }).click();
            await expect(page.getByRole('menu')).toBeVisible();
            await expectNoSeriousA11yViolations(page, where('inbox list menu'));
            await page.getByRole('menuitem', { name: language.words.newConversation }).click();
          } else {
            await page.getByRole('button', { name: language.words.newConversation, exact: true }).click();
          }
          await expect(page.getByRole('dialog', { name: language.words.newConversation })).toBeVisible();
          await expectNoSeriousA11yViolations(page, where('new conversation dialog'));
          await page.keyboard.press('Escape');
          await expect(page.getByRole('dialog')).toHaveCount(0);

          await visit(page, `/inbox/${conversationId}?view=all`, where('open conversation with composer and contact panel'));
          await snapshot(page, `a11y-conversation-${viewport.name}-${language.code}`);
          if (viewport.name === 'phone') {
            await expectThumbSized(page.locator('.bt-conversation__header a, .bt-conversation__header button'), 'conversation header actions');
            await expectThumbSized(page.locator('.bt-composer .bt-button--primary'), 'composer send button');
          }
          // On a phone the header's menus open from its More actions menu.
          if (viewport.name === 'phone') {
            await page.locator('.bt-conversation__actions').getByRole('button', { name: language.words.moreActions }).click();
            await expect(page.getByRole('menu')).toBeVisible();
            await expectNoSeriousA11yViolations(page, where('conversation header menu'));
            await page.getByRole('menuitem', { name: language.words.snoozeItem }).click();
          } else {
            await page.getByRole('button', { name: language.words.snooze, exact: true }).click();
          }
          await expect(page.getByRole('menu', { name: language.words.snooze, exact: true })).toBeVisible();
          await expectNoSeriousA11yViolations(page, where('snooze menu'));
          await page.keyboard.press('Escape');

          await visit(page, '/queues', where('queues'));
          await visit(page, '/contacts', where('contacts directory'));
          await visit(page, `/contacts/${contactId}`, where('contact page'));

          for (const tab of ['', '/conversations', '/response-times', '/sla', '/automation', '/delivery', '/agents', '/csat']) {
            await visit(page, `/reports${tab}`, where(`reports${tab || ' overview'}`));
          }

          await page.goto('/settings');
          await settled(page);
          const sections = await page.locator('nav.bt-settings__nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
          expect(sections.length).toBeGreaterThan(5);
          for (const section of sections) await visit(page, section, where(`settings ${section}`));

          // Each rule's on/off toggle is a switch a person reaches by its role and presses with a pointer or Space; the
          // rule is put back as it was.
          await visit(page, '/settings/automation', where('automation rules'));
          const ruleSwitch = page.locator('#main').getByRole('switch').first();
          const wasOn = (await ruleSwitch.getAttribute('aria-checked')) === 'true';
          await ruleSwitch.click();
          await expect(ruleSwitch).toHaveAttribute('aria-checked', String(!wasOn));
          await expect(ruleSwitch).toBeEnabled();
          await ruleSwitch.focus();
          await page.keyboard.press('Space');
          await expect(ruleSwitch).toHaveAttribute('aria-checked', String(wasOn));
          await expect(ruleSwitch).toBeEnabled();
          await snapshot(page, `a11y-settings-${viewport.name}-${language.code}`);

          await visit(page, '/settings/faqs/new', where('FAQ editor'));
          await visit(page, '/settings/automation/rules/new', where('rule editor'));
          await visit(page, '/settings/automation/test-bench', where('automation test bench'));
        } finally {
          await page.context().close();
        }

        // An agent's own settings section, which admins do not have.
        const agent = await signedInPage(browser, language, viewport.size, DEMO.agentA.email, DEMO.agentPassword);
        try {
          await visit(agent, '/settings/my-teams', where('settings my teams (agent)'));
        } finally {
          await agent.context().close();
        }
      });
    }
  }
});
