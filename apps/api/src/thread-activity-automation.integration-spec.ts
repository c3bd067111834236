import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ActivityView, ActivityType, type ChannelView, type ConversationView, type Page, Provider, Role, RuleTrigger, SenderType } from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'thread-activity-automation-secret';

/** Rules change conversations on their own: the thread says which rule did what. */
describe('activity lines of automation rules', () => {
  let t: TestApp;
  let token: string;
  let channel: ChannelView;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    await t.reset();
    const teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const admin = await t.app.get(UsersService).create({ email: 'admin@example.com', name: 'Ada Admin', role: Role.Admin, password: 'correct horse battery staple', teamIds: [teamId] });
    token = await t.app.get(AccessTokenService).issue(admin.id);
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.LongCode,
      country: 'UA',
      secrets: { signatureSecret: SECRET },
      confirmations: { optOut: null, optIn: null, help: false },
    });
  });
  afterAll(() => t.close());

  it('records the priority and status a rule set, as automation, naming the rule', async () => {
    const rule = await t.request('POST', '/api/automation/rules', {
      token,
      body: {
        name: 'Charged twice',
        trigger: RuleTrigger.InboundMessage,
        conditions: [{ type: 'keywords', any: ['charged twice'] }],
        actions: [
          { type: 'set_priority', priority: 'urgent' },
          { type: 'set_status', status: 'pending' },
        ],
      },
    });
    expect(rule.status).toBe(201);
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-1', from: '+380501234567', to: channel.sender, text: 'I was charged twice for one order' }, SECRET);
    expect((await t.deliver(webhook)).status).toBe(200);

    const lines = await eventually(
      async () => {
        const [found] = (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all&status=pending', { token })).body.items;
        return found ? (await t.request<ActivityView[]>('GET', `/api/conversations/${found.id}/activity`, { token })).body : [];
      },
      (found) => found.length >= 2,
    );
    expect(lines.map((line) => [line.type, line.actor.kind, line.data])).toEqual([
      [ActivityType.PriorityChanged, 'automation', { from: 'normal', to: 'urgent', ruleName: 'Charged twice' }],
      [ActivityType.MarkedPending, 'automation', { ruleName: 'Charged twice' }],
    ]);
  });
});
