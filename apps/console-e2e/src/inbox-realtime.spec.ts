import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, desk, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, createGenericChannel, customerTexts, deliveryReport, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// Two Support agents at two desks, a customer texting in, and a Billing agent who must see none of it. Everything
// goes through the real API, the real socket and a signed generic webhook; nothing is reloaded.

const CUSTOMER = uniquePhone();
const customerRow = (page: Page) => conversationList(page).getByRole('link').filter({ hasText: formatPhone(CUSTOMER) });
const customerMessages = (page: Page) => thread(page).getByRole('article', { name: 'Customer message' });

/**
 * Cuts an agent's network the way a dropped Wi-Fi does: the browser goes offline (new connections fail) and the
 * socket that was open is closed at both ends. Chromium's offline mode alone leaves open WebSockets working, so the
 * page's socket.io connections pass through a route the test can close.
 */
class NetworkCutter {
  private readonly open: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];

  constructor(private readonly page: Page) {}

  async install(): Promise<void> {
    await this.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      this.open.push({ page: ws, server: ws.connectToServer() });
    });
  }

  async cut(): Promise<void> {
    await this.page.context().setOffline(true);
    for (const { page, server } of this.open.splice(0)) {
      await server.close({ code: 1001, reason: 'network gone' });
      await page.close({ code: 1001, reason: 'network gone' });
    }
  }

  async restore(): Promise<void> {
    await this.page.context().setOffline(false);
  }
}

test.describe('the realtime inbox', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Support realtime line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('two agents see a customer, each other and every message live, across a cut connection; Billing sees nothing', async ({ browser }) => {
    test.setTimeout(120_000);
    const a = await agentPage(browser, DEMO.agentA.email);
    const b = await desk(browser);
    const network = new NetworkCutter(b);
    await network.install();
    await b.goto('/login');
    await b.getByLabel('Email').fill(DEMO.agentB.email);
    await b.getByLabel('Password').fill(DEMO.agentPassword);
    await b.getByRole('button', { name: 'Sign in' }).click();
    const billing = await agentPage(browser, DEMO.billing.email);

    for (const page of [a, b, billing]) {
      await page.goto('/inbox?view=all');
      await expectLive(page);
      await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    }

    // A customer texts in: both Support agents have it within a second, without reloading.
    await customerTexts(channel, CUSTOMER, 'Hi, my parcel #7781 is stuck in Lviv since Monday.');
    await Promise.all([expect(customerRow(a)).toBeVisible({ timeout: 1_000 }), expect(customerRow(b)).toBeVisible({ timeout: 1_000 })]);
    await expect(customerRow(a)).toContainText('my parcel #7781');
    await expect(customerRow(b).getByLabel('1 unread')).toBeVisible();
    await snapshot(b, 'inbox-realtime-new-message');

    // Both open it; B sees that A is looking at it, then that A is typing.
    await customerRow(a).click();
    await customerRow(b).click();
    await expect(customerMessages(b)).toHaveCount(1);
    await expect(b.getByTestId('viewing-indicator')).toContainText(`${DEMO.agentA.name} is viewing`);
    await a.getByRole('textbox', { name: 'Reply' }).click();
    await a.keyboard.type('Hi! Sorry about the wait, let me check with the courier.');
    await expect(b.getByTestId('typing-indicator')).toContainText(`${DEMO.agentA.name} is typing a reply`);
    await snapshot(b, 'inbox-realtime-colleague-typing');

    // A sends with Ctrl+Enter; B sees the reply and its ticks move from sent to delivered.
    await a.keyboard.press('Control+Enter');
    await expect(a.getByRole('textbox', { name: 'Reply' })).toHaveValue('');
    const sms = await aggregator.waitForSend((s) => s.text.startsWith('Hi! Sorry about the wait'));
    const reply = thread(b).getByRole('article', { name: 'Reply' }).filter({ hasText: 'Sorry about the wait' });
    await expect(reply).toBeVisible();
    await expect(b.getByTestId('typing-indicator')).toHaveCount(0);
    await expect(reply.getByTestId('delivery-state')).toHaveText('Sent');
    await deliveryReport(channel, sms.providerId, 'delivered');
    await expect(reply.getByTestId('delivery-state')).toHaveText('Delivered');
    await expect(reply).toContainText(DEMO.agentA.name);
    await snapshot(b, 'inbox-realtime-reply-delivered');

    // B's connection drops while the customer sends 20 messages; once it is back, all 20 are there, in order, once.
    await network.cut();
    await expect(b.getByTestId('realtime-banner')).toBeVisible();
    const burst = Array.from({ length: 20 }, (_, i) => `Follow-up ${String(i + 1).padStart(2, '0')}: still waiting`);
    const start = Date.now();
    for (const [index, text] of burst.entries()) await customerTexts(channel, CUSTOMER, text, new Date(start + index * 1_000));
    // A, still connected, has them all live.
    await expect(customerMessages(a)).toHaveCount(21);
    await expect(customerMessages(b)).toHaveCount(1);
    await snapshot(b, 'inbox-realtime-reconnecting');

    await network.restore();
    await expectLive(b);
    await expect(customerMessages(b)).toHaveCount(21, { timeout: 10_000 });
    const texts = await customerMessages(b).locator('.bt-msg__body').allTextContents();
    expect(texts).toEqual(['Hi, my parcel #7781 is stuck in Lviv since Monday.', ...burst]);
    expect(await b.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await expect(b.getByTestId('realtime-banner')).toHaveCount(0);
    await snapshot(b, 'inbox-realtime-after-reconnect');

    // The Billing agent got none of it: not in any list, and the conversation itself is not found.
    await expect(customerRow(billing)).toHaveCount(0);
    await expect(conversationList(billing)).not.toContainText('parcel #7781');
    const conversationUrl = a.url().split('?')[0].replace(/^.*\/inbox\//, '/inbox/');
    await billing.goto(conversationUrl);
    await expect(billing.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
    await snapshot(billing, 'inbox-realtime-other-team');
  });
});
