import { formatPhone } from '@backtalk/phone';
import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// A supervisor folds a customer's second number into their contact, and blocks a number that only shouts.

async function conversationOf(admin: Session, phone: string): Promise<{ id: string; contact: { id: string } }> {
  const page = await call<{ items: Array<{ id: string; contact: { id: string; phone: string } }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token });
  const found = page.items.find((conversation) => conversation.contact.phone === phone);
  if (!found) throw new Error(`No conversation with ${phone}`);
  return found;
}

test.describe('merging and blocking contacts', () => {
  let aggregator: FakeAggregator;
  let admin: Session;
  let line: GenericChannel;
  const home = uniquePhone();
  const work = uniquePhone();
  const shouter = uniquePhone();
  const pest = uniquePhone();
  const name = `Oksana Merge ${Date.now().toString(36)}`;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    line = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Parcels line', sender: uniqueSender(), sendUrl });
    for (const [phone, text] of [
      [home, 'Hi, parcel 7781 is late'],
      [work, 'Writing from my work phone about parcel 7781'],
      [shouter, 'ANSWER ME'],
      [pest, 'Win a prize, reply YES'],
    ]) {
      await customerTexts(line, phone, text);
      await expect.poll(() => conversationOf(admin, phone).then(() => true, () => false)).toBe(true);
    }
    // One open conversation per channel and customer: the work number's is resolved, so the two can become one.
    await call(`/api/conversations/${(await conversationOf(admin, work)).id}/resolve`, { token: admin.token, method: 'POST' });
    await call(`/api/contacts/${(await conversationOf(admin, home)).contact.id}`, { token: admin.token, method: 'PATCH', body: { name } });
  });

  test.afterEach(closeDesks);
  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('a supervisor merges a customer’s second number into their contact from the contact page', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.supervisor.email);
    await page.goto(`/contacts/${(await conversationOf(admin, home)).contact.id}`);
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: /conversation on Parcels line/ })).toHaveCount(1);

    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge with another contact' });
    await dialog.getByRole('searchbox', { name: 'Find the other contact' }).fill(work);
    await dialog.getByRole('radio', { name: new RegExp(formatPhone(work).replace(/[+]/g, '\\+')) }).check();
    await expect(dialog).toContainText('will be merged into');
    await docsSnapshot(page, 'contacts-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge into this contact' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole('list', { name: 'Merged contacts' })).toContainText(`Merged with ${formatPhone(work)}`);
    await expect(page.getByRole('list', { name: 'Merged contacts' })).toContainText(DEMO.supervisor.name);
    await expect(page.getByRole('link', { name: /conversation on Parcels line/ })).toHaveCount(2);
    await docsSnapshot(page, 'contacts-merge');
  });

  test('a supervisor blocks a number: its next text is kept on the contact page but never reaches the queue', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.supervisor.email);
    const contactId = (await conversationOf(admin, shouter)).contact.id;
    await call(`/api/conversations/${(await conversationOf(admin, shouter)).id}/resolve`, { token: admin.token, method: 'POST' });
    await page.goto(`/contacts/${contactId}`);
    const blocking = page.getByRole('region', { name: 'Blocking' });
    await expect(blocking).toContainText('Support: not blocked');
    await blocking.getByRole('button', { name: 'Block' }).click();
    const confirm = page.getByRole('dialog', { name: /^Block .* in Support\?$/ });
    await expect(confirm).toContainText('nobody is assigned');
    await docsSnapshot(page, 'contacts-block-confirm');
    await confirm.getByRole('button', { name: 'Block' }).click();
    await expect(confirm).toBeHidden();
    await expect(blocking).toContainText(`blocked by ${DEMO.supervisor.name}`);

    await customerTexts(line, shouter, 'ANSWER ME NOW');
    await expect.poll(async () => (await call<{ conversations: Array<{ status: string; lastMessage: { body: string } | null }> }>(`/api/contacts/${contactId}`, { token: admin.token })).conversations[0]?.lastMessage?.body).toBe('ANSWER ME NOW');
    await page.reload();
    await expect(page.getByRole('link', { name: /^Resolved conversation on Parcels line/ })).toContainText('ANSWER ME NOW');
    await docsSnapshot(page, 'contacts-block');

    await blocking.getByRole('button', { name: 'Unblock' }).click();
    await page.getByRole('dialog', { name: /^Unblock / }).getByRole('button', { name: 'Unblock' }).click();
    await expect(blocking).toContainText('Support: not blocked');
  });

  test('a supervisor blocks and unblocks a number from the inbox’s contact panel', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.supervisor.email);
    await page.goto(`/inbox/${(await conversationOf(admin, pest)).id}`);
    const panel = page.getByRole('complementary', { name: 'Contact' });
    await expect(panel).toContainText('Not blocked in Support.');
    await panel.getByRole('button', { name: 'Block number' }).click();
    await page.getByRole('dialog', { name: 'Block this number in Support?' }).getByRole('button', { name: 'Block' }).click();
    await expect(panel.getByText('Blocked in Support')).toBeVisible();
    await expect(panel).toContainText(`by ${DEMO.supervisor.name} on`);
    await docsSnapshot(page, 'contacts-block-inbox');
    await panel.getByRole('button', { name: 'Unblock number' }).click();
    await page.getByRole('dialog', { name: 'Unblock this number in Support?' }).getByRole('button', { name: 'Unblock' }).click();
    await expect(panel).toContainText('Not blocked in Support.');
  });
});
