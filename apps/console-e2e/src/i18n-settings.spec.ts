import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { docsSnapshot, signInInUkrainian } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call } from './support/sms-world';

async function forgetLanguage(email: string, password: string): Promise<void> {
  const session = await apiSignIn(email, password);
  await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale: null } });
}

test.describe('settings in Ukrainian', () => {
  // Signing in saves nothing, but a language chosen by a failing run would otherwise follow the admin into later specs.
  test.afterEach(() => forgetLanguage(DEMO.admin.email, DEMO.admin.password));

  test('an admin with a Ukrainian browser reads channels, teams with their hours and SLA, users, contact attributes and the profile in Ukrainian', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.admin.email, DEMO.admin.password);

      await page.goto('/settings/channels');
      const settingsNav = page.getByRole('navigation', { name: 'Налаштування' });
      await expect(settingsNav.getByRole('link', { name: 'Поля контактів' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Канали', level: 1 })).toBeVisible();
      // Whether channels are listed depends on the specs run before; either way the page offers to connect one.
      await expect(page.getByRole('button', { name: 'Створити канал' }).first()).toBeVisible();
      await docsSnapshot(page, 'uk-settings-01-channels');
      await expectNoUntranslatedText(page, 'uk-settings-01-channels');

      await page.getByRole('button', { name: 'Створити канал' }).first().click();
      const channelForm = page.getByRole('dialog', { name: 'Створити канал' });
      await expect(channelForm.getByLabel('Тип відправника')).toBeVisible();
      await expect(channelForm.getByText('Облікові дані: Twilio')).toBeVisible();
      await channelForm.getByText('Додатково').click();
      await expect(channelForm.getByLabel('Слова для відписки')).toBeVisible();
      await docsSnapshot(page, 'uk-settings-02-channel-form');
      await expectNoUntranslatedText(page, 'uk-settings-02-channel-form');
      await channelForm.getByRole('button', { name: 'Скасувати' }).click();
      await expect(channelForm).toBeHidden();

      await settingsNav.getByRole('link', { name: 'Команди' }).click();
      await expect(page.getByRole('heading', { name: 'Команди', level: 1 })).toBeVisible();
      await docsSnapshot(page, 'uk-settings-03-teams');
      await expectNoUntranslatedText(page, 'uk-settings-03-teams');
      await page.getByRole('link', { name: 'Розподіл розмов: Support' }).click();
      await expect(page.getByRole('heading', { name: 'Розподіл розмов: Support', level: 1 })).toBeVisible();
      await expect(page.getByText('Цільовий час відповіді (SLA)')).toBeVisible();
      await docsSnapshot(page, 'uk-settings-04-team-routing');
      await expectNoUntranslatedText(page, 'uk-settings-04-team-routing');
      // Showing the weekly hours changes only the form on screen; nothing is saved.
      await page.getByText('Задати години роботи').click();
      await expect(page.getByTestId('schedule-mon').getByText('Понеділок')).toBeVisible();
      await docsSnapshot(page, 'uk-settings-05-team-hours', { height: 2600 });
      await expectNoUntranslatedText(page, 'uk-settings-05-team-hours');

      await settingsNav.getByRole('link', { name: 'Користувачі' }).click();
      await expect(page.getByRole('heading', { name: 'Користувачі', level: 1 })).toBeVisible();
      await expect(page.getByRole('cell', { name: 'Адміністратор' }).first()).toBeVisible();
      await docsSnapshot(page, 'uk-settings-06-users');
      await expectNoUntranslatedText(page, 'uk-settings-06-users');

      await settingsNav.getByRole('link', { name: 'Поля контактів' }).click();
      await expect(page.getByRole('heading', { name: 'Поля контактів', level: 1 })).toBeVisible();
      await docsSnapshot(page, 'uk-settings-07-contact-attributes');
      await expectNoUntranslatedText(page, 'uk-settings-07-contact-attributes');

      await settingsNav.getByRole('link', { name: 'Мій профіль' }).click();
      await expect(page.getByRole('heading', { name: 'Мій профіль', level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Змінити пароль' })).toBeVisible();
      await docsSnapshot(page, 'uk-settings-08-profile', { height: 1600 });
      await expectNoUntranslatedText(page, 'uk-settings-08-profile');
    } finally {
      await context.close();
    }
  });
});
