import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, snapshot, thread } from './support/console';
import { conversationWith, ensureAgent, ensureTeam, userIdOf } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// A Deliveries team of its own, so switching its survey on touches nobody else's conversations.
const TEAM = 'Deliveries';
const PETRO = { email: 'petro.deliveries@backtalk.local', name: 'Petro Deliveries' };
const SURVEY = 'How did we do? Reply 1 (bad) to 5 (great).';
const THANKS = 'Дякуємо за відгук!';

test.describe('the satisfaction survey', () => {
  test.describe.configure({ mode: 'serial' });

  let aggregator: FakeAggregator;
  let admin: Session;
  let teamId: string;
  let channel: GenericChannel;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const petroId = await ensureAgent(admin, PETRO.email, PETRO.name, DEMO.agentPassword);
    teamId = await ensureTeam(admin, TEAM, [await userIdOf(admin, DEMO.supervisor.email), petroId]);
    channel = await createGenericChannel(admin, { teamId, name: 'Deliveries line', sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('a supervisor switches the survey on under the team’s settings and sees the SMS it sends', async ({ browser }) => {
    const page = await agentPage(browser, DEMO.supervisor.email);
    await page.goto(`/settings/teams/${teamId}/routing`);
    const form = page.getByRole('form', { name: 'Satisfaction survey' });
    await expect(form.getByLabel('Survey message')).toHaveValue(SURVEY);
    await expect(form.getByText('GSM-7 · 1 segment')).toBeVisible();

    await form.getByLabel('Text customers a survey after a resolve').check();
    await form.getByLabel('Send after (minutes)').fill('0');
    await form.getByLabel('Thank-you after a score (optional)').fill(THANKS);
    await expect(form.getByText('Unicode · 1 segment')).toBeVisible();
    const preview = form.getByRole('figure', { name: 'Preview of the survey SMS' });
    await expect(preview).toContainText(SURVEY);
    await expect(preview).toContainText(THANKS);
    await form.getByRole('button', { name: 'Save survey' }).click();
    await expect(page.getByText('Survey settings saved.')).toBeVisible();
    await form.scrollIntoViewIfNeeded();
    await snapshot(page, 'csat-survey-settings');
    await page.setViewportSize({ width: 390, height: 844 });
    await form.getByLabel('Survey message').scrollIntoViewIfNeeded();
    await snapshot(page, 'csat-survey-settings-phone');

    const saved = await call<{ enabled: boolean; delayMinutes: number; thankYou: string }>(`/api/teams/${teamId}/csat-survey`, { token: admin.token });
    expect(saved).toMatchObject({ enabled: true, delayMinutes: 0, thankYou: THANKS });
  });

  test('an agent sees the customer’s rating and comment in the thread, and the conversation stays resolved', async ({ browser }) => {
    test.setTimeout(60_000);
    const phone = uniquePhone();
    await customerTexts(channel, phone, 'Is my parcel coming today?');
    const petro = await apiSignIn(PETRO.email, DEMO.agentPassword);
    const { id } = await conversationWith(admin, phone);
    await call(`/api/conversations/${id}/messages`, { token: petro.token, body: { body: 'Yes, the courier is on the way.' } });
    await call(`/api/conversations/${id}/resolve`, { token: petro.token, body: {} });

    // The survey sweep runs every few seconds in the test servers.
    await expect.poll(() => aggregator.sent.filter((sms) => sms.to === phone).map((sms) => sms.text), { timeout: 20_000 }).toContain(SURVEY);
    await customerTexts(channel, phone, '4 спасибі');
    await expect.poll(() => aggregator.sent.filter((sms) => sms.to === phone).map((sms) => sms.text), { timeout: 20_000 }).toContain(THANKS);

    const page = await agentPage(browser, PETRO.email);
    await page.goto(`/inbox/${id}?view=all`);
    await expect(thread(page).getByText('The customer rated the conversation 4 of 5: “спасибі”')).toBeVisible();
    await expect(thread(page).getByText('Satisfaction survey').first()).toBeVisible();
    expect((await conversationWith(admin, phone)).status).toBe('resolved');
    await snapshot(page, 'csat-thread-rating');
    await page.setViewportSize({ width: 390, height: 844 });
    await snapshot(page, 'csat-thread-rating-phone');
  });
});
