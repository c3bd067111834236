import { expect, type Page, test } from '@playwright/test';
import { DEMO, SCREENSHOT_DIR } from '../e2e-environment';

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
}

async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

test.describe('accounts and access in the console', () => {
  test('a wrong password is refused with a readable message', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO.admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(/email or password is incorrect/i)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await snapshot(page, '01-login-error');
  });

  test('the demo admin creates a team and an agent, and the agent sees only their team', async ({ page }) => {
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    // A fresh database: the admin's own queue is empty, and the inbox says what to do about it.
    await expect(page.getByRole('heading', { name: 'Nothing assigned to you' })).toBeVisible();
    await expect(page.getByTestId('realtime-status')).toHaveAttribute('data-status', 'live');
    await snapshot(page, '02-admin-inbox');

    await page.goto('/settings/teams');
    await page.getByRole('button', { name: 'Create team' }).first().click();
    const teamDialog = page.getByRole('dialog');
    await teamDialog.getByLabel('Name').fill('Escalations');
    await teamDialog.getByLabel('Description').fill('Complaints and anything legal');
    await teamDialog.getByRole('button', { name: 'Create team' }).click();
    await expect(page.getByRole('cell', { name: 'Escalations', exact: true })).toBeVisible();
    await snapshot(page, '03-admin-teams');

    await page.goto('/settings/users');
    await page.getByRole('button', { name: 'Create user' }).first().click();
    const userDialog = page.getByRole('dialog');
    await userDialog.getByLabel('Name').fill('Eve Escalation');
    await userDialog.getByLabel('Email').fill('eve@example.com');
    await userDialog.getByLabel('Password').fill('eve-strong-password');
    await userDialog.getByLabel('Role').selectOption('agent');
    await userDialog.getByLabel('Escalations').check();
    await snapshot(page, '04-admin-create-user-dialog');
    await userDialog.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('cell', { name: /eve@example.com/ })).toBeVisible();
    await snapshot(page, '05-admin-users');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await signIn(page, 'eve@example.com', 'eve-strong-password');
    await page.goto('/settings/my-teams');
    await expect(page.getByRole('heading', { name: 'Escalations' })).toBeVisible();
    await expect(page.getByText('Support', { exact: true })).toHaveCount(0);
    await expect(page.getByText('Billing', { exact: true })).toHaveCount(0);
    await snapshot(page, '06-agent-my-teams');

    await page.goto('/settings/users');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByText('admin@backtalk.local')).toHaveCount(0);
    await snapshot(page, '07-agent-denied-users');
  });

  test('a reload keeps the session through the refresh cookie', async ({ page }) => {
    await signIn(page, `agent@backtalk.local`, DEMO.agentPassword);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await expect(page).not.toHaveURL(/\/login/);
  });

  test('an unknown address shows the not-found page with a way back', async ({ page }) => {
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await snapshot(page, '08-not-found');
  });
});
