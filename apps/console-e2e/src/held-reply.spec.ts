import { formatPhone } from '@backtalk/phone';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// One answer per customer: Andriy opens a waiting conversation and starts typing; Maria answers it first from her own
// desk. Andriy's send is held with Maria's name and text, and he decides.

const PHONE = { width: 390, height: 844 };

test.describe('a reply held because a colleague answered first', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let maria: Session;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Held replies line', sender: uniqueSender(), sendUrl });
    maria = await apiSignIn(DEMO.agentB.email, DEMO.agentPassword);
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  /** Andriy has the customer's conversation open with a draft in the box, and Maria has answered it meanwhile. */
  async function heldAfterMariaAnswers(browser: Browser, customer: string, draft: string): Promise<{ page: Page; conversationId: string }> {
    await customerTexts(channel, customer, 'Hi, my parcel 7731 has not moved for three days. Where is it?');
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=unassigned');
    await expectLive(page);
    await conversationList(page).getByRole('link').filter({ hasText: formatPhone(customer) }).click();
    await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
    const conversationId = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByRole('textbox', { name: 'Reply' }).fill(draft);
    await call(`/api/conversations/${conversationId}/messages`, { token: maria.token, body: { body: 'Maria here: the courier has it, it arrives tomorrow before noon.' } });
    await aggregator.waitForSend((sms) => sms.to === customer);
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const held = page.getByTestId('held-reply');
    await expect(held).toContainText('Not sent: Maria Agent answered this customer after you opened the conversation.');
    await expect(held.getByRole('list', { name: 'What they sent' })).toContainText('Maria here: the courier has it, it arrives tomorrow before noon.');
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue(draft);
    // Maria's reply made the conversation hers, and Andriy's header says so.
    await expect(page.getByRole('button', { name: 'Assignee: Maria Agent. Change' }).first()).toBeVisible();
    return { page, conversationId };
  }

  test('shows who answered and what they sent, keeps the draft, and Send anyway sends it once', async ({ browser }) => {
    const customer = uniquePhone();
    const draft = 'Andriy here: I have asked the depot to call you today.';
    const { page } = await heldAfterMariaAnswers(browser, customer, draft);
    await snapshot(page, 'inbox-held-reply');
    await page.setViewportSize(PHONE);
    await snapshot(page, 'inbox-held-reply-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Keyboard: the buttons are reachable by Tab from the reply box and work with Enter.
    const sendAnyway = page.getByRole('button', { name: 'Send anyway' });
    await sendAnyway.focus();
    await page.keyboard.press('Enter');

    await aggregator.waitForSend((sms) => sms.to === customer && sms.text === draft);
    await expect(page.getByTestId('held-reply')).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue('');
    await expect(thread(page).getByRole('article', { name: 'Reply' }).filter({ hasText: draft })).toHaveCount(1);
    expect(aggregator.sent.filter((sms) => sms.to === customer)).toHaveLength(2);
  });

  test('Discard my reply clears the draft and sends nothing', async ({ browser }) => {
    const customer = uniquePhone();
    const { page, conversationId } = await heldAfterMariaAnswers(browser, customer, 'Andriy here: let me check with the depot.');
    await page.getByRole('button', { name: 'Discard my reply' }).click();

    await expect(page.getByTestId('held-reply')).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue('');
    await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused();
    const messages = await call<{ items: Array<{ direction: string; body: string }> }>(`/api/conversations/${conversationId}/messages`, { token: maria.token });
    expect(messages.items.filter((message) => message.direction === 'outbound').map((message) => message.body)).toEqual(['Maria here: the courier has it, it arrives tomorrow before noon.']);
  });
});
