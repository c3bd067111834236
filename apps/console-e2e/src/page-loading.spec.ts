import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { signIn, signInInUkrainian, snapshot } from './support/console';

// Most pages' code loads the first time they are opened. Meanwhile the shell stays as it is and the content area says
// the page is opening, in the console's language; the page then takes its place.

/** Holds back the profile page's code until `release` is called, as a slow network would. */
async function holdProfileCode(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/ProfilePage-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return () => release();
}

test.describe('a page whose code is still loading', () => {
  test('keeps the shell and its navigation on screen and says the page is opening, then shows the page', async ({ page }) => {
    await signIn(page, DEMO.agentA.email);
    for (const viewport of [{ width: 1366, height: 820 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      const release = await holdProfileCode(page);
      await page.goto('/settings/profile');

      const opening = page.getByRole('main').getByRole('status').filter({ hasText: 'Opening the page…' });
      await expect(opening).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Settings' })).toBeVisible();
      await snapshot(page, `page-loading-${viewport.width}`);

      release();
      await expect(page.getByRole('heading', { name: 'My profile', level: 1 })).toBeVisible();
      await expect(opening).toHaveCount(0);
      await page.unrouteAll();
    }
  });

  test('says so in Ukrainian to a Ukrainian browser', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.agentA.email, DEMO.agentPassword);

      const release = await holdProfileCode(page);
      await page.goto('/settings/profile');
      await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Відкриваємо сторінку…' })).toBeVisible();
      release();
      await expect(page.getByRole('heading', { name: 'Мій профіль', level: 1 })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
