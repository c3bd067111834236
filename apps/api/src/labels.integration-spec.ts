import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  type ActivityView,
  ActivityType,
  type ChannelView,
  type ClientToServerEvents,
  type ConversationView,
  type LabelView,
  type Page,
  Provider,
  REALTIME_NAMESPACE,
  type RealtimeEvent,
  type ResumeResult,
  Role,
  type RuleView,
  RuleTrigger,
  SenderType,
  type ServerToClientEvents,
} from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { io, type Socket } from 'socket.io-client';
import { ApiModule } from './api.module';

const SECRET = 'labels-webhook-secret';
const PASSWORD = 'correct horse battery staple';

type Who = 'admin' | 'supervisor' | 'agent' | 'billingSupervisor' | 'billing';

describe('labels', () => {
  let t: TestApp;
  let supportId: string;
  let billingId: string;
  let tokens: Record<Who, string>;
  let supportLine: ChannelView;
  let billingLine: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    const start = () => TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    // Emptying the log restarts its sequence under the realtime tail, which would then take new events for old ones:
    // the app that streams to this file's sockets starts after the reset.
    const resetter = await start();
    await resetter.reset();
    await resetter.close();
    t = await start();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    billingId = (await teams.create({ name: 'Billing' })).id;
    const people: Array<[Who, Role, string[]]> = [
      ['admin', Role.Admin, []],
      ['supervisor', Role.Supervisor, [supportId]],
      ['agent', Role.Agent, [supportId]],
      ['billingSupervisor', Role.Supervisor, [billingId]],
      ['billing', Role.Agent, [billingId]],
    ];
    const entries: Array<[Who, string]> = [];
    for (const [name, role, teamIds] of people) {
      const user = await t.app.get(UsersService).create({ email: `${name}@example.com`, name: name === 'agent' ? 'Andriy Agent' : name, role, password: PASSWORD, teamIds });
      entries.push([name, await t.app.get(AccessTokenService).issue(user.id)]);
    }
    tokens = Object.fromEntries(entries) as Record<Who, string>;
    const channels = t.app.get(ChannelsService);
    const line = (teamId: string, name: string, sender: string) =>
      channels.create({ teamId, name, provider: Provider.Generic, sender, senderType: SenderType.LongCode, country: 'US', secrets: { signatureSecret: SECRET }, confirmations: { optOut: null, optIn: null, help: false } });
    supportLine = await line(supportId, 'Support line', '+14155550161');
    billingLine = await line(billingId, 'Billing line', '+14155550162');
  });
  afterAll(() => t.close());

  const create = (who: Who, body: unknown) => t.request<LabelView & { code?: string; message?: string }>('POST', '/api/labels', { token: tokens[who], body });
  const names = async (who: Who, query = '') => (await t.request<LabelView[]>('GET', `/api/labels${query}`, { token: tokens[who] })).body.map((label) => label.name);
  const change = (who: Who, conversationId: string, body: unknown) => t.request<ConversationView & { code?: string; message?: string }>('POST', `/api/conversations/${conversationId}/labels`, { token: tokens[who], body });
  const list = async (who: Who, query: string) => (await t.request<Page<ConversationView>>('GET', `/api/conversations?${query}`, { token: tokens[who] })).body.items;

  async function customerWrites(channel: ChannelView, text: string, from = `+38050100${String(++messageNumber).padStart(4, '0')}`): Promise<ConversationView> {
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `label-in-${++messageNumber}`, from, to: channel.sender, text }, SECRET);
    expect((await t.deliver(webhook)).status).toBe(200);
    const [conversation] = await list('admin', `channelId=${channel.id}&q=${encodeURIComponent(text)}`);
    return conversation;
  }

  it('lets admins make global labels, supervisors their own team’s, and agents only read the ones they may use', async () => {
    expect((await create('admin', { name: 'VIP', color: 'purple', description: 'Spends a lot' })).status).toBe(201);
    expect((await create('supervisor', { name: 'Refund', color: 'amber', teamId: supportId })).status).toBe(201);
    expect((await create('billingSupervisor', { name: 'Invoice', color: 'blue', teamId: billingId })).status).toBe(201);

    expect((await create('supervisor', { name: 'Everyone', color: 'red' })).status).toBe(403);
    expect((await create('supervisor', { name: 'Theirs', color: 'red', teamId: billingId })).status).toBe(403);
    expect((await create('agent', { name: 'Mine', color: 'red', teamId: supportId })).status).toBe(403);
    expect((await create('admin', { name: 'Neon', color: '#39ff14' })).status).toBe(400);

    expect(await names('agent')).toEqual(['Refund', 'VIP']);
    expect(await names('billing')).toEqual(['Invoice', 'VIP']);
    expect(await names('admin')).toEqual(['Invoice', 'Refund', 'VIP']);

    const [invoice] = (await t.request<LabelView[]>('GET', '/api/labels', { token: tokens.billing })).body;
    expect((await t.request('PATCH', `/api/labels/${invoice.id}`, { token: tokens.supervisor, body: { color: 'red' } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/labels/${invoice.id}`, { token: tokens.supervisor })).status).toBe(404);
    const renamed = await t.request<LabelView>('PATCH', `/api/labels/${invoice.id}`, { token: tokens.billingSupervisor, body: { name: '  Invoice   copy ', color: 'teal', description: null } });
    expect(renamed.body).toMatchObject({ name: 'Invoice copy', color: 'teal', description: null, teamId: billingId });
  });

  it('keeps names unique within a scope whatever their case, and lets another scope reuse them', async () => {
    const again = await create('admin', { name: 'vip', color: 'gray' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('There is already a label named “vip” here');
    expect((await create('supervisor', { name: 'VIP', color: 'gray', teamId: supportId })).status).toBe(201);
    const refund = (await t.request<LabelView[]>('GET', '/api/labels', { token: tokens.supervisor })).body.find((label) => label.name === 'Refund')!;
    expect((await t.request('PATCH', `/api/labels/${refund.id}`, { token: tokens.supervisor, body: { name: 'VIP' } })).status).toBe(409);
  });

  it('puts labels on a conversation and takes them off, with one activity line each time and a live update for the team', async () => {
    const conversation = await customerWrites(supportLine, 'My parcel is late again');
    const labels = (await t.request<LabelView[]>('GET', `/api/labels?conversationId=${conversation.id}`, { token: tokens.agent })).body;
    const vip = labels.find((label) => label.name === 'VIP' && label.teamId === null)!;
    const refund = labels.find((label) => label.name === 'Refund')!;

    const socket = await liveConsole(tokens.agent);
    const billingSocket = await liveConsole(tokens.billing);
    try {
      const labelled = await change('agent', conversation.id, { add: [vip.id, refund.id] });
      expect(labelled.status).toBe(200);
      expect(labelled.body.labelIds).toEqual(expect.arrayContaining([vip.id, refund.id]));
      expect((await change('agent', conversation.id, { add: [vip.id] })).status).toBe(200);
      expect((await change('agent', conversation.id, { remove: [refund.id] })).body.labelIds).toEqual([vip.id]);

      const activity = (await t.request<ActivityView[]>('GET', `/api/conversations/${conversation.id}/activity`, { token: tokens.agent })).body.filter((line) => line.type === ActivityType.LabelsChanged);
      // Adding a label the conversation already has changes nothing, so it writes no line.
      expect(activity.map((line) => [line.actor.name, line.data])).toEqual([
        ['Andriy Agent', { added: expect.arrayContaining([{ id: vip.id, name: 'VIP', color: 'purple' }, { id: refund.id, name: 'Refund', color: 'amber' }]), removed: [] }],
        ['Andriy Agent', { added: [], removed: [{ id: refund.id, name: 'Refund', color: 'amber' }] }],
      ]);

      await eventually(
        () => socket.events.filter((event) => event.conversationId === conversation.id && event.type === 'conversation.updated' && (event.payload as { reason: string }).reason === 'labels'),
        (events) => events.length === 2,
      );
      const updates = socket.events.filter((event) => event.conversationId === conversation.id && event.type === 'conversation.updated');
      expect(updates.at(-1)?.conversation?.labelIds).toEqual([vip.id]);
      const lines = socket.events.filter((event): event is RealtimeEvent<'conversation.activity'> => event.type === 'conversation.activity' && (event as RealtimeEvent<'conversation.activity'>).payload.activity.type === ActivityType.LabelsChanged);
      expect(lines).toHaveLength(2);
      expect(billingSocket.events.filter((event) => event.conversationId === conversation.id)).toEqual([]);
    } finally {
      socket.close();
      billingSocket.close();
    }
  });

  it('refuses another team’s label on a conversation, saying why, and answers another team’s agent as if the conversation did not exist', async () => {
    const conversation = await customerWrites(supportLine, 'Can I change my address?');
    const invoice = (await t.request<LabelView[]>('GET', '/api/labels', { token: tokens.billing })).body.find((label) => label.teamId === billingId)!;

    const byAdmin = await change('admin', conversation.id, { add: [invoice.id] });
    expect(byAdmin.status).toBe(400);
    expect(byAdmin.body.message).toBe('The label “Invoice copy” belongs to the team Billing; this conversation is Support’s. Use a global label or one of its team’s.');
    // An agent of Support does not know Billing's label: it is refused like an id nobody has.
    const byAgent = await change('agent', conversation.id, { add: [invoice.id] });
    expect({ status: byAgent.status, message: byAgent.body.message }).toEqual({ status: 400, message: 'That label does not exist' });
    expect((await change('billing', conversation.id, { add: [invoice.id] })).status).toBe(404);
    expect((await change('agent', conversation.id, { add: [invoice.id], remove: [invoice.id] })).status).toBe(400);
    expect((await t.request<ConversationView>('GET', `/api/conversations/${conversation.id}`, { token: tokens.agent })).body.labelIds).toEqual([]);
  });

  it('filters the inbox by label, any of several, within the access rule', async () => {
    const labels = (await t.request<LabelView[]>('GET', '/api/labels', { token: tokens.admin })).body;
    const vip = labels.find((label) => label.name === 'VIP' && label.teamId === null)!;
    const refund = labels.find((label) => label.name === 'Refund')!;
    const invoice = labels.find((label) => label.teamId === billingId)!;
    const first = await customerWrites(supportLine, 'First customer with a refund');
    const second = await customerWrites(supportLine, 'Second customer who is important');
    const billing = await customerWrites(billingLine, 'Billing customer who is important');
    await change('agent', first.id, { add: [refund.id] });
    await change('agent', second.id, { add: [vip.id] });
    await change('billing', billing.id, { add: [vip.id, invoice.id] });

    const ids = (items: ConversationView[]) => items.map((item) => item.id).sort();
    expect(ids(await list('agent', `labelId=${refund.id}`))).toEqual([first.id]);
    expect(ids(await list('agent', `labelId=${refund.id}&labelId=${vip.id}&q=customer`))).toEqual(ids([first, second]));
    // Billing's conversation carries VIP too, but Support's agent never sees it.
    expect(ids(await list('agent', `labelId=${vip.id}&q=important`))).toEqual([second.id]);
    expect(ids(await list('admin', `labelId=${vip.id}&q=important`))).toEqual(ids([second, billing]));
    expect((await t.request('GET', '/api/conversations?labelId=not-a-label', { token: tokens.agent })).status).toBe(400);
  });

  it('lets a rule add a label, by id or by the name rules used before labels, and shows who did it in the thread', async () => {
    const urgent = await t.request<RuleView & { message?: string }>('POST', '/api/automation/rules', {
      token: tokens.supervisor,
      body: { name: 'Urgent words', teamId: supportId, trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'keywords', any: ['urgent'] }], actions: [{ type: 'add_tag', tag: 'urgent' }] },
    });
    expect(urgent.status).toBe(201);
    const made = (await t.request<LabelView[]>('GET', '/api/labels', { token: tokens.agent })).body.find((label) => label.name === 'urgent')!;
    expect(made).toMatchObject({ teamId: supportId, color: 'gray' });
    expect(urgent.body.actions).toEqual([{ type: 'add_tag', labelId: made.id }]);

    const invoice = (await t.request<LabelView[]>('GET', '/api/labels', { token: tokens.admin })).body.find((label) => label.teamId === billingId)!;
    const misfit = await t.request<{ message: string }>('POST', '/api/automation/rules', {
      token: tokens.admin,
      body: { name: 'Everywhere', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'keywords', any: ['invoice'] }], actions: [{ type: 'add_tag', labelId: invoice.id }] },
    });
    expect(misfit.status).toBe(400);
    expect(misfit.body.message).toContain('a rule for every channel may add only global labels');

    const conversation = await customerWrites(supportLine, 'URGENT: the courier is at the wrong door');
    const labelled = await eventually(
      async () => (await t.request<ConversationView>('GET', `/api/conversations/${conversation.id}`, { token: tokens.agent })).body,
      (view) => view.labelIds.length > 0,
    );
    expect(labelled.labelIds).toEqual([made.id]);
    const [line] = (await t.request<ActivityView[]>('GET', `/api/conversations/${conversation.id}/activity`, { token: tokens.agent })).body.filter((entry) => entry.type === ActivityType.LabelsChanged);
    expect(line).toMatchObject({ actor: { kind: 'automation', id: null }, data: { added: [{ id: made.id, name: 'urgent', color: 'gray' }], removed: [], ruleName: 'Urgent words' } });
  });

  it('takes a deleted label off every conversation and out of the filter', async () => {
    const doomed = (await create('supervisor', { name: 'Temporary', color: 'pink', teamId: supportId })).body;
    const conversation = await customerWrites(supportLine, 'A short-lived question');
    await change('agent', conversation.id, { add: [doomed.id] });
    expect((await t.request('DELETE', `/api/labels/${doomed.id}`, { token: tokens.agent })).status).toBe(403);
    expect((await t.request('DELETE', `/api/labels/${doomed.id}`, { token: tokens.supervisor })).status).toBe(204);
    expect((await t.request<ConversationView>('GET', `/api/conversations/${conversation.id}`, { token: tokens.agent })).body.labelIds).toEqual([]);
    expect(await list('agent', `labelId=${doomed.id}`)).toEqual([]);
  });

  /** A console's socket: resumed from the current end of the log, collecting what the server sends. */
  async function liveConsole(token: string): Promise<{ events: RealtimeEvent[]; close: () => void }> {
    const baseUrl = await t.listeningUrl();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${baseUrl}${REALTIME_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const events: RealtimeEvent[] = [];
    socket.on('domain.events', (received) => events.push(...received));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const [row]: Array<{ seq: string }> = await t.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    const resumed = await new Promise<ResumeResult>((resolve, reject) =>
      socket.timeout(10_000).emit('resume', { afterSeq: Number(row.seq) }, (error: Error | null, result: ResumeResult) => (error ? reject(error) : resolve(result))),
    );
    expect(resumed.status).toBe('ok');
    return { events, close: () => socket.close() };
  }
});
