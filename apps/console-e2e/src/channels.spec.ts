import { expect, type Page, test } from '@playwright/test';
import { DEMO, SCREENSHOT_DIR } from '../e2e-environment';

const WEBHOOK_URL = /\/api\/webhooks\/twilio\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

// The country field starts from the browser's region.
test.use({ locale: 'en-US' });

test.describe('channels in the console', () => {
  test('the demo admin connects a Twilio number for Support, which Billing does not see', async ({ page, context }) => {
    test.setTimeout(60_000); // Three people sign in during this one story.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, DEMO.admin.email, DEMO.admin.password);

    await page.goto('/settings/channels');
    await expect(page.getByRole('heading', { name: 'Channels', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle('Channels · Backtalk');
    // A fresh database has no channels; keep a picture of the first thing an admin sees.
    if (await page.getByRole('heading', { name: 'Connect your first number' }).isVisible()) await snapshot(page, 'channels-empty');

    await page.getByRole('button', { name: 'Create channel' }).first().click();
    const form = page.getByRole('dialog', { name: 'Create channel' });
    await form.getByLabel('Name').fill('Support line US');
    await form.getByLabel('Team').selectOption({ label: 'Support' });
    await expect(form.getByLabel('Provider')).toHaveValue('twilio');
    await form.getByLabel('Sender', { exact: true }).fill('+14155550123');
    await expect(form.getByLabel('Country')).toHaveValue('US');
    await form.getByLabel('Auth token', { exact: true }).fill('e2e-twilio-auth-token');
    await snapshot(page, 'channels-create-dialog');
    await form.getByRole('button', { name: 'Create channel' }).click();

    const created = page.getByRole('dialog', { name: 'Channel “Support line US” created' });
    await expect(created.getByText("Paste this URL in Twilio's console as the inbound message and status callback URL.")).toBeVisible();
    const webhookField = created.getByLabel('Webhook URL', { exact: true });
    await expect(webhookField).toHaveValue(WEBHOOK_URL);
    const webhookUrl = await webhookField.inputValue();
    await snapshot(page, 'channels-created');
    await created.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row').filter({ hasText: 'Support line US' });
    await expect(row.getByRole('cell', { name: 'Support', exact: true })).toBeVisible();
    await expect(row.getByText('+1 415 555 0123')).toBeVisible();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    const shownUrl = row.locator('code');
    await expect(shownUrl).toHaveText(WEBHOOK_URL);
    await expect(shownUrl).toHaveText(webhookUrl);

    await row.getByRole('button', { name: 'Copy webhook URL for Support line US' }).click();
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Webhook URL copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(webhookUrl);
    await snapshot(page, 'channels-list');

    await row.getByRole('button', { name: 'Edit Support line US' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Support line US' });
    await expect(edit.getByLabel('Auth token', { exact: true })).toHaveAttribute('placeholder', '•••• set — leave empty to keep');
    await expect(edit.getByLabel('Auth token', { exact: true })).toHaveValue('');
    await edit.getByLabel('Name').fill('Support line (US)');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole('cell', { name: 'Support line (US)', exact: true })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Support line (US)' }).locator('code')).toHaveText(webhookUrl);
    await signOut(page);

    // A supervisor of Support sees it, read-only, with only which secrets are set.
    await signIn(page, 'supervisor@backtalk.local', DEMO.agentPassword);
    await page.goto('/settings/channels');
    const supervisorRow = page.getByRole('row').filter({ hasText: 'Support line (US)' });
    await expect(supervisorRow).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create channel' })).toHaveCount(0);
    await expect(supervisorRow.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
    await supervisorRow.getByRole('button', { name: 'Details of Support line (US)' }).click();
    const details = page.getByRole('dialog', { name: 'Support line (US)' });
    await expect(details.getByText('Auth token ✓')).toBeVisible();
    await expect(details.getByText('e2e-twilio-auth-token')).toHaveCount(0);
    await snapshot(page, 'channels-details-supervisor');
    await details.getByRole('button', { name: 'Done' }).click();
    await signOut(page);

    await signIn(page, 'billing@backtalk.local', DEMO.agentPassword);
    await page.goto('/settings/channels');
    // Billing's own lines (other specs may have connected some) or the empty state, and never Support's.
    await expect(page.getByRole('table', { name: 'Channels' }).or(page.getByRole('heading', { name: 'No channels for your teams yet' }))).toBeVisible();
    await expect(page.getByText('Support line (US)')).toHaveCount(0);
    await snapshot(page, 'channels-agent-empty');
  });
});
