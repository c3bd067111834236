import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// The thread tells the whole story: what agents, the customer and Backtalk did to a conversation shows between the
// messages as quiet lines, on every desk that has it open, as it happens.

const PHONE = { width: 390, height: 844 };
const lines = (page: Page) => thread(page).getByTestId('activity-line');
const header = (page: Page) => page.getByRole('region', { name: /^Conversation with/ });

test.describe('activity lines in the thread', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Orders line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('resolve, reopen by the customer, snooze, priority, transfer and STOP appear live on both desks, in order', async ({ browser }) => {
    test.setTimeout(90_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Hi! My parcel 4417 was due yesterday. Where is it?', new Date(Date.now() - 6 * 60_000));
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const [conversation] = (await call<{ items: Array<{ id: string }> }>(`/api/conversations?q=${encodeURIComponent(customer)}`, { token: admin.token })).items;

    const andriy = await agentPage(browser, DEMO.agentA.email);
    await andriy.goto(`/inbox/${conversation.id}?view=all`);
    await expectLive(andriy);
    const ada = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await ada.goto(`/inbox/${conversation.id}?view=all`);
    await expectLive(ada);
    await expect(thread(ada)).toContainText('My parcel 4417');

    await header(andriy).getByRole('button', { name: 'Resolve' }).click();
    await expect(lines(andriy).last()).toContainText('You resolved the conversation');
    await expect(lines(ada).last()).toContainText('Andriy Agent resolved the conversation');

    await customerTexts(channel, customer, 'It still has not arrived, the tracking page says "in transit".');
    await expect(lines(ada).last()).toContainText('Reopened by the customer’s message');
    await expect(lines(andriy).last()).toContainText('Reopened by the customer’s message');

    await header(andriy).getByRole('button', { name: 'Snooze' }).click();
    await andriy.getByRole('menuitem', { name: /^In 1 hour/ }).click();
    await expect(lines(ada).last()).toContainText(/^Snoozed until .+ by Andriy Agent/);

    await customerTexts(channel, customer, 'Hello? I need it for the weekend.');
    await expect(lines(ada).last()).toContainText('Snooze ended by the customer’s message');

    await header(andriy).getByRole('button', { name: /^Priority: Normal/ }).click();
    await andriy.getByRole('menuitemradio', { name: /^Urgent/ }).or(andriy.getByRole('menuitem', { name: /^Urgent/ })).click();
    await expect(lines(ada).last()).toContainText('Priority changed from normal to urgent by Andriy Agent');
    await expect(lines(andriy).last()).toContainText('Priority changed from normal to urgent by you');

    // The admin moves it to Billing: the change of hands shows as its assignment line, and Andriy's inbox lets it go.
    await header(ada).getByRole('button', { name: /^Assignee: Unassigned/ }).click();
    await ada.getByRole('menuitem', { name: 'Billing' }).click();
    await expect(thread(ada).getByTestId('assignment-event').last()).toContainText('Billing');
    // On a phone, before the opt-out banner takes the bottom of the screen.
    await ada.setViewportSize(PHONE);
    await thread(ada).evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(lines(ada).last()).toBeInViewport();
    await snapshot(ada, 'thread-activity-phone');
    await ada.setViewportSize({ width: 1366, height: 820 });

    await customerTexts(channel, customer, 'STOP');
    await expect(lines(ada).last()).toContainText('Customer opted out (STOP)');

    await expect(lines(ada)).toHaveText([
      /Andriy Agent resolved the conversation/,
      /Reopened by the customer’s message/,
      /Snoozed until .+ by Andriy Agent/,
      /Snooze ended by the customer’s message/,
      /Priority changed from normal to urgent by Andriy Agent/,
      /Customer opted out \(STOP\)/,
    ]);
    // A reload reads the same story back from the API, in the same order.
    await ada.reload();
    await expectLive(ada);
    await expect(lines(ada)).toHaveCount(6);
    await expect(lines(ada).first()).toContainText('Andriy Agent resolved the conversation');
    await expect(conversationList(ada).getByRole('link').filter({ hasText: formatPhone(customer) })).toBeVisible();
    await snapshot(ada, 'thread-activity');
  });
});
