import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ActivityView, ActivityType, AssignmentPolicy, type ChannelView, type ContactDetailView, Provider, Role, RuleTrigger, SenderType } from '@backtalk/contracts';
import { CsatSurveyService } from '@backtalk/csat';
import { PresenceService } from '@backtalk/realtime';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const NUISANCE = '+380501239876';

describe('blocking a number in a team', () => {
  let t: TestApp;
  let teamId: string;
  let admin: string;
  let supervisor: string;
  let agent: { id: string; token: string };
  let channel: ChannelView;
  let contactId: string;
  let messageNumber = 0;

  beforeAll(async () => {
    // The sweeps are not run by timers: what happens here happens right after each message commits.
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    admin = (await person('admin', Role.Admin, [])).token;
    supervisor = (await person('lead', Role.Supervisor, [teamId])).token;
    agent = await person('olha', Role.Agent, [teamId]);
    await t.app.get(PresenceService).touch(agent.id, `console-${agent.id}`, [teamId]);
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+380441230077',
      senderType: SenderType.LongCode,
      country: 'UA',
      secrets: { signatureSecret: SECRET, baseUrl: 'http://127.0.0.1:9' },
      confirmations: { optOut: null, optIn: null, help: false },
    });
    expect((await t.request('PATCH', `/api/teams/${teamId}/routing`, { token: admin, body: { policy: AssignmentPolicy.RoundRobin } })).status).toBe(200);
    const rule = await t.request('POST', '/api/automation/rules', { token: admin, body: { name: 'Tag everything', teamId, trigger: RuleTrigger.InboundMessage, actions: [{ type: 'add_tag', tag: 'seen' }] } });
    expect(rule.status).toBe(201);

    await says('Hello, where is my order?');
    const [first] = await eventually(() => conversations(), (rows) => rows.length === 1 && rows[0].assignee_id === agent.id);
    contactId = first.contact_id;
    expect((await t.request('POST', `/api/conversations/${first.id}/resolve`, { token: agent.token })).status).toBe(200);
  });
  afterAll(() => t.close());

  async function person(name: string, role: Role, teamIds: string[]) {
    const user = await t.app.get(UsersService).create({ email: `${name}@example.com`, name, role, password: PASSWORD, teamIds });
    return { id: user.id, token: await t.app.get(AccessTokenService).issue(user.id) };
  }
  const says = async (text: string) => {
    const response = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `block-in-${++messageNumber}`, from: NUISANCE, to: channel.sender, text }, SECRET));
    expect(response.status).toBeLessThan(300);
  };
  const conversations = () =>
    t.dataSource.query<Array<{ id: string; contact_id: string; status: string; assignee_id: string | null; waiting_since: Date | null; unread_count: number }>>(
      `SELECT id, contact_id, status, assignee_id, waiting_since, unread_count FROM conversation ORDER BY created_at`,
    );
  const lastMessage = async () => {
    const [row] = await t.dataSource.query<Array<{ id: string; body: string }>>(`SELECT id, body FROM message WHERE direction = 'inbound' ORDER BY created_at DESC LIMIT 1`);
    return row;
  };
  const automationRan = async (messageId: string) => (await t.dataSource.query<unknown[]>(`SELECT 1 FROM automation_run WHERE message_id = $1`, [messageId])).length > 0;

  it('lets admins and the team’s supervisors block, not agents', async () => {
    expect((await t.request('POST', `/api/contacts/${contactId}/block`, { token: agent.token, body: { teamId } })).status).toBe(403);
    const blocked = await t.request<ContactDetailView>('POST', `/api/contacts/${contactId}/block`, { token: supervisor, body: { teamId } });
    expect(blocked.status).toBe(200);
    expect(blocked.body.blocks).toEqual([expect.objectContaining({ teamId, teamName: 'Support', blockedByName: 'lead' })]);
  });

  it('stores a blocked contact’s message where the contact page shows it, but never queues, assigns or automates it', async () => {
    await says('Answer me now!!!');
    const message = await eventually(lastMessage, (row) => row?.body === 'Answer me now!!!');
    // Given the process the time to react as it does to any message (the unblocked one below is acted on within it).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [only] = await conversations();
    expect(await conversations()).toHaveLength(1);
    expect(only).toMatchObject({ status: 'resolved', waiting_since: null, unread_count: 0 });
    expect(await automationRan(message.id)).toBe(false);
    expect(await t.dataSource.query(`SELECT 1 FROM message WHERE direction = 'outbound' AND kind <> 'agent'`)).toEqual([]);
    const page = await t.request<ContactDetailView>('GET', `/api/contacts/${contactId}`, { token: agent.token });
    expect(page.body.conversations[0].lastMessage?.body).toBe('Answer me now!!!');
  });

  it('handles the next message normally once unblocked', async () => {
    expect((await t.request('DELETE', `/api/contacts/${contactId}/block?teamId=${teamId}`, { token: agent.token })).status).toBe(403);
    const unblocked = await t.request<ContactDetailView>('DELETE', `/api/contacts/${contactId}/block?teamId=${teamId}`, { token: supervisor });
    expect(unblocked.status).toBe(200);
    expect(unblocked.body.blocks).toEqual([]);
    await says('Sorry for shouting, where is my order?');
    const message = await eventually(lastMessage, (row) => row?.body === 'Sorry for shouting, where is my order?');
    await eventually(() => automationRan(message.id), (ran) => ran);
    await eventually(() => conversations(), (rows) => rows.some((row) => row.status === 'open' && row.assignee_id === agent.id));
  });
});

