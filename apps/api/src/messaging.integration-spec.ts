import { ApiKeysService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  ApiKeyScope,
  type ChannelView,
  type ConversationView,
  ErrorCode,
  MessageDirection,
  MessageKind,
  MessageStatus,
  type MessageView,
  type Page,
  Provider,
  Role,
  SenderType,
  type SendNotificationResponse,
  type StartConversationResponse,
} from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { SendRateLimiter } from '@backtalk/outbound';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const PUBLIC_BASE_URL = 'https://backtalk.test';
const SECRET = 'generic-webhook-secret';
const CUSTOMER = '+380501234567';
const PASSWORD = 'correct horse battery staple';

describe('sending SMS: agent replies, agent-started conversations, notifications', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  let teamId: string;
  let otherTeamId: string;
  let agentToken: string;
  let outsiderToken: string;
  let channel: ChannelView;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL, PROVIDER_TIMEOUT_MS: '700' });
  });
  beforeEach(async () => {
    await t.reset();
    aggregator = await FakeAggregator.start();
    const teams = t.app.get(TeamsService);
    teamId = (await teams.create({ name: 'Support' })).id;
    otherTeamId = (await teams.create({ name: 'Billing' })).id;
    const users = t.app.get(UsersService);
    await users.create({ email: 'agent@example.com', name: 'Andriy Agent', role: Role.Agent, password: PASSWORD, teamIds: [teamId] });
    await users.create({ email: 'outsider@example.com', name: 'Bohdan Billing', role: Role.Agent, password: PASSWORD, teamIds: [otherTeamId] });
    agentToken = await signIn('agent@example.com');
    outsiderToken = await signIn('outsider@example.com');
    channel = await createChannel();
  });
  afterEach(() => aggregator.close());
  afterAll(() => t.close());

  async function signIn(email: string): Promise<string> {
    const response = await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    return response.body.accessToken;
  }

  const createChannel = (overrides: Partial<Parameters<ChannelsService['create']>[0]> = {}) =>
    t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      ratePerSecond: 50,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
      confirmations: { optOut: null, optIn: null, help: false },
      ...overrides,
    });

  const pathOf = (target: ChannelView) => new URL(target.webhookUrl).pathname;
  const customerSays = (text: string, id = `in-${Math.random().toString(36).slice(2)}`, from = CUSTOMER) =>
    t.deliver(genericSigned(pathOf(channel), { type: 'message', id, from, to: channel.sender, text }, SECRET));
  const conversationsOf = async (token = agentToken) => (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token })).body.items;
  const outbound = () => t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound }, order: { createdAt: 'ASC' } });
  const settled = (count: number) =>
    eventually(outbound, (messages) => messages.length >= count && messages.every((message) => ![MessageStatus.Queued, MessageStatus.Sending].includes(message.status)));
  const reply = (conversationId: string, body: unknown, headers: Record<string, string> = {}, token = agentToken) =>
    t.request<MessageView & { code?: string; message?: string }>('POST', `/api/conversations/${conversationId}/messages`, { token, body, headers });

  async function openConversation(): Promise<ConversationView> {
    expect((await customerSays('Where is my order?')).status).toBe(200);
    const [conversation] = await conversationsOf();
    return conversation;
  }

  it('sends an agent’s reply once and marks it delivered when the delivery report comes', async () => {
    const conversation = await openConversation();
    const sent = await reply(conversation.id, { body: 'It left the warehouse today.' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: MessageStatus.Queued, kind: MessageKind.Agent, encoding: 'GSM-7', segments: 1 });

    const [message] = await settled(1);
    expect(message.status).toBe(MessageStatus.Sent);
    expect(aggregator.sends.map((send) => send.body)).toEqual([expect.objectContaining({ id: message.id, to: CUSTOMER, text: 'It left the warehouse today.' })]);
    await t.deliver(genericSigned(pathOf(channel), { type: 'status', id: message.providerMessageId, status: 'delivered' }, SECRET));
    expect((await outbound())[0].status).toBe(MessageStatus.Delivered);

    const after = (await conversationsOf())[0];
    expect(after).toMatchObject({ waitingSince: null, unreadCount: 0, lastMessage: expect.objectContaining({ direction: MessageDirection.Outbound }) });
  });

  it('stores the encoding, segment count and estimated cost of a reply', async () => {
    await t.app.get(ChannelsService).update(channel.id, { pricePerSegment: 0.05 });
    const conversation = await openConversation();
    const sent = await reply(conversation.id, { body: 'Ваше замовлення вже в дорозі і буде у вас завтра до обіду. Дякуємо, що обрали нас! Гарного дня 🙂' });
    expect(sent.body).toMatchObject({ encoding: 'UCS-2', segments: 2, estimatedCost: 0.1 });
  });

  it('applies a delivery report that arrives while the sender is inside its transaction recording the provider’s id', async () => {
    const conversation = await openConversation();
    aggregator.behave({ acceptAfterMs: 300 });
    const sent = await reply(conversation.id, { body: 'Race me.' });
    await eventually(async () => aggregator.sends.length, (count) => count === 1);

    // Hold the message row so the sender, with the provider's answer in hand, is stuck inside its transaction.
    const holder = t.dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`SELECT id FROM message WHERE id = $1 FOR UPDATE`, [sent.body.id]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const report = t.deliver(genericSigned(pathOf(channel), { type: 'status', id: aggregator.providerIdFor(sent.body.id), status: 'delivered' }, SECRET));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await holder.commitTransaction();
    await holder.release();

    expect((await report).status).toBe(200);
    const [message] = await eventually(outbound, (rows) => rows[0]?.status === MessageStatus.Delivered);
    expect(message.status).toBe(MessageStatus.Delivered);
  });

  it('keeps a reply GSM-7 on a channel with smart encoding by replacing look-alike characters', async () => {
    await t.app.get(ChannelsService).update(channel.id, { smartEncoding: true });
    const conversation = await openConversation();
    const sent = await reply(conversation.id, { body: '“Delivered” — it’s at the door' });
    expect(sent.body).toMatchObject({ body: '"Delivered" - it\'s at the door', encoding: 'GSM-7', segments: 1 });
    const kept = await reply(conversation.id, { body: '“As typed”', smartEncode: false });
    expect(kept.body).toMatchObject({ body: '“As typed”', encoding: 'UCS-2' });
  });

  it('sends one SMS when the provider fails once with a 500 and then accepts', async () => {
    const conversation = await openConversation();
    aggregator.behave('error-500');
    await reply(conversation.id, { body: 'Checking now.' });
    const [message] = await settled(1);
    expect(message.status).toBe(MessageStatus.Sent);
    expect(aggregator.sends).toHaveLength(2);
    expect(aggregator.accepted()).toHaveLength(1);
  });

  it('refuses a reply to a customer who opted out, with a reason, and queues nothing', async () => {
    const conversation = await openConversation();
    await customerSays('STOP');
    const refused = await reply(conversation.id, { body: 'Are you still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: ErrorCode.ContactOptedOut, message: expect.stringContaining('START') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outbound()).toHaveLength(0);
    expect(aggregator.sends).toHaveLength(0);
  });

  it('sends one SMS for a repeated Idempotency-Key, even when the repeats race, and returns the first message', async () => {
    const conversation = await openConversation();
    const headers = { 'idempotency-key': 'reply-7d1c2a' };
    const responses = await Promise.all([1, 2, 3].map(() => reply(conversation.id, { body: 'On its way!' }, headers)));
    const again = await reply(conversation.id, { body: 'On its way!' }, headers);

    const ids = new Set([...responses, again].map((response) => response.body.id));
    expect(ids.size).toBe(1);
    await settled(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outbound()).toHaveLength(1);
    expect(aggregator.sends).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different text', async () => {
    const conversation = await openConversation();
    await reply(conversation.id, { body: 'First text' }, { 'idempotency-key': 'k-1' });
    const reused = await reply(conversation.id, { body: 'Another text' }, { 'idempotency-key': 'k-1' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe(ErrorCode.IdempotencyKeyReused);
  });

  it('answers 404 to an agent of another team and sends nothing', async () => {
    const conversation = await openConversation();
    expect((await reply(conversation.id, { body: 'Hello from billing' }, {}, outsiderToken)).status).toBe(404);
    expect(await outbound()).toHaveLength(0);
  });

  it('paces a burst on one channel to its rate, counting segments, without refusing any message', async () => {
    await t.app.get(ChannelsService).update(channel.id, { ratePerSecond: 4 });
    const conversation = await openConversation();
    const texts = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
    const threeSegments = 'x'.repeat(400);
    for (const text of [...texts, threeSegments]) expect((await reply(conversation.id, { body: text })).status).toBe(201);

    const messages = await settled(9);
    expect(messages.every((message) => message.status === MessageStatus.Sent)).toBe(true);
    const times = aggregator.sends.map((send) => send.receivedAt);
    expect(times).toHaveLength(9);
    // 8 one-segment messages, then one of 3 segments: 11 units at 4 per second take at least (11 - 3) / 4 s to start.
    expect(times[8] - times[0]).toBeGreaterThanOrEqual(1900);
    // The aggregator sees each send when it arrives, which can be late by a scheduling hiccup; one late arrival made the
    // next gap look short (194 ms) though both left on schedule. The pace holds against the first send: the i-th
    // one-segment message cannot start before i quarter-seconds, less the same 100 ms allowance as above.
    for (let i = 1; i < times.length; i++) expect(times[i] - times[0]).toBeGreaterThanOrEqual(i * 250 - 100);
  }, 20_000);

  it('does not make a quiet channel wait behind a long queue on another channel', async () => {
    const limiter = t.app.get(SendRateLimiter);
    for (let i = 0; i < 10; i++) await limiter.reserve('busy-channel', 1, 1);
    const quiet = await Promise.all([1, 2, 3].map(() => limiter.reserve('quiet-channel', 100, 1)));
    expect(Math.max(...quiet.map((slot) => slot.waitMs))).toBeLessThan(100);
  });

  it('keeps the account-wide cap across channels', async () => {
    const limiter = t.app.get(SendRateLimiter);
    // 100 segments a second for the account (the default) means at most 10 in each 100 ms slice.
    const slots = await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.reserve(`channel-${i}`, 1000, 1)));
    const waits = slots.map((slot) => slot.waitMs).sort((a, b) => a - b);
    // Ten go now, the rest in later slices. A burst that happens to straddle a slice boundary also fills the new
    // slice without waiting, so at most twenty of the thirty can go at once, and the last waits a slice or more.
    expect(waits[9]).toBe(0);
    expect(waits[20]).toBeGreaterThan(0);
    expect(waits[29]).toBeGreaterThanOrEqual(100);
  });

  it('starts a conversation with a number that never wrote in and texts it', async () => {
    const started = await t.request<StartConversationResponse>('POST', '/api/conversations', { token: agentToken, body: { channelId: channel.id, phone: '(415) 555-0199', body: 'Hi, this is Acme support about your refund.' } });
    expect(started.status).toBe(201);
    expect(started.body.conversation).toMatchObject({ contact: expect.objectContaining({ phone: '+14155550199' }), status: 'open', teamId });
    await settled(1);
    expect(aggregator.sends[0].body).toMatchObject({ to: '+14155550199', text: 'Hi, this is Acme support about your refund.' });

    const invalid = await t.request<{ code: string }>('POST', '/api/conversations', { token: agentToken, body: { channelId: channel.id, phone: '12', body: 'x' } });
    expect(invalid.status).toBe(400);
  });

  it('holds a scheduled reply until its time, and sends nothing once it is cancelled', async () => {
    const conversation = await openConversation();
    const later = await reply(conversation.id, { body: 'Reminder: your pickup is today.', sendAt: new Date(Date.now() + 1500).toISOString() });
    const cancelled = await reply(conversation.id, { body: 'Never mind.', sendAt: new Date(Date.now() + 1500).toISOString() });
    expect(later.body.status).toBe(MessageStatus.Scheduled);
    expect((await t.request('POST', `/api/messages/${cancelled.body.id}/cancel`, { token: agentToken })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(aggregator.sends).toHaveLength(0);
    const messages = await eventually(outbound, (rows) => rows.some((row) => row.status === MessageStatus.Sent), 8000);
    expect(messages.map((message) => [message.body, message.status])).toEqual([
      ['Reminder: your pickup is today.', MessageStatus.Sent],
      ['Never mind.', MessageStatus.Cancelled],
    ]);
    expect(aggregator.sends.map((send) => send.body.text)).toEqual(['Reminder: your pickup is today.']);
  });

  it('threads the customer’s answer to a notification into the conversation that holds the notification', async () => {
    const admin = await t.app.get(UsersService).create({ email: 'admin@example.com', name: 'Ada', role: Role.Admin, password: PASSWORD, teamIds: [] });
    const { key } = await t.app.get(ApiKeysService).create('shop', [ApiKeyScope.MessagesSend], admin.id);
    const sent = await t.request<SendNotificationResponse>('POST', '/api/v1/messages', {
      headers: { authorization: `Bearer ${key}` },
      body: { channelId: channel.id, to: CUSTOMER, body: 'Hi {{name}}, order {{order}} is out for delivery.', variables: { name: 'Olena', order: 'A-1042' }, externalReference: 'A-1042' },
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ status: MessageStatus.Queued, externalReference: 'A-1042', segments: 1 });
    await settled(1);
    expect(aggregator.sends[0].body.text).toBe('Hi Olena, order A-1042 is out for delivery.');

    await customerSays('Can you leave it with the neighbour?');
    const [conversation] = await conversationsOf();
    expect(conversation.id).toBe(sent.body.conversationId);
    expect(conversation.status).toBe('open');
    const thread = await t.request<Page<MessageView>>('GET', `/api/conversations/${conversation.id}/messages`, { token: agentToken });
    expect(thread.body.items.map((message) => [message.kind, message.body])).toEqual([
      [MessageKind.Notification, 'Hi Olena, order A-1042 is out for delivery.'],
      [MessageKind.Customer, 'Can you leave it with the neighbour?'],
    ]);

    const missing = await t.request<{ message: string }>('POST', '/api/v1/messages', { headers: { authorization: `Bearer ${key}` }, body: { channelId: channel.id, to: CUSTOMER, body: 'Hi {{name}}' } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('{{name}}');
  });
});
