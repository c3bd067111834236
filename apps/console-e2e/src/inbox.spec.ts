import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, expectLive, snapshot, thread } from './support/console';
import {
  apiSignIn,
  createGenericChannel,
  customerTexts,
  customerTextsMany,
  deliveryReport,
  FakeAggregator,
  teamId,
  uniquePhone,
  uniqueSender,
  type GenericChannel,
} from './support/sms-world';

// One agent's working day in the inbox, through the real API: taking, answering, noting, snoozing, resolving,
// searching, starting conversations, and what the console does with failures and opt-outs.

const rowOf = (page: Page, phone: string) => conversationList(page).getByRole('link').filter({ hasText: formatPhone(phone) });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

test.describe('the inbox', () => {
  let aggregator: FakeAggregator;
  let sendUrl: string;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Support desk', sender: uniqueSender(), sendUrl, pricePerSegment: 0.0079 });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('an agent takes a waiting customer, fixes a Unicode reply, resends a failed one and leaves a note', async ({ browser }) => {
    test.setTimeout(90_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Hello, I was charged twice for order #5120. Can you refund one?', minutesAgo(14));
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=unassigned');
    await expectLive(page);

    const row = rowOf(page, customer);
    await expect(row).toContainText('charged twice');
    await expect(row).toContainText('Unassigned');
    await snapshot(page, 'inbox-unassigned');

    await row.click();
    await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
    await expect(row.getByLabel(/unread/)).toHaveCount(0); // opening it marks it read
    await page.keyboard.press('a');
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Assigned to you.');
    await expect(page.getByRole('button', { name: 'Assignee: You. Change' }).first()).toBeVisible();

    // One curly apostrophe makes the whole reply Unicode; one click puts plain characters back.
    await page.keyboard.press('r');
    await page.keyboard.type('Sorry about that! We’ve refunded the second charge — it’ll show in 3–5 days.');
    const stats = page.getByTestId('sms-stats');
    await expect(stats).toContainText('Unicode');
    await expect(stats).toContainText('2 segments');
    await expect(page.getByText('Unicode because of')).toBeVisible();
    await snapshot(page, 'inbox-composer-unicode');
    await page.getByRole('button', { name: 'Use plain characters' }).click();
    await expect(stats).toContainText('GSM-7');
    await expect(stats).toContainText('1 segment');
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue("Sorry about that! We've refunded the second charge - it'll show in 3-5 days.");
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    // The carrier reports it failed: the reason is shown in plain words, with a deliberate resend.
    const first = await aggregator.waitForSend((s) => s.to === customer);
    const reply = thread(page).getByRole('article', { name: 'Reply' }).first();
    await expect(reply.getByTestId('delivery-state')).toHaveText('Sent');
    await deliveryReport(channel, first.providerId, 'failed', { code: 'E30007', description: 'The carrier filtered the message as spam.' });
    await expect(reply.getByTestId('delivery-state')).toHaveText('Failed');
    await expect(reply).toContainText('The carrier filtered the message as spam.');
    await snapshot(page, 'inbox-failed-message');
    await reply.getByRole('button', { name: 'Resend' }).click();
    await aggregator.waitForSend((s) => s.to === customer && s.id !== first.id);
    await expect(thread(page).getByRole('article', { name: 'Reply' })).toHaveCount(2);

    // A private note stays in the thread, marked as never sent.
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await page.keyboard.type('Refund ticket R-2291, checked with finance.');
    await page.keyboard.press('Control+Enter');
    const note = thread(page).getByRole('article', { name: 'Private note' });
    await expect(note).toContainText('Only agents see this');
    await expect(note).toContainText('Refund ticket R-2291');
    expect(aggregator.sent.filter((s) => s.text.includes('R-2291'))).toHaveLength(0);

    // The contact gets a name, which the list shows from then on.
    await page.getByRole('button', { name: 'Edit contact' }).click();
    const contact = page.getByRole('complementary', { name: 'Contact' });
    await contact.getByLabel('Name').fill('Iryna Bondar');
    await contact.getByLabel('Notes').fill('Double charge on #5120, refunded.');
    await contact.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Iryna Bondar', level: 2 })).toBeVisible();
    // Taken, it left Unassigned for Mine, where it now goes by its name.
    await expect(row).toHaveCount(0);
    await page.getByRole('link', { name: /^Mine/ }).click();
    // The open row, by its name: other tests' customers may have the same name, and replying made theirs Mine too.
    await expect(conversationList(page).locator('a[aria-current="page"]')).toContainText('Iryna Bondar');
    await expect(thread(page).getByRole('article', { name: 'Reply' }).first()).toContainText('Failed');
    await snapshot(page, 'inbox-conversation');
  });

  test('on a channel that keeps replies in GSM-7, the composer counts the plain text, and the agent may send it as typed', async ({ browser }) => {
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const smart = await createGenericChannel(admin, {
      teamId: await teamId(admin, 'Support'),
      name: 'Support GSM-7 line',
      sender: uniqueSender(),
      sendUrl,
      smartEncoding: true,
    });
    const customer = uniquePhone();
    await customerTexts(smart, customer, 'Do you ship to Kharkiv?');
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=unassigned');
    await rowOf(page, customer).click();
    await page.getByRole('textbox', { name: 'Reply' }).fill('Yes, we’ll ship there in 2–3 days.');
    const stats = page.getByTestId('sms-stats');
    await expect(page.getByText('keeping the reply in GSM-7')).toBeVisible();
    await expect(stats).toContainText('GSM-7');
    await snapshot(page, 'inbox-composer-smart-encoding');
    await page.getByRole('button', { name: 'Send as typed' }).click();
    await expect(stats).toContainText('Unicode');
    await page.getByRole('textbox', { name: 'Reply' }).press('Control+Enter');
    const sms = await aggregator.waitForSend((s) => s.to === customer);
    expect(sms.text).toBe('Yes, we’ll ship there in 2–3 days.');
  });

  test('snooze, resolve and search move conversations between tabs; the keyboard does it all', async ({ browser }) => {
    test.setTimeout(60_000);
    const snoozed = uniquePhone();
    const resolved = uniquePhone();
    await customerTexts(channel, snoozed, 'Can you call me back next week about the warranty?', minutesAgo(30));
    await customerTexts(channel, resolved, 'Thanks, all sorted now!', minutesAgo(20));
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=unassigned');
    await expectLive(page);

    // Snooze until tomorrow morning from the menu.
    await rowOf(page, snoozed).click();
    await page.getByRole('button', { name: 'Snooze' }).click();
    await page.getByRole('menuitem', { name: /Tomorrow morning/ }).click();
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Snoozed until');
    await expect(rowOf(page, snoozed)).toHaveCount(0);
    await page.getByRole('tab', { name: 'Snoozed' }).click();
    await expect(rowOf(page, snoozed)).toBeVisible();
    await page.getByRole('tab', { name: 'Open' }).click();

    // j/k move through the list, Enter opens, e resolves.
    await page.locator('body').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await snapshot(page, 'inbox-shortcuts');
    await page.keyboard.press('Escape');
    const ids = await conversationList(page).getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('data-conversation-id')));
    const target = await rowOf(page, resolved).getAttribute('data-conversation-id');
    const steps = ids.indexOf(target);
    for (let i = 0; i <= steps; i++) await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: formatPhone(resolved), level: 2 })).toBeVisible();
    await page.keyboard.press('e');
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Resolved.');
    await expect(rowOf(page, resolved)).toHaveCount(0);
    await expect(page.getByText('A new message from the customer reopens it.')).toBeVisible();

    // Search finds it by message text in the Resolved tab.
    await page.getByRole('tab', { name: 'Resolved' }).click();
    await page.keyboard.press('/');
    await page.keyboard.type('all sorted');
    await expect(conversationList(page).getByRole('link')).toHaveCount(1);
    await expect(rowOf(page, resolved)).toBeVisible();
    await snapshot(page, 'inbox-search');
  });

  test('a customer who texted STOP cannot be replied to, only noted', async ({ browser }) => {
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Who is this?', minutesAgo(5));
    await customerTexts(channel, customer, 'STOP', minutesAgo(4));
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=all');
    const row = rowOf(page, customer);
    await expect(row).toContainText('Opted out');
    await row.click();
    const block = page.getByTestId('opted-out-block');
    await expect(block).toContainText('opted out of messages from this number');
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Contact' })).toContainText('texted STOP');
    await snapshot(page, 'inbox-opted-out');
    await block.getByRole('button', { name: 'Write a private note' }).click();
    await expect(page.getByRole('textbox', { name: 'Private note' })).toBeVisible();
  });

  test('an agent texts a new number and schedules a follow-up they then cancel', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox');
    await expectLive(page);
    await page.getByRole('button', { name: 'New conversation', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('From').selectOption({ label: `${channel.name} (${channel.sender})` });
    await dialog.getByLabel('To').fill('050 123 0401');
    await dialog.getByLabel('Message').fill('Hi, this is Backtalk Store: your order #6001 is ready for pickup.');
    await expect(dialog).toContainText('GSM-7 · 1 segment');
    await snapshot(page, 'inbox-new-conversation');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { name: '+380 50 123 0401', level: 2 })).toBeVisible();
    await aggregator.waitForSend((s) => s.to === '+380501230401');

    await page.getByRole('textbox', { name: 'Reply' }).fill('Reminder: we keep orders for 7 days.');
    await page.getByRole('button', { name: 'Send later' }).click();
    await page.getByRole('menuitem', { name: /Tomorrow morning/ }).click();
    const scheduled = thread(page).locator('[data-status="scheduled"]');
    await expect(scheduled).toContainText('Sends');
    await scheduled.getByRole('button', { name: 'Cancel sending' }).click();
    await expect(thread(page).locator('[data-status="cancelled"]')).toContainText('Cancelled');
  });

  test('a new customer message in Unassigned shows in the tab title and as a desktop notification', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.agentB.email);
    await page.context().grantPermissions(['notifications']);
    // Record notifications instead of drawing them: headless Chromium has no notification centre to look at.
    await page.addInitScript(() => {
      const shown: Array<{ title: string; body: string }> = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class RecordingNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body ?? '' });
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    });
    await page.goto('/inbox?view=mine');
    await expectLive(page);
    await page.getByRole('button', { name: /^Alerts for new messages/ }).click();
    await page.getByRole('menuitemradio', { name: 'Desktop notifications' }).click();
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Desktop notifications on');
    const before = Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);

    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Is anyone there? My card was declined twice.');
    await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications)).toEqual([
      { title: formatPhone(customer), body: 'Is anyone there? My card was declined twice.' },
    ]);
    await expect(page).toHaveTitle(new RegExp(`^\\(${before + 1}\\) Inbox · Backtalk$`));
  });

  test('long threads load older messages on scroll, and long lists load page by page', async ({ browser }) => {
    test.setTimeout(90_000);
    const chatty = uniquePhone();
    const start = minutesAgo(300);
    await customerTextsMany(channel, chatty, Array.from({ length: 70 }, (_, i) => `Message number ${i + 1}`), start);
    // 130 customers, each one message: more than two pages of the list.
    for (let batch = 0; batch < 13; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => customerTexts(channel, `+38050129${String(batch * 10 + i).padStart(4, '0')}`, `Question ${batch * 10 + i}`, minutesAgo(200 - batch))),
      );
    }
    const page = await agentPage(browser, DEMO.agentB.email);
    await page.goto('/inbox?view=all&sort=waiting');
    await expectLive(page);

    const scroller = conversationList(page);
    const rendered = await scroller.getByRole('listitem').count();
    expect(rendered).toBeLessThan(40); // virtualised: only what is on screen, plus a margin
    // Scrolled a screen at a time, the list loads the next page whenever its end comes near. The last question is
    // somewhere in the middle: customers earlier specs left waiting since before it come first, and conversations
    // nobody waits on (an agent answered last) after it, so jumping to the end would skip past its row.
    await expect
      .poll(
        async () => {
          await scroller.evaluate((element) => element.scrollBy(0, element.clientHeight));
          return scroller.getByText('Question 129').count();
        },
        { timeout: 60_000, intervals: [300] },
      )
      .toBeGreaterThan(0);
    await scroller.getByText('Question 129').scrollIntoViewIfNeeded();
    await expect(scroller.getByText('Question 129')).toBeVisible();

    await page.goto('/inbox?view=all&q=Message%20number');
    await rowOf(page, chatty).click();
    const messages = thread(page).getByRole('article', { name: 'Customer message' });
    await expect(messages).toHaveCount(50);
    await expect(messages.last()).toContainText('Message number 70');
    await thread(page).evaluate((element) => element.scrollTo(0, 0));
    await expect(messages).toHaveCount(70);
    await expect(messages.first()).toContainText('Message number 1');
    await expect(thread(page).getByText('Start of the conversation')).toBeVisible();
  });
});
