import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type ConversationView, type LabelView, type Page, Provider, Role, SAVED_VIEW_SEARCH_COUNT_CAP, SAVED_VIEWS_MAX, type SavedViewCounts, type SavedViewView, SenderType } from '@backtalk/contracts';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'inbox-filters-secret';
const PASSWORD = 'correct horse battery staple';
type Who = 'admin' | 'supervisor' | 'agent' | 'agent2' | 'billing';

describe('inbox filters, search over every status and saved views', () => {
  let t: TestApp;
  let supportId: string;
  let billingId: string;
  let people: Record<Who, { id: string; token: string }>;
  let supportLine: ChannelView;
  let ordersLine: ChannelView;
  let billingLine: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    billingId = (await teams.create({ name: 'Billing' })).id;
    const roles: Array<[Who, Role, string[]]> = [
      ['admin', Role.Admin, []],
      ['supervisor', Role.Supervisor, [supportId]],
      ['agent', Role.Agent, [supportId]],
      ['agent2', Role.Agent, [supportId]],
      ['billing', Role.Agent, [billingId]],
    ];
    const entries: Array<[Who, { id: string; token: string }]> = [];
    for (const [who, role, teamIds] of roles) {
      const user = await t.app.get(UsersService).create({ email: `${who}@filters.example`, name: who, role, password: PASSWORD, teamIds });
      const session = await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email: `${who}@filters.example`, password: PASSWORD } });
      entries.push([who, { id: user.id, token: session.body.accessToken }]);
    }
    people = Object.fromEntries(entries) as Record<Who, { id: string; token: string }>;
    const line = (teamId: string, name: string, sender: string) =>
      t.app.get(ChannelsService).create({ teamId, name, provider: Provider.Generic, sender, senderType: SenderType.LongCode, country: 'US', secrets: { signatureSecret: SECRET }, confirmations: { optOut: null, optIn: null, help: false } });
    supportLine = await line(supportId, 'Support line', '+14155550171');
    ordersLine = await line(supportId, 'Orders line', '+14155550172');
    billingLine = await line(billingId, 'Billing line', '+14155550173');
  });
  afterAll(() => t.close());

  const list = async (who: Who, query: string) => {
    const response = await t.request<Page<ConversationView> & { message?: string }>('GET', `/api/conversations?${query}`, { token: people[who].token });
    if (response.status !== 200) throw new Error(`GET /api/conversations?${query} → ${response.status} ${response.body.message}`);
    return response.body.items;
  };
  const phones = async (who: Who, query: string) => (await list(who, query)).map((conversation) => conversation.contact.phone).sort();
  const post = <T>(who: Who, path: string, body?: unknown) => t.request<T & { code?: string; message?: string }>('POST', path, { token: people[who].token, body });

  async function customerWrites(channel: ChannelView, from: string, text: string): Promise<ConversationView> {
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `filters-in-${++messageNumber}`, from, to: channel.sender, text }, SECRET);
    expect((await t.deliver(webhook)).status).toBe(200);
    const [conversation] = await list('admin', `channelId=${channel.id}&q=${encodeURIComponent(from)}`);
    return conversation;
  }

  /** One conversation per trait, so each filter has exactly one conversation (or a known few) to find. */
  let c: Record<'plain' | 'urgent' | 'ukrainian' | 'breached' | 'atRisk' | 'optedOut' | 'read' | 'old' | 'resolved' | 'orders' | 'billing', ConversationView>;
  let refund: LabelView;

  it('sets up one conversation per trait', async () => {
    c = {
      plain: await customerWrites(supportLine, '+380500000001', 'Where is my parcel?'),
      urgent: await customerWrites(supportLine, '+380500000002', 'My card was charged twice'),
      ukrainian: await customerWrites(supportLine, '+380500000003', 'Де моя посилка? Чекаю вже тиждень'),
      breached: await customerWrites(supportLine, '+380500000004', 'Hello? Anyone there?'),
      atRisk: await customerWrites(supportLine, '+380500000005', 'Need help with my order soon'),
      optedOut: await customerWrites(supportLine, '+380500000006', 'STOP'),
      read: await customerWrites(supportLine, '+380500000007', 'Thanks, got it'),
      old: await customerWrites(supportLine, '+380500000008', 'An old question about my parcel'),
      resolved: await customerWrites(supportLine, '+380500000009', 'The parcel arrived, thank you'),
      orders: await customerWrites(ordersLine, '+380500000010', 'Order 5521 is wrong'),
      billing: await customerWrites(billingLine, '+380500000011', 'Invoice for my parcel please'),
    };
    expect((await post('agent', `/api/conversations/${c.urgent.id}/priority`, { priority: 'urgent' })).status).toBe(200);
    expect((await post('agent', `/api/conversations/${c.plain.id}/assign`, { assigneeId: people.agent.id })).status).toBe(200);
    expect((await post('agent', `/api/conversations/${c.urgent.id}/assign`, { assigneeId: people.agent2.id })).status).toBe(200);
    expect((await post('agent', `/api/conversations/${c.read.id}/read`)).status).toBeLessThan(300);
    expect((await post('agent', `/api/conversations/${c.resolved.id}/resolve`)).status).toBe(200);
    refund = (await post<LabelView>('supervisor', '/api/labels', { name: 'Refund', color: 'amber', teamId: supportId })).body;
    expect((await post('agent', `/api/conversations/${c.urgent.id}/labels`, { add: [refund.id] })).status).toBe(200);
    expect((await post('agent', `/api/conversations/${c.resolved.id}/labels`, { add: [refund.id] })).status).toBe(200);
    // What the SLA timer and language detection would write, set straight away instead of waiting for the worker.
    await t.dataSource.query(`UPDATE conversation SET language = 'uk' WHERE id = $1`, [c.ukrainian.id]);
    await t.dataSource.query(`UPDATE conversation SET sla_kind = 'first_response', sla_started_at = now() - interval '2 hours', sla_due_at = now() - interval '1 hour' WHERE id = $1`, [c.breached.id]);
    await t.dataSource.query(`UPDATE conversation SET sla_kind = 'first_response', sla_started_at = now() - interval '50 minutes', sla_due_at = now() + interval '10 minutes' WHERE id = $1`, [c.atRisk.id]);
    await t.dataSource.query(`UPDATE conversation SET created_at = now() - interval '40 days', last_message_at = now() - interval '35 days' WHERE id = $1`, [c.old.id]);
  });

  it('narrows the list by each filter on its own', async () => {
    const support = ['+380500000001', '+380500000002', '+380500000003', '+380500000004', '+380500000005', '+380500000006', '+380500000007', '+380500000008', '+380500000010'];
    expect(await phones('agent', 'status=open')).toEqual(support);
    expect(await phones('agent', 'status=resolved')).toEqual(['+380500000009']);
    expect(await phones('admin', `view=team&teamId=${billingId}`)).toEqual(['+380500000011']);
    expect(await phones('admin', `teamId=${billingId}`)).toEqual(['+380500000011']);
    expect(await phones('agent', `channelId=${ordersLine.id}`)).toEqual(['+380500000010']);
    expect(await phones('agent', 'view=mine')).toEqual(['+380500000001']);
    expect(await phones('agent', `assigneeId=${people.agent2.id}`)).toEqual(['+380500000002']);
    expect(await phones('agent', 'view=unassigned&status=open')).toEqual(support.filter((phone) => !['+380500000001', '+380500000002'].includes(phone)));
    expect(await phones('agent', `labelId=${refund.id}`)).toEqual(['+380500000002', '+380500000009']);
    expect(await phones('agent', 'priority=urgent')).toEqual(['+380500000002']);
    expect(await phones('agent', 'priority=urgent&priority=high')).toEqual(['+380500000002']);
    expect(await phones('agent', 'language=uk')).toEqual(['+380500000003']);
    expect(await phones('agent', 'sla=breached')).toEqual(['+380500000004']);
    expect(await phones('agent', 'sla=at_risk')).toEqual(['+380500000005']);
    expect(await phones('agent', 'optedOut=true')).toEqual(['+380500000006']);
    expect(await phones('agent', 'optedOut=false&status=open')).toEqual(support.filter((phone) => phone !== '+380500000006'));
    // Resolving marks the conversation read, so only the open one that was read has nothing unread.
    expect(await phones('agent', 'unread=false&status=open')).toEqual(['+380500000007']);
    expect(await phones('agent', 'unread=true&status=open')).toEqual(support.filter((phone) => phone !== '+380500000007'));
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    expect(await phones('agent', `createdTo=${monthAgo}`)).toEqual(['+380500000008']);
    expect(await phones('agent', `activeTo=${monthAgo}`)).toEqual(['+380500000008']);
    expect(await phones('agent', `createdFrom=${monthAgo}&channelId=${supportLine.id}`)).toEqual(support.filter((phone) => !['+380500000008', '+380500000010'].includes(phone)).concat('+380500000009').sort());
    expect(await phones('agent', `activeFrom=${new Date(Date.now() - 40 * 86_400_000).toISOString()}&activeTo=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`)).toEqual(['+380500000008']);
  });

  it('combines filters, each one narrowing what the others found', async () => {
    expect(await phones('agent', `labelId=${refund.id}&status=resolved`)).toEqual(['+380500000009']);
    expect(await phones('agent', `labelId=${refund.id}&priority=urgent&assigneeId=${people.agent2.id}`)).toEqual(['+380500000002']);
    expect(await phones('agent', `labelId=${refund.id}&priority=urgent&view=mine`)).toEqual([]);
    expect(await phones('agent', `q=parcel&channelId=${supportLine.id}&unread=true&status=open`)).toEqual(['+380500000001', '+380500000008']);
    expect(await phones('agent', 'q=parcel&language=uk')).toEqual([]);
    expect(await phones('agent', `sla=breached&view=unassigned&teamId=${supportId}`)).toEqual(['+380500000004']);
  });

  it('keeps every filter within the access rule: another team’s filters find nothing of theirs', async () => {
    expect(await phones('billing', `channelId=${supportLine.id}`)).toEqual([]);
    expect(await phones('billing', `labelId=${refund.id}`)).toEqual([]);
    expect(await phones('billing', 'priority=urgent')).toEqual([]);
    expect(await phones('billing', `assigneeId=${people.agent.id}`)).toEqual([]);
    expect(await phones('billing', 'q=parcel')).toEqual(['+380500000011']);
  });

  it('searches every status when none is given, and a status narrows the search', async () => {
    expect(await phones('agent', 'q=parcel')).toEqual(['+380500000001', '+380500000008', '+380500000009']);
    expect(await phones('agent', 'q=parcel&status=resolved')).toEqual(['+380500000009']);
    expect(await phones('agent', 'q=parcel&status=open')).toEqual(['+380500000001', '+380500000008']);
    expect(await phones('agent', `q=${encodeURIComponent('посилка')}`)).toEqual(['+380500000003']);
  });

  it('refuses filter values it does not know, naming the field', async () => {
    for (const query of ['sla=late', 'priority=extreme', 'language=xx', 'unread=maybe', 'createdFrom=yesterday', 'assigneeId=42', 'optedOut=1']) {
      const response = await t.request<{ code: string; details: Array<{ field: string }> }>('GET', `/api/conversations?${query}`, { token: people.agent.token });
      expect({ query, status: response.status, field: response.body.details?.[0]?.field }).toEqual({ query, status: 400, field: query.split('=')[0] });
    }
  });

  const views = async (who: Who) => (await t.request<SavedViewView[]>('GET', '/api/views', { token: people[who].token })).body;
  const counts = async (who: Who) => (await t.request<SavedViewCounts>('GET', '/api/views/counts', { token: people[who].token })).body;
  const createView = (who: Who, body: unknown) => post<SavedViewView>(who, '/api/views', body);

  it('saves a private view that only its owner sees, changes and deletes', async () => {
    const created = await createView('agent', { name: '  Urgent   refunds ', filters: { labelId: [refund.id], priority: ['urgent'], q: '' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Urgent refunds', teamId: null, ownerId: people.agent.id, editable: true, filters: { labelId: [refund.id], priority: ['urgent'] } });
    expect((await views('agent')).map((view) => view.name)).toEqual(['Urgent refunds']);
    expect(await views('agent2')).toEqual([]);
    expect(await views('admin')).toEqual([]);

    expect((await createView('agent', { name: 'urgent REFUNDS', filters: {} })).status).toBe(409);
    expect((await createView('agent2', { name: 'Urgent refunds', filters: {} })).status).toBe(201);
    for (const who of ['agent2', 'supervisor', 'admin', 'billing'] as const) {
      expect((await t.request('PATCH', `/api/views/${created.body.id}`, { token: people[who].token, body: { name: 'Mine now' } })).status).toBe(404);
      expect((await t.request('DELETE', `/api/views/${created.body.id}`, { token: people[who].token })).status).toBe(404);
    }
    const renamed = await t.request<SavedViewView>('PATCH', `/api/views/${created.body.id}`, { token: people.agent.token, body: { name: 'Refunds', filters: { labelId: [refund.id] } } });
    expect(renamed.body).toMatchObject({ name: 'Refunds', filters: { labelId: [refund.id] } });
    expect(renamed.body.filters).not.toHaveProperty('priority');
    expect((await t.request('DELETE', `/api/views/${created.body.id}`, { token: people.agent.token })).status).toBe(204);
    expect(await views('agent')).toEqual([]);
  });

  it('lets supervisors share a view with their team, which its members see but cannot change and other teams never see', async () => {
    expect((await createView('agent', { name: 'Breached', filters: { sla: 'breached' }, teamId: supportId })).status).toBe(403);
    expect((await createView('billing', { name: 'Breached', filters: { sla: 'breached' }, teamId: supportId })).status).toBe(403);
    const shared = await createView('supervisor', { name: 'Breached', filters: { sla: 'breached' }, teamId: supportId });
    expect(shared.status).toBe(201);

    expect((await views('agent')).map((view) => [view.name, view.editable])).toEqual([['Breached', false]]);
    expect(await views('billing')).toEqual([]);
    expect((await t.request('PATCH', `/api/views/${shared.body.id}`, { token: people.agent.token, body: { name: 'Late' } })).status).toBe(403);
    expect((await t.request('DELETE', `/api/views/${shared.body.id}`, { token: people.billing.token })).status).toBe(404);
    // Admins manage every team's views, whether or not they are in the team.
    expect((await t.request<SavedViewView>('PATCH', `/api/views/${shared.body.id}`, { token: people.admin.token, body: { name: 'SLA breached' } })).body.name).toBe('SLA breached');
    expect((await counts('agent'))[shared.body.id]).toBe(1);
  });

  it('counts each view within the viewer’s access rule, "mine" meaning whoever looks', async () => {
    const mine = (await createView('admin', { name: 'Mine', filters: { view: 'mine' }, teamId: supportId })).body;
    const parcels = (await createView('admin', { name: 'Parcels', filters: { q: 'parcel' }, teamId: billingId })).body;
    const everything = (await createView('admin', { name: 'Everything', filters: {} })).body;

    expect((await counts('agent'))[mine.id]).toBe(1);
    expect((await counts('agent2'))[mine.id]).toBe(1);
    expect((await counts('supervisor'))[mine.id]).toBe(0);
    expect(await counts('agent')).not.toHaveProperty(parcels.id);
    expect((await counts('billing'))[parcels.id]).toBe(1);
    expect((await counts('admin'))[everything.id]).toBe(11);
    expect(await counts('billing')).not.toHaveProperty(everything.id);
  });

  it('counts a customer’s new conversation as soon as they text', async () => {
    const openSupport = (await createView('agent', { name: 'Open unread', filters: { status: 'open', unread: true, channelId: supportLine.id } })).body;
    const before = (await counts('agent'))[openSupport.id];
    await customerWrites(supportLine, '+380500000012', 'One more question');
    expect((await counts('agent'))[openSupport.id]).toBe(before + 1);
  });

  it('keeps each person’s own order of their views', async () => {
    const names = async (who: Who) => (await views(who)).map((view) => view.name);
    const agentViews = await views('agent');
    expect(agentViews.map((view) => view.name)).toEqual(['SLA breached', 'Mine', 'Open unread']);
    const reversed = [...agentViews].reverse().map((view) => view.id);
    const ordered = await t.request<SavedViewView[]>('PUT', '/api/views/order', { token: people.agent.token, body: { ids: reversed } });
    expect(ordered.body.map((view) => view.name)).toEqual(['Open unread', 'Mine', 'SLA breached']);
    // Another member of the team keeps the order they had.
    expect(await names('agent2')).toEqual(['Urgent refunds', 'SLA breached', 'Mine']);
    // A view the person cannot see is refused as if it did not exist.
    const billingView = (await views('billing'))[0];
    expect((await t.request('PUT', '/api/views/order', { token: people.agent.token, body: { ids: [billingView.id] } })).status).toBe(404);
    expect(await names('agent')).toEqual(['Open unread', 'Mine', 'SLA breached']);
  });

  it('refuses views without a name, with unknown filters, or beyond the sidebar’s limit', async () => {
    expect((await createView('agent2', { name: '   ', filters: {} })).status).toBe(400);
    expect((await createView('agent2', { name: 'Odd', filters: { sla: 'soon' } })).status).toBe(400);
    expect((await createView('agent2', { name: 'Odd', filters: { colour: 'red' } })).status).toBe(400);
    expect((await createView('agent2', { name: 'Team', filters: { view: 'team' } })).status).toBe(400);
    const existing = (await views('agent2')).length;
    for (let n = existing; n < SAVED_VIEWS_MAX; n++) expect((await createView('agent2', { name: `View ${n}`, filters: { q: `text ${n}` } })).status).toBe(201);
    expect((await createView('agent2', { name: 'One too many', filters: {} })).status).toBe(409);
  });

  it('stops counting a view with a search at its lower cap, while a view without one counts on', async () => {
    // Many customers named alike, each with a conversation copied from an existing one: more than the search cap.
    const copies = SAVED_VIEW_SEARCH_COUNT_CAP + 20;
    await t.dataSource.query(
      `WITH copied AS (
         INSERT INTO contact SELECT (jsonb_populate_record(NULL::contact, to_jsonb(ct) || jsonb_build_object('id', gen_random_uuid(), 'phone', '+38067' || lpad(n::text, 7, '0'), 'name', 'Bulk shopper ' || n))).*
         FROM contact ct, generate_series(1, $2::int) n WHERE ct.id = $1
         RETURNING id
       )
       INSERT INTO conversation SELECT (jsonb_populate_record(NULL::conversation, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'contact_id', copied.id))).*
       FROM conversation c, copied WHERE c.id = $3`,
      [c.plain.contact.id, copies, c.plain.id],
    );
    const shoppers = (await createView('admin', { name: 'Bulk shoppers', filters: { q: 'bulk shopper' } })).body;
    const support = (await createView('admin', { name: 'Support line', filters: { channelId: supportLine.id } })).body;

    const viewCounts = await counts('admin');
    expect(viewCounts[shoppers.id]).toBe(SAVED_VIEW_SEARCH_COUNT_CAP);
    expect(viewCounts[support.id]).toBeGreaterThan(copies);
    // The list itself still finds them all, a page at a time.
    expect(await list('admin', `q=${encodeURIComponent('bulk shopper')}&limit=50`)).toHaveLength(50);
  });

  it('finds a conversation by its number however it is typed: with spaces, in national format, or by its last digits', async () => {
    const local = await customerWrites(supportLine, '+14155550142', 'Is my order on the way?');
    for (const typed of ['+1 415 555 0142', '(415) 555-0142', '415.555.0142', '555-0142', '0142']) {
      expect({ typed, found: (await list('agent', `q=${encodeURIComponent(typed)}`)).map((conversation) => conversation.id) }).toEqual({ typed, found: [local.id] });
    }
    // A number is still looked for in message text too, and another team's customer with the number is not found.
    expect(await phones('billing', `q=${encodeURIComponent('(415) 555-0142')}`)).toEqual([]);
  });
});
