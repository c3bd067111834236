import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { DEMO, serverEnvironment } from '../e2e-environment';
import { closeDesks, desk, docsSnapshot, expectLive, signIn, snapshot } from './support/console';
import { conversationWith } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// A supervisor opens Reports after a month of demo history (written by the same generator `npm start` uses, into the
// demo channels the seed creates) and some live traffic of today through signed webhooks and the reply API.

const ROOT = resolve(__dirname, '../../..');
const run = (args: string[]) => execFileSync(process.execPath, ['-r', '@swc-node/register', ...args], { cwd: ROOT, env: { ...process.env, ...serverEnvironment }, stdio: 'pipe' });

/** Chromium's reports of anything the console's Content-Security-Policy blocked (a chart library injecting <style> would). */
function cspViolations(page: Page): string[] {
  const reports: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) reports.push(message.text());
  });
  return reports;
}

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Reports' });
const card = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test.describe('reports', () => {
  test.describe.configure({ mode: 'serial' });

  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    run(['apps/api/src/cli/seed.ts', '--demo-channels', join(tmpdir(), `reports-e2e-numbers-${process.pid}.json`), '--sim-url', 'http://127.0.0.1:9']);
    run(['apps/api/src/cli/demo-history.ts']);

    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Reports desk', sender: uniqueSender(), sendUrl });
    const supervisor = await apiSignIn(DEMO.supervisor.email, DEMO.agentPassword);
    // Today: three customers write in; the supervisor answers two and resolves one.
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    for (const [i, phone] of phones.entries()) await customerTexts(channel, phone, `Where is my parcel #${7100 + i}?`, new Date(Date.now() - (40 - i * 10) * 60_000));
    for (const phone of phones.slice(0, 2)) {
      const conversation = await conversationWith(admin, phone);
      await call(`/api/conversations/${conversation.id}/assign`, { token: admin.token, body: { assigneeId: supervisor.userId } });
      await call(`/api/conversations/${conversation.id}/messages`, {
        token: supervisor.token,
        body: { body: 'It left our warehouse this morning, you will get it tomorrow.' },
        headers: { 'Idempotency-Key': `reports-e2e-${conversation.id}` },
      });
    }
    await call(`/api/conversations/${(await conversationWith(admin, phones[0])).id}/resolve`, { token: supervisor.token, body: {} });
  });

  // Sign-in is slow on purpose and the month of reports is real work for the API: more room than the default.
  test.beforeEach(() => test.setTimeout(60_000));
  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator?.stop();
  });

  test('a lead reads the morning numbers of the last 7 days with trends and the change on the previous period, then of a month', async ({ browser }) => {
    const page = await desk(browser);
    const violations = cspViolations(page);
    await signIn(page, DEMO.supervisor.email);
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await expect(tabs(page).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');

    // The last 7 days by default, compared with the 7 before.
    const conversations = card(page, 'Conversations');
    await expect(page.getByText(/^\d{1,2} \w{3} – \d{1,2} \w{3} \d{4} · /)).toBeVisible();
    await expect(conversations.locator('.bt-kpi__value')).toHaveText(/^[1-9][\d,]*$/);
    await expect(conversations.getByText(/vs previous \d+/)).toBeVisible();
    await expect(card(page, 'Conversations and messages by day').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await docsSnapshot(page, 'reports-overview', { height: 1000 });

    // A longer range, and what a number means, where it is shown.
    await page.getByLabel('Range', { exact: true }).selectOption('30d');
    await expect(page).toHaveURL(/range=30d/);
    await expect.poll(async () => Number((await conversations.locator('.bt-kpi__value').innerText()).replace(/,/g, ''))).toBeGreaterThan(100);
    await conversations.getByRole('button', { name: 'What “Conversations” means' }).click();
    await expect(page.getByRole('tooltip').filter({ hasText: 'Conversations that started in the range' })).toBeVisible();

    // A range with no traffic says why the charts are empty.
    await page.getByLabel('Range', { exact: true }).selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2024-01-01');
    await page.getByLabel('To', { exact: true }).fill('2024-01-07');
    await expect(page.getByRole('heading', { name: 'No conversations in this period' })).toBeVisible();
    await snapshot(page, 'reports-overview-empty');
    // The charts are drawn without anything the policy forbids.
    expect(violations).toEqual([]);
  });

  test('today’s numbers on the overview go up as a customer texts in, without a reload', async ({ browser }) => {
    const page = await desk(browser);
    // The socket goes through the test, so that its connection can be cut as a network would.
    const sockets: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      sockets.push({ page: ws, server: ws.connectToServer() });
    });
    await signIn(page, DEMO.supervisor.email);
    await page.goto('/reports');
    await expectLive(page);
    const today = page.getByRole('region', { name: 'Today so far' });
    await expect(today.getByTestId('today-live')).toHaveAttribute('data-status', 'live');
    const inbound = today.locator('[data-metric="inboundMessages"] dd');
    await expect(inbound).toHaveText(/^\d[\d,]*$/);
    const count = async () => Number((await inbound.innerText()).replace(/,/g, ''));
    const before = await count();
    const started = Number((await today.locator('[data-metric="conversationsCreated"] dd').innerText()).replace(/,/g, ''));

    await customerTexts(channel, uniquePhone(), 'Is the shop open on Sunday?');
    // Within the refetch interval and the socket's delivery; the page is never reloaded.
    await expect.poll(count, { timeout: 10_000 }).toBe(before + 1);
    await expect(today.locator('[data-metric="conversationsCreated"] dd')).toHaveText(String(started + 1));
    await expect(today.getByText(/^Updated \d/)).toBeVisible();
    await docsSnapshot(page, 'reports-today', { height: 1000 });

    // The connection drops while two more customers write; once it is back the strip has them, still without a reload.
    await page.context().setOffline(true);
    for (const { page: client, server } of sockets.splice(0)) {
      await server.close({ code: 1001, reason: 'network gone' });
      await client.close({ code: 1001, reason: 'network gone' });
    }
    await expect(today.getByTestId('today-live')).not.toHaveAttribute('data-status', 'live');
    await customerTexts(channel, uniquePhone(), 'Do you ship to Poland?');
    await customerTexts(channel, uniquePhone(), 'Can I change my address?');
    await page.context().setOffline(false);
    await expectLive(page);
    await expect.poll(count, { timeout: 10_000 }).toBe(before + 3);
  });

  test('a lead reads the conversations tab, by day, hour and team, and downloads it as CSV', async ({ browser }) => {
    const page = await desk(browser);
    await signIn(page, DEMO.supervisor.email);
    await page.goto('/reports?range=30d');
    await tabs(page).getByRole('link', { name: 'Conversations' }).click();
    await expect(page).toHaveURL(/\/reports\/conversations\?range=30d$/);
    await expect(card(page, 'Messages by day').locator('.recharts-bar-rectangle').first()).toBeVisible();
    const heatmap = card(page, 'When customers write').getByRole('table', { name: 'Inbound messages by weekday and hour of day' });
    await expect(heatmap.locator('.bt-heatmap__cell--4').first()).toBeVisible();
    await expect(card(page, 'By team').getByRole('cell', { name: 'Support' })).toBeVisible();
    await docsSnapshot(page, 'reports-conversations', { height: 1750 });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^backtalk-conversations-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(10);
  });

  test('a lead reads response times as median and 90th percentile, in calendar time or in business hours', async ({ browser }) => {
    const page = await desk(browser);
    await signIn(page, DEMO.supervisor.email);
    await page.goto('/reports?range=30d');
    await tabs(page).getByRole('link', { name: 'Response times' }).click();
    await expect(page.getByText(/^Counted in calendar time/)).toBeVisible();
    const first = card(page, 'First response time');
    await expect(first.getByText(/Median and 90th percentile per day, calendar time/)).toBeVisible();
    await expect(first.locator('.recharts-line-curve')).toHaveCount(2);
    await expect(card(page, 'Median first response').locator('.bt-kpi__value')).toHaveText(/\d+ (s|min|h|d)/);
    await docsSnapshot(page, 'reports-response-times', { height: 1300 });

    // The box follows the URL, which updates a moment after the click.
    await page.getByRole('checkbox', { name: 'Business hours only' }).click();
    await expect(page.getByRole('checkbox', { name: 'Business hours only' })).toBeChecked();
    await expect(page).toHaveURL(/hours=business/);
    await expect(page.getByText(/^Counted in business hours only/)).toBeVisible();
  });

  test('a lead reads SLA, automation, delivery and cost, agents and CSAT for the month, each filled in', async ({ browser }) => {
    const page = await desk(browser);
    await signIn(page, DEMO.supervisor.email);
    await page.goto('/reports?range=30d');
    const open = async (tab: string, path: string) => {
      await tabs(page).getByRole('link', { name: tab }).click();
      await expect(page).toHaveURL(new RegExp(`/reports/${path}\\?range=30d$`));
    };

    await open('SLA', 'sla');
    await expect(card(page, 'Breaches by day').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(card(page, 'First response within SLA').locator('.bt-kpi__value')).toHaveText(/%$/);
    await docsSnapshot(page, 'reports-sla', { height: 1100 });

    await open('Automation', 'automation');
    await expect(card(page, 'Automatic replies by day').locator('.recharts-line-curve')).toBeVisible();
    await expect(card(page, 'By FAQ').getByRole('row')).not.toHaveCount(0);
    await docsSnapshot(page, 'reports-automation', { height: 1100 });

    await open('Delivery & cost', 'delivery');
    await expect(card(page, 'Segments by day').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(card(page, 'Cost by channel').getByRole('cell', { name: 'Support line' })).toBeVisible();
    await expect(card(page, 'Failures').getByRole('row').nth(1)).toBeVisible();
    // Support's channels are priced in dollars, so the supervisor reads one total in dollars.
    await expect(card(page, 'Cost').locator('.bt-kpi__value')).toHaveText(/^\$[\d,]+\.\d{2,4}$/);
    await expect(card(page, 'Cost by channel').getByRole('row', { name: /Support line/ })).toContainText('$');
    await docsSnapshot(page, 'reports-delivery', { height: 1500 });

    await open('Agents', 'agents');
    await expect(card(page, 'Agents').getByRole('row', { name: /Maria Agent/ })).toBeVisible();
    await docsSnapshot(page, 'reports-agents');

    await open('CSAT', 'csat');
    await expect(card(page, 'Ratings').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(card(page, 'Comments').getByRole('listitem').first()).toBeVisible();
    await docsSnapshot(page, 'reports-csat', { height: 1100 });
  });

  test('an admin of both teams reads the cost in dollars and in hryvnias side by side, never added up', async ({ browser }) => {
    const page = await desk(browser);
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto('/reports/delivery?range=30d');
    const cost = card(page, 'Cost');
    await expect(cost.getByRole('listitem')).toHaveCount(2);
    await expect(cost.getByRole('listitem').nth(0)).toHaveText(/^₴[\d,]+\.\d{2}/);
    await expect(cost.getByRole('listitem').nth(1)).toHaveText(/^\$[\d,]+\.\d{2}/);
    await expect(cost).toContainText('Mixed currencies, not added up');
    await expect(card(page, 'Cost by channel').getByRole('row', { name: /Billing line/ })).toContainText('₴');
    await expect(card(page, 'Cost by channel').getByRole('row', { name: /Support line/ })).toContainText('$');
    await docsSnapshot(page, 'reports-delivery-currencies', { height: 1500 });

    await page.goto('/reports?range=30d');
    await expect(card(page, 'SMS cost').getByRole('listitem')).toHaveCount(2);
  });

  test('on a phone the overview stacks and the tabs scroll', async ({ browser }) => {
    const page = await desk(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, DEMO.supervisor.email);
    await page.goto('/reports');
    await expect(card(page, 'Conversations and messages by day').locator('.recharts-bar-rectangle').first()).toBeVisible();
    // Nothing sticks out of the page sideways.
    expect(await page.locator('#main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
    await docsSnapshot(page, 'reports-overview-phone', { height: 2000 });
  });
});
