import { formatPhone } from '@backtalk/phone';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// The composer under pressure: a customer opting out mid-sentence, a reply growing past what SMS carries, the
// confirmations that must not sit on the Send button, and working through a list by resolving.

const rowOf = (page: Page, phone: string) => conversationList(page).getByRole('link').filter({ hasText: formatPhone(phone) });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 820 };

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box;
}

test.describe('the composer', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Parcels line', sender: uniqueSender(), sendUrl, pricePerSegment: 0.0079 });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  async function openConversationWith(page: Page, customer: string): Promise<void> {
    await page.goto('/inbox?view=all');
    await expectLive(page);
    await rowOf(page, customer).click();
    await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
  }

  test('STOP arriving while typing keeps the draft', async ({ browser }) => {
    test.setTimeout(60_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Where is my parcel? It was due yesterday.', minutesAgo(3));
    const page = await agentPage(browser, DEMO.agentA.email);
    await openConversationWith(page, customer);

    const draft = 'Your parcel left our Kyiv warehouse this morning and should reach you tomorrow before noon.';
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.fill(draft);
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await expect(send).toBeEnabled();

    await customerTexts(channel, customer, 'STOP');
    const blocked = page.getByTestId('reply-blocked');
    await expect(blocked).toContainText('opted out of messages from this number');
    await expect(blocked).toContainText('Your draft stays here.');
    await expect(reply).toHaveValue(draft);
    await expect(send).toBeDisabled();
    await snapshot(page, 'composer-stop-keeps-draft');
    await page.setViewportSize(PHONE);
    await expect(reply).toHaveValue(draft);
    await snapshot(page, 'composer-stop-keeps-draft-phone');
    await page.setViewportSize(DESKTOP);

    // Opting back in makes the same text sendable, without typing it again.
    await customerTexts(channel, customer, 'START');
    await expect(blocked).toHaveCount(0);
    await expect(send).toBeEnabled();
    await send.click();
    await aggregator.waitForSend((sms) => sms.text === draft);
    await expect(reply).toHaveValue('');
  });

  test('the length counter warns near the 1,600-character limit and says how much to cut past it', async ({ browser }) => {
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Can you send me the full terms of the warranty?', minutesAgo(2));
    const page = await agentPage(browser, DEMO.agentA.email);
    await openConversationWith(page, customer);

    const reply = page.getByRole('textbox', { name: 'Reply' });
    const counter = page.getByTestId('length-counter');
    const send = page.getByRole('button', { name: 'Send', exact: true });
    const terms = 'The warranty covers manufacturing faults for 24 months from delivery. ';
    await reply.fill(terms.repeat(10).trim());
    await expect(counter).toHaveText(`${(terms.length * 10 - 1).toLocaleString('en-US')} / 1,600`);
    await expect(counter).not.toHaveClass(/--near|--over/);

    await reply.fill(terms.repeat(23).slice(0, 1500));
    await expect(counter).toHaveText('1,500 / 1,600');
    await expect(counter).toHaveClass(/bt-sms-stats__length--near/);
    await expect(send).toBeEnabled();
    await snapshot(page, 'composer-length-near-limit');

    await reply.fill(terms.repeat(24).slice(0, 1642));
    await expect(counter).toHaveClass(/bt-sms-stats__length--over/);
    await expect(page.getByTestId('length-over')).toContainText('Cut 42 characters to send');
    await expect(send).toBeDisabled();
    await snapshot(page, 'composer-length-over-limit');
    await page.setViewportSize(PHONE);
    await expect(page.getByTestId('length-over')).toBeVisible();
    await snapshot(page, 'composer-length-over-limit-phone');
  });

  for (const size of [
    { name: 'desktop', viewport: DESKTOP },
    { name: 'phone', viewport: PHONE },
  ]) {
    test(`a confirmation toast never covers the composer or its Send button (${size.name})`, async ({ browser }) => {
      const customer = uniquePhone();
      await customerTexts(channel, customer, 'Hi, is anyone there?', minutesAgo(1));
      const page = await agentPage(browser, DEMO.agentA.email);
      await page.setViewportSize(size.viewport);
      await openConversationWith(page, customer);
      await page.getByRole('textbox', { name: 'Reply' }).fill('Yes, I am here. How can I help?');

      // A confirmation on screen, then Send: a toast in its way would make this click land on the toast instead.
      await page.locator('body').press('Escape');
      await page.keyboard.press('a');
      const toasts = page.getByRole('status', { name: 'Notifications' });
      await expect(toasts).toContainText('Assigned to you.');
      await page.getByRole('button', { name: 'Send', exact: true }).click({ trial: true });

      const composer = await boxOf(page.locator('.bt-composer__box'));
      for (const toast of await toasts.locator('.bt-toast').all()) {
        expect(overlaps(await boxOf(toast), composer)).toBe(false);
      }
      await snapshot(page, `composer-toast-clear-of-send-${size.name}`);
    });
  }

  test('a search from the Open tab finds a resolved conversation too, and the tabs still narrow it', async ({ browser }) => {
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'My voucher code KX-4471 did not work at checkout', minutesAgo(5));
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const { items } = await call<{ items: Array<{ id: string }> }>(`/api/conversations?view=all&q=${encodeURIComponent('KX-4471')}`, { token: admin.token });
    await call(`/api/conversations/${items[0].id}/resolve`, { token: admin.token, body: {} });

    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=all');
    await expectLive(page);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('KX-4471');
    await expect(rowOf(page, customer)).toContainText('Resolved');
    await expect(page.getByRole('tab', { name: 'Any status' })).toHaveAttribute('aria-selected', 'true');
    await snapshot(page, 'inbox-search-any-status');
    await page.getByRole('tab', { name: 'Open' }).click();
    await expect(rowOf(page, customer)).toHaveCount(0);
    await page.getByRole('tab', { name: 'Resolved' }).click();
    await expect(rowOf(page, customer)).toBeVisible();
  });

  test('after resolving, the next conversation of the list opens for an agent who asked for it, by button and by keyboard', async ({ browser }) => {
    test.setTimeout(60_000);
    const customers = [uniquePhone(), uniquePhone(), uniquePhone()];
    for (const [index, customer] of customers.entries()) await customerTexts(channel, customer, `Question number ${index + 1} about my order`, minutesAgo(10 - index));
    const page = await agentPage(browser, DEMO.agentB.email);
    const agent = await apiSignIn(DEMO.agentB.email, DEMO.agentPassword);
    try {
      await page.goto('/settings/profile');
      const setting = page.getByRole('checkbox', { name: 'After resolving, open the next conversation' });
      // Disabled until the saved preferences load; the box then shows the saved value, which a click changes once stored.
      await expect(setting).toBeEnabled();
      await expect(setting).not.toBeChecked();
      await setting.click();
      await expect(setting).toBeChecked();
      await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Resolving now opens the next conversation.');
      await snapshot(page, 'profile-next-after-resolve');

      // Latest first: the third customer is at the top, then the second, then the first.
      await page.goto('/inbox?view=unassigned');
      await expectLive(page);
      await rowOf(page, customers[2]).click();
      await expect(page.getByRole('heading', { name: formatPhone(customers[2]), level: 2 })).toBeVisible();
      const nextId = await rowOf(page, customers[1]).getAttribute('data-conversation-id');

      await page.getByRole('button', { name: 'Resolve' }).click();
      await expect(page.getByRole('heading', { name: formatPhone(customers[1]), level: 2 })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/inbox/${nextId}\\?view=unassigned$`));
      await expect(rowOf(page, customers[2])).toHaveCount(0);
      await expect(thread(page)).toContainText('Question number 2 about my order');
      await snapshot(page, 'inbox-next-after-resolve');

      await page.locator('body').press('Escape');
      await page.keyboard.press('e');
      await expect(page.getByRole('heading', { name: formatPhone(customers[0]), level: 2 })).toBeVisible();
    } finally {
      // The demo agent is shared with other tests of the run, which expect resolving to stay put.
      await call('/api/me/preferences', { method: 'PATCH', token: agent.token, body: { nextAfterResolve: false } });
    }
  });
});
