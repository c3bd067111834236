import { formatPhone } from '@backtalk/phone';
import type { CannedAnswerView } from '@backtalk/contracts';
import { expect, test } from '@playwright/test';
import { API_URL, DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// Canned answers in the composer: an admin sets one up through the API, an agent finds it by typing `/ref` or through
// the picker, and it goes in filled for the conversation.

async function createCannedAnswer(admin: Session, request: { title: string; body: string; shortcode: string }): Promise<CannedAnswerView> {
  const response = await fetch(`${API_URL}/api/canned-answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /api/canned-answers answered ${response.status}: ${text}`);
  return JSON.parse(text) as CannedAnswerView;
}

test.describe('canned answers', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Canned desk', sender: uniqueSender(), sendUrl });
    await createCannedAnswer(admin, { title: 'Refund on its way', body: 'Hi {{contact.first_name}}, your refund is on its way.', shortcode: 'refund' });
    await createCannedAnswer(admin, { title: 'Opening hours', body: 'We answer texts Monday to Friday, 9:00 to 18:00.', shortcode: 'hours' });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('an agent inserts a canned answer filled for the contact with /ref and Enter, then sends it with Ctrl+Enter', async ({ browser }) => {
    test.setTimeout(60_000);
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Hi, where is my refund for order #7781?');
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto('/inbox?view=unassigned');
    await expectLive(page);
    await conversationList(page).getByRole('link').filter({ hasText: formatPhone(customer) }).click();
    await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
    const reply = page.getByRole('textbox', { name: 'Reply' });

    // Through the picker, before the contact has a name: the answer goes in without it, and the composer says so.
    await page.getByRole('button', { name: 'Canned answers' }).click();
    const picker = page.getByTestId('canned-picker');
    // The seed has answers of its own; these two are among them, sorted by shortcode.
    await expect(picker.getByRole('option').filter({ hasText: '/hours' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search canned answers' }).fill('refund on');
    await expect(picker.getByRole('option')).toHaveCount(1);
    await expect(picker.getByRole('option')).toContainText('/refund');
    await page.keyboard.press('Enter');
    await expect(picker).toHaveCount(0);
    await expect(reply).toHaveValue(/your refund is on its way\.$/);
    await expect(reply).not.toHaveValue(/\{\{/);
    await expect(page.getByTestId('canned-missing')).toContainText('{{contact.first_name}}');
    await reply.fill('');

    // The contact gets a name.
    await page.getByRole('button', { name: 'Edit contact' }).click();
    const contact = page.getByRole('complementary', { name: 'Contact' });
    await contact.getByLabel('Name').fill('Iryna Bondar');
    await contact.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Iryna Bondar', level: 2 })).toBeVisible();

    // `/ref` opens the popover on the matching answer; Escape closes it without leaving the box, `/` brings it back.
    await reply.click();
    await page.keyboard.type('/');
    const popover = page.getByTestId('canned-popover');
    await expect(popover.getByRole('option').first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(popover).toHaveCount(0);
    await expect(reply).toBeFocused();
    await page.keyboard.press('Backspace');
    await page.keyboard.type('/ref');
    // `/ref` leaves the shortcodes starting with it (the seed's /refunded too), ours first; ↓ and ↑ move between them.
    await expect(popover.getByRole('option').filter({ hasNotText: /\/ref/ })).toHaveCount(0);
    const option = popover.getByRole('option').first();
    await expect(option).toContainText('/refund');
    await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'false');
    await expect(popover.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(option).toContainText('Refund on its way');
    await expect(option).toContainText('Hi {{contact.first_name}}, your refund is on its way.');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await snapshot(page, 'inbox-canned-picker');

    // Enter picks it (and sends nothing); the box holds the text filled for Iryna.
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue('Hi Iryna, your refund is on its way.');
    await expect(popover).toHaveCount(0);
    await expect(page.getByTestId('canned-missing')).toHaveCount(0);
    expect(aggregator.sent.filter((s) => s.to === customer)).toHaveLength(0);
    await snapshot(page, 'inbox-canned-inserted');

    await page.keyboard.press('Control+Enter');
    const sms = await aggregator.waitForSend((s) => s.to === customer);
    expect(sms.text).toBe('Hi Iryna, your refund is on its way.');
    await expect(thread(page).getByRole('article', { name: 'Reply' })).toContainText('Hi Iryna, your refund is on its way.');
    await expect(reply).toHaveValue('');
  });
});
