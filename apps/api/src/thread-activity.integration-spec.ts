import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ActivityView, ActivityType, type ChannelView, type ConversationView, type Page, Provider, Role, SenderType } from '@backtalk/contracts';
import { SlaService, SnoozeAlarms } from '@backtalk/routing';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'thread-activity-secret';
const PASSWORD = 'correct horse battery staple';
const CUSTOMER = '+380501111111';

/** What an agent reads in a line, without ids and times: type, who, and what the line needs. */
const lines = (activity: ActivityView[]) => activity.map((line) => [line.type, line.actor.kind, line.actor.name, line.data]);

describe('the thread tells the whole story: activity lines', () => {
  let t: TestApp;
  let supportId: string;
  let billingId: string;
  let andriy: { id: string; token: string };
  let sofia: { id: string; token: string };
  let bohdan: { id: string; token: string };
  let channel: ChannelView;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
  });
  beforeEach(async () => {
    await t.reset();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    billingId = (await teams.create({ name: 'Billing' })).id;
    andriy = await person('andriy@example.com', 'Andriy Agent', Role.Agent, [supportId]);
    sofia = await person('sofia@example.com', 'Sofia Supervisor', Role.Supervisor, [supportId]);
    bohdan = await person('bohdan@example.com', 'Bohdan Billing', Role.Agent, [billingId]);
    channel = await t.app.get(ChannelsService).create({
      teamId: supportId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET },
      confirmations: { optOut: null, optIn: null, help: false },
    });
  });
  afterAll(() => t.close());

  async function person(email: string, name: string, role: Role, teamIds: string[]) {
    const user = await t.app.get(UsersService).create({ email, name, role, password: PASSWORD, teamIds });
    const session = await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    return { id: user.id, token: session.body.accessToken };
  }

  let messageNumber = 0;
  async function customerSays(text: string): Promise<void> {
    const response = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from: CUSTOMER, to: channel.sender, text }, SECRET));
    expect(response.status).toBe(200);
  }
  async function theConversation(): Promise<ConversationView> {
    const [conversation] = (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token: andriy.token })).body.items;
    return conversation;
  }
  async function post(path: string, token: string, body?: unknown): Promise<void> {
    const response = await t.request('POST', path, { token, body });
    expect(response.status).toBeLessThan(300);
  }
  const activity = (conversationId: string, token: string) => t.request<ActivityView[]>('GET', `/api/conversations/${conversationId}/activity`, { token });

  it('records resolve, reopen by the customer, snooze, wake-up, pending, priority, transfer, STOP and START in order, with who did each', async () => {
    await customerSays('Where is my parcel?');
    const { id } = await theConversation();
    await post(`/api/conversations/${id}/resolve`, andriy.token);
    await customerSays('It still has not come');
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await post(`/api/conversations/${id}/snooze`, andriy.token, { until });
    await customerSays('Any news?');
    await post(`/api/conversations/${id}/pending`, andriy.token);
    await post(`/api/conversations/${id}/priority`, sofia.token, { priority: 'urgent' });
    await post(`/api/conversations/${id}/assign`, andriy.token, { assigneeId: null, teamId: billingId });
    await customerSays('STOP');
    await customerSays('START');

    const response = await activity(id, bohdan.token);
    expect(response.status).toBe(200);
    expect(lines(response.body)).toEqual([
      [ActivityType.Resolved, 'user', 'Andriy Agent', {}],
      [ActivityType.Reopened, 'customer', null, {}],
      [ActivityType.Snoozed, 'user', 'Andriy Agent', { until }],
      [ActivityType.Woke, 'customer', null, { reason: 'customer' }],
      [ActivityType.MarkedPending, 'user', 'Andriy Agent', {}],
      [ActivityType.PriorityChanged, 'user', 'Sofia Supervisor', { from: 'normal', to: 'urgent' }],
      [
        ActivityType.Transferred,
        'user',
        'Andriy Agent',
        {
          reason: 'transfer',
          fromTeamId: supportId,
          fromTeamName: 'Support',
          toTeamId: billingId,
          toTeamName: 'Billing',
          assigneeId: null,
          assigneeName: null,
          previousAssigneeId: null,
          previousAssigneeName: null,
        },
      ],
      [ActivityType.OptedOut, 'customer', null, { keyword: 'STOP' }],
      [ActivityType.OptedIn, 'customer', null, { keyword: 'START' }],
    ]);
    expect(response.body.every((line) => line.conversationId === id && !Number.isNaN(Date.parse(line.occurredAt)))).toBe(true);
    // Lines go to the team that holds the conversation, not the team of the channel the customer wrote to.
    const teams: Array<{ type: string; team_id: string }> = await t.dataSource.query(`SELECT type, team_id FROM conversation_activity WHERE type IN ('opted_out', 'opted_in')`);
    expect(teams.map((row) => row.team_id)).toEqual([billingId, billingId]);
  });

  it('writes a breach line of its own kind into each conversation found past its due time by one sweep, and the event for each carries that line', async () => {
    const customers = ['+380502220001', '+380502220002', '+380502220003'];
    for (const [index, from] of customers.entries()) {
      const response = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `due-${index}`, from, to: channel.sender, text: 'Hello?' }, SECRET));
      expect(response.status).toBe(200);
    }
    const conversations = await t.dataSource.query<Array<{ id: string; phone: string }>>(`SELECT c.id, k.phone FROM conversation c JOIN contact k ON k.id = c.contact_id ORDER BY k.phone`);
    const kindOf = (phone: string) => (phone.endsWith('2') ? 'next_response' : 'first_response');
    for (const { id, phone } of conversations) {
      await t.dataSource.query(`UPDATE conversation SET waiting_since = now() - interval '1 hour', sla_kind = $2, sla_due_at = now() - interval '1 minute' WHERE id = $1`, [id, kindOf(phone)]);
    }

    expect(await t.app.get(SlaService).recordBreaches()).toBe(3);

    for (const { id, phone } of conversations) {
      expect(lines((await activity(id, andriy.token)).body)).toEqual([[ActivityType.SlaBreached, 'system', null, { kind: kindOf(phone) }]]);
    }
    const events = await t.dataSource.query<Array<{ conversation_id: string; payload: { activity: ActivityView } }>>(`SELECT conversation_id, payload FROM domain_event WHERE type = 'conversation.activity'`);
    expect(events).toHaveLength(3);
    for (const event of events) expect(event.payload.activity.conversationId).toBe(event.conversation_id);
  });

  it('answers 404 to someone who cannot see the conversation, as its other routes do', async () => {
    await customerSays('Hello');
    const { id } = await theConversation();
    await post(`/api/conversations/${id}/resolve`, andriy.token);

    const refused = await activity(id, bohdan.token);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await activity(id, andriy.token)).body).toHaveLength(1);
  });

  it('records who took a conversation, and the snooze alarm and SLA breaches as Backtalk itself', async () => {
    await customerSays('Hello');
    const { id } = await theConversation();
    await post('/api/queues/take-next', andriy.token);
    const until = new Date(Date.now() + 3_600_000);
    await post(`/api/conversations/${id}/snooze`, andriy.token, { until: until.toISOString() });
    expect(await t.app.get(SnoozeAlarms).wake(id, until)).toBe(true);
    await t.dataSource.query(`UPDATE conversation SET waiting_since = now() - interval '1 hour', sla_kind = 'first_response', sla_due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await t.app.get(SlaService).recordBreaches()).toBe(1);

    expect(lines((await activity(id, andriy.token)).body)).toEqual([
      [
        ActivityType.Assigned,
        'user',
        'Andriy Agent',
        {
          reason: 'take_next',
          fromTeamId: supportId,
          fromTeamName: 'Support',
          toTeamId: supportId,
          toTeamName: 'Support',
          assigneeId: andriy.id,
          assigneeName: 'Andriy Agent',
          previousAssigneeId: null,
          previousAssigneeName: null,
        },
      ],
      [ActivityType.Snoozed, 'user', 'Andriy Agent', { until: until.toISOString() }],
      [ActivityType.Woke, 'system', null, { reason: 'timer' }],
      [ActivityType.SlaBreached, 'system', null, { kind: 'first_response' }],
    ]);
  });

  it('writes no line for a change that changes nothing', async () => {
    await customerSays('Hello');
    const { id } = await theConversation();
    await post(`/api/conversations/${id}/priority`, andriy.token, { priority: 'normal' });
    await post(`/api/conversations/${id}/reopen`, andriy.token);
    await customerSays('STOP');
    await customerSays('STOP');

    expect(lines((await activity(id, andriy.token)).body)).toEqual([[ActivityType.OptedOut, 'customer', null, { keyword: 'STOP' }]]);
  });
});
