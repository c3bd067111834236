import { AccessTokenService, AuthModule, TeamsService, UsersService } from '@backtalk/auth';
import { AutomationService } from '@backtalk/automation';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import {
  type AutomationTestResult,
  type CannedAnswerView,
  type ChannelView,
  ConversationStatus,
  type FaqExampleSuggestion,
  MessageDirection,
  MessageKind,
  type ReplayReport,
  Provider,
  Role,
  type RuleView,
  RuleTrigger,
  SenderType,
} from '@backtalk/contracts';
import { ConversationEntity, ConversationsModule, MessageEntity } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { PlatformModule } from '@backtalk/platform';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const CUSTOMER = '+380501234567';

const ORDER_STATUS_EXAMPLES = [
  'Де моє замовлення?',
  'Коли прийде моє замовлення',
  'Де моя посилка',
  'Статус замовлення',
  'Моє замовлення ще не прийшло',
  'Where is my order?',
  'When will my parcel arrive',
  'Track my order',
  'My order has not arrived yet',
  'Order status please',
];

/** Other questions of the same library: a real FAQ library has several, and confidence is calibrated against them. */
const OTHER_FAQS = [
  {
    title: 'Change delivery address',
    shortcode: 'address',
    body: 'Reply with the new address and we will update it before dispatch.',
    examples: ['Can I change my delivery address?', 'Змінити адресу доставки', 'I moved, update my address', 'Wrong address on my order', 'Як змінити адресу?', 'Deliver to another address please', 'Нова адреса доставки', 'Update shipping address', 'Address change for my parcel', 'Можна доставити на іншу адресу?'],
  },
  {
    title: 'Opening hours',
    shortcode: 'hours',
    body: 'We are open Monday to Friday, 9:00–18:00.',
    examples: ['What are your opening hours?', 'Коли ви працюєте?', 'Are you open on Saturday?', 'Години роботи', 'When do you close today?', 'Чи працюєте ви у неділю?', 'Opening times', 'What time do you open', 'Графік роботи', 'Are you open now?'],
  },
];

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule] })
class StoreOnlyModule {}

