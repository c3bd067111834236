import { expect, test, type Page } from '@playwright/test';
import type { BulkActionView } from '@backtalk/contracts';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, docsSnapshot, expectLive, snapshot as snapshotNow, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// Organised work: an agent selects several conversations (a click, then a shift-click) and resolves them at once, with
// the outcome in a bar above the list; a supervisor makes a macro under Settings and an agent runs it from the thread
// header's Macros menu, opened with m, each step leaving its line in the thread.

const PHONE = { width: 390, height: 844 };
const toasts = (page: Page) => page.getByRole('status', { name: 'Notifications' });
const bulkBar = (page: Page) => page.getByRole('region', { name: 'Bulk actions' });

test.describe('bulk actions and macros', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let billingChannel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Returns line', sender: uniqueSender(), sendUrl });
    billingChannel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Billing'), name: 'Invoices line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    // Sixty customers waiting on Support would sit at the head of every later spec's queue (oldest first) and push
    // their conversations off the first page: resolve what these tests left open.
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    for (const line of [channel, billingChannel]) {
      const job = await call<BulkActionView>('/api/conversations/bulk', { token: admin.token, body: { action: 'resolve', filter: { channelId: line.id } } });
      await expect.poll(async () => (await call<BulkActionView>(`/api/conversations/bulk/${job.id}`, { token: admin.token })).status, { timeout: 30_000 }).toBe('completed');
    }
    await aggregator.stop();
  });

  test('an agent selects five conversations with a click and a shift-click and resolves them in one go', async ({ browser }) => {
    test.setTimeout(90_000);
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const word = `parcel-${Date.now().toString(36)}`;
    const phones = Array.from({ length: 5 }, () => uniquePhone());
    for (const [index, phone] of phones.entries()) {
      await customerTexts(channel, phone, `Where is my ${word}? Order ${4100 + index}`, new Date(Date.now() - (10 - index) * 60_000));
    }
    const ids = (await call<{ items: Array<{ id: string }> }>(`/api/conversations?view=all&q=${word}`, { token: admin.token })).items.map((item) => item.id);
    expect(ids).toHaveLength(5);

    const andriy = await agentPage(browser, DEMO.agentA.email);
    await andriy.goto(`/inbox?view=all&q=${word}`);
    await expectLive(andriy);
    const checkboxes = conversationList(andriy).getByRole('checkbox');
    await expect(checkboxes).toHaveCount(5);

    await checkboxes.first().click();
    await checkboxes.last().click({ modifiers: ['Shift'] });
    await expect(bulkBar(andriy)).toContainText('5 selected');
    // Every match is loaded and selected, so there is nothing more to offer.
    await expect(bulkBar(andriy).getByRole('button', { name: /Select all matching/ })).toHaveCount(0);
    await docsSnapshot(andriy, 'bulk-selected');

    await bulkBar(andriy).getByRole('button', { name: 'Resolve' }).click();
    await expect(bulkBar(andriy)).toContainText('Resolved 5 conversations.');
    for (const id of ids) {
      await expect.poll(async () => (await call<{ status: string }>(`/api/conversations/${id}`, { token: admin.token })).status).toBe('resolved');
    }
    // The rows say so live, since the search lists every status.
    await expect(conversationList(andriy).getByText('Resolved')).toHaveCount(5);
    await docsSnapshot(andriy, 'bulk-resolved');

    await andriy.setViewportSize(PHONE);
    await checkboxes.nth(1).click();
    await checkboxes.nth(3).click({ modifiers: ['Shift'] });
    await expect(bulkBar(andriy)).toContainText('3 selected');
    await docsSnapshot(andriy, 'bulk-phone');
  });

  test('an admin labels every conversation a search matches, past the loaded page, in a background job, and sees which could not take the label and why', async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const word = `recall-${Date.now().toString(36)}`;
    for (let index = 0; index < 55; index += 1) await customerTexts(channel, uniquePhone(), `Is my kettle part of the ${word}? Serial ${5000 + index}`);
    const billingPhones = [uniquePhone(), uniquePhone()];
    for (const phone of billingPhones) await customerTexts(billingChannel, phone, `Will the ${word} be refunded on my invoice?`);
    const label = await call<{ id: string; name: string }>('/api/labels', { token: admin.token, body: { name: `Recall ${word.slice(-4)}`, color: 'red', teamId: await teamId(admin, 'Support') } });

    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`/inbox?view=all&q=${word}`);
    await expectLive(page);
    await expect(conversationList(page).getByRole('checkbox')).not.toHaveCount(0);
    await conversationList(page).getByRole('checkbox').first().click();
    await bulkBar(page).getByRole('checkbox', { name: 'Select all conversations shown' }).check();
    await expect(bulkBar(page)).toContainText('50 selected');
    await bulkBar(page).getByRole('button', { name: 'Select all matching this filter' }).click();
    await expect(bulkBar(page)).toContainText('All matching conversations selected');

    await bulkBar(page).getByRole('button', { name: 'Label' }).click();
    await page.getByRole('menuitem', { name: label.name }).first().click();
    await expect(bulkBar(page)).toContainText(/Labelling \d+ of 57 conversations/);
    await snapshotNow(page, 'bulk-progress');
    await expect(bulkBar(page)).toContainText('Labelled 55 of 57 conversations. 2 could not be:', { timeout: 15_000 });
    const failures = bulkBar(page).getByRole('list', { name: 'Conversations not changed' });
    await expect(failures.getByRole('listitem')).toHaveCount(2);
    await expect(failures).toContainText(`The label “${label.name}” belongs to the team Support; this conversation is Billing’s.`);
    await docsSnapshot(page, 'bulk-failures');
    await page.setViewportSize(PHONE);
    await docsSnapshot(page, 'bulk-failures-phone');
  });

  test('a supervisor makes a macro in Settings and an agent runs it from the thread with m', async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const support = await teamId(admin, 'Support');
    const stamp = Date.now().toString(36);
    const answer = await call<{ id: string; title: string }>('/api/canned-answers', {
      token: admin.token,
      body: { title: `Return label ${stamp}`, shortcode: `return-${stamp}`, body: 'Your return label is on its way by email. Drop the parcel at any post office.', teamId: support },
    });
    const label = await call<{ id: string; name: string }>('/api/labels', { token: admin.token, body: { name: `Return ${stamp}`, color: 'teal', teamId: support } });
    const phone = uniquePhone();
    await customerTexts(channel, phone, 'The shoes do not fit, how do I send them back?');
    const [conversation] = (await call<{ items: Array<{ id: string }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token })).items;

    const sofia = await agentPage(browser, DEMO.supervisor.email);
    await sofia.goto('/settings/macros');
    await sofia.getByRole('button', { name: 'Create macro' }).click();
    const dialog = sofia.getByRole('dialog', { name: 'Create macro' });
    await dialog.getByLabel('Name').fill(`Return sent ${stamp}`);
    await dialog.getByLabel('Who can run it').selectOption({ label: 'Support' });
    await dialog.getByLabel('Step 1', { exact: true }).selectOption({ label: 'Send a canned answer' });
    await dialog.getByLabel('Step 1: canned answer').selectOption({ label: `${answer.title} (/return-${stamp})` });
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await dialog.getByLabel('Step 2', { exact: true }).selectOption({ label: 'Add a label' });
    await dialog.getByLabel('Step 2: label').selectOption({ label: label.name });
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await dialog.getByLabel('Step 3', { exact: true }).selectOption({ label: 'Resolve' });
    await docsSnapshot(sofia, 'macros-editor');
    await sofia.setViewportSize(PHONE);
    await docsSnapshot(sofia, 'macros-editor-phone');
    await sofia.setViewportSize({ width: 1366, height: 820 });
    await dialog.getByRole('button', { name: 'Create macro' }).click();
    await expect(dialog).toBeHidden();
    const table = sofia.getByRole('table', { name: 'Macros' });
    await expect(table.getByRole('row', { name: new RegExp(`Return sent ${stamp}`) })).toContainText('Send a canned answer, add a label, resolve');
    await docsSnapshot(sofia, 'macros-settings');

    const andriy = await agentPage(browser, DEMO.agentA.email);
    await andriy.goto(`/inbox/${conversation.id}?view=all`);
    await expectLive(andriy);
    await expect(thread(andriy)).toContainText('The shoes do not fit');
    await andriy.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await andriy.keyboard.press('m');
    const item = andriy.getByRole('menuitem', { name: new RegExp(`Return sent ${stamp}`) });
    await expect(item).toBeVisible();
    await docsSnapshot(andriy, 'macros-menu');
    await item.click();

    await expect(toasts(andriy)).toContainText(`Ran “Return sent ${stamp}”: 3 steps done.`);
    const sms = await aggregator.waitForSend((sent) => sent.to === phone);
    expect(sms.text).toBe('Your return label is on its way by email. Drop the parcel at any post office.');
    const lines = thread(andriy).getByTestId('activity-line');
    await expect(lines.filter({ hasText: `ran “Return sent ${stamp}”` })).toHaveCount(3);
    await expect(lines.filter({ hasText: 'step 3 of 3: resolve' })).toBeVisible();
    await expect(andriy.getByRole('region', { name: /^Conversation with/ })).toContainText('Resolved');
    await docsSnapshot(andriy, 'macros-run');

    await andriy.setViewportSize(PHONE);
    await expect(lines.filter({ hasText: 'step 3 of 3: resolve' })).toBeVisible();
    await docsSnapshot(andriy, 'macros-run-phone');
    // On a phone the header's Macros menu opens from More actions.
    await andriy.locator('.bt-conversation__actions').getByRole('button', { name: 'More actions' }).click();
    await andriy.getByRole('menuitem', { name: 'Macros…' }).click();
    await expect(andriy.getByRole('menuitem', { name: new RegExp(`Return sent ${stamp}`) })).toBeVisible();
    await docsSnapshot(andriy, 'macros-menu-phone');
  });
});
