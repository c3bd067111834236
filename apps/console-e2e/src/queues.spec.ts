import { AssignmentPolicy, ConversationPriority } from '@backtalk/contracts';
import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, conversationList, docsSnapshot, expectLive, snapshot, thread } from './support/console';
import { conversationWith, ensureAgent, ensureTeam, queueOf, setPriority, teamRouting, updateTeamRouting, userIdOf } from './support/routing-world';
import { apiSignIn, createGenericChannel, customerTexts, FakeAggregator, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// A Returns team of its own (a supervisor and two agents nobody else's tests touch), so the counts on the queue page
// are exact. The supervisor watches the queue; the agents work it at their own desks. Nothing is reloaded.

const TEAM = 'Returns';
const OLENA = { email: 'olena.returns@backtalk.local', name: 'Olena Returns' };
const TARAS = { email: 'taras.returns@backtalk.local', name: 'Taras Returns' };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const queueCard = (page: Page) => page.getByRole('region', { name: `${TEAM} queue` });
const waiting = (page: Page) => queueCard(page).getByTestId('queue-waiting');
const agentRow = (page: Page, name: string) => queueCard(page).getByTestId('queue-agent').filter({ hasText: name });
const toasts = (page: Page) => page.getByRole('status', { name: 'Notifications' });

/** Five customers, oldest first: two of them raised, one already past its first-reply target, one close to it. */
const CUSTOMERS = [
  { phone: uniquePhone(), text: 'My return label never arrived, order #4410.', at: minutesAgo(25), priority: ConversationPriority.Normal },
  { phone: uniquePhone(), text: 'Can I exchange the jacket for a size M?', at: minutesAgo(17), priority: ConversationPriority.Normal },
  { phone: uniquePhone(), text: 'The courier is at my door and wants a return code NOW', at: minutesAgo(5), priority: ConversationPriority.High },
  { phone: uniquePhone(), text: 'You charged me for a return I never sent, 189 EUR!', at: minutesAgo(2), priority: ConversationPriority.Urgent },
  { phone: uniquePhone(), text: 'Hi, how long does a refund take after you get the parcel?', at: undefined, priority: ConversationPriority.Normal },
];
/** Take next serves the most urgent first, then the longest waiting. */
const TAKE_ORDER = [3, 2, 0, 1, 4];

async function takeNextFromInbox(page: Page, customer: number): Promise<void> {
  await page.getByRole('button', { name: 'Take next' }).click();
  await expect(page.getByRole('heading', { name: formatPhone(CUSTOMERS[customer].phone), level: 2 })).toBeVisible();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}\?view=mine$/);
}

