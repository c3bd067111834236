import { AccessTokenService, AuthModule, TeamsService, UsersService } from '@backtalk/auth';
import { AutomationService } from '@backtalk/automation';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import {
  type ActivityView,
  ActivityType,
  type CannedAnswerView,
  type ChannelView,
  ConversationStatus,
  MessageDirection,
  MessageKind,
  MessageStatus,
  Provider,
  REALTIME_NAMESPACE,
  Role,
  type RuleView,
  RuleTrigger,
  SenderType,
} from '@backtalk/contracts';
import { ConversationEntity, ConversationsModule, MessageEntity } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { PlatformModule, QueueName } from '@backtalk/platform';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { getQueueToken } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import type { Queue } from 'bull';
import { io } from 'socket.io-client';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const CUSTOMER = '+380501234567';
const ORDER_STATUS_EXAMPLES = ['Де моє замовлення?', 'Де моя посилка', 'Статус замовлення', 'Where is my order?', 'When will my parcel arrive', 'Track my order', 'My order has not arrived yet', 'Order status please'];
const OPENING_HOURS_EXAMPLES = ['What are your opening hours?', 'Коли ви працюєте?', 'Are you open on Saturday?', 'Години роботи', 'When do you close today?', 'Opening times', 'What time do you open', 'Are you open now?'];
const ORDER_ANSWER = 'Your order is on its way: the tracking number came by SMS.';

/** A process that stores messages and runs no automation: an API instance that died right after commit. */
@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule] })
class StoreOnlyModule {}

