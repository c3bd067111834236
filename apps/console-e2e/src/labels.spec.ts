import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, docsSnapshot, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel } from './support/sms-world';

// Labels sort the inbox: a supervisor makes them under Settings, agents put them on conversations from the thread
// header or with "l", every desk sees the chips at once, and the list filters by them.

const PHONE = { width: 390, height: 844 };
const header = (page: Page) => page.getByRole('region', { name: /^Conversation with/ });
const row = (page: Page, conversationId: string) => conversationList(page).locator(`[data-conversation-id="${conversationId}"]`);

test.describe('labels', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Parcels line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('a supervisor makes a label, agents put labels on from the header and with l, and the list filters by them live', async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    await call('/api/labels', { token: admin.token, body: { name: 'VIP', color: 'purple', description: 'Spends more than $1,000 a year' } });
    const refunder = uniquePhone();
    const regular = uniquePhone();
    // The newest activity in the run, so both are on the first page of everyone's list however many conversations the
    // specs before this one left open (with 156 open, ones dated minutes back were past the first page).
    await customerTexts(channel, refunder, 'The blender arrived broken, I would like my money back please', new Date(Date.now() - 20_000));
    await customerTexts(channel, regular, 'Can you deliver my third order of the month to the office instead?', new Date(Date.now() - 10_000));
    const idOf = async (phone: string) => (await call<{ items: Array<{ id: string }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token })).items[0].id;
    const refundId = await idOf(refunder);
    const regularId = await idOf(regular);

    // Sofia supervises Support: she makes the team's "Refund" label.
    const sofia = await agentPage(browser, DEMO.supervisor.email);
    await sofia.goto('/settings/labels');
    await sofia.getByRole('button', { name: 'Create label' }).click();
    const dialog = sofia.getByRole('dialog', { name: 'Create label' });
    await dialog.getByLabel('Name').fill('Refund');
    await dialog.getByRole('radio', { name: 'Amber' }).check();
    await dialog.getByLabel('Description').fill('The customer asks for their money back');
    // Other specs may have given her more teams; the label is Support's.
    await dialog.getByLabel('Used by').selectOption(await teamId(admin, 'Support'));
    await dialog.getByRole('button', { name: 'Create label' }).click();
    await expect(dialog).toBeHidden();
    const table = sofia.getByRole('table', { name: 'Labels' });
    await expect(table.getByRole('row', { name: /Refund/ })).toContainText('Support');
    await expect(table.getByRole('row', { name: /VIP/ })).toContainText('Every team');
    // A global label is the admins': Sofia may use it but not change it.
    await expect(table.getByRole('button', { name: 'Edit VIP' })).toHaveCount(0);
    await docsSnapshot(sofia, 'labels-settings');

    const andriy = await agentPage(browser, DEMO.agentA.email);
    const maria = await agentPage(browser, DEMO.agentB.email);
    await maria.goto('/inbox?view=all');
    await expectLive(maria);
    await andriy.goto(`/inbox/${refundId}?view=all`);
    await expectLive(andriy);
    await expect(thread(andriy)).toContainText('blender arrived broken');

    // From the keyboard: l opens the picker, the arrow keys and Enter toggle, Esc closes.
    await andriy.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await andriy.keyboard.press('l');
    const refundItem = andriy.getByRole('menuitemcheckbox', { name: /^Refund/ });
    // The menu moves the focus to its first entry once it has opened; the agent then goes to Refund.
    await expect(andriy.locator('[role="menuitemcheckbox"]:focus')).toHaveCount(1);
    await refundItem.focus();
    await expect(refundItem).toBeFocused();
    await andriy.keyboard.press('Enter');
    await expect(refundItem).toHaveAttribute('aria-checked', 'true');
    await andriy.keyboard.press('Escape');
    await expect(header(andriy).getByRole('group', { name: 'Labels: Refund' })).toBeVisible();
    await expect(thread(andriy).getByTestId('activity-line').last()).toContainText('You added “Refund”');
    // Maria's list shows the chip without a reload.
    await expect(row(maria, refundId).getByRole('group', { name: 'Labels: Refund' })).toBeVisible();

    // With the mouse, on the other conversation.
    await row(andriy, regularId).click();
    await expect(thread(andriy)).toContainText('third order of the month');
    await header(andriy).getByRole('button', { name: 'Labels' }).click();
    await andriy.getByRole('menuitemcheckbox', { name: /^VIP/ }).click();
    await andriy.keyboard.press('Escape');
    await expect(header(andriy).getByRole('group', { name: 'Labels: VIP' })).toBeVisible();
    await expect(row(maria, regularId).getByRole('group', { name: 'Labels: VIP' })).toBeVisible();
    await docsSnapshot(andriy, 'labels-thread');

    // Maria narrows her list to Refund: one conversation, and the filter shows as a chip she can remove.
    await conversationList(maria).waitFor();
    await maria.getByRole('button', { name: 'Filter by label' }).click();
    await maria.getByRole('menuitemcheckbox', { name: /^Refund/ }).click();
    await maria.keyboard.press('Escape');
    await expect(maria).toHaveURL(/label=/);
    const filterChips = maria.getByRole('group', { name: 'Label filter' });
    await expect(filterChips).toContainText('Refund');
    await expect(row(maria, refundId)).toBeVisible();
    await expect(row(maria, regularId)).toHaveCount(0);
    await docsSnapshot(maria, 'labels-filter');

    // Andriy takes the label off: Maria's filtered list lets the conversation go as it happens.
    await row(andriy, refundId).click();
    await header(andriy).getByRole('button', { name: 'Remove label Refund' }).click();
    await expect(header(andriy).getByRole('group', { name: /^Labels:/ })).toHaveCount(0);
    await expect(row(maria, refundId)).toHaveCount(0);
    await expect(conversationList(maria)).toContainText('No conversations with these labels');

    await filterChips.getByRole('button', { name: 'Stop filtering by Refund' }).click();
    await expect(filterChips).toHaveCount(0);
    await expect(row(maria, regularId)).toBeVisible();
    await expect(row(maria, refundId)).toBeVisible();

    // On a phone the chips fit the row and the header.
    await andriy.setViewportSize(PHONE);
    await andriy.goto(`/inbox?view=all&label=${(await call<Array<{ id: string; name: string }>>('/api/labels', { token: admin.token })).find((label) => label.name === 'VIP')!.id}`);
    await expectLive(andriy);
    await expect(row(andriy, regularId).getByRole('group', { name: 'Labels: VIP' })).toBeVisible();
    await docsSnapshot(andriy, 'labels-phone');
    await row(andriy, regularId).click();
    await expect(thread(andriy)).toContainText('You added “VIP”');
    await expect(header(andriy).getByRole('group', { name: 'Labels: VIP' })).toBeVisible();
    await snapshot(andriy, 'labels-thread-phone');
  });
});
