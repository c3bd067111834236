import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot, signInInUkrainian } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call, teamId } from './support/sms-world';

// Who changed that rule? A supervisor quietly changes what an automation rule does; the admin opens Settings → Audit
// log, narrows it to automation rules by that person and the rule's name, and reads the change field by field.

const suffix = Date.now().toString(36).slice(-5);
const RULE = `Refund requests ${suffix}`;
const PHONE = { width: 390, height: 844 };

/** The supervisor makes the rule and then changes it; only the change is what the admin is looking for. */
async function supervisorChangesRule(): Promise<void> {
  const sofia = await apiSignIn(DEMO.supervisor.email, DEMO.agentPassword);
  const support = await teamId(sofia, 'Support');
  const rule = await call<{ id: string }>('/api/automation/rules', {
    token: sofia.token,
    body: { name: RULE, teamId: support, trigger: 'inbound_message', conditions: [{ type: 'keywords', any: ['refund'] }], actions: [{ type: 'set_priority', priority: 'high' }], enabled: true },
  });
  await call(`/api/automation/rules/${rule.id}`, {
    method: 'PATCH',
    token: sofia.token,
    body: { actions: [{ type: 'set_priority', priority: 'urgent' }], enabled: false },
  });
}

async function filterToTheRule(page: Page, labels: { person: string; action: string; family: string; target: string }): Promise<void> {
  await page.getByLabel(labels.person).selectOption({ label: DEMO.supervisor.name });
  await page.getByLabel(labels.action, { exact: true }).selectOption({ label: labels.family });
  await page.getByLabel(labels.target).fill(RULE);
}

test.describe('audit log', () => {
  test.beforeAll(supervisorChangesRule);
  test.afterEach(closeDesks);

  test('an admin finds who changed a rule, and what they changed, in the audit log', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await page.goto('/settings/audit-log');
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await filterToTheRule(page, { person: 'Person', action: 'Action', family: 'Automation rules', target: 'Target' });

    const table = page.getByRole('table', { name: 'Audit log entries' });
    const rows = table.getByRole('row').filter({ hasText: RULE });
    await expect(rows).toHaveCount(2);
    const changed = rows.filter({ hasText: 'Rule changed' });
    await expect(changed).toContainText(DEMO.supervisor.name);
    await expect(rows.filter({ hasText: 'Rule created' })).toHaveCount(1);

    await changed.getByRole('button', { name: /^Details: Rule changed/ }).click();
    const details = page.getByRole('dialog', { name: 'Rule changed' });
    await expect(details).toContainText(DEMO.supervisor.name);
    const changes = details.getByRole('table', { name: 'What changed' });
    const enabled = changes.getByRole('row').filter({ hasText: 'Switched on' });
    await expect(enabled.getByRole('cell').first()).toHaveText('Yes');
    await expect(enabled.getByRole('cell').last()).toHaveText('No');
    const actions = changes.getByRole('row').filter({ hasText: 'Actions' });
    await expect(actions.getByRole('cell').first()).toContainText('"priority": "high"');
    await expect(actions.getByRole('cell').last()).toContainText('"priority": "urgent"');
    await docsSnapshot(page, 'audit-log-desktop');

    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await page.setViewportSize(PHONE);
    await expect(changed).toBeVisible();
    await docsSnapshot(page, 'audit-log-phone');
    await changed.getByRole('button', { name: /^Details: Rule changed/ }).click();
    await expect(details.getByRole('table', { name: 'What changed' })).toBeVisible();
    await docsSnapshot(page, 'audit-log-phone-details');
  });

  test('an admin reads the audit log in Ukrainian', async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.admin.email, DEMO.admin.password);
      await page.goto('/settings/audit-log');
      await expect(page.getByRole('heading', { name: 'Журнал аудиту', level: 1 })).toBeVisible();
      await filterToTheRule(page, { person: 'Хто', action: 'Дія', family: 'Правила автоматизації', target: 'Об’єкт' });
      const changed = page.getByRole('table', { name: 'Записи журналу аудиту' }).getByRole('row').filter({ hasText: 'Правило змінено' });
      await expect(changed).toContainText(DEMO.supervisor.name);
      await expectNoUntranslatedText(page, 'uk-audit-log-list');
      await changed.getByRole('button', { name: /^Подробиці: Правило змінено/ }).click();
      const details = page.getByRole('dialog', { name: 'Правило змінено' });
      await expect(details.getByRole('table', { name: 'Що змінилося' })).toBeVisible();
      await docsSnapshot(page, 'uk-audit-log');
      await expectNoUntranslatedText(page, 'uk-audit-log');
    } finally {
      await context.close();
    }
  });
});
