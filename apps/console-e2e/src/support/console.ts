import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, DOCS_SCREENSHOT_DIR, SCREENSHOT_DIR } from '../../e2e-environment';

export async function signIn(page: Page, email: string, password: string = DEMO.agentPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Checking the password is slow on purpose, and slower still on a busy machine.
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible({ timeout: 15_000 });
}

/** The same at the Ukrainian sign-in page, which a browser asking for Ukrainian gets. */
export async function signInInUkrainian(page: Page, email: string, password: string = DEMO.agentPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Ел. пошта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Вхідні' })).toBeVisible({ timeout: 15_000 });
}

const openContexts: BrowserContext[] = [];

/** A browser context of its own, as one person at one desk; `closeDesks` ends them all. */
export async function desk(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Kyiv' });
  openContexts.push(context);
  return context.newPage();
}

/** A signed-in agent at a desk of their own. */
export async function agentPage(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await desk(browser);
  await signIn(page, email, password);
  return page;
}

export async function closeDesks(): Promise<void> {
  await Promise.all(openContexts.splice(0).map((context) => context.close()));
}

export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, animations: 'disabled' });
}

/**
 * A screenshot for the run's own record, and with UPDATE_DOCS_SCREENSHOTS=1 for the docs as well (a plain test run
 * leaves the tracked pictures alone). The console scrolls inside its content pane, so a long page is shown whole by
 * making the window `height` tall for the picture, not with Playwright's `fullPage`.
 */
export async function docsSnapshot(page: Page, name: string, options: { height?: number } = {}): Promise<void> {
  if (!process.env['UPDATE_DOCS_SCREENSHOTS']) {
    await snapshot(page, name);
    return;
  }
  const viewport = page.viewportSize();
  if (options.height && viewport) {
    await page.setViewportSize({ width: viewport.width, height: options.height });
    await page.locator('#main').evaluate((element) => element.scrollTo(0, 0));
  }
  await snapshot(page, name);
  await page.screenshot({ path: `${DOCS_SCREENSHOT_DIR}/${name}.png`, animations: 'disabled' });
  if (options.height && viewport) await page.setViewportSize(viewport);
}

/** The socket is connected and caught up: events from here on arrive live. */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId('realtime-status')).toHaveAttribute('data-status', 'live', { timeout: 10_000 });
}

export const conversationList = (page: Page) => page.getByTestId('conversation-list');
export const thread = (page: Page) => page.getByTestId('thread');
