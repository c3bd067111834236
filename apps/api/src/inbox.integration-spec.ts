import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type ConversationView, type InboxCounts, MessageKind, type MessageView, type Page, Provider, Role, SenderType } from '@backtalk/contracts';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';

describe('working the inbox: views, search, assignment, status and notes', () => {
  let t: TestApp;
  let supportId: string;
  let billingId: string;
  let andriy: { id: string; token: string };
  let maria: { id: string; token: string };
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
    andriy = await person('andriy@example.com', [supportId]);
    maria = await person('maria@example.com', [supportId]);
    bohdan = await person('bohdan@example.com', [billingId]);
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

  async function person(email: string, teamIds: string[]) {
    const user = await t.app.get(UsersService).create({ email, name: email.split('@')[0], role: Role.Agent, password: PASSWORD, teamIds });
    const session = await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    return { id: user.id, token: session.body.accessToken };
  }

  let messageNumber = 0;
  const customerSays = (from: string, text: string) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
  const list = async (query: string, token = andriy.token) => (await t.request<Page<ConversationView>>('GET', `/api/conversations?${query}`, { token })).body.items;
  const post = <T = ConversationView>(path: string, token: string, body?: unknown) => t.request<T & { code?: string; message?: string }>('POST', path, { token, body });

  it('shows mine, unassigned and team views, and counts them', async () => {
    await customerSays('+380501111111', 'Where is my parcel?');
    await customerSays('+380502222222', 'Refund please');
    const [first, second] = await list('view=all');
    expect((await post(`/api/conversations/${first.id}/assign`, andriy.token, { assigneeId: andriy.id })).body.assigneeId).toBe(andriy.id);

    expect((await list('view=mine')).map((conversation) => conversation.id)).toEqual([first.id]);
    expect((await list('view=unassigned')).map((conversation) => conversation.id)).toEqual([second.id]);
    expect(await list(`view=team&teamId=${supportId}`)).toHaveLength(2);
    const counts = (await t.request<InboxCounts>('GET', '/api/conversations/counts', { token: andriy.token })).body;
    expect(counts).toEqual({ mine: 1, unassigned: 1, all: 2, teams: { [supportId]: 2 } });
  });

  it('finds conversations by number, by name and by message text', async () => {
    await customerSays('+380501111111', 'Моє замовлення досі не прийшло');
    await customerSays('+380502222222', 'Refund please');
    const [, refund] = await list('view=all');
    await t.request('PATCH', `/api/contacts/${refund.contact.id}`, { token: andriy.token, body: { name: 'Olena Kovalenko' } });

    expect((await list('q=2222222')).map((conversation) => conversation.contact.phone)).toEqual(['+380502222222']);
    expect((await list('q=kovalenko')).map((conversation) => conversation.contact.name)).toEqual(['Olena Kovalenko']);
    expect((await list('q=замовлення')).map((conversation) => conversation.contact.phone)).toEqual(['+380501111111']);
    expect(await list('q=100%25')).toEqual([]);
  });

  it('sorts by longest waiting first', async () => {
    await customerSays('+380501111111', 'first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await customerSays('+380502222222', 'second');
    expect((await list('sort=waiting')).map((conversation) => conversation.contact.phone)).toEqual(['+380501111111', '+380502222222']);
    expect((await list('sort=recent')).map((conversation) => conversation.contact.phone)).toEqual(['+380502222222', '+380501111111']);
  });

  it('transfers to another team with a note, after which the old team no longer sees it and the new one does', async () => {
    await customerSays('+380501111111', 'I was charged twice');
    const [conversation] = await list('view=all');
    const transferred = await post(`/api/conversations/${conversation.id}/assign`, andriy.token, { assigneeId: null, teamId: billingId, note: 'Double charge, card ending 4242' });
    expect(transferred.body).toMatchObject({ teamId: billingId, assigneeId: null });

    expect(await list('view=all', maria.token)).toEqual([]);
    expect((await list('view=all', bohdan.token)).map((found) => found.id)).toEqual([conversation.id]);
    const thread = await t.request<Page<MessageView>>('GET', `/api/conversations/${conversation.id}/messages`, { token: bohdan.token });
    expect(thread.body.items.map((message) => [message.kind, message.body])).toEqual([
      [MessageKind.Customer, 'I was charged twice'],
      [MessageKind.Note, 'Double charge, card ending 4242'],
    ]);
  });

  it('keeps a conversation visible to the agent it is assigned to, even in another team', async () => {
    await customerSays('+380501111111', 'Question about an invoice');
    const [conversation] = await list('view=all');
    await post(`/api/conversations/${conversation.id}/assign`, andriy.token, { assigneeId: null, teamId: billingId });
    await post(`/api/conversations/${conversation.id}/assign`, bohdan.token, { assigneeId: bohdan.id });
    expect((await list('view=mine', bohdan.token)).map((found) => found.id)).toEqual([conversation.id]);
  });

  it('refuses to assign to someone outside the team, and hides the conversation from other teams', async () => {
    await customerSays('+380501111111', 'Hello');
    const [conversation] = await list('view=all');
    const refused = await post(`/api/conversations/${conversation.id}/assign`, andriy.token, { assigneeId: bohdan.id });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('not a member');
    expect((await post(`/api/conversations/${conversation.id}/resolve`, bohdan.token)).status).toBe(404);
  });

  it('resolves, reopens, snoozes until a time and marks read', async () => {
    await customerSays('+380501111111', 'Hello');
    const [conversation] = await list('view=all');
    expect(conversation.unreadCount).toBe(1);
    expect((await post(`/api/conversations/${conversation.id}/read`, andriy.token)).body.unreadCount).toBe(0);

    expect((await post(`/api/conversations/${conversation.id}/resolve`, andriy.token)).body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    expect((await post(`/api/conversations/${conversation.id}/reopen`, andriy.token)).body).toMatchObject({ status: 'open', resolvedAt: null });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await post(`/api/conversations/${conversation.id}/snooze`, andriy.token, { until })).body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect((await post(`/api/conversations/${conversation.id}/snooze`, andriy.token, { until: '2020-01-01T00:00:00Z' })).status).toBe(400);

    await customerSays('+380501111111', 'Any news?');
    expect((await list('status=open')).map((found) => found.id)).toEqual([conversation.id]);
  });

  it('refuses to reopen a conversation when the customer already has a newer open one', async () => {
    // No reopen window: a message after resolving starts a new conversation.
    await t.app.get(ChannelsService).update(channel.id, { reopenWindowMinutes: 0 });
    await customerSays('+380501111111', 'Hello');
    const [old] = await list('view=all');
    await post(`/api/conversations/${old.id}/resolve`, andriy.token);
    await customerSays('+380501111111', 'New question');
    const open = await list('status=open');
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(old.id);
    const reopened = await post(`/api/conversations/${old.id}/reopen`, andriy.token);
    expect(reopened.status).toBe(409);
  });

  it('pages through a thread whose messages share a send time without skipping or repeating one', async () => {
    for (let n = 1; n <= 6; n++) await customerSays('+380501111111', `Part ${n}`);
    const [conversation] = await list('view=all');
    // A carrier that stamps whole seconds sends a burst with one time; ids and arrival order then disagree.
    await t.dataSource.query(
      `UPDATE message SET sent_at = '2026-11-30T10:00:00Z', created_at = '2026-11-30T10:00:00Z'::timestamptz + (random() * interval '1 second') WHERE conversation_id = $1`,
      [conversation.id],
    );
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: Page<MessageView> = (await t.request<Page<MessageView>>('GET', `/api/conversations/${conversation.id}/messages?limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`, { token: andriy.token })).body;
      seen.push(...page.items.map((message) => message.body));
      before = page.nextCursor;
    } while (before && seen.length < 20);
    expect([...seen].sort()).toEqual(['Part 1', 'Part 2', 'Part 3', 'Part 4', 'Part 5', 'Part 6']);
  });
});
