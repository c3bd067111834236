import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  AssignmentPolicy,
  type AssignmentRecordView,
  type ChannelView,
  ConversationPriority,
  ConversationStatus,
  type ConversationView,
  ErrorCode,
  MessageDirection,
  MessageKind,
  type Page,
  Provider,
  type QueueView,
  Role,
  SenderType,
  type TakeNextResult,
  type TeamRoutingView,
  type UpdateTeamRoutingRequest,
} from '@backtalk/contracts';
import { ConversationEntity, MessageEntity } from '@backtalk/conversations';
import { PresenceService } from '@backtalk/realtime';
import { RoutingProcessor } from '@backtalk/routing';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { DateTime } from 'luxon';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';

interface Person {
  id: string;
  token: string;
}

describe('routing: team queues, capacity-aware assignment, take next, business hours, SLA and snooze', () => {
  let t: TestApp;
  let teamId: string;
  let admin: Person;
  let channel: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    // The sweep is driven by hand below, so each test decides when it runs.
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
  });
  beforeEach(async () => {
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    admin = await person('admin', [], Role.Admin);
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      ratePerSecond: 100,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: 'http://127.0.0.1:9' },
      confirmations: { optOut: 'You are unsubscribed.', optIn: null, help: false },
    });
  });
  afterAll(() => t.close());

  async function person(name: string, teamIds: string[], role = Role.Agent): Promise<Person> {
    const user = await t.app.get(UsersService).create({ email: `${name}@example.com`, name, role, password: PASSWORD, teamIds });
    return { id: user.id, token: await t.app.get(AccessTokenService).issue(user.id) };
  }
  const agents = (count: number, prefix = 'agent') => Promise.all(Array.from({ length: count }, (_, index) => person(`${prefix}${index + 1}`, [teamId])));
  const goOnline = (...people: Person[]) => Promise.all(people.map((one) => t.app.get(PresenceService).touch(one.id, `console-${one.id}`, [teamId])));
  const goOffline = (one: Person) => t.app.get(PresenceService).leave(one.id, `console-${one.id}`);
  const configure = (change: UpdateTeamRoutingRequest) => t.request<TeamRoutingView & { message?: string }>('PATCH', `/api/teams/${teamId}/routing`, { token: admin.token, body: change });
  const customer = (index: number) => `+38050${String(1_000_000 + index).padStart(7, '0')}`;
  const customerSays = (from: string, text = 'Where is my order?') =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
  const conversations = () => t.dataSource.getRepository(ConversationEntity).find({ order: { createdAt: 'ASC' } });
  const assignedTo = async () => {
    const rows = await t.dataSource.query<Array<{ assignee_id: string; count: string }>>(
      `SELECT assignee_id, count(*) FROM conversation WHERE status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
    return new Map(rows.map((row) => [row.assignee_id, Number(row.count)]));
  };
  const sweep = () => t.app.get(RoutingProcessor).sweep();
  const post = <T>(path: string, token: string, body?: unknown) => t.request<T & { code?: string; message?: string }>('POST', path, { token, body });

  it('spreads 200 conversations arriving at once over 5 agents of capacity 3, never above 3, and drains the rest oldest first as agents resolve', async () => {
    await configure({ policy: AssignmentPolicy.LeastLoaded, defaultCapacity: 3 });
    const team = await agents(5);
    await goOnline(...team);

    let highest = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const count of (await assignedTo()).values()) highest = Math.max(highest, count);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const responses = await Promise.all(Array.from({ length: 200 }, (_, index) => customerSays(customer(index))));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await eventually(assignedTo, (loads) => [...loads.values()].reduce((sum, count) => sum + count, 0) === 15);
    expect([...(await assignedTo()).values()]).toEqual([3, 3, 3, 3, 3]);

    // Agents resolve one conversation at a time, all five at once, six rounds: each frees one place.
    for (let round = 0; round < 6; round++) {
      const open = await t.dataSource.getRepository(ConversationEntity).find({ where: { status: ConversationStatus.Open }, order: { createdAt: 'ASC' } });
      await Promise.all(
        team.map((agent) => {
          const mine = open.find((conversation) => conversation.assigneeId === agent.id)!;
          return post(`/api/conversations/${mine.id}/resolve`, agent.token);
        }),
      );
      await eventually(assignedTo, (loads) => [...loads.values()].every((count) => count === 3) && loads.size === 5);
    }
    watching = false;
    await watcher;
    expect(highest).toBe(3);

    const all = await conversations();
    const records = await t.dataSource.query<Array<{ conversation_id: string; assignee_id: string }>>(
      `SELECT conversation_id, assignee_id FROM conversation_assignment WHERE assignee_id IS NOT NULL ORDER BY id`,
    );
    // Every conversation was handed out at most once.
    expect(new Set(records.map((record) => record.conversation_id)).size).toBe(records.length);
    expect(records).toHaveLength(15 + 30);
    // After the first fifteen, each hand-out took the longest-waiting conversation of those still waiting.
    const waitedSince = new Map(all.map((conversation) => [conversation.id, conversation.lastInboundAt!.getTime()]));
    const handedOut = records.slice(15).map((record) => waitedSince.get(record.conversation_id)!);
    expect(handedOut).toEqual([...handedOut].sort((a, b) => a - b));
    const stillWaiting = all.filter((conversation) => conversation.assigneeId === null).map((conversation) => waitedSince.get(conversation.id)!);
    expect(stillWaiting).toHaveLength(200 - 45);
    expect(Math.max(...handedOut)).toBeLessThanOrEqual(Math.min(...stillWaiting));
  });

  it('is fair over 1,000 round-robin assignments: no agent gets more than one conversation more than another', async () => {
    await configure({ policy: AssignmentPolicy.RoundRobin });
    const team = await agents(7);
    await goOnline(...team);
    for (let batch = 0; batch < 10; batch++) {
      const responses = await Promise.all(Array.from({ length: 100 }, (_, index) => customerSays(customer(batch * 100 + index))));
      expect(responses.every((response) => response.status === 200)).toBe(true);
    }
    const loads = await eventually(assignedTo, (counts) => [...counts.values()].reduce((sum, count) => sum + count, 0) === 1000, 60_000);
    const counts = team.map((agent) => loads.get(agent.id) ?? 0);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }, 120_000);

  it('gives new conversations only to online agents, and returns an offline agent’s conversations to the queue after the team’s grace period', async () => {
    await configure({ policy: AssignmentPolicy.RoundRobin, reassignOfflineAfterSeconds: 0 });
    const [olena, petro] = await agents(2);
    await goOnline(olena, petro);
    await Promise.all([customerSays(customer(1)), customerSays(customer(2))]);
    await eventually(assignedTo, (loads) => loads.get(olena.id) === 1 && loads.get(petro.id) === 1);

    await goOffline(petro);
    await Promise.all([customerSays(customer(3)), customerSays(customer(4))]);
    await eventually(assignedTo, (loads) => loads.get(olena.id) === 3);
    expect((await assignedTo()).get(petro.id)).toBe(1);

    await sweep();
    const loads = await eventually(assignedTo, (counts) => counts.get(olena.id) === 4);
    expect(loads.get(petro.id)).toBeUndefined();
    const [released] = await t.dataSource.query<Array<{ reason: string; previous_assignee_id: string }>>(
      `SELECT reason, previous_assignee_id FROM conversation_assignment WHERE reason = 'agent_offline'`,
    );
    expect(released).toEqual({ reason: 'agent_offline', previous_assignee_id: petro.id });
  });

  it('keeps an offline agent’s conversations when the team says so', async () => {
    await configure({ policy: AssignmentPolicy.RoundRobin, reassignOfflineAfterSeconds: null });
    const [olena] = await agents(1);
    await goOnline(olena);
    await customerSays(customer(1));
    await eventually(assignedTo, (loads) => loads.get(olena.id) === 1);
    await goOffline(olena);
    await sweep();
    expect((await assignedTo()).get(olena.id)).toBe(1);
  });

  it('gives ten agents pressing "take next" at once ten different conversations, the ten longest waiting', async () => {
    const team = await agents(10);
    for (let index = 0; index < 12; index++) await customerSays(customer(index));
    const taken = await Promise.all(team.map((agent) => post<TakeNextResult>('/api/queues/take-next', agent.token)));
    const ids = taken.map((response) => response.body.conversationId);
    expect(new Set(ids).size).toBe(10);
    const oldestTen = (await conversations()).slice(0, 10).map((conversation) => conversation.id);
    expect([...ids].sort()).toEqual([...oldestTen].sort());
    const records = await t.request<AssignmentRecordView[]>('GET', `/api/conversations/${ids[0]}/assignments`, { token: team[0].token });
    expect(records.body).toEqual([expect.objectContaining({ reason: 'take_next', previousAssigneeId: null, actorId: expect.any(String) })]);
  });

  it('serves urgent conversations first, and refuses "take next" to an agent at capacity with the reason', async () => {
    await configure({ defaultCapacity: 1 });
    const [olena] = await agents(1);
    await customerSays(customer(1));
    await customerSays(customer(2));
    const [, later] = await conversations();
    expect((await post<ConversationView>(`/api/conversations/${later.id}/priority`, olena.token, { priority: ConversationPriority.Urgent })).body.priority).toBe(ConversationPriority.Urgent);

    expect((await post<TakeNextResult>('/api/queues/take-next', olena.token)).body.conversationId).toBe(later.id);
    const atTeamLimit = await post<TakeNextResult>('/api/queues/take-next', olena.token);
    expect(atTeamLimit.status).toBe(409);
    expect(atTeamLimit.body).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('limit in each of your teams') });

    await configure({ defaultCapacity: 5 });
    await t.request('PATCH', `/api/users/${olena.id}/routing`, { token: olena.token, body: { capacity: 1 } });
    const atOwnLimit = await post<TakeNextResult>('/api/queues/take-next', olena.token);
    expect(atOwnLimit.status).toBe(409);
    expect(atOwnLimit.body.message).toContain('1 open conversations, your limit');
  });

  it('keeps capacity per team: a supervisor of another team the agent is in limits them there only, and cannot change their own limit across teams', async () => {
    await configure({ policy: AssignmentPolicy.LeastLoaded, defaultCapacity: 2 });
    const billingId = (await t.app.get(TeamsService).create({ name: 'Billing' })).id;
    const olena = await person('olena', [teamId, billingId]);
    const billingSupervisor = await person('bohdan', [billingId], Role.Supervisor);

    const acrossTeams = await t.request<{ code: string; message: string }>('PATCH', `/api/users/${olena.id}/routing`, { token: billingSupervisor.token, body: { capacity: 0 } });
    expect(acrossTeams.status).toBe(403);
    expect(acrossTeams.body.code).toBe(ErrorCode.Forbidden);
    expect((await t.request<{ capacity: number | null }>('GET', `/api/users/${olena.id}/routing`, { token: admin.token })).body.capacity).toBeNull();

    const inBilling = await t.request<TeamRoutingView>('PATCH', `/api/teams/${billingId}/routing`, { token: billingSupervisor.token, body: { members: [{ userId: olena.id, capacity: 0 }] } });
    expect(inBilling.status).toBe(200);
    expect(inBilling.body.members.find((member) => member.userId === olena.id)?.capacity).toBe(0);
    const support = await t.request<TeamRoutingView>('GET', `/api/teams/${teamId}/routing`, { token: admin.token });
    expect(support.body.members).toEqual([expect.objectContaining({ userId: olena.id, capacity: null })]);

    await goOnline(olena);
    for (let index = 0; index < 3; index++) await customerSays(customer(index));
    await eventually(assignedTo, (loads) => loads.get(olena.id) === 2);
    expect((await conversations()).filter((conversation) => conversation.assigneeId === null)).toHaveLength(1);
  });

  it('keeps a member’s capacity in a team when the team’s members or the member’s teams change', async () => {
    const [olena, petro] = await agents(2);
    expect((await configure({ members: [{ userId: olena.id, capacity: 1 }] })).status).toBe(200);
    const capacityOfOlena = async () => (await t.request<TeamRoutingView>('GET', `/api/teams/${teamId}/routing`, { token: admin.token })).body.members.find((member) => member.userId === olena.id)?.capacity;

    const taras = await person('taras', []);
    expect((await t.request('PATCH', `/api/teams/${teamId}`, { token: admin.token, body: { memberIds: [olena.id, petro.id, taras.id] } })).status).toBe(200);
    expect(await capacityOfOlena()).toBe(1);

    const billingId = (await t.app.get(TeamsService).create({ name: 'Billing' })).id;
    expect((await t.request('PATCH', `/api/users/${olena.id}`, { token: admin.token, body: { teamIds: [teamId, billingId] } })).status).toBe(200);
    expect(await capacityOfOlena()).toBe(1);
  });

  it('prefers an agent who speaks the customer’s language when the team asks for it', async () => {
    await configure({ policy: AssignmentPolicy.RoundRobin, preferAgentLanguage: true });
    const [english, ukrainian] = await agents(2);
    await t.request('PATCH', `/api/users/${english.id}/routing`, { token: english.token, body: { languages: ['en'] } });
    await t.request('PATCH', `/api/users/${ukrainian.id}/routing`, { token: ukrainian.token, body: { languages: ['uk', 'en'] } });
    await goOnline(english, ukrainian);
    await customerSays(customer(1), 'Де моє замовлення? Дякую');
    await customerSays(customer(2), 'Добрий день, чи можна змінити адресу доставки?');
    const loads = await eventually(assignedTo, (counts) => counts.get(ukrainian.id) === 2);
    expect(loads.get(english.id)).toBeUndefined();
    expect((await conversations()).map((conversation) => conversation.language)).toEqual(['uk', 'uk']);
  });

  it('answers out of business hours once per closed period, never to a customer who opted out', async () => {
    const today = DateTime.now().setZone('Europe/Kyiv').toISODate()!;
    const tomorrow = DateTime.now().setZone('Europe/Kyiv').plus({ days: 1 }).toISODate()!;
    const everyDay = { start: '00:00', end: '24:00' };
    const weekly = { mon: [everyDay], tue: [everyDay], wed: [everyDay], thu: [everyDay], fri: [everyDay], sat: [everyDay], sun: [everyDay] };
    const configured = await configure({ businessHours: { timeZone: 'Europe/Kyiv', weekly, holidays: [today, tomorrow] }, outOfOfficeMessage: 'We are closed today and answer tomorrow from 9:00.' });
    expect(configured.status).toBe(200);

    await customerSays(customer(1), 'Hello?');
    await customerSays(customer(1), 'Anyone there?');
    await customerSays(customer(2), 'STOP');
    await customerSays(customer(2), 'one more thing');
    const replies = await eventually(
      () => t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound, kind: MessageKind.AutoReply } }),
      (messages) => messages.length >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound, kind: MessageKind.AutoReply } })).toHaveLength(1);
    expect(replies[0]).toMatchObject({ body: 'We are closed today and answer tomorrow from 9:00.', metadata: { automation: 'out_of_office' } });
  });

  it('schedules a reply for the moment the team opens, and sends it now while the team is open', async () => {
    const zone = 'Europe/Kyiv';
    const today = DateTime.now().setZone(zone).toISODate()!;
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    const weekly = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: nineToFive, sun: nineToFive };
    const [olena] = await agents(1);
    await customerSays(customer(1));
    const [conversation] = await conversations();
    const reply = (body: unknown) => post<{ status: string; sendAt: string | null }>(`/api/conversations/${conversation.id}/messages`, olena.token, body);

    expect((await reply({ body: 'Noted, we will call you.', sendAtNextOpening: true })).body.message).toContain('no business hours');
    await configure({ businessHours: { timeZone: zone, weekly, holidays: [today] } });
    const scheduled = await reply({ body: 'Good morning! Your replacement ships today.', sendAtNextOpening: true });
    expect(scheduled.body.status).toBe('scheduled');
    expect(scheduled.body.sendAt).toBe(DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO());

    await configure({ businessHours: { timeZone: zone, weekly: { mon: [{ start: '00:00', end: '24:00' }], tue: [{ start: '00:00', end: '24:00' }], wed: [{ start: '00:00', end: '24:00' }], thu: [{ start: '00:00', end: '24:00' }], fri: [{ start: '00:00', end: '24:00' }], sat: [{ start: '00:00', end: '24:00' }], sun: [{ start: '00:00', end: '24:00' }] }, holidays: [] } });
    expect((await reply({ body: 'Right away.', sendAtNextOpening: true })).body).toMatchObject({ status: 'queued', sendAt: null });
  });

  it('refuses business hours it cannot use, with the reason, and changes nothing', async () => {
    const refused = await configure({ policy: AssignmentPolicy.RoundRobin, businessHours: { timeZone: 'Mars/Olympus', weekly: { mon: [{ start: '09:00', end: '17:00' }] }, holidays: [] } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('Mars/Olympus');
    const [agent] = await agents(1);
    expect((await t.request('PATCH', `/api/teams/${teamId}/routing`, { token: agent.token, body: { policy: AssignmentPolicy.RoundRobin } })).status).toBe(403);
    const current = await t.request<TeamRoutingView>('GET', `/api/teams/${teamId}/routing`, { token: admin.token });
    expect(current.body).toMatchObject({ policy: AssignmentPolicy.Manual, businessHours: null });
  });

  it('sets the first-response due time in business hours, clears it on the answer, and records a breach once', async () => {
    const zone = 'Europe/Kyiv';
    const today = DateTime.now().setZone(zone).toISODate()!;
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    const weekly = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: nineToFive, sun: nineToFive };
    await configure({ businessHours: { timeZone: zone, weekly, holidays: [today] }, sla: { firstResponseMinutes: 30, nextResponseMinutes: 60, businessHoursOnly: true } });
    const [olena] = await agents(1);
    await customerSays(customer(1));
    await sweep();

    // Today is a holiday: the clock starts at 09:00 tomorrow, and half an hour of it is due at 09:30.
    const [waiting] = await conversations();
    const expected = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
    expect(waiting.slaKind).toBe('first_response');
    expect(waiting.slaDueAt?.toISOString()).toBe(expected.toUTC().toISO());

    // The customer has in fact waited since long before: the due time passed, which is recorded once.
    await configure({ businessHours: null, sla: { businessHoursOnly: false } });
    await t.dataSource.query(`UPDATE conversation SET waiting_since = now() - interval '2 hours'`);
    await sweep();
    await sweep();
    const breaches = await t.dataSource.query<Array<{ kind: string }>>(`SELECT kind FROM sla_breach`);
    expect(breaches).toEqual([{ kind: 'first_response' }]);
    const queue = await t.request<QueueView>('GET', `/api/queues/${teamId}`, { token: admin.token });
    expect(queue.body).toMatchObject({ waiting: 1, slaBreached: 1 });
    const reported = await t.request<Array<{ conversationId: string; kind: string }>>('GET', `/api/sla-breaches?teamId=${teamId}`, { token: admin.token });
    expect(reported.body).toEqual([expect.objectContaining({ conversationId: waiting.id, kind: 'first_response' })]);

    await post(`/api/conversations/${waiting.id}/messages`, olena.token, { body: 'Sorry for the wait!' });
    await sweep();
    expect((await conversations())[0]).toMatchObject({ slaDueAt: null, slaKind: null });
    await customerSays(customer(1), 'Thanks, and one more question');
    await sweep();
    expect((await conversations())[0].slaKind).toBe('next_response');
  });

  it('counts business hours across a DST change: an hour asked for late on the Friday before Kyiv falls back is due Monday 09:30 local time', async () => {
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    const configured = await configure({
      businessHours: { timeZone: 'Europe/Kyiv', weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }, holidays: [] },
      sla: { firstResponseMinutes: 60, businessHoursOnly: true },
    });
    expect(configured.body.message).toBeUndefined();
    await customerSays(customer(1));
    // The customer wrote on Friday 2026-10-23 at 16:30 in Kyiv (UTC+3); clocks go back to UTC+2 on Sunday the 25th.
    await t.dataSource.query(`UPDATE conversation SET waiting_since = '2026-10-23T13:30:00Z'`);
    await sweep();
    const [waiting] = await conversations();
    expect(waiting.slaDueAt?.toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it('drops the due time of a conversation transferred to another team, whose own targets then apply', async () => {
    await configure({ sla: { firstResponseMinutes: 30 } });
    const billingId = (await t.app.get(TeamsService).create({ name: 'Billing' })).id;
    await customerSays(customer(1));
    await sweep();
    const [waiting] = await conversations();
    expect(waiting.slaDueAt).not.toBeNull();
    await post(`/api/conversations/${waiting.id}/assign`, admin.token, { assigneeId: null, teamId: billingId });
    await sweep();
    expect((await conversations())[0]).toMatchObject({ teamId: billingId, slaDueAt: null, slaKind: null });
  });

  it('wakes a snoozed conversation when the customer writes, and one snoozed until they reply stays asleep until then', async () => {
    const [olena] = await agents(1);
    await customerSays(customer(1));
    const [conversation] = await conversations();
    await post(`/api/conversations/${conversation.id}/assign`, olena.token, { assigneeId: olena.id });
    const snoozed = await post<ConversationView>(`/api/conversations/${conversation.id}/snooze`, olena.token, {});
    expect(snoozed.body).toMatchObject({ status: ConversationStatus.Snoozed, snoozedUntil: null });
    await sweep();
    expect((await conversations())[0].status).toBe(ConversationStatus.Snoozed);
    await customerSays(customer(1), 'Back again');
    expect((await conversations())[0].status).toBe(ConversationStatus.Open);
  });

  it('shows each team’s queue: waiting by priority, the longest wait, and its agents with availability and load', async () => {
    await configure({ defaultCapacity: 2 });
    const [olena, petro] = await agents(2);
    await goOnline(olena);
    for (let index = 0; index < 3; index++) await customerSays(customer(index));
    const [first, second] = await conversations();
    await post(`/api/conversations/${second.id}/priority`, olena.token, { priority: ConversationPriority.High });
    await post('/api/queues/take-next', olena.token);

    const queues = await t.request<QueueView[]>('GET', '/api/queues', { token: olena.token });
    expect(queues.body).toEqual([
      expect.objectContaining({
        teamId,
        policy: AssignmentPolicy.Manual,
        waiting: 2,
        oldestWaitingSince: first.waitingSince!.toISOString(),
        waitingByPriority: { low: 0, normal: 2, high: 0, urgent: 0 },
        open: true,
        nextChange: null,
        agents: expect.arrayContaining([
          expect.objectContaining({ userId: olena.id, status: 'online', load: 1, capacity: 2 }),
          expect.objectContaining({ userId: petro.id, status: 'offline', load: 0, capacity: 2 }),
        ]),
      }),
    ]);
  });
});

describe('routing: snooze alarms outlive the worker', () => {
  it('wakes a snoozed conversation when its time comes even though the worker restarted in between', async () => {
    const env = { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' };
    const api = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), env);
    try {
      await api.reset();
      const teamId = (await api.app.get(TeamsService).create({ name: 'Support' })).id;
      const user = await api.app.get(UsersService).create({ email: 'olena@example.com', name: 'Olena', role: Role.Agent, password: PASSWORD, teamIds: [teamId] });
      const token = await api.app.get(AccessTokenService).issue(user.id);
      const channel = await api.app.get(ChannelsService).create({
        teamId,
        name: 'Orders line',
        provider: Provider.Generic,
        sender: '+14155550107',
        senderType: SenderType.TollFree,
        country: 'US',
        secrets: { signatureSecret: SECRET },
        confirmations: { optOut: null, optIn: null, help: false },
      });
      await api.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-1', from: '+380501234567', to: channel.sender, text: 'Call me tomorrow' }, SECRET));
      const [conversation] = (await api.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token })).body.items;

      const firstWorker = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), env);
      const until = new Date(Date.now() + 2500);
      await api.request('POST', `/api/conversations/${conversation.id}/snooze`, { token, body: { until: until.toISOString() } });
      await firstWorker.close();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const status = async () => (await api.dataSource.getRepository(ConversationEntity).findOneByOrFail({ id: conversation.id })).status;
      expect(await status()).toBe(ConversationStatus.Snoozed);

      // With the sweep an hour away, only the alarm kept in Redis can wake it.
      const secondWorker = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), env);
      try {
        expect(await eventually(status, (value) => value === ConversationStatus.Open)).toBe(ConversationStatus.Open);
      } finally {
        await secondWorker.close();
      }
    } finally {
      await api.close();
    }
  });
});