describe('blocking a number that has conversations in the queue', () => {
  const SPAMMER = '+380671112233';
  let t: TestApp;
  let support: string;
  let admin: string;
  let lead: string;
  let agent: { id: string; token: string };
  let ordersLine: ChannelView;
  let returnsLine: ChannelView;
  let salesLine: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    await t.reset();
    support = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const sales = (await t.app.get(TeamsService).create({ name: 'Sales' })).id;
    admin = await tokenOf((await t.app.get(UsersService).create({ email: 'admin@example.com', name: 'admin', role: Role.Admin, password: PASSWORD, teamIds: [] })).id);
    lead = await tokenOf((await t.app.get(UsersService).create({ email: 'lead@example.com', name: 'Lena Lead', role: Role.Supervisor, password: PASSWORD, teamIds: [support] })).id);
    const agentId = (await t.app.get(UsersService).create({ email: 'olha@example.com', name: 'olha', role: Role.Agent, password: PASSWORD, teamIds: [support] })).id;
    agent = { id: agentId, token: await tokenOf(agentId) };
    ordersLine = await line(support, 'Orders line', '+380441230077');
    returnsLine = await line(support, 'Returns line', '+380441230078');
    salesLine = await line(sales, 'Sales line', '+380441230079');
    expect((await t.request('PATCH', `/api/teams/${support}/csat-survey`, { token: admin, body: { enabled: true, delayMinutes: 0 } })).status).toBe(200);
  });
  afterAll(() => t.close());

  const tokenOf = (userId: string) => t.app.get(AccessTokenService).issue(userId);
  const line = (teamId: string, name: string, sender: string) =>
    t.app.get(ChannelsService).create({
      teamId,
      name,
      provider: Provider.Generic,
      sender,
      senderType: SenderType.LongCode,
      country: 'UA',
      secrets: { signatureSecret: SECRET, baseUrl: 'http://127.0.0.1:9' },
      confirmations: { optOut: null, optIn: null, help: false },
    });
  const conversationOn = async (channel: ChannelView, text: string) => {
    const response = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `queue-in-${++messageNumber}`, from: SPAMMER, to: channel.sender, text }, SECRET));
    expect(response.status).toBeLessThan(300);
    const [row] = await eventually(
      () => t.dataSource.query<Array<{ id: string; contact_id: string }>>(`SELECT id, contact_id FROM conversation WHERE channel_id = $1`, [channel.id]),
      (rows) => rows.length === 1,
    );
    return row;
  };
  const stateOf = async (conversationId: string) => {
    const [row] = await t.dataSource.query<Array<{ status: string; assignee_id: string | null; waiting_since: Date | null; sla_due_at: Date | null }>>(
      `SELECT status, assignee_id, waiting_since, sla_due_at FROM conversation WHERE id = $1`,
      [conversationId],
    );
    return row;
  };
  const surveys = () => t.dataSource.query(`SELECT id FROM message WHERE kind = 'survey'`);

  it('resolves the team’s open conversations with the number, assigned or not, says so in the thread, sends no survey even after unblocking, and leaves another team’s conversation alone', async () => {
    const waiting = await conversationOn(ordersLine, 'BUY CHEAP FOLLOWERS');
    const assigned = await conversationOn(returnsLine, 'BUY CHEAP FOLLOWERS NOW');
    const elsewhere = await conversationOn(salesLine, 'BUY CHEAP FOLLOWERS TODAY');
    expect((await t.request('POST', `/api/conversations/${assigned.id}/assign`, { token: lead, body: { assigneeId: agent.id } })).status).toBe(200);
    expect((await t.request('POST', `/api/conversations/${assigned.id}/messages`, { token: agent.token, body: { body: 'How can I help?' } })).status).toBeLessThan(300);
    expect(await stateOf(waiting.id)).toMatchObject({ status: 'open', assignee_id: null });

    const blocked = await t.request<ContactDetailView>('POST', `/api/contacts/${waiting.contact_id}/block`, { token: lead, body: { teamId: support } });
    expect(blocked.status).toBe(200);

    expect(await stateOf(waiting.id)).toMatchObject({ status: 'resolved', waiting_since: null });
    expect(await stateOf(assigned.id)).toMatchObject({ status: 'resolved', waiting_since: null });
    expect(await stateOf(elsewhere.id)).toMatchObject({ status: 'open', assignee_id: null });
    expect((await stateOf(elsewhere.id)).waiting_since).not.toBeNull();
    const queue = await t.request<{ items: Array<{ id: string }> }>('GET', '/api/conversations?status=open', { token: admin });
    expect(queue.body.items.map((item) => item.id)).toEqual([elsewhere.id]);
    const thread = await t.request<ActivityView[]>('GET', `/api/conversations/${waiting.id}/activity`, { token: lead });
    expect(thread.body.filter((entry) => entry.type === ActivityType.Resolved)).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ kind: 'user', name: 'Lena Lead' }), data: { numberBlocked: true } }),
    ]);

    const inAMinute = new Date(Date.now() + 60_000);
    expect(await t.app.get(CsatSurveyService).sendDue(inAMinute)).toBe(0);
    expect((await t.request('DELETE', `/api/contacts/${waiting.contact_id}/block?teamId=${support}`, { token: lead })).status).toBe(200);
    expect(await t.app.get(CsatSurveyService).sendDue(inAMinute)).toBe(0);
    expect(await surveys()).toEqual([]);
    expect(await stateOf(waiting.id)).toMatchObject({ status: 'resolved' });
  });
});
