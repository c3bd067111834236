import { formatPhone } from '@backtalk/phone';
import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot, expectLive, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// Contact attributes: an admin defines them under Settings, an agent fills them in from the inbox's contact panel,
// and the customer's page shows the same values.

test.describe('contact attributes', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Orders desk', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('an admin defines attributes, an agent sets them in the inbox panel, and the contact page shows them', async ({ browser }) => {
    test.setTimeout(90_000);
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    await call('/api/contact-attributes', { token: admin.token, body: { key: 'vip', label: 'VIP', type: 'boolean' } });
    await call('/api/contact-attributes', { token: admin.token, body: { key: 'renews_on', label: 'Renews on', type: 'date' } });
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Hi, my order still has not arrived. Can you check?', new Date(Date.now() - 5 * 60_000));
    const [conversation] = (await call<{ items: Array<{ id: string; contact: { id: string } }> }>(`/api/conversations?view=all&q=${encodeURIComponent(customer)}`, { token: admin.token })).items;

    // The admin adds two more: "Order ID" (the key follows the label) and "Plan", a list of choices.
    const ada = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await ada.goto('/settings');
    await ada.getByRole('link', { name: 'Contact attributes' }).click();
    await expect(ada.getByRole('heading', { name: 'Contact attributes', level: 1 })).toBeVisible();
    await ada.getByRole('button', { name: 'Create attribute' }).click();
    let dialog = ada.getByRole('dialog', { name: 'Create contact attribute' });
    await dialog.getByLabel('Label').fill('Order ID');
    await expect(dialog.getByLabel('Key')).toHaveValue('order_id');
    await dialog.getByRole('button', { name: 'Create attribute' }).click();
    await expect(dialog).toBeHidden();

    await ada.getByRole('button', { name: 'Create attribute' }).click();
    dialog = ada.getByRole('dialog', { name: 'Create contact attribute' });
    await dialog.getByLabel('Label').fill('Plan');
    await dialog.getByLabel('Type').selectOption('list');
    // A list without choices is caught before it is sent.
    await dialog.getByRole('button', { name: 'Create attribute' }).click();
    await expect(dialog.getByText('A list needs at least one choice, one a line.')).toBeVisible();
    await dialog.getByLabel('Choices').fill('Gold\nSilver\nBronze');
    await dialog.getByRole('button', { name: 'Create attribute' }).click();
    await expect(dialog).toBeHidden();
    const table = ada.getByRole('table', { name: 'Contact attributes' });
    await expect(table.getByRole('row', { name: /Order ID/ })).toContainText('{{contact.order_id}}');
    await expect(table.getByRole('row', { name: /Plan/ })).toContainText('Gold, Silver, Bronze');
    // The confirmations would cover the page's title in the picture.
    const dismiss = ada.getByRole('button', { name: 'Dismiss notification' });
    // One may leave on its own between counting and clicking.
    while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 2_000 }).catch(() => undefined);
    await docsSnapshot(ada, 'contact-attributes-settings');

    // Maria has the customer's page open while Andriy fills the details in from the contact panel as he answers.
    const maria = await agentPage(browser, DEMO.agentB.email);
    await maria.goto(`/contacts/${conversation.contact.id}`);
    await expectLive(maria);
    await expect(maria.getByRole('region', { name: 'Details' }).getByLabel('Order ID')).toHaveValue('');
    const andriy = await agentPage(browser, DEMO.agentA.email);
    await andriy.goto(`/inbox/${conversation.id}?view=all`);
    await expectLive(andriy);
    await expect(thread(andriy)).toContainText('order still has not arrived');
    const panel = andriy.getByRole('complementary', { name: 'Contact' });
    const details = panel.getByRole('region', { name: 'Details' });
    await details.getByLabel('Order ID').fill('A-1042');
    await details.getByLabel('Order ID').press('Enter');
    await details.getByLabel('Plan').selectOption('Gold');
    await details.getByRole('switch', { name: 'VIP' }).click();
    await expect(details.getByRole('switch', { name: 'VIP' })).toHaveAttribute('aria-checked', 'true');
    await details.getByLabel('Renews on').fill('2026-03-01');
    await details.getByLabel('Renews on').blur();
    await expect
      .poll(async () => (await call<{ attributes: Record<string, unknown> }>(`/api/contacts/${conversation.contact.id}`, { token: admin.token })).attributes)
      .toEqual({ order_id: 'A-1042', plan: 'Gold', vip: true, renews_on: '2026-03-01' });
    // Maria sees them without reloading.
    await expect(maria.getByRole('region', { name: 'Details' }).getByLabel('Order ID')).toHaveValue('A-1042');
    await expect(maria.getByRole('region', { name: 'Details' }).getByLabel('Plan')).toHaveValue('Gold');

    // Emptied, a field clears the value; typed again, it is saved again.
    await details.getByLabel('Order ID').fill('   ');
    await details.getByLabel('Order ID').press('Enter');
    await expect.poll(async () => (await call<{ attributes: Record<string, unknown> }>(`/api/contacts/${conversation.contact.id}`, { token: admin.token })).attributes['order_id']).toBeUndefined();
    await details.getByLabel('Order ID').fill('A-1042');
    await details.getByLabel('Order ID').press('Enter');
    await expect.poll(async () => (await call<{ attributes: Record<string, unknown> }>(`/api/contacts/${conversation.contact.id}`, { token: admin.token })).attributes['order_id']).toBe('A-1042');
    await details.getByLabel('Order ID').focus();
    await docsSnapshot(andriy, 'contact-attributes-inbox');

    // The customer's page shows the same values, editable there too.
    await andriy.goto(`/contacts/${conversation.contact.id}`);
    const page = andriy.getByRole('region', { name: 'Details' });
    await expect(page.getByLabel('Order ID')).toHaveValue('A-1042');
    await expect(page.getByLabel('Plan')).toHaveValue('Gold');
    await expect(page.getByRole('switch', { name: 'VIP' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByLabel('Renews on')).toHaveValue('2026-03-01');
    await docsSnapshot(andriy, 'contact-attributes-contact');

    // The directory filters by a list's choice from its Filter menu, shown as a chip that removes it.
    await andriy.goto('/contacts');
    const directory = andriy.getByRole('listbox', { name: /^Contacts/ });
    await expect(directory.getByRole('option').first()).toBeVisible();
    await andriy.getByRole('button', { name: 'Filter' }).click();
    await andriy.getByRole('menuitemradio', { name: 'Gold' }).click();
    await expect(andriy).toHaveURL(/attr=plan%3AGold/);
    await expect(directory.getByRole('option')).toHaveCount(1);
    await expect(directory.getByRole('option')).toContainText(formatPhone(customer));
    await andriy.getByRole('button', { name: 'Remove filter Plan: Gold' }).click();
    await expect(andriy).not.toHaveURL(/attr=/);
  });
});