describe('automation never steps on agents', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  let teamId: string;
  let admin: { id: string; token: string };
  let agent: { id: string; token: string };
  let channel: ChannelView;
  let orderAnswerId: string;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
  });
  beforeEach(async () => {
    await t.reset();
    aggregator = await FakeAggregator.start();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const adminUser = await t.app.get(UsersService).create({ email: 'admin@example.com', name: 'Ada Admin', role: Role.Admin, password: PASSWORD, teamIds: [teamId] });
    admin = { id: adminUser.id, token: await t.app.get(AccessTokenService).issue(adminUser.id) };
    const agentUser = await t.app.get(UsersService).create({ email: 'andriy@example.com', name: 'Andriy Agent', role: Role.Agent, password: PASSWORD, teamIds: [teamId] });
    agent = { id: agentUser.id, token: await t.app.get(AccessTokenService).issue(agentUser.id) };
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      ratePerSecond: 50,
      country: 'UA',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
      confirmations: { optOut: null, optIn: null, help: false },
    });
    orderAnswerId = (await t.request<CannedAnswerView>('POST', '/api/canned-answers', { token: admin.token, body: { title: 'Order status', shortcode: 'order', body: ORDER_ANSWER, examples: ORDER_STATUS_EXAMPLES, autoReply: true } })).body.id;
    await t.request('POST', '/api/canned-answers', { token: admin.token, body: { title: 'Opening hours', shortcode: 'hours', body: 'We are open Monday to Friday, 9:00–18:00.', examples: OPENING_HOURS_EXAMPLES, autoReply: true } });
  });
  afterEach(async () => {
    await outboundQueue().resume(true);
    await aggregator.close();
  });
  afterAll(() => t.close());

  const webhook = (text: string, from: string) => genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET);
  const customerSays = (text: string, from = CUSTOMER) => t.deliver(webhook(text, from));
  const faqRule = (extra: Record<string, unknown> = {}) =>
    t.request<RuleView>('POST', '/api/automation/rules', {
      token: admin.token,
      body: {
        name: 'Order status FAQ',
        trigger: RuleTrigger.InboundMessage,
        conditions: [{ type: 'faq_match', minConfidence: 0.6 }],
        actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }, { type: 'set_status', status: 'pending' }],
        ...extra,
      },
    });
  const patchRule = (id: string, body: Record<string, unknown>) => t.request<RuleView>('PATCH', `/api/automation/rules/${id}`, { token: admin.token, body });
  const autoReplies = () => t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound, kind: MessageKind.AutoReply }, order: { createdAt: 'ASC' } });
  const conversationOf = async (phone: string) =>
    (await t.dataSource.query<Array<{ id: string }>>(`SELECT c.id FROM conversation c JOIN contact ct ON ct.id = c.contact_id WHERE ct.phone = $1`, [phone]))[0]?.id;
  const conversation = (id: string) => t.dataSource.getRepository(ConversationEntity).findOneByOrFail({ id });
  const activity = async (conversationId: string) => (await t.request<ActivityView[]>('GET', `/api/conversations/${conversationId}/activity`, { token: agent.token })).body;
  /** The first line of this type whose hold (its kind and details, which the console words) has `fragment`, once it is there. */
  const lineSaying = async (conversationId: string, type: ActivityType, fragment: string) => {
    const [line] = await eventually(async () => (await activity(conversationId)).filter((candidate) => candidate.type === type && JSON.stringify(candidate.data['hold']).includes(fragment)), (lines) => lines.length > 0);
    expect(line).toBeDefined();
    return line;
  };
  const runsOf = (conversationId: string) => t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM automation_run WHERE conversation_id = $1`, [conversationId]);
  /** The sweep as the worker runs it once the storing process's grace period is over. */
  const sweepLater = () => t.app.get(AutomationService).processUnprocessed(new Date(Date.now() + 10_000));
  /** Holds auto-replies in the outbound queue (this process is its only worker) so a person can act before the send. */
  const outboundQueue = () => t.app.get<Queue>(getQueueToken(QueueName.Outbound));
  const queuedAutoReply = async () => (await eventually(autoReplies, (messages) => messages.length === 1 && messages[0].status === MessageStatus.Queued))[0];
  const finalStatusOf = async (messageId: string) =>
    (await eventually(() => t.dataSource.getRepository(MessageEntity).findOneByOrFail({ id: messageId }), (message) => message.status !== MessageStatus.Queued && message.status !== MessageStatus.Sending)).status;

  describe('a rule acts only on messages that arrived while it was on, in its current form', () => {
    it('does not answer messages that arrived before the rule was switched on, and answers the next one', async () => {
      const rule = (await faqRule({ enabled: false })).body;
      await customerSays('Where is my order?', '+380501111111');
      await customerSays('Де моє замовлення?', '+380502222222');
      expect((await patchRule(rule.id, { enabled: true })).status).toBe(200);

      await sweepLater();
      expect(await autoReplies()).toHaveLength(0);

      await customerSays('Where is my order?', '+380503333333');
      const [reply] = await eventually(autoReplies, (messages) => messages.length > 0);
      expect(reply.conversationId).toBe(await conversationOf('+380503333333'));
      await sweepLater();
      expect(await autoReplies()).toHaveLength(1);
    });

    it('does not answer, after an edit, a message that arrived before the edit and that no process ran through the rules', async () => {
      const rule = (await faqRule({ conditions: [{ type: 'keywords', any: ['refund'] }], actions: [{ type: 'reply', cannedAnswerId: orderAnswerId }] })).body;
      const storeOnly = await TestApp.create(StoreOnlyModule, { PUBLIC_BASE_URL: 'https://backtalk.test' });
      try {
        expect((await storeOnly.deliver(webhook('Where is my order?', '+380501111111'))).status).toBe(200);
      } finally {
        await storeOnly.close();
      }
      expect((await patchRule(rule.id, { conditions: [{ type: 'keywords', any: ['order'] }] })).status).toBe(200);

      expect(await sweepLater()).toBe(0);
      expect(await autoReplies()).toHaveLength(0);
    });

    it('still answers, from the sweep, a message that arrived while the rule was on but that no process ran through the rules', async () => {
      await faqRule();
      const storeOnly = await TestApp.create(StoreOnlyModule, { PUBLIC_BASE_URL: 'https://backtalk.test' });
      try {
        expect((await storeOnly.deliver(webhook('Where is my order?', '+380501111111'))).status).toBe(200);
      } finally {
        await storeOnly.close();
      }
      expect(await sweepLater()).toBe(1);
      await eventually(() => aggregator.sends.length, (count) => count === 1);
      expect(aggregator.sends[0].body).toMatchObject({ to: '+380501111111', text: ORDER_ANSWER });
    });
  });

  describe('an auto-reply rule answers only conversations no person has taken', () => {
    it('holds back in a conversation an agent has, says so in the thread, and answers it once the rule opts in to assigned conversations', async () => {
      const rule = (await faqRule()).body;
      await customerSays('Hello, I have a question');
      const id = await conversationOf(CUSTOMER);
      expect((await t.request('POST', `/api/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: agent.id } })).status).toBe(200);

      await customerSays('Where is my order?');
      const held = await lineSaying(id, ActivityType.AutomationHeld, 'Andriy Agent');
      expect(held.actor.kind).toBe('automation');
      expect(await autoReplies()).toHaveLength(0);
      expect(await conversation(id)).toMatchObject({ status: ConversationStatus.Open, assigneeId: agent.id });

      expect((await patchRule(rule.id, { answerAssigned: true })).status).toBe(200);
      await customerSays('What time do you open on Saturday?');
      expect(await eventually(() => aggregator.sends.length, (count) => count === 1)).toBe(1);
    });

    it('leaves a held-back conversation open even when the rule lists its status change before its reply', async () => {
      await faqRule({ actions: [{ type: 'set_status', status: 'pending' }, { type: 'reply', cannedAnswerId: 'matched_faq' }] });
      await customerSays('Hello, I have a question');
      const id = await conversationOf(CUSTOMER);
      await t.request('POST', `/api/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: agent.id } });

      await customerSays('Where is my order?');
      await lineSaying(id, ActivityType.AutomationHeld, 'Andriy Agent');
      expect(await conversation(id)).toMatchObject({ status: ConversationStatus.Open, waitingSince: expect.any(Date) });
    });

    it('writes no line for a message no rule was relevant to', async () => {
      await t.request('POST', '/api/automation/rules', {
        token: admin.token,
        body: { name: 'Other channel', channelId: (await t.app.get(ChannelsService).create({ teamId, name: 'Other', provider: Provider.Generic, sender: '+14155550199', senderType: SenderType.TollFree, ratePerSecond: 50, country: 'UA', secrets: { signatureSecret: SECRET, baseUrl: aggregator.url }, confirmations: { optOut: null, optIn: null, help: false } })).id, trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'faq_match', minConfidence: 0.6 }], actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }] },
      });
      await customerSays('I want to talk to a person about my order');
      const id = await conversationOf(CUSTOMER);
      expect(await eventually(() => runsOf(id), (runs) => runs.length === 1)).toHaveLength(1);
      expect(await activity(id)).toEqual([]);
    });

    it('says once, not after every message, that no FAQ matched, and says nothing of it in a conversation a person has', async () => {
      await faqRule();
      await customerSays('Can I pay by card?');
      const id = await conversationOf(CUSTOMER);
      await lineSaying(id, ActivityType.AutomationHeld, 'no_faq_match');
      await customerSays('And by bank transfer?');
      expect(await eventually(() => runsOf(id), (runs) => runs.length === 2)).toHaveLength(2);
      expect((await activity(id)).filter((line) => line.type === ActivityType.AutomationHeld)).toHaveLength(1);

      await customerSays('Can I pay by card too?', '+380509999999');
      const taken = await conversationOf('+380509999999');
      await lineSaying(taken, ActivityType.AutomationHeld, 'no_faq_match');
      await t.request('POST', `/api/conversations/${taken}/assign`, { token: agent.token, body: { assigneeId: agent.id } });
      await customerSays('Do you take vouchers?', '+380509999999');
      expect(await eventually(() => runsOf(taken), (runs) => runs.length === 2)).toHaveLength(2);
      expect((await activity(taken)).filter((line) => line.type === ActivityType.AutomationHeld)).toHaveLength(1);
    });

    it('says in the thread why it held back when the customer asked for a person', async () => {
      await faqRule();
      await customerSays('Where is my order? I want to talk to a person');
      const id = await conversationOf(CUSTOMER);
      const held = await lineSaying(id, ActivityType.AutomationHeld, 'asked_for_person');
      expect(held.data).toEqual({ hold: { kind: 'asked_for_person' } });
      expect(await conversation(id)).toMatchObject({ status: ConversationStatus.Open });
    });

    it('writes no line for a STOP, and says an opted-out customer’s next question gets no automatic reply because of it', async () => {
      await faqRule();
      await customerSays('STOP');
      const id = await conversationOf(CUSTOMER);
      expect(await eventually(() => runsOf(id), (runs) => runs.length === 1)).toHaveLength(1);
      expect((await activity(id)).filter((line) => line.type === ActivityType.AutomationHeld)).toEqual([]);

      await customerSays('Can I pay by card?');
      await lineSaying(id, ActivityType.AutomationHeld, 'opted_out');
    });

    it('says a person takes over when the customer answers an auto-reply, rather than that no FAQ matched', async () => {
      await faqRule();
      await customerSays('Where is my order?');
      const [reply] = await eventually(autoReplies, (messages) => messages.length === 1);
      await customerSays('Thanks, and can I pay by card?');
      await lineSaying(reply.conversationId, ActivityType.AutomationHeld, 'answered_auto_reply');
    });

    it('does not send a text an agent already sent this customer within the window, and says so', async () => {
      await faqRule();
      await customerSays('Hello, I have a question');
      const id = await conversationOf(CUSTOMER);
      expect((await t.request('POST', `/api/conversations/${id}/messages`, { token: agent.token, body: { body: `  ${ORDER_ANSWER.toUpperCase()} ` } })).status).toBe(201);
      // Whoever replied, nobody has the conversation now: only the repeated text stands in the way.
      await t.request('POST', `/api/conversations/${id}/assign`, { token: admin.token, body: { assigneeId: null } });

      await customerSays('Where is my order?');
      await lineSaying(id, ActivityType.AutomationHeld, 'same_text');
      expect(await autoReplies()).toHaveLength(0);
    });
  });

  describe('the reply is checked again right before it is sent', () => {
    beforeEach(async () => {
      await outboundQueue().pause(true);
    });

    it('cancels the auto-reply when an agent took the conversation after the customer wrote: nothing is sent, the conversation stays open, and the thread says why', async () => {
      await faqRule();
      await customerSays('Where is my order?');
      const reply = await queuedAutoReply();
      expect((await t.request('POST', `/api/conversations/${reply.conversationId}/assign`, { token: agent.token, body: { assigneeId: agent.id } })).status).toBe(200);

      await outboundQueue().resume(true);
      expect(await finalStatusOf(reply.id)).toBe(MessageStatus.Cancelled);
      const cancelled = await lineSaying(reply.conversationId, ActivityType.AutoReplyCancelled, 'Andriy Agent');
      // The rule had set the conversation pending along with its reply; the line says that is undone too.
      expect(cancelled.data).toEqual({ hold: { kind: 'took', name: 'Andriy Agent' }, messageId: reply.id, restoredStatus: ConversationStatus.Open });
      expect(aggregator.sends).toHaveLength(0);
      expect(await conversation(reply.conversationId)).toMatchObject({ status: ConversationStatus.Open, assigneeId: agent.id, waitingSince: expect.any(Date) });
    });

    it('cancels the auto-reply when an agent answered first', async () => {
      await faqRule();
      await customerSays('Where is my order?');
      const reply = await queuedAutoReply();
      await t.request('POST', `/api/conversations/${reply.conversationId}/notes`, { token: agent.token, body: { body: 'Checking with the courier' } });

      await outboundQueue().resume(true);
      expect(await finalStatusOf(reply.id)).toBe(MessageStatus.Cancelled);
      await lineSaying(reply.conversationId, ActivityType.AutoReplyCancelled, 'Andriy Agent');
      expect(aggregator.sends).toHaveLength(0);
      expect(await conversation(reply.conversationId)).toMatchObject({ status: ConversationStatus.Open });
    });

    it('cancels the auto-reply while an agent is typing in the conversation', async () => {
      await faqRule();
      await customerSays('Where is my order?');
      const reply = await queuedAutoReply();
      const socket = io(`${await t.listeningUrl()}${REALTIME_NAMESPACE}`, { auth: { token: agent.token }, transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
        socket.emit('typing', { conversationId: reply.conversationId, typing: true });
        await eventually(() => t.redis.keys('*typing*'), (keys) => keys.length > 0);

        await outboundQueue().resume(true);
        expect(await finalStatusOf(reply.id)).toBe(MessageStatus.Cancelled);
        const cancelled = await lineSaying(reply.conversationId, ActivityType.AutoReplyCancelled, 'Andriy Agent');
        expect(cancelled.data).toEqual({ hold: { kind: 'typing', name: 'Andriy Agent' }, messageId: reply.id, restoredStatus: ConversationStatus.Open });
        expect(aggregator.sends).toHaveLength(0);
      } finally {
        socket.disconnect();
      }
    });

    it('still sends the auto-reply when nobody took the conversation meanwhile', async () => {
      await faqRule();
      await customerSays('Where is my order?');
      const reply = await queuedAutoReply();
      await outboundQueue().resume(true);
      expect(await finalStatusOf(reply.id)).toBe(MessageStatus.Sent);
      expect(await conversation(reply.conversationId)).toMatchObject({ status: ConversationStatus.Pending });
    });
  });
});
