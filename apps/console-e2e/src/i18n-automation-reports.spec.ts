import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { docsSnapshot, signInInUkrainian, snapshot } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call } from './support/sms-world';

// FAQs, rules and reports in Ukrainian: an admin whose browser asks for Ukrainian reads them in Ukrainian, with
// screenshots to look for English left over or words that do not fit. The test only reads, so nothing is left behind
// but the language, which it forgets afterwards.

test.describe('automation and reports in Ukrainian', () => {
  test.afterEach(async () => {
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    await call('/api/me/preferences', { method: 'PATCH', token: admin.token, body: { locale: null } });
  });

  test('an admin with a Ukrainian browser reads the FAQs, an FAQ, a rule and four reports in Ukrainian', async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.admin.email, DEMO.admin.password);

      await page.goto('/settings/faqs');
      await expect(page.getByRole('heading', { name: 'FAQ і шаблони відповідей', level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Новий шаблон' })).toBeVisible();
      await expect(page.getByRole('columnheader', { name: 'Автовідповідь' })).toBeVisible();
      await docsSnapshot(page, 'uk-automation-faqs');
      await expectNoUntranslatedText(page, 'uk-automation-faqs');

      await page.getByRole('link', { name: 'Where is my order' }).click();
      await expect(page.getByRole('heading', { name: 'Where is my order', level: 1 })).toBeVisible();
      await expect(page.getByText('Приклади запитань')).toBeVisible();
      await expect(page.getByText('Розпізнавання FAQ', { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Зберегти зміни' })).toBeVisible();
      await docsSnapshot(page, 'uk-automation-faq-editor', { height: 1600 });
      await expectNoUntranslatedText(page, 'uk-automation-faq-editor');

      await page.goto('/settings/automation');
      await expect(page.getByRole('heading', { name: 'Автоматизація', level: 1 })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Автоматизація' }).getByRole('link', { name: 'Тестовий стенд і повтор' })).toBeVisible();
      await docsSnapshot(page, 'uk-automation-rules');
      await expectNoUntranslatedText(page, 'uk-automation-rules');

      await page.getByRole('link', { name: 'Answer FAQs on their own' }).first().click();
      await expect(page.getByRole('heading', { name: 'Answer FAQs on their own', level: 1 })).toBeVisible();
      await expect(page.getByText('Подія', { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Додати умову' })).toBeVisible();
      await expect(page.getByText('Перевіряти наступні правила')).toBeVisible();
      await docsSnapshot(page, 'uk-automation-rule-editor', { height: 1800 });
      await expectNoUntranslatedText(page, 'uk-automation-rule-editor');

      await page.goto('/reports?range=30d');
      await expect(page.getByRole('heading', { name: 'Звіти', level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Сьогодні на цю хвилину' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Завантажити CSV' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Медіана першої відповіді' })).toBeVisible();
      await docsSnapshot(page, 'uk-reports-overview', { height: 1400 });
      await expectNoUntranslatedText(page, 'uk-reports-overview');

      await page.getByRole('navigation', { name: 'Звіти' }).getByRole('link', { name: 'Час відповіді' }).click();
      await expect(page.getByRole('heading', { name: 'Звіти · Час відповіді', level: 1 })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Час першої відповіді' })).toBeVisible();
      await docsSnapshot(page, 'uk-reports-response-times', { height: 1600 });
      await expectNoUntranslatedText(page, 'uk-reports-response-times');

      // Held-back replies come as kinds and failures with the carrier's own text: the console words the one and quotes
      // the other as data, so neither tab shows the API's English (whatever rows earlier specs left in the range).
      await page.getByRole('navigation', { name: 'Звіти' }).getByRole('link', { name: 'Автоматизація' }).click();
      await expect(page.getByRole('heading', { name: 'Звіти · Автоматизація', level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Утримано', level: 2 })).toBeVisible();
      await snapshot(page, 'uk-reports-automation');
      await expectNoUntranslatedText(page, 'uk-reports-automation');

      await page.getByRole('navigation', { name: 'Звіти' }).getByRole('link', { name: 'Доставка й витрати' }).click();
      await expect(page.getByRole('heading', { name: 'Звіти · Доставка й витрати', level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Збої', level: 2 })).toBeVisible();
      await snapshot(page, 'uk-reports-delivery');
      await expectNoUntranslatedText(page, 'uk-reports-delivery');
    } finally {
      await context.close();
    }
  });
});
