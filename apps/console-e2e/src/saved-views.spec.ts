import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, docsSnapshot, expectLive, snapshot, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// The inbox narrows by any mix of filters shown as removable chips, marks what a search found, and keeps a filter set
// as a saved view in the sidebar whose count follows the customers who text in.

const PHONE = { width: 390, height: 844 };
const row = (page: Page, conversationId: string) => conversationList(page).locator(`[data-conversation-id="${conversationId}"]`);
const chips = (page: Page) => page.getByRole('group', { name: 'Active filters' });
const savedViews = (page: Page) => page.getByRole('region', { name: 'Saved views' });
const savedView = (page: Page, name: string) => savedViews(page).getByRole('link', { name: new RegExp(`^${name}`) });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

test.describe('inbox filters and saved views', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;

  const conversationOf = async (phone: string) => (await call<{ items: Array<{ id: string }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token })).items[0].id;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const support = await teamId(admin, 'Support');
    channel = await createGenericChannel(admin, { teamId: support, name: 'Appliances line', sender: uniqueSender(), sendUrl });
    // With one line there is nothing to choose: the menu offers channels only when the agent has two or more.
    await createGenericChannel(admin, { teamId: support, name: 'Spare parts line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('the list narrows by label and unread through chips that each remove one filter, and a search marks the word it found', async ({ browser }) => {
    test.setTimeout(90_000);
    const warranty = await call<{ id: string }>('/api/labels', { token: admin.token, body: { name: 'Warranty', color: 'teal' } });
    const kettle = uniquePhone();
    const parcel = uniquePhone();
    const answered = uniquePhone();
    await customerTexts(channel, kettle, 'My kettle stopped boiling after a week, is it under warranty?', minutesAgo(12));
    await customerTexts(channel, parcel, 'The tracking says delivered but there is no parcel at my door', minutesAgo(8));
    await customerTexts(channel, answered, 'Do you sell spare filters for the KX-200 kettle?', minutesAgo(5));
    const kettleId = await conversationOf(kettle);
    const parcelId = await conversationOf(parcel);
    const answeredId = await conversationOf(answered);
    await call(`/api/conversations/${kettleId}/labels`, { token: admin.token, body: { add: [warranty.id] } });
    await call(`/api/conversations/${answeredId}/labels`, { token: admin.token, body: { add: [warranty.id] } });

    const andriy = await agentPage(browser, DEMO.agentA.email);
    // Andriy reads the question about filters: it is no longer unread.
    await andriy.goto(`/inbox/${answeredId}?view=all`);
    await expectLive(andriy);
    await expect(thread(andriy)).toContainText('spare filters');
    await expect(row(andriy, answeredId).getByLabel(/unread$/)).toHaveCount(0);
    // Only this spec's line: by now the whole inbox holds every earlier spec's customers too.
    await andriy.goto(`/inbox?view=all&channel=${channel.id}`);
    await expect(row(andriy, answeredId)).toBeVisible();

    await andriy.getByRole('button', { name: /^Filters( \(\d+ on\))?$/ }).click();
    await andriy.getByRole('menuitemcheckbox', { name: 'Unread' }).click();
    await andriy.keyboard.press('Escape');
    await expect(andriy).toHaveURL(/unread=yes/);
    await expect(chips(andriy).getByText('Unread')).toBeVisible();
    await expect(row(andriy, kettleId)).toBeVisible();
    await expect(row(andriy, parcelId)).toBeVisible();
    await expect(row(andriy, answeredId)).toHaveCount(0);

    await andriy.getByRole('button', { name: 'Filter by label' }).click();
    await andriy.getByRole('menuitemcheckbox', { name: /^Warranty/ }).click();
    await andriy.keyboard.press('Escape');
    await expect(row(andriy, kettleId)).toBeVisible();
    await expect(row(andriy, parcelId)).toHaveCount(0);
    await expect(row(andriy, answeredId)).toHaveCount(0);
    await docsSnapshot(andriy, 'inbox-filters-chips');

    // Taking off Unread brings back the read conversation with the label, and only that filter goes.
    await chips(andriy).getByRole('button', { name: 'Remove filter Unread' }).click();
    await expect(chips(andriy).getByText('Unread')).toHaveCount(0);
    await expect(chips(andriy)).toContainText('Channel: Appliances line');
    await expect(andriy).not.toHaveURL(/unread=/);
    await expect(row(andriy, answeredId)).toBeVisible();
    await expect(row(andriy, kettleId)).toBeVisible();
    await expect(row(andriy, parcelId)).toHaveCount(0);
    await andriy.getByRole('group', { name: 'Label filter' }).getByRole('button', { name: 'Stop filtering by Warranty' }).click();
    await expect(row(andriy, parcelId)).toBeVisible();

    // A search marks the word in each row it found, whatever its case.
    await andriy.keyboard.press('/');
    await andriy.keyboard.type('kettle');
    await expect(row(andriy, parcelId)).toHaveCount(0);
    await expect(row(andriy, kettleId).locator('mark')).toHaveText(['kettle']);
    await expect(row(andriy, answeredId).locator('mark')).toHaveText(['kettle']);
    await docsSnapshot(andriy, 'inbox-filters-search');

    await andriy.setViewportSize(PHONE);
    await andriy.goto(`/inbox?view=all&channel=${channel.id}&unread=yes&label=${warranty.id}`);
    await expect(row(andriy, kettleId)).toBeVisible();
    await docsSnapshot(andriy, 'inbox-filters-phone');
  });

  test('a saved view shows in the sidebar with a count that grows when a customer texts in, and is renamed and deleted there', async ({ browser }) => {
    test.setTimeout(90_000);
    await customerTexts(channel, uniquePhone(), 'Is the oven on sale this weekend too?', minutesAgo(3));
    const andriy = await agentPage(browser, DEMO.agentA.email);
    await andriy.goto('/inbox?view=all');
    await expectLive(andriy);

    await andriy.getByRole('button', { name: 'Filters', exact: true }).click();
    await andriy.getByRole('menuitemcheckbox', { name: 'Appliances line' }).click();
    await andriy.keyboard.press('Escape');
    await expect(chips(andriy)).toContainText('Channel: Appliances line');
    const shown = await conversationList(andriy).locator('[data-conversation-id]').count();

    await andriy.getByRole('button', { name: 'Save view' }).click();
    const dialog = andriy.getByRole('dialog', { name: 'Save view' });
    await dialog.getByLabel('Name').fill('Appliances');
    await docsSnapshot(andriy, 'saved-views-save');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect(dialog).toBeHidden();
    await expect(savedView(andriy, 'Appliances')).toHaveAttribute('aria-current', 'page');
    const count = savedView(andriy, 'Appliances').getByTestId('saved-view-count');
    await expect(count).toHaveText(String(shown));

    // A customer texts the line: the count follows without a reload.
    await customerTexts(channel, uniquePhone(), 'My fridge is making a clicking noise at night');
    await expect(count).toHaveText(String(shown + 1));
    await docsSnapshot(andriy, 'saved-views-sidebar');

    // Another view, then the first moves below it.
    await andriy.goto('/inbox?view=all&unread=yes');
    await andriy.getByRole('button', { name: 'Save view' }).click();
    await dialog.getByLabel('Name').fill('Waiting on us');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect(savedViews(andriy).getByRole('link')).toHaveText([/^Appliances/, /^Waiting on us/]);
    await savedViews(andriy).getByRole('button', { name: 'Options for Appliances' }).click();
    await andriy.getByRole('menuitem', { name: 'Move down' }).click();
    await expect(savedViews(andriy).getByRole('link')).toHaveText([/^Waiting on us/, /^Appliances/]);

    await savedViews(andriy).getByRole('button', { name: 'Options for Appliances' }).click();
    await andriy.getByRole('menuitem', { name: 'Rename…' }).click();
    const rename = andriy.getByRole('dialog', { name: 'Rename view' });
    await expect(rename.getByLabel('Name')).toHaveValue('Appliances');
    await rename.getByLabel('Name').fill('Kitchen appliances');
    await docsSnapshot(andriy, 'saved-views-rename');
    await rename.getByRole('button', { name: 'Rename view' }).click();
    await expect(rename).toBeHidden();
    await expect(savedViews(andriy).getByRole('link')).toHaveText([/^Waiting on us/, /^Kitchen appliances/]);

    // A name already used in the sidebar is refused at the field.
    await savedViews(andriy).getByRole('button', { name: 'Options for Kitchen appliances' }).click();
    await andriy.getByRole('menuitem', { name: 'Rename…' }).click();
    await rename.getByLabel('Name').fill('Waiting on us');
    await rename.getByRole('button', { name: 'Rename view' }).click();
    await expect(rename).toContainText('There is already a view named “Waiting on us” here');
    await rename.getByRole('button', { name: 'Cancel' }).click();

    await savedViews(andriy).getByRole('button', { name: 'Options for Kitchen appliances' }).click();
    await andriy.getByRole('menuitem', { name: 'Delete…' }).click();
    await andriy.getByRole('dialog', { name: 'Delete “Kitchen appliances”?' }).getByRole('button', { name: 'Delete view' }).click();
    await expect(savedView(andriy, 'Kitchen appliances')).toHaveCount(0);
    await expect(savedViews(andriy).getByRole('link')).toHaveText([/^Waiting on us/]);

    // On a phone the sidebar is icons only: the saved views are in the list's view picker.
    await andriy.setViewportSize(PHONE);
    await andriy.goto('/inbox?view=all');
    await expectLive(andriy);
    const picker = andriy.getByRole('combobox', { name: 'Inbox view' });
    await picker.selectOption({ label: 'Waiting on us' });
    await expect(andriy).toHaveURL(/unread=yes/);
    await expect(picker).toHaveValue(/^saved:/);
    await expect(chips(andriy)).toContainText('Unread');
    await expect(conversationList(andriy).locator('[data-conversation-id]').first()).toBeVisible();
    await docsSnapshot(andriy, 'saved-views-phone');
  });

  test('a custom range of days picked in a dialog narrows the list by last activity, shows as a dated chip and stays in a saved view', async ({ browser }) => {
    test.setTimeout(90_000);
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    // Days as the date input writes them, and as the console writes them in English.
    const inputDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    const shownDay = (date: Date) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(date);
    const longAgo = uniquePhone();
    const lastWeekish = uniquePhone();
    const justNow = uniquePhone();
    await customerTexts(channel, longAgo, 'Ordering a replacement door seal for the dishwasher', daysAgo(20));
    await customerTexts(channel, lastWeekish, 'The washing machine drum squeaks on every spin', daysAgo(10));
    await customerTexts(channel, justNow, 'Can I still return an unopened toaster?', minutesAgo(2));
    const longAgoId = await conversationOf(longAgo);
    const lastWeekishId = await conversationOf(lastWeekish);
    const justNowId = await conversationOf(justNow);

    const andriy = await agentPage(browser, DEMO.agentA.email);
    await andriy.goto(`/inbox?view=all&channel=${channel.id}`);
    await expectLive(andriy);
    await expect(row(andriy, justNowId)).toBeVisible();

    await andriy.getByRole('button', { name: /^Filters( \(\d+ on\))?$/ }).click();
    // Last activity comes before Started in the menu; each has its own "Custom range…".
    await andriy.getByRole('menuitem', { name: 'Custom range…' }).first().click();
    const dialog = andriy.getByRole('dialog', { name: 'Last activity' });
    await expect(dialog).toBeVisible();
    const from = dialog.getByLabel('From');
    const to = dialog.getByLabel('To');
    await expect(from).toBeFocused();
    // The end before the start, then a day still to come: each is refused at its field.
    await from.fill(inputDay(daysAgo(8)));
    await to.fill(inputDay(daysAgo(12)));
    await expect(dialog).toContainText('The end comes before the start.');
    await expect(to).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await to.fill(inputDay(daysAgo(-2)));
    await expect(dialog).toContainText('Pick today or an earlier day.');
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await from.fill(inputDay(daysAgo(12)));
    await to.fill(inputDay(daysAgo(8)));
    await expect(to).not.toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).not.toContainText('Pick today or an earlier day.');
    await snapshot(andriy, 'inbox-filters-custom-range-dialog');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    const chipText = `Last activity ${shownDay(daysAgo(12))} – ${shownDay(daysAgo(8))}`;
    await expect(andriy).toHaveURL(new RegExp(`activeFrom=${inputDay(daysAgo(12))}&activeTo=${inputDay(daysAgo(8))}`));
    await expect(chips(andriy)).toContainText(chipText);
    await expect(row(andriy, lastWeekishId)).toBeVisible();
    await expect(row(andriy, longAgoId)).toHaveCount(0);
    await expect(row(andriy, justNowId)).toHaveCount(0);
    await docsSnapshot(andriy, 'inbox-filters-custom-range');

    // Kept in a saved view: opening it again brings back the same days.
    await andriy.getByRole('button', { name: 'Save view' }).click();
    const save = andriy.getByRole('dialog', { name: 'Save view' });
    await save.getByLabel('Name').fill('Ten days back');
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect(save).toBeHidden();
    await andriy.goto('/inbox?view=all');
    await savedView(andriy, 'Ten days back').click();
    await expect(chips(andriy)).toContainText(chipText);
    await expect(row(andriy, lastWeekishId)).toBeVisible();
    await expect(row(andriy, justNowId)).toHaveCount(0);

    await andriy.setViewportSize(PHONE);
    await expect(chips(andriy)).toContainText(chipText);
    await docsSnapshot(andriy, 'inbox-filters-custom-range-phone');
    // The dialog opens on the range in force; on a phone its two days stack, and Cancel leaves the range as it was.
    await andriy.getByRole('button', { name: /^Filters \(\d+ on\)$/ }).click();
    await andriy.getByRole('menuitem', { name: 'Custom range…' }).first().click();
    await expect(dialog.getByLabel('From')).toHaveValue(inputDay(daysAgo(12)));
    await expect(dialog.getByLabel('To')).toHaveValue(inputDay(daysAgo(8)));
    await snapshot(andriy, 'inbox-filters-custom-range-dialog-phone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(chips(andriy)).toContainText(chipText);

    // Removing the chip takes the range off: the conversation from a moment ago is back.
    await chips(andriy).getByRole('button', { name: `Remove filter ${chipText}` }).click();
    await expect(andriy).not.toHaveURL(/activeFrom=/);
    await expect(row(andriy, justNowId)).toBeVisible();

    await andriy.setViewportSize({ width: 1280, height: 800 });
    await andriy.goto('/inbox?view=all');
    await savedViews(andriy).getByRole('button', { name: 'Options for Ten days back' }).click();
    await andriy.getByRole('menuitem', { name: 'Delete…' }).click();
    await andriy.getByRole('dialog', { name: 'Delete “Ten days back”?' }).getByRole('button', { name: 'Delete view' }).click();
    await expect(savedView(andriy, 'Ten days back')).toHaveCount(0);
  });
});
