import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { isOpenAt, nextChange, nextOpening } from '@backtalk/business-hours';
import { ChannelsService } from '@backtalk/channels';
import { AutomationService } from '@backtalk/automation';
import {
  ActivityType,
  type ActivityView,
  type AssignmentRecordView,
  type CannedAnswerView,
  type BusinessHours,
  type ChannelView,
  ConversationStatus,
  type CsatSurveySettingsView,
  ErrorCode,
  Provider,
  type QueueView,
  Role,
  RuleTrigger,
  SenderType,
  type UpdateCsatSurveySettingsRequest,
} from '@backtalk/contracts';
import { ConversationEntity } from '@backtalk/conversations';
import { CsatSurveyService } from '@backtalk/csat';
import { EventLog } from '@backtalk/platform';
import { PresenceService } from '@backtalk/realtime';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

interface Person {
  id: string;
  token: string;
}

describe('the satisfaction survey by SMS', () => {
  let t: TestApp;
  let teamId: string;
  let admin: Person;
  let agent: Person;
  let channel: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    // The survey sweep is driven by hand with the time it should believe it is, so no test waits for a delay.
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
  });
  beforeEach(async () => {
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    admin = await person('admin', [], Role.Admin);
    agent = await person('olena', [teamId]);
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      ratePerSecond: 100,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: 'http://127.0.0.1:9' },
      confirmations: { optOut: null, optIn: null, help: false },
    });
  });
  afterAll(() => t.close());

  async function person(name: string, teamIds: string[], role = Role.Agent): Promise<Person> {
    const user = await t.app.get(UsersService).create({ email: `${name}@example.com`, name, role, password: PASSWORD, teamIds });
    return { id: user.id, token: await t.app.get(AccessTokenService).issue(user.id) };
  }
  const configure = (change: UpdateCsatSurveySettingsRequest, token = admin.token) => t.request<CsatSurveySettingsView>('PATCH', `/api/teams/${teamId}/csat-survey`, { token, body: change });
  const customerSays = (from: string, text: string) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
  const conversationOf = (phone: string) =>
    t.dataSource.getRepository(ConversationEntity).createQueryBuilder('c').innerJoin('contact', 'ct', 'ct.id = c.contact_id').where('ct.phone = :phone', { phone }).orderBy('c.created_at', 'DESC').getOneOrFail();
  const reply = (conversationId: string, body: string) => t.request('POST', `/api/conversations/${conversationId}/messages`, { token: agent.token, body: { body } });
  const resolve = async (conversationId: string) => expect((await t.request('POST', `/api/conversations/${conversationId}/resolve`, { token: agent.token })).status).toBeLessThan(300);
  const surveysTo = async (phone: string) =>
    t.dataSource.query<Array<{ body: string; conversation_id: string }>>(
      `SELECT m.body, m.conversation_id FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN contact ct ON ct.id = c.contact_id
       WHERE ct.phone = $1 AND m.kind = 'survey' ORDER BY m.created_at`,
      [phone],
    );
  const sweepAt = (at: Date) => t.app.get(CsatSurveyService).sendDue(at);
  /** A conversation an agent answered and resolved, resolved now. */
  async function answeredAndResolved(phone: string): Promise<string> {
    await customerSays(phone, 'Where is my order?');
    const { id } = await conversationOf(phone);
    await reply(id, 'It ships today.');
    await resolve(id);
    return id;
  }
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

  it('texts one survey once the delay has passed, and records "4 спасибі" as a 4 with its comment while the conversation stays resolved and out of the queue', async () => {
    await configure({ enabled: true, delayMinutes: 30, thankYou: 'Thank you!' });
    const id = await answeredAndResolved('+380501110001');

    expect(await sweepAt(minutesFromNow(20))).toBe(0);
    expect(await surveysTo('+380501110001')).toEqual([]);
    expect(await sweepAt(minutesFromNow(31))).toBe(1);
    // Any number of later sweeps, in this process or another, find nothing more to send for that resolve.
    expect(await Promise.all([sweepAt(minutesFromNow(32)), sweepAt(minutesFromNow(33))])).toEqual([0, 0]);
    expect(await surveysTo('+380501110001')).toEqual([{ body: 'How did we do? Reply 1 (bad) to 5 (great).', conversation_id: id }]);

    expect((await customerSays('+380501110001', '4 спасибі')).status).toBeLessThan(300);

    const [response] = await t.dataSource.query(`SELECT conversation_id, team_id, agent_id, rating, comment, responded_at FROM csat_response`);
    expect(response).toMatchObject({ conversation_id: id, team_id: teamId, agent_id: agent.id, rating: 4, comment: 'спасибі' });
    expect(response.responded_at).not.toBeNull();
    const conversation = await conversationOf('+380501110001');
    expect(conversation).toMatchObject({ id, status: ConversationStatus.Resolved, waitingSince: null });
    expect((await t.request<QueueView>('GET', `/api/queues/${teamId}`, { token: admin.token })).body.waiting).toBe(0);
    expect(await surveysTo('+380501110001')).toEqual([
      { body: 'How did we do? Reply 1 (bad) to 5 (great).', conversation_id: id },
      { body: 'Thank you!', conversation_id: id },
    ]);
    const activity = await t.request<ActivityView[]>('GET', `/api/conversations/${id}/activity`, { token: agent.token });
    expect(activity.body.find((line) => line.type === ActivityType.CsatRated)).toMatchObject({ actor: { kind: 'customer' }, data: { rating: 4, comment: 'спасибі', reopened: false } });

    // After the answer, the customer's next text is an ordinary message that reopens the conversation.
    await customerSays('+380501110001', '5');
    expect(await conversationOf('+380501110001')).toMatchObject({ id, status: ConversationStatus.Open });
  });

  it('treats a reply to the survey that is not a rating as an ordinary message, reopening the conversation', async () => {
    await configure({ enabled: true, delayMinutes: 0 });
    const id = await answeredAndResolved('+380501110002');
    expect(await sweepAt(minutesFromNow(1))).toBe(1);
    await customerSays('+380501110002', 'Actually the parcel is damaged');
    expect(await conversationOf('+380501110002')).toMatchObject({ id, status: ConversationStatus.Open });
    expect(await t.dataSource.query(`SELECT rating FROM csat_response`)).toEqual([{ rating: null }]);
  });

  describe('a low score, when the team asks for it', () => {
    beforeEach(() => configure({ enabled: true, delayMinutes: 0, reopenOnLowScore: true, lowScoreThreshold: 2 }));

    /** A rule that would answer the rating's words automatically if automation ever saw the survey answer. */
    async function ruleAnsweringEveryWeek(): Promise<void> {
      const canned = await t.request<CannedAnswerView>('POST', '/api/canned-answers', { token: admin.token, body: { title: 'Delays', shortcode: 'delays', body: 'Sorry for the wait!', autoReply: true } });
      expect(canned.status).toBe(201);
      const rule = await t.request('POST', '/api/automation/rules', {
        token: admin.token,
        body: { name: 'Delays', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'keywords', any: ['week'] }], actions: [{ type: 'reply', cannedAnswerId: canned.body.id }] },
      });
      expect(rule.status).toBe(201);
    }

    it('reopens the conversation for the team’s online supervisor, says so in the thread, and publishes the change only after it is committed', async () => {
      const onlineSupervisor = await person('maria', [teamId], Role.Supervisor);
      // Less loaded, but not at the console: the one who can look at it now is preferred.
      await person('ivan', [teamId], Role.Supervisor);
      await t.app.get(PresenceService).touch(onlineSupervisor.id, `console-${onlineSupervisor.id}`, [teamId]);
      const held = await answeredAndResolved('+380501110012');
      await customerSays('+380501110012', 'one more thing');
      await t.dataSource.query(`UPDATE conversation SET assignee_id = $2 WHERE id = $1`, [held, onlineSupervisor.id]);
      await ruleAnsweringEveryWeek();
      const id = await answeredAndResolved('+380501110003');
      await t.dataSource.query(`UPDATE conversation SET assignee_id = $2 WHERE id = $1`, [id, agent.id]);
      expect(await sweepAt(minutesFromNow(1))).toBe(1);
      const seenAtPublish: Array<Promise<Array<{ assignee_id: string | null; status: string }>>> = [];
      const unsubscribe = t.app.get(EventLog).subscribe((event) => {
        if (event.type === 'assignment.changed' && event.conversationId === id) seenAtPublish.push(t.dataSource.query(`SELECT assignee_id, status FROM conversation WHERE id = $1`, [id]));
      });
      try {
        await customerSays('+380501110003', '1 nobody told me it would take a week');
      } finally {
        unsubscribe();
      }

      const reopened = await conversationOf('+380501110003');
      expect(reopened).toMatchObject({ id, status: ConversationStatus.Open, resolvedAt: null, assigneeId: onlineSupervisor.id });
      expect(reopened.waitingSince).not.toBeNull();
      expect(await Promise.all(seenAtPublish)).toEqual([[{ assignee_id: onlineSupervisor.id, status: 'open' }]]);
      const activity = await t.request<ActivityView[]>('GET', `/api/conversations/${id}/activity`, { token: agent.token });
      expect(activity.body.find((line) => line.type === ActivityType.CsatRated)?.data).toEqual({
        rating: 1,
        comment: 'nobody told me it would take a week',
        reopened: true,
        supervisorId: onlineSupervisor.id,
        supervisorName: 'maria',
      });
      const assignments = await t.request<AssignmentRecordView[]>('GET', `/api/conversations/${id}/assignments`, { token: agent.token });
      expect(assignments.body.at(-1)).toMatchObject({ assigneeId: onlineSupervisor.id, previousAssigneeId: agent.id, actorId: null, reason: 'low_csat_score' });
      expect(await t.dataSource.query(`SELECT rating, comment FROM csat_response`)).toEqual([{ rating: 1, comment: 'nobody told me it would take a week' }]);

      // The survey answer is the customer's verdict, not a question: neither the process that stored it nor the sweep answers it.
      await t.app.get(AutomationService).processUnprocessed(minutesFromNow(1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await t.dataSource.query(`SELECT id FROM message WHERE kind = 'auto_reply'`)).toEqual([]);
      expect(await t.dataSource.query(`SELECT r.id FROM automation_run r JOIN csat_response c ON c.response_message_id = r.message_id`)).toEqual([]);
    });

    it('gives it to the least busy supervisor when none is online', async () => {
      const busy = await person('maria', [teamId], Role.Supervisor);
      const free = await person('ivan', [teamId], Role.Supervisor);
      await person('otto', [], Role.Supervisor);
      const other = await answeredAndResolved('+380501110010');
      await customerSays('+380501110010', 'one more thing');
      await t.dataSource.query(`UPDATE conversation SET assignee_id = $2 WHERE id = $1`, [other, busy.id]);
      const id = await answeredAndResolved('+380501110011');
      expect(await sweepAt(minutesFromNow(1))).toBe(1);
      await customerSays('+380501110011', '2');
      expect(await conversationOf('+380501110011')).toMatchObject({ id, status: ConversationStatus.Open, assigneeId: free.id });
    });

    it('returns it to the team’s queue when the team has no supervisor', async () => {
      const id = await answeredAndResolved('+380501110003');
      await t.dataSource.query(`UPDATE conversation SET assignee_id = $2 WHERE id = $1`, [id, agent.id]);
      await sweepAt(minutesFromNow(1));
      await customerSays('+380501110003', '1');
      expect(await conversationOf('+380501110003')).toMatchObject({ id, status: ConversationStatus.Open, assigneeId: null });
      expect((await t.request<QueueView>('GET', `/api/queues/${teamId}`, { token: admin.token })).body.waiting).toBe(1);
      const activity = await t.request<ActivityView[]>('GET', `/api/conversations/${id}/activity`, { token: agent.token });
      expect(activity.body.find((line) => line.type === ActivityType.CsatRated)?.data).toEqual({ rating: 1, comment: null, reopened: true, supervisorId: null, supervisorName: null });
    });

    it('leaves the conversation resolved, with whoever had it, for a score above the threshold', async () => {
      const supervisor = await person('maria', [teamId], Role.Supervisor);
      await t.app.get(PresenceService).touch(supervisor.id, `console-${supervisor.id}`, [teamId]);
      const id = await answeredAndResolved('+380501110003');
      await t.dataSource.query(`UPDATE conversation SET assignee_id = $2 WHERE id = $1`, [id, agent.id]);
      await sweepAt(minutesFromNow(1));
      await customerSays('+380501110003', '3 ok');
      expect(await conversationOf('+380501110003')).toMatchObject({ id, status: ConversationStatus.Resolved, assigneeId: agent.id });
      const activity = await t.request<ActivityView[]>('GET', `/api/conversations/${id}/activity`, { token: agent.token });
      expect(activity.body.find((line) => line.type === ActivityType.CsatRated)?.data).toEqual({ rating: 3, comment: 'ok', reopened: false });
    });
  });

  it('sends nothing to a customer who opted out after the resolve', async () => {
    await configure({ enabled: true, delayMinutes: 0 });
    await answeredAndResolved('+380501110004');
    await customerSays('+380501110004', 'STOP');
    const { id } = await conversationOf('+380501110004');
    await resolve(id);
    expect(await sweepAt(minutesFromNow(1))).toBe(0);
    expect(await surveysTo('+380501110004')).toEqual([]);
  });

  it('sends nothing to a customer whose data was erased after the resolve', async () => {
    await configure({ enabled: true, delayMinutes: 30 });
    const id = await answeredAndResolved('+380501110009');
    const { contactId } = await t.dataSource.getRepository(ConversationEntity).findOneByOrFail({ id });
    expect((await t.request('POST', `/api/contacts/${contactId}/erase`, { token: admin.token, body: { confirmPhone: '+380501110009' } })).status).toBe(200);
    expect(await sweepAt(minutesFromNow(31))).toBe(0);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM message WHERE conversation_id = $1 AND kind = 'survey'`, [id])).toEqual([{ n: 0 }]);
  });

  it('surveys a customer at most once within the team’s period, whatever they resolve in between', async () => {
    await configure({ enabled: true, delayMinutes: 0, minDaysBetween: 30 });
    const id = await answeredAndResolved('+380501110005');
    expect(await sweepAt(minutesFromNow(1))).toBe(1);
    await customerSays('+380501110005', 'One more question');
    expect((await conversationOf('+380501110005')).id).toBe(id);
    await reply(id, 'Sure.');
    await resolve(id);
    expect(await sweepAt(minutesFromNow(2))).toBe(0);
    expect(await surveysTo('+380501110005')).toHaveLength(1);
  });

  it('sends no survey when no person answered the customer, nor when the team has it switched off', async () => {
    await customerSays('+380501110006', 'Thanks, never mind');
    await resolve((await conversationOf('+380501110006')).id);
    await answeredAndResolved('+380501110007');
    // Switched on only now: resolves from before that are not surveyed.
    await configure({ enabled: true, delayMinutes: 0 });
    expect(await sweepAt(minutesFromNow(1))).toBe(0);

    await customerSays('+380501110006', 'Hello again');
    await resolve((await conversationOf('+380501110006')).id);
    expect(await sweepAt(minutesFromNow(2))).toBe(0);
    expect(await t.dataSource.query(`SELECT id FROM message WHERE kind = 'survey'`)).toEqual([]);
  });

  it('does not survey a resolve the conversation was reopened from before the delay passed', async () => {
    await configure({ enabled: true, delayMinutes: 30 });
    const id = await answeredAndResolved('+380501110008');
    await customerSays('+380501110008', 'Wait, one more thing');
    expect(await conversationOf('+380501110008')).toMatchObject({ id, status: ConversationStatus.Open });
    expect(await sweepAt(minutesFromNow(31))).toBe(0);
  });

  it('waits for the team’s business hours and sends when it opens', async () => {
    const hours: BusinessHours = {
      timeZone: 'UTC',
      weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '09:00', end: '10:00' }]])),
      holidays: [],
    };
    expect((await t.request('PATCH', `/api/teams/${teamId}/routing`, { token: admin.token, body: { businessHours: hours } })).status).toBe(200);
    await configure({ enabled: true, delayMinutes: 0 });
    await answeredAndResolved('+380501110009');
    let closed = minutesFromNow(1);
    if (isOpenAt(hours, closed)) closed = nextChange(hours, closed)!;
    expect(await sweepAt(closed)).toBe(0);
    expect(await sweepAt(nextOpening(hours, closed)!)).toBe(1);
  });

  describe('settings', () => {
    it('reads as switched off with the default text until changed, and keeps what a supervisor of the team sets', async () => {
      expect((await t.request('GET', `/api/teams/${teamId}/csat-survey`, { token: agent.token })).body).toEqual({
        teamId,
        enabled: false,
        message: 'How did we do? Reply 1 (bad) to 5 (great).',
        thankYou: null,
        delayMinutes: 30,
        minDaysBetween: 30,
        reopenOnLowScore: false,
        lowScoreThreshold: 2,
      });
      const supervisor = await person('maria', [teamId], Role.Supervisor);
      const changed = await configure({ enabled: true, message: 'Як ми впоралися? Відповідь 1–5.', thankYou: 'Дякуємо!', delayMinutes: 60 }, supervisor.token);
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ enabled: true, message: 'Як ми впоралися? Відповідь 1–5.', thankYou: 'Дякуємо!', delayMinutes: 60 });
    });

    it('refuses bad values with 400 and changes nothing, refuses agents, and hides other teams', async () => {
      for (const body of [{ delayMinutes: -1 }, { message: '' }, { lowScoreThreshold: 5 }, { enabled: 'yes' }, { thankYou: 'x'.repeat(481) }]) {
        const refused = await configure(body as UpdateCsatSurveySettingsRequest);
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: ErrorCode.ValidationFailed });
      }
      expect((await configure({ enabled: true }, agent.token)).status).toBe(403);
      const otherTeam = (await t.app.get(TeamsService).create({ name: 'Billing' })).id;
      expect((await t.request('GET', `/api/teams/${otherTeam}/csat-survey`, { token: agent.token })).status).toBe(404);
      expect(await t.dataSource.query(`SELECT enabled FROM csat_survey_settings`)).toEqual([]);
    });
  });
});
