import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot, snapshot, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// The customer directory and a customer's page: finding someone however their number is written, their history
// across numbers, each team's notes, and texting them first from there.

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
/** "+380 67 123 4567" as a Ukrainian writes it at home: "067 123 45 67". */
const national = (e164: string) => `0${e164.slice(4, 6)} ${e164.slice(6, 9)} ${e164.slice(9, 11)} ${e164.slice(11)}`;
const directory = (page: Page) => page.getByRole('listbox', { name: /^Contacts/ });
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search contacts' });

async function conversationOf(admin: Session, phone: string): Promise<{ id: string; contact: { id: string } }> {
  const page = await call<{ items: Array<{ id: string; contact: { id: string; phone: string } }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token });
  const found = page.items.find((conversation) => conversation.contact.phone === phone);
  if (!found) throw new Error(`No conversation with ${phone}`);
  return found;
}

test.describe('contacts', () => {
  let aggregator: FakeAggregator;
  let sendUrl: string;
  let admin: Session;
  let frontDesk: GenericChannel;
  let returnsLine: GenericChannel;
  const olena = uniquePhone();
  const stopper = uniquePhone();
  const olenaName = `Olena Directory ${Date.now().toString(36)}`;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const support = await teamId(admin, 'Support');
    frontDesk = await createGenericChannel(admin, { teamId: support, name: 'Kiosk line', sender: uniqueSender(), sendUrl });
    returnsLine = await createGenericChannel(admin, { teamId: support, name: 'Jackets line', sender: uniqueSender(), sendUrl });

    // Olena wrote to the front desk three days ago (resolved since), and to the returns line yesterday.
    await customerTexts(frontDesk, olena, 'Hi, my parcel 5120 never arrived.', daysAgo(3));
    await expect.poll(() => conversationOf(admin, olena).then(() => true, () => false)).toBe(true);
    const first = await conversationOf(admin, olena);
    await call(`/api/conversations/${first.id}/resolve`, { token: admin.token, method: 'POST' });
    await customerTexts(returnsLine, olena, 'Can I return the blue jacket?', daysAgo(1));
    await call(`/api/contacts/${first.contact.id}`, { token: admin.token, method: 'PATCH', body: { name: olenaName } });

    await customerTexts(frontDesk, stopper, 'Where is my order?', daysAgo(2));
    await customerTexts(frontDesk, stopper, 'STOP', daysAgo(2));
    await expect.poll(async () => (await conversationOf(admin, stopper).catch(() => null)) !== null).toBe(true);
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('an agent finds a customer by number in any format or by name, and filters the directory', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expect(directory(page).getByRole('option').first()).toBeVisible();
    await docsSnapshot(page, 'contacts-directory');

    // Typed the way the customer would say it at home: the directory searches as the agent types.
    await search(page).fill(national(olena));
    await expect(directory(page).getByRole('option')).toHaveCount(1);
    await expect(directory(page).getByRole('option')).toContainText(olenaName);
    await expect(directory(page).getByRole('option')).toContainText(formatPhone(olena));
    await expect(directory(page).getByRole('option')).toContainText('Support');

    await search(page).fill(olenaName.slice(6).toLowerCase());
    await expect(directory(page).getByRole('option')).toHaveCount(1);
    await expect(page).toHaveURL(/q=/);

    await search(page).fill('nobody-has-this-name');
    await expect(page.getByRole('heading', { name: 'No contacts match' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(search(page)).toHaveValue('');

    // Filters combine as chips, each removable on its own.
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('menuitemradio', { name: 'Opted out' }).click();
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('menuitemradio', { name: 'Kiosk line' }).click();
    await expect(page.getByLabel('Filters')).toContainText('Opted out');
    await expect(page.getByLabel('Filters')).toContainText('Channel: Kiosk line');
    await expect(directory(page).getByRole('option')).toHaveCount(1);
    await expect(directory(page).getByRole('option')).toContainText(formatPhone(stopper));
    await expect(directory(page).getByRole('option')).toContainText('Opted out');
    await snapshot(page, 'contacts-filtered');
    await page.getByRole('button', { name: 'Remove filter Opted out' }).click();
    await expect(page.getByLabel('Filters')).not.toContainText('Opted out');
    await expect(directory(page).getByRole('option', { name: new RegExp(olenaName) })).toBeVisible();

    await page.getByRole('button', { name: /^Sort:/ }).click();
    await page.getByRole('menuitemradio', { name: 'Name' }).click();
    await expect(page).toHaveURL(/sort=name/);

    // The keyboard opens a contact: arrows move, Enter opens.
    await search(page).fill(olenaName);
    await expect(directory(page).getByRole('option')).toHaveCount(1);
    await directory(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: olenaName, level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'All contacts' }).click();
    await expect(search(page)).toHaveValue(olenaName);
  });

  test('a customer’s page shows every conversation newest first, consent and the team’s notes, and opens a conversation', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await agentPage(browser, DEMO.agentA.email);
    const contactId = (await conversationOf(admin, olena)).contact.id;
    await page.goto(`/contacts/${contactId}`);
    await expect(page.getByRole('heading', { name: olenaName, level: 1 })).toBeVisible();
    await expect(page.getByText(formatPhone(olena))).toBeVisible();

    const conversations = page.getByRole('region', { name: 'Conversations' }).getByRole('link');
    await expect(conversations).toHaveCount(2);
    await expect(conversations.nth(0)).toContainText('Jackets line');
    await expect(conversations.nth(0)).toContainText('blue jacket');
    await expect(conversations.nth(1)).toContainText('Resolved');
    await expect(conversations.nth(1)).toContainText('parcel 5120');
    await expect(page.getByRole('region', { name: 'Consent' })).toContainText('no STOP or START recorded');

    const notes = page.getByRole('textbox', { name: "Support's notes" });
    await notes.fill('Prefers texts after 18:00.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText("Support's notes saved.");
    await docsSnapshot(page, 'contacts-contact', { height: 900 });

    await conversations.nth(1).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    await expect(thread(page)).toContainText('parcel 5120');
  });

  test('an agent texts a customer first from their page and lands in the new conversation; an opt-out says why not', async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto(`/contacts/${(await conversationOf(admin, olena)).contact.id}`);
    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('From').selectOption({ label: `Kiosk line (${formatPhone(frontDesk.sender)})` });
    await dialog.getByLabel('Message').fill('Hi Olena, your refund for parcel 5120 is on its way.');
    await snapshot(page, 'contacts-new-conversation');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    await expect(thread(page)).toContainText('your refund for parcel 5120');
    await aggregator.waitForSend((sms) => sms.to === olena && sms.text.includes('refund for parcel 5120'));

    await page.goto(`/contacts/${(await conversationOf(admin, stopper)).contact.id}`);
    await expect(page.getByRole('region', { name: 'Consent' })).toContainText('Kiosk line: opted out');
    await expect(page.getByRole('list', { name: 'Consent history' })).toContainText('texted STOP');
    await page.getByRole('button', { name: 'New conversation' }).click();
    await dialog.getByLabel('From').selectOption({ label: `Kiosk line (${formatPhone(frontDesk.sender)}) · opted out` });
    await expect(dialog).toContainText('This customer opted out of this number');
    await expect(dialog.getByRole('button', { name: 'Send' })).toBeDisabled();
    await snapshot(page, 'contacts-opted-out');
  });

  test('the directory and a customer’s page read well on a phone', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/contacts?q=${encodeURIComponent(olenaName.split(' ')[0])}`);
    await expect(directory(page).getByRole('option').first()).toBeVisible();
    await docsSnapshot(page, 'contacts-directory-phone');
    await page.goto(`/contacts/${(await conversationOf(admin, olena)).contact.id}`);
    await expect(page.getByRole('heading', { name: olenaName, level: 1 })).toBeVisible();
    await docsSnapshot(page, 'contacts-contact-phone', { height: 1400 });
  });
});
