import { ChannelsService } from '@backtalk/channels';
import { TeamsService, UsersService } from '@backtalk/auth';
import {
  ActivityType,
  type ActivityView,
  type ChannelView,
  type ConversationView,
  ErrorCode,
  MessageDirection,
  MessageStatus,
  type MessageView,
  type Page,
  Provider,
  type ReplyCollisionDetails,
  Role,
  SenderType,
} from '@backtalk/contracts';
import { ConversationAssignmentEntity, ConversationEntity, MessageEntity } from '@backtalk/conversations';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const PUBLIC_BASE_URL = 'https://backtalk.test';
const SECRET = 'generic-webhook-secret';
const CUSTOMER = '+380501234567';
const PASSWORD = 'correct horse battery staple';

type ReplyAnswer = MessageView & { code?: string; message?: string; details?: ReplyCollisionDetails };

describe('one answer per customer: a reply claims the conversation', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  let teamId: string;
  let mariaId: string;
  let andriyId: string;
  let maria: string;
  let andriy: string;
  let admin: string;
  let channel: ChannelView;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL });
  });
  beforeEach(async () => {
    await t.reset();
    aggregator = await FakeAggregator.start();
    const teams = t.app.get(TeamsService);
    teamId = (await teams.create({ name: 'Support' })).id;
    const billingId = (await teams.create({ name: 'Billing' })).id;
    const users = t.app.get(UsersService);
    mariaId = (await users.create({ email: 'maria@example.com', name: 'Maria Agent', role: Role.Agent, password: PASSWORD, teamIds: [teamId] })).id;
    andriyId = (await users.create({ email: 'andriy@example.com', name: 'Andriy Agent', role: Role.Agent, password: PASSWORD, teamIds: [teamId] })).id;
    await users.create({ email: 'admin@example.com', name: 'Ada Admin', role: Role.Admin, password: PASSWORD, teamIds: [billingId] });
    [maria, andriy, admin] = await Promise.all(['maria@example.com', 'andriy@example.com', 'admin@example.com'].map(signIn));
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      ratePerSecond: 50,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
      confirmations: { optOut: null, optIn: null, help: false },
    });
  });
  afterEach(() => aggregator.close());
  afterAll(() => t.close());

  async function signIn(email: string): Promise<string> {
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }

  const customerSays = (text: string) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${Math.random().toString(36).slice(2)}`, from: CUSTOMER, to: channel.sender, text }, SECRET));
  const reply = (token: string, conversationId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request<ReplyAnswer>('POST', `/api/conversations/${conversationId}/messages`, { token, body, headers });
  const conversation = (id: string) => t.dataSource.getRepository(ConversationEntity).findOneByOrFail({ id });
  const outbound = () => t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound }, order: { createdAt: 'ASC' } });
  const sent = (count: number) => eventually(outbound, (messages) => messages.length >= count && messages.every((message) => message.status === MessageStatus.Sent));
  /** What a console that has applied every event so far sends as `seenThrough`. */
  const latestSeq = async () => Number((await t.dataSource.query<Array<{ seq: string }>>(`SELECT COALESCE(max(seq), 0) AS seq FROM domain_event`))[0].seq);

  async function customerWrites(): Promise<string> {
    expect((await customerSays('Where is my order?')).status).toBe(200);
    const page = await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token: maria });
    return page.body.items[0].id;
  }

  it('a reply to an unassigned conversation assigns it to the replying agent, in the same transaction', async () => {
    const id = await customerWrites();
    const answer = await reply(andriy, id, { body: 'It left the warehouse today.', seenThrough: await latestSeq() });
    expect(answer.status).toBe(201);

    expect((await conversation(id)).assigneeId).toBe(andriyId);
    const [record] = await t.dataSource.getRepository(ConversationAssignmentEntity).find({ where: { conversationId: id } });
    expect(record).toMatchObject({ assigneeId: andriyId, previousAssigneeId: null, actorId: andriyId, reason: 'reply' });
    // Rows written by one transaction carry its id (xmin): the assignment and the reply's events are one commit.
    const events = await t.dataSource.query<Array<{ type: string; actor: string | null; tx: string }>>(
      `SELECT type, payload->>'actorId' AS actor, xmin::text AS tx FROM domain_event WHERE conversation_id = $1 AND type IN ('assignment.changed', 'message.created') ORDER BY seq`,
      [id],
    );
    expect(events).toEqual([
      { type: 'message.created', actor: null, tx: expect.any(String) },
      { type: 'assignment.changed', actor: andriyId, tx: events[0].tx },
    ]);
    const activity = await t.request<ActivityView[]>('GET', `/api/conversations/${id}/activity`, { token: maria });
    expect(activity.body).toEqual([expect.objectContaining({ type: ActivityType.Assigned, actor: { kind: 'user', id: andriyId, name: 'Andriy Agent' }, data: expect.objectContaining({ reason: 'reply' }) })]);
  });

  it('with the team setting off, a reply leaves the conversation unassigned', async () => {
    const setting = await t.request('PATCH', `/api/teams/${teamId}/routing`, { token: admin, body: { assignOnReply: false } });
    expect(setting.body).toMatchObject({ assignOnReply: false });
    const id = await customerWrites();

    expect((await reply(andriy, id, { body: 'It left the warehouse today.' })).status).toBe(201);
    expect((await conversation(id)).assigneeId).toBeNull();
  });

  it('an admin replying to a conversation of a team they are not in leaves it unassigned', async () => {
    const id = await customerWrites();
    expect((await reply(admin, id, { body: 'Ada from head office here.' })).status).toBe(201);
    expect((await conversation(id)).assigneeId).toBeNull();
  });

  it('a reply refused because the customer opted out leaves the conversation unassigned', async () => {
    const id = await customerWrites();
    await customerSays('STOP');
    expect((await reply(andriy, id, { body: 'Are you still there?' })).status).toBe(409);
    expect((await conversation(id)).assigneeId).toBeNull();
  });

  it('two agents replying at once: one SMS goes out, the other agent is asked (409 with who and what)', async () => {
    const id = await customerWrites();
    const seenThrough = await latestSeq();
    const texts = { [maria]: 'Maria here: it arrives tomorrow.', [andriy]: 'Andriy here: it is on its way.' };
    const answers = await Promise.all([maria, andriy].map((token) => reply(token, id, { body: texts[token], seenThrough })));

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = answers.find((answer) => answer.status === 201)!.body;
    const held = answers.find((answer) => answer.status === 409)!.body;
    const [winnerId, winnerName] = winner.authorId === mariaId ? [mariaId, 'Maria Agent'] : [andriyId, 'Andriy Agent'];
    expect(held).toMatchObject({
      code: ErrorCode.ReplyCollision,
      message: `${winnerName} answered this customer after you opened the conversation`,
      details: {
        takenBy: { id: winnerId, name: winnerName },
        repliedBy: { id: winnerId, name: winnerName },
        replies: [{ id: winner.id, body: winner.body, sentAt: winner.sentAt, authorName: winnerName }],
      },
    });
    await sent(1);
    expect(await outbound()).toHaveLength(1);
    expect(aggregator.sends.map((send) => send.body.text)).toEqual([winner.body]);
  });

  it('send anyway after a collision sends once', async () => {
    const id = await customerWrites();
    const seenThrough = await latestSeq();
    expect((await reply(maria, id, { body: 'Maria here: it arrives tomorrow.' })).status).toBe(201);

    const headers = { 'idempotency-key': 'andriy-reply-1' };
    const request = { body: 'Andriy here: and here is the tracking link.', seenThrough };
    expect((await reply(andriy, id, request, headers)).status).toBe(409);
    const anyway = await reply(andriy, id, { ...request, force: true }, headers);
    expect(anyway.status).toBe(201);
    // A retry of the forced send (a lost answer, a double click) is the same send.
    expect((await reply(andriy, id, { ...request, force: true }, headers)).body.id).toBe(anyway.body.id);

    await sent(2);
    expect((await outbound()).map((message) => message.body)).toEqual(['Maria here: it arrives tomorrow.', 'Andriy here: and here is the tracking link.']);
    expect(aggregator.sends).toHaveLength(2);
    expect((await conversation(id)).assigneeId).toBe(mariaId);
  });

  it('an agent who opened the conversation before a colleague took it is held', async () => {
    const id = await customerWrites();
    const seenThrough = await latestSeq();
    expect((await t.request('POST', `/api/conversations/${id}/assign`, { token: maria, body: { assigneeId: mariaId } })).status).toBe(200);

    const held = await reply(andriy, id, { body: 'Andriy here.', seenThrough });
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({
      code: ErrorCode.ReplyCollision,
      message: 'Maria Agent took this conversation after you opened it',
      details: { takenBy: { id: mariaId, name: 'Maria Agent' }, repliedBy: null, replies: [] },
    });
    expect(await outbound()).toHaveLength(0);
    expect((await conversation(id)).assigneeId).toBe(mariaId);
  });

  it('refuses a seenThrough that is not a sequence number, and sends nothing', async () => {
    const id = await customerWrites();
    for (const seenThrough of [null, -1, 1.5, '12']) {
      const refused = await reply(andriy, id, { body: 'Hello', seenThrough });
      expect({ seenThrough, status: refused.status, code: refused.body.code }).toEqual({ seenThrough, status: 400, code: ErrorCode.ValidationFailed });
    }
    expect(await outbound()).toHaveLength(0);
  });

  it('an agent who opened the conversation after a colleague answered, or who answered it themselves, is not held', async () => {
    const id = await customerWrites();
    expect((await reply(maria, id, { body: 'Maria here: it arrives tomorrow.' })).status).toBe(201);

    const seenThrough = await latestSeq();
    expect((await reply(andriy, id, { body: 'Andriy adding the tracking link.', seenThrough })).status).toBe(201);
    expect((await reply(andriy, id, { body: 'And the courier’s number.', seenThrough })).status).toBe(201);
    expect(await outbound()).toHaveLength(3);
  });
});