describe('automation: FAQ auto-replies and rules', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  let teamId: string;
  let admin: { id: string; token: string };
  let channel: ChannelView;
  let faq: CannedAnswerView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
  });
  beforeEach(async () => {
    await t.reset();
    aggregator = await FakeAggregator.start();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const user = await t.app.get(UsersService).create({ email: 'admin@example.com', name: 'Ada Admin', role: Role.Admin, password: PASSWORD, teamIds: [teamId] });
    admin = { id: user.id, token: await t.app.get(AccessTokenService).issue(user.id) };
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
    faq = (
      await t.request<CannedAnswerView>('POST', '/api/canned-answers', {
        token: admin.token,
        body: { title: 'Order status', shortcode: 'order', body: 'Ваше замовлення в дорозі: номер для відстеження надіслано в SMS. {{channel.name}}', examples: ORDER_STATUS_EXAMPLES, autoReply: true },
      })
    ).body;
    for (const other of OTHER_FAQS) await t.request('POST', '/api/canned-answers', { token: admin.token, body: { ...other, autoReply: true } });
  });
  afterEach(() => aggregator.close());
  afterAll(() => t.close());

  const customerSays = (text: string, from = CUSTOMER) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
  const createRule = (body: Record<string, unknown>) => t.request<RuleView & { message?: string }>('POST', '/api/automation/rules', { token: admin.token, body });
  const faqRule = (minConfidence = 0.7) =>
    createRule({
      name: 'Order status FAQ',
      trigger: RuleTrigger.InboundMessage,
      conditions: [{ type: 'faq_match', minConfidence }],
      actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }, { type: 'set_status', status: 'pending' }],
    });
  const autoReplies = () => t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound, kind: MessageKind.AutoReply }, order: { createdAt: 'ASC' } });
  /** The conversation, with the names of its labels in the order they were put on. */
  const conversation = async () => {
    const [found] = await t.dataSource.getRepository(ConversationEntity).find();
    const labels = await t.dataSource.query<Array<{ name: string }>>(`SELECT l.name FROM conversation_label cl JOIN label l ON l.id = cl.label_id WHERE cl.conversation_id = $1 ORDER BY cl.added_at, l.name`, [found.id]);
    return { ...found, labels: labels.map((label) => label.name) };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
  /** Each customer message is run through the rules once, recorded with what happened. */
  const runs = (atLeast = 1) => eventually(() => t.dataSource.query<Array<{ rule_id: string | null; outcome: { notes?: string[] } }>>(`SELECT rule_id, outcome FROM automation_run ORDER BY id`), (rows) => rows.length >= atLeast);

  // The first customer message builds the team's FAQ index (the sentence encoder embeds every example), which on a
  // machine running other suites alongside takes most of jest's 30 s: the reply is awaited for up to 60 s.
  it('answers a paraphrase of an FAQ once, through the outbound queue, marks the reply and leaves the conversation pending', async () => {
    expect((await faqRule()).status).toBe(201);
    expect((await customerSays('де моє замовленя? вже тиждень чекаю')).status).toBe(200);

    const [reply] = await eventually(autoReplies, (messages) => messages.length > 0, 60_000);
    await eventually(() => aggregator.sends.length, (count) => count === 1, 30_000);
    await settle();
    expect(await autoReplies()).toHaveLength(1);
    expect(aggregator.sends).toHaveLength(1);
    expect(aggregator.sends[0].body).toMatchObject({ to: CUSTOMER, text: 'Ваше замовлення в дорозі: номер для відстеження надіслано в SMS. Orders line' });
    expect(reply.metadata).toMatchObject({ automation: 'rule', ruleName: 'Order status FAQ', faqId: faq.id, confidence: expect.stringMatching(/^0\.\d{3}$|^1\.000$/) });
    expect(await conversation()).toMatchObject({ status: ConversationStatus.Pending });
  }, 120_000);

  it('leaves a message below the confidence threshold to the team queue, untouched', async () => {
    await faqRule();
    await customerSays('Can I pay my invoice with a credit card from another country?');
    await settle();
    expect(await autoReplies()).toHaveLength(0);
    expect(await conversation()).toMatchObject({ status: ConversationStatus.Open, assigneeId: null, priority: 'normal' });
    const [run] = await runs();
    expect(run.rule_id).toBeNull();
  });

  it('never answers a customer who opted out', async () => {
    await faqRule();
    await customerSays('STOP');
    await customerSays('Where is my order?');
    await settle();
    expect(await autoReplies()).toHaveLength(0);
    expect(aggregator.sends).toHaveLength(0);
  });

  it('stops two auto-responders from texting each other: one auto-reply, then people take over', async () => {
    await faqRule();
    await customerSays('Where is my order?');
    await eventually(autoReplies, (messages) => messages.length === 1);
    // The customer's phone answers every text automatically, with the same words each time.
    for (let round = 0; round < 4; round++) await customerSays('Auto-reply: I am driving right now and will get back to you. Where is my order?');
    await settle();
    expect(await autoReplies()).toHaveLength(1);
    expect(await conversation()).toMatchObject({ status: ConversationStatus.Open });
    // The reply window alone would also hold back a second answer; the loop protection must name the machine itself.
    // Each of the five messages has its run once the rules are through with it, which under load is after the settle.
    const notes = (await runs(5)).map((run) => run.outcome.notes?.join(' ') ?? '');
    expect(notes.filter((note) => note.includes('looks_automatic'))).toHaveLength(4);
    expect(notes.filter((note) => note.includes('answered_auto_reply'))).not.toHaveLength(0);
    expect(notes.filter((note) => note.includes('repeated_text'))).toHaveLength(3);
  });

  it('hands the conversation to a person when the customer asks for one, even on an FAQ question', async () => {
    await faqRule();
    await customerSays('Where is my order? I want to talk to a human');
    const [run] = await runs();
    expect(run.outcome.notes?.join(' ')).toContain('asked_for_person');
    expect(await autoReplies()).toHaveLength(0);
    expect(await conversation()).toMatchObject({ status: ConversationStatus.Open });
  });

  it('runs keyword rules that route: an urgent word raises the priority and labels the conversation, and the next rule still runs when told to continue', async () => {
    await createRule({ name: 'Urgent', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'keywords', any: ['urgent', 'терміново'] }], actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_tag', tag: 'urgent' }], continueAfter: true });
    await faqRule();
    await customerSays('ТЕРМІНОВО! Де моє замовлення?');
    await eventually(autoReplies, (messages) => messages.length === 1);
    expect(await conversation()).toMatchObject({ priority: 'urgent', labels: ['urgent'], status: ConversationStatus.Pending });
  });

  it('refuses a rule it could not run, with the reason, and stores nothing', async () => {
    const refused = await createRule({ name: 'Broken', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'regex', pattern: '(' }], actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('does not compile');
    expect(refused.body.message).toContain('FAQ match');
    expect((await t.request<RuleView[]>('GET', '/api/automation/rules', { token: admin.token })).body).toEqual([]);
  });

  it('accepts a nested-repetition pattern and decides a 1,600-character adversarial message at once, in the test bench and on a real webhook, while /health answers', async () => {
    const created = await createRule({ name: 'Only a', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'regex', pattern: '^(a+)+$' }], actions: [{ type: 'add_tag', tag: 'only-a' }] });
    expect(created.status).toBe(201);
    // A backtracking engine tries every way of splitting the a's before giving up on the '!': 2^1599 of them.
    const adversarial = `${'a'.repeat(1599)}!`;
    const bench = (text: string) => t.request<AutomationTestResult>('POST', '/api/automation/test', { token: admin.token, body: { text, channelId: channel.id } });

    const [refusal, health] = await Promise.all([bench(adversarial), t.request('GET', '/health')]);
    expect(refusal.status).toBe(200);
    expect(refusal.body.fired).toEqual([]);
    expect(health.status).toBe(200);
    expect((await bench('a'.repeat(1600))).body.fired).toEqual([expect.objectContaining({ ruleId: created.body.id })]);

    const [delivered, healthDuringRules] = await Promise.all([customerSays(adversarial), t.request('GET', '/health')]);
    expect(delivered.status).toBe(200);
    expect(healthDuringRules.status).toBe(200);
    const [run] = await runs();
    expect(run.rule_id).toBeNull();
    expect(await conversation()).toMatchObject({ labels: [] });
  });

  it('refuses a backreference with a sentence saying why, and stores nothing', async () => {
    const refused = await createRule({ name: 'Repeated word', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'regex', pattern: '\\b(\\w+) \\1\\b' }], actions: [{ type: 'add_tag', tag: 'repeated' }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('regex pattern uses a backreference (\\1), which patterns cannot have: they are matched in linear time'),
      details: [{ field: 'conditions[0]', messages: [expect.stringContaining('backreference')] }],
    });
    expect((await t.request<RuleView[]>('GET', '/api/automation/rules', { token: admin.token })).body).toEqual([]);
  });

  it('passes over a rule stored before patterns ran in linear time whose pattern no longer compiles, and runs the next rule', async () => {
    await t.dataSource.query(`INSERT INTO automation_rule (name, position, trigger, conditions, actions) VALUES ('Legacy repeated word', 0, 'inbound_message', $1, $2)`, [
      JSON.stringify([{ type: 'regex', pattern: '\\b(\\w+) \\1\\b' }]),
      JSON.stringify([{ type: 'add_tag', tag: 'repeated' }]),
    ]);
    const next = await createRule({ name: 'Hello', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'keywords', any: ['hello'] }], actions: [{ type: 'add_tag', tag: 'greeting' }] });

    expect((await customerSays('hello hello')).status).toBe(200);
    const [run] = await runs();
    expect(run.rule_id).toBe(next.body.id);
    expect(await conversation()).toMatchObject({ labels: ['greeting'] });
  });

  it('shows in the test bench which FAQ and rule would answer, and in the replay how many recent messages would have been answered', async () => {
    await customerSays('Where is my order?');
    await customerSays('Do you sell gift cards?', '+380509999999');
    const rule = (await faqRule()).body;
    const bench = await t.request<AutomationTestResult>('POST', '/api/automation/test', { token: admin.token, body: { text: 'when does my parcel arrive', channelId: channel.id } });
    expect(bench.status).toBe(200);
    expect(bench.body.faqs[0]).toMatchObject({ faqId: faq.id, title: 'Order status', score: expect.any(Number) });
    expect(bench.body.fired).toEqual([expect.objectContaining({ ruleId: rule.id })]);
    expect(bench.body.reply).toMatchObject({ cannedAnswerId: faq.id, body: expect.stringContaining('Ваше замовлення в дорозі') });

    const replay = await t.request<ReplayReport>('GET', '/api/automation/replay?limit=50', { token: admin.token });
    expect(replay.body).toMatchObject({ messages: 2, autoAnswered: 1, byFaq: [{ faqId: faq.id, title: 'Order status', count: 1 }] });
    expect(await autoReplies()).toHaveLength(0);
  });

  it('suggests a question an agent answered with an FAQ’s answer as a new example, and adds it with one call', async () => {
    await customerSays('My package is late, any news?');
    const open = await conversation();
    await t.request('POST', `/api/conversations/${open.id}/messages`, { token: admin.token, body: { body: 'It is on its way.', cannedAnswerId: faq.id } });
    const suggestions = await t.request<FaqExampleSuggestion[]>('GET', `/api/canned-answers/${faq.id}/suggestions`, { token: admin.token });
    expect(suggestions.body).toEqual([expect.objectContaining({ text: 'My package is late, any news?', conversationId: open.id })]);
    const learned = await t.request<CannedAnswerView>('POST', `/api/canned-answers/${faq.id}/examples`, { token: admin.token, body: { text: 'My package is late, any news?' } });
    expect(learned.body.examples).toContain('My package is late, any news?');
    expect((await t.request<FaqExampleSuggestion[]>('GET', `/api/canned-answers/${faq.id}/suggestions`, { token: admin.token })).body).toEqual([]);
  });

  it('answers, from the worker’s sweep, a message whose process stopped before running its rules; but never a message older than every rule', async () => {
    // A process that stores messages and runs no automation stands in for an API instance that died right after commit.
    const storeOnly = await TestApp.create(StoreOnlyModule, { PUBLIC_BASE_URL: 'https://backtalk.test' });
    try {
      const deliverTo = (app: TestApp, id: string, from: string) =>
        app.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id, from, to: channel.sender, text: 'Where is my order?' }, SECRET));
      expect((await deliverTo(storeOnly, 'before-rules', '+380501111111')).status).toBe(200);
      await faqRule();
      expect((await deliverTo(storeOnly, 'after-rules', '+380502222222')).status).toBe(200);
      const automation = t.app.get(AutomationService);
      expect(await automation.processUnprocessed()).toBe(0);

      // Once the grace period for the storing process is over, the sweep runs the rules, once.
      const later = new Date(Date.now() + 10_000);
      expect(await automation.processUnprocessed(later)).toBe(1);
      expect(await automation.processUnprocessed(later)).toBe(0);
      const replies = await eventually(autoReplies, (messages) => messages.length === 1);
      const answered = await t.dataSource.getRepository(ConversationEntity).findOneByOrFail({ id: replies[0].conversationId });
      expect(answered.status).toBe(ConversationStatus.Pending);
      await eventually(() => aggregator.sends.length, (count) => count === 1);
      expect(aggregator.sends[0].body).toMatchObject({ to: '+380502222222' });
    } finally {
      await storeOnly.close();
    }
  });

  it('applies a rule edited in one process to the next message handled by another, within a second and without a restart', async () => {
    const other = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    try {
      const rule = (await faqRule(0.99)).body;
      // The other process reads the rules once (nothing fires at 0.99 for this message), and keeps them cached.
      await other.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-other-1', from: '+380501111111', to: channel.sender, text: 'de moye zamovlennya' }, SECRET));
      await settle();
      expect(await autoReplies()).toHaveLength(0);

      await t.request('PATCH', `/api/automation/rules/${rule.id}`, { token: admin.token, body: { conditions: [{ type: 'keywords', any: ['zamovlennya'] }], actions: [{ type: 'reply', cannedAnswerId: faq.id }] } });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await other.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-other-2', from: '+380502222222', to: channel.sender, text: 'de moye zamovlennya?' }, SECRET));
      const replies = await eventually(autoReplies, (messages) => messages.length === 1);
      expect(replies[0].metadata).toMatchObject({ ruleId: rule.id });
    } finally {
      await other.close();
    }
  });
});
