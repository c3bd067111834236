import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { docsSnapshot } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call } from './support/sms-world';

async function forgetLanguage(email: string, password: string): Promise<void> {
  const session = await apiSignIn(email, password);
  await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale: null } });
}

test.describe('console languages', () => {
  test.afterEach(() => forgetLanguage(DEMO.admin.email, DEMO.admin.password));

  test('the sign-in page follows a Ukrainian browser, and a saved language switches the console without a reload', async ({ browser }) => {
    const ukrainianBrowser = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await ukrainianBrowser.newPage();
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Вхід', level: 1 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
      await docsSnapshot(page, 'i18n-01-sign-in-uk');
      await expectNoUntranslatedText(page, 'i18n-01-sign-in-uk');

      await page.getByLabel('Ел. пошта').fill(DEMO.admin.email);
      await page.getByLabel('Пароль').fill(DEMO.admin.password);
      await page.getByRole('button', { name: 'Увійти' }).click();
      // Nothing saved yet: the console stays in the language the browser asked for.
      const nav = page.getByRole('navigation', { name: 'Головне меню' });
      await expect(nav.getByRole('link', { name: 'Вхідні' })).toBeVisible({ timeout: 15_000 });

      await page.goto('/settings/profile');
      await page.evaluate(() => Object.assign(window, { languageSwitchMarker: true }));
      await page.getByRole('radio', { name: 'English' }).check();
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByText('The console is now in English.')).toBeVisible();
      expect(await page.evaluate(() => 'languageSwitchMarker' in window)).toBe(true);
    } finally {
      await ukrainianBrowser.close();
    }

    // Another Ukrainian browser that has never seen this person: once signed in, their saved English wins.
    const elsewhere = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await elsewhere.newPage();
      await page.goto('/login');
      await page.getByLabel('Ел. пошта').fill(DEMO.admin.email);
      await page.getByLabel('Пароль').fill(DEMO.admin.password);
      await page.getByRole('button', { name: 'Увійти' }).click();
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' })).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');

      await page.goto('/settings/profile');
      await page.getByRole('radio', { name: 'Українська' }).check();
      await expect(page.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Вхідні' })).toBeVisible();
      await expect(page.getByText('Тепер консоль українською.')).toBeVisible();
      await docsSnapshot(page, 'i18n-02-profile-uk');
      await expectNoUntranslatedText(page, 'i18n-02-profile-uk');
    } finally {
      await elsewhere.close();
    }
  });
});