test.describe('queues and routing', () => {
  test.describe.configure({ mode: 'serial' });

  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;
  let teamId: string;
  let olenaId: string;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    olenaId = await ensureAgent(admin, OLENA.email, OLENA.name, DEMO.agentPassword);
    const tarasId = await ensureAgent(admin, TARAS.email, TARAS.name, DEMO.agentPassword);
    teamId = await ensureTeam(admin, TEAM, [await userIdOf(admin, DEMO.supervisor.email), olenaId, tarasId]);
    // Manual: conversations wait until an agent takes them. A first reply is due within 20 minutes.
    await updateTeamRouting(admin, teamId, {
      policy: AssignmentPolicy.Manual,
      defaultCapacity: 4,
      reassignOfflineAfterSeconds: null,
      businessHours: null,
      outOfOfficeMessage: '',
      sla: { firstResponseMinutes: 20, nextResponseMinutes: 30, businessHoursOnly: false },
    });
    channel = await createGenericChannel(admin, { teamId, name: 'Returns line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('a supervisor watches the queue drain live as an agent takes conversations', async ({ browser }) => {
    test.setTimeout(120_000);
    for (const customer of CUSTOMERS) await customerTexts(channel, customer.phone, customer.text, customer.at);
    for (const customer of CUSTOMERS) {
      if (customer.priority !== ConversationPriority.Normal) await setPriority(admin, (await conversationWith(admin, customer.phone)).id, customer.priority);
    }

    // Olena answers in English and Ukrainian and holds at most four conversations, whatever her teams allow.
    const olena = await agentPage(browser, OLENA.email);
    await olena.goto('/settings/profile');
    const routingForm = olena.getByRole('form', { name: 'Languages and capacity' });
    await routingForm.getByLabel('English').check();
    await routingForm.getByLabel('Ukrainian').check();
    await routingForm.getByLabel('Most open conversations at once').fill('4');
    await routingForm.getByRole('button', { name: 'Save' }).click();
    await expect(toasts(olena)).toContainText('Languages and capacity saved.');
    await snapshot(olena, 'profile-languages-capacity');

    const supervisor = await agentPage(browser, DEMO.supervisor.email);
    await supervisor.getByRole('link', { name: 'Queues' }).click();
    await expect(supervisor.getByRole('heading', { name: 'Queues', level: 1 })).toBeVisible();
    await expectLive(supervisor);
    await expect(waiting(supervisor)).toHaveText('5');
    await expect(queueCard(supervisor).getByTestId('queue-priority-urgent')).toContainText('1');
    await expect(queueCard(supervisor).getByTestId('queue-priority-high')).toContainText('1');
    await expect(queueCard(supervisor).getByTestId('queue-priority-normal')).toContainText('3');
    // The routing sweep works out due times within a few seconds: one wait is past its target, one is close to it.
    await expect(queueCard(supervisor).getByTestId('queue-sla-breached')).toHaveText('1', { timeout: 10_000 });
    await expect(queueCard(supervisor).getByTestId('queue-sla-at-risk')).toHaveText('1');
    await expect(queueCard(supervisor).getByTestId('queue-longest-wait')).toHaveText(/^2[56]m \d\ds$/);
    await expect(agentRow(supervisor, OLENA.name)).toHaveAttribute('data-status', 'online');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('0 / 4');
    await expect(agentRow(supervisor, TARAS.name)).toHaveAttribute('data-status', 'offline');

    // The longest wait ticks by itself.
    const before = await queueCard(supervisor).getByTestId('queue-longest-wait').textContent();
    await expect(queueCard(supervisor).getByTestId('queue-longest-wait')).not.toHaveText(before ?? '');

    await olena.goto('/inbox');
    await expectLive(olena);
    const urls = new Set<string>();

    // Urgent first: the customer charged for a return, even though four others waited longer.
    await takeNextFromInbox(olena, TAKE_ORDER[0]);
    urls.add(olena.url());
    await expect(olena.getByRole('button', { name: 'Priority: Urgent. Change' })).toBeVisible();
    await expect(thread(olena).getByTestId('assignment-event')).toContainText('You took it from the queue');
    await snapshot(olena, 'inbox-take-next-urgent');
    await expect(waiting(supervisor)).toHaveText('4');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('1 / 4');
    await expect(queueCard(supervisor).getByTestId('queue-priority-urgent')).toContainText('0');

    // Then high, with the keyboard.
    await olena.keyboard.press('t');
    await expect(olena.getByRole('heading', { name: formatPhone(CUSTOMERS[TAKE_ORDER[1]].phone), level: 2 })).toBeVisible();
    urls.add(olena.url());
    await expect(waiting(supervisor)).toHaveText('3');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('2 / 4');
    await docsSnapshot(supervisor, 'queues');

    // Then the longest-waiting normal one, whose first reply is already overdue; taken from the queue page.
    await olena.getByRole('link', { name: 'Queues' }).click();
    await expect(queueCard(olena).getByTestId('queue-waiting')).toHaveText('3');
    await olena.getByRole('button', { name: 'Take next' }).click();
    await expect(olena.getByRole('heading', { name: formatPhone(CUSTOMERS[TAKE_ORDER[2]].phone), level: 2 })).toBeVisible();
    urls.add(olena.url());
    await expect(olena.getByRole('region', { name: /^Conversation with/ }).getByTestId('sla-timer')).toHaveAttribute('data-tone', 'breached');
    await expect(waiting(supervisor)).toHaveText('2');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('3 / 4');

    await takeNextFromInbox(olena, TAKE_ORDER[3]);
    urls.add(olena.url());
    await expect(waiting(supervisor)).toHaveText('1');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('4 / 4');
    expect(urls.size).toBe(4);
    await docsSnapshot(olena, 'inbox-take-next');

    // At her limit, Olena is told so and stays where she is; the last customer keeps waiting.
    const at = olena.url();
    await olena.getByRole('button', { name: 'Take next' }).click();
    await expect(toasts(olena)).toContainText('your limit');
    expect(olena.url()).toBe(at);
    await expect(waiting(supervisor)).toHaveText('1');
    await snapshot(supervisor, 'queues-drained');

    // Snoozed until the customer replies, a conversation stops counting against her limit; the reply brings it back.
    await olena.getByRole('button', { name: 'Snooze' }).click();
    await olena.getByRole('menuitem', { name: 'Until the customer replies' }).click();
    await expect(toasts(olena)).toContainText('Snoozed until the customer replies.');
    await expect(olena.getByRole('region', { name: /^Conversation with/ })).toContainText('until the customer replies');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('3 / 4');
    await customerTexts(channel, CUSTOMERS[TAKE_ORDER[3]].phone, 'Size M is fine, thanks!');
    await expect(olena.getByRole('region', { name: /^Conversation with/ })).not.toContainText('until the customer replies');
    await expect(agentRow(supervisor, OLENA.name).getByTestId('queue-agent-load')).toHaveText('4 / 4');
  });

  test('a supervisor switches the team to round robin, and the agent who comes back online gets the last customer', async ({ browser }) => {
    test.setTimeout(120_000);
    // Taras is in, but away: routing gives him nothing. The supervisor, a member of the team too, steps away as well.
    const taras = await agentPage(browser, TARAS.email);
    const supervisor = await agentPage(browser, DEMO.supervisor.email);
    for (const page of [taras, supervisor]) {
      await expectLive(page);
      await page.getByRole('button', { name: 'Availability: Online. Change' }).click();
      await page.getByRole('menuitemradio', { name: /^Away/ }).click();
      await expect(page.getByTestId('availability')).toHaveAttribute('data-availability', 'away');
    }

    await supervisor.goto('/settings/teams');
    await supervisor.getByRole('link', { name: `Routing of ${TEAM}` }).click();
    await expect(supervisor.getByRole('heading', { name: `${TEAM} routing`, level: 1 })).toBeVisible();
    const form = supervisor.getByRole('form', { name: 'Routing settings' });
    await form.getByLabel('Round robin').check();
    await form.getByLabel('Capacity per agent').fill('5');
    await form.getByLabel(`Capacity for ${OLENA.name}`).fill('4');
    await form.getByLabel('When an agent goes offline').selectOption('reassign');
    await form.getByLabel('Minutes offline before returning them').fill('15');
    await form.getByLabel("Prefer agents who speak the customer's language").check();
    await form.getByText('Set opening hours').click();
    await form.getByLabel('Time zone').selectOption('Europe/Kyiv');
    await form.getByTestId('schedule-sat').getByRole('checkbox').check();
    await form.getByLabel('Saturday closes').fill('14:00');
    await form.getByLabel('Saturday opens').fill('10:00');
    await form.getByLabel('Holiday date').fill('2026-08-24');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByLabel('Out-of-office reply').fill("Thanks for writing to Acme Returns! We're closed now and reply from 9:00 on the next working day.");
    await form.getByLabel('First reply within (minutes)').fill('15');
    await expect(form.getByText('Unsaved changes')).toBeVisible();
    await docsSnapshot(supervisor, 'settings-team-routing', { height: 2050 });

    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(toasts(supervisor)).toContainText('Routing settings saved.');
    await expect(form.getByText('All changes saved')).toBeVisible();
    const saved = await teamRouting(admin, teamId);
    expect(saved).toMatchObject({
      policy: 'round_robin',
      defaultCapacity: 5,
      reassignOfflineAfterSeconds: 900,
      preferAgentLanguage: true,
      sla: { firstResponseMinutes: 15, nextResponseMinutes: 30, businessHoursOnly: false },
      businessHours: { timeZone: 'Europe/Kyiv', holidays: ['2026-08-24'] },
    });
    expect(saved.businessHours?.weekly).toMatchObject({ mon: [{ start: '09:00', end: '18:00' }], sat: [{ start: '10:00', end: '14:00' }] });
    expect(saved.members.find((member) => member.userId === olenaId)?.capacity).toBe(4);

    await supervisor.getByRole('link', { name: 'Queues' }).click();
    await expectLive(supervisor);
    await expect(queueCard(supervisor)).toContainText('Round robin');
    await expect(agentRow(supervisor, TARAS.name)).toHaveAttribute('data-status', 'away');
    await expect(agentRow(supervisor, DEMO.supervisor.name)).toHaveAttribute('data-status', 'away');
    // Nobody online has room (Olena is at her limit, the others are away): the last customer still waits.
    await supervisor.waitForTimeout(4_500);
    await expect(waiting(supervisor)).toHaveText('1');

    // Taras comes back: round robin hands him the customer, and both screens follow without a reload.
    await taras.getByRole('button', { name: 'Availability: Away. Change' }).click();
    await taras.getByRole('menuitemradio', { name: /^Online/ }).click();
    await expect(agentRow(supervisor, TARAS.name)).toHaveAttribute('data-status', 'online', { timeout: 5_000 });
    await expect(waiting(supervisor)).toHaveText('0', { timeout: 10_000 });
    await expect(agentRow(supervisor, TARAS.name).getByTestId('queue-agent-load')).toHaveText('1 / 5');
    expect((await queueOf(admin, teamId)).waiting).toBe(0);

    await conversationList(taras).getByRole('link').filter({ hasText: formatPhone(CUSTOMERS[TAKE_ORDER[4]].phone) }).click();
    await expect(thread(taras).getByTestId('assignment-event')).toContainText('Assigned to you by round robin');
    await snapshot(taras, 'inbox-round-robin');

    // The supervisor hands it to Support with a note; the thread says who moved it where, and why.
    await supervisor.goto('/inbox?view=all');
    await conversationList(supervisor).getByRole('link').filter({ hasText: formatPhone(CUSTOMERS[TAKE_ORDER[4]].phone) }).click();
    await supervisor.getByRole('region', { name: /^Conversation with/ }).getByRole('button', { name: `Assignee: ${TARAS.name}. Change` }).click();
    await supervisor.getByRole('menuitem', { name: 'Transfer with a note…' }).click();
    const transfer = supervisor.getByRole('dialog', { name: 'Transfer conversation' });
    await transfer.getByLabel('Team').selectOption({ label: 'Support' });
    await transfer.getByLabel('Note for the next agent').fill('Refund timing question: Support owns refunds.');
    await snapshot(supervisor, 'inbox-transfer-dialog');
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await expect(toasts(supervisor)).toContainText("Transferred to Support's queue.");
    await expect(thread(supervisor).getByTestId('assignment-event').last()).toContainText('Transferred to Support by you');
    await expect(thread(supervisor)).toContainText('Refund timing question: Support owns refunds.');
    // Taras is not in Support: it left his inbox.
    await expect(conversationList(taras).getByRole('link').filter({ hasText: formatPhone(CUSTOMERS[TAKE_ORDER[4]].phone) })).toHaveCount(0);
    await snapshot(supervisor, 'inbox-transferred');
  });
});
