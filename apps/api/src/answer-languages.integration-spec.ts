import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  type ActivityView,
  ActivityType,
  type CannedAnswerView,
  type ChannelView,
  type ClientToServerEvents,
  type ContactView,
  type ConversationView,
  type Page,
  Provider,
  REALTIME_NAMESPACE,
  type RealtimeEvent,
  type RenderedCannedAnswer,
  type ResumeResult,
  Role,
  RuleTrigger,
  SenderType,
  type ServerToClientEvents,
} from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { io, type Socket } from 'socket.io-client';
import { ApiModule } from './api.module';

const SECRET = 'answer-languages-secret';
const PASSWORD = 'correct horse battery staple';

/** The FAQ's examples are one list whatever the language; its answer has a text per language. */
const ORDER_STATUS_EXAMPLES = [
  'Де моє замовлення?',
  'Коли прийде моє замовлення',
  'Де моя посилка',
  'Статус замовлення',
  'Where is my order?',
  'When will my parcel arrive',
  'Track my order',
  'Order status please',
  'Где мой заказ?',
  'Когда придет мой заказ',
];

const OTHER_FAQS = [
  {
    title: 'Change delivery address',
    shortcode: 'address',
    body: 'Reply with the new address and we will update it before dispatch.',
    examples: ['Can I change my delivery address?', 'Змінити адресу доставки', 'I moved, update my address', 'Wrong address on my order', 'Як змінити адресу?', 'Нова адреса доставки', 'Update shipping address'],
  },
  {
    title: 'Opening hours',
    shortcode: 'hours',
    body: 'We are open Monday to Friday, 9:00–18:00.',
    examples: ['What are your opening hours?', 'Коли ви працюєте?', 'Are you open on Saturday?', 'Години роботи', 'When do you close today?', 'Opening times', 'Графік роботи'],
  },
];

const ENGLISH_ANSWER = 'Your order is on its way: {{channel.name}} texted you the tracking number.';
const UKRAINIAN_ANSWER = 'Ваше замовлення в дорозі: {{channel.name}} надіслав вам номер для відстеження.';

/**
 * The first customer message builds the team's FAQ index (the sentence encoder embeds every example), which on a CI
 * machine running other suites alongside takes most of jest's 30 s; each reply is then awaited for up to 30 s.
 */
const AUTO_REPLY_TEST_TIMEOUT_MS = 120_000;

describe('answers in the customer’s language', () => {
  let t: TestApp;
  let teamId: string;
  let admin: string;
  let agent: string;
  let channel: ChannelView;
  let faq: CannedAnswerView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
  });
  beforeEach(async () => {
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const users = t.app.get(UsersService);
    admin = await t.app.get(AccessTokenService).issue((await users.create({ email: 'admin@example.com', name: 'Ada Admin', role: Role.Admin, password: PASSWORD, teamIds: [teamId] })).id);
    agent = await t.app.get(AccessTokenService).issue((await users.create({ email: 'agent@example.com', name: 'Andriy Agent', role: Role.Agent, password: PASSWORD, teamIds: [teamId] })).id);
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

  const createAnswer = (body: Record<string, unknown>, token = admin) => t.request<CannedAnswerView & { message?: string }>('POST', '/api/canned-answers', { token, body });
  const updateAnswer = (id: string, body: Record<string, unknown>) => t.request<CannedAnswerView & { message?: string }>('PATCH', `/api/canned-answers/${id}`, { token: admin, body });
  const customerSays = (from: string, text: string) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
  const conversationOf = (phone: string) =>
    eventually(
      async () => (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token: admin })).body.items.find((found) => found.contact.phone === phone),
      (found) => found !== undefined,
    ).then((found) => found!);
  const autoReplyTo = (phone: string) =>
    eventually(
      () =>
        t.dataSource.query<Array<{ body: string; metadata: Record<string, string> }>>(
          `SELECT m.body, m.metadata FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN contact ct ON ct.id = c.contact_id
           WHERE ct.phone = $1 AND m.kind = 'auto_reply'`,
          [phone],
        ),
      (rows) => rows.length > 0,
      // FAQ matching builds the library's index on the first message: slow on a busy machine.
      30_000,
    ).then(([row]) => row);
  const activityOf = async (conversationId: string) => (await t.request<ActivityView[]>('GET', `/api/conversations/${conversationId}/activity`, { token: agent })).body;

  async function orderStatusFaqAnswering() {
    faq = (await createAnswer({ title: 'Order status', shortcode: 'order', body: ENGLISH_ANSWER, defaultLanguage: 'en', variants: [{ language: 'uk', body: UKRAINIAN_ANSWER }], examples: ORDER_STATUS_EXAMPLES, autoReply: true })).body;
    for (const other of OTHER_FAQS) await createAnswer({ ...other, autoReply: true });
    const rule = await t.request('POST', '/api/automation/rules', {
      token: admin,
      body: { name: 'Order status FAQ', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'faq_match', minConfidence: 0.7 }], actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }] },
    });
    expect(rule.status).toBe(201);
  }

  /** A console's socket, resumed from the current end of the log, collecting what the server sends. */
  async function liveConsole(token: string): Promise<{ events: RealtimeEvent[]; close: () => void }> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${await t.listeningUrl()}${REALTIME_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const events: RealtimeEvent[] = [];
    socket.on('domain.events', (received) => events.push(...received));
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
    const [row]: Array<{ seq: string }> = await t.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    const resumed = await new Promise<ResumeResult>((resolve, reject) =>
      socket.timeout(10_000).emit('resume', { afterSeq: Number(row.seq) }, (error: Error | null, result: ResumeResult) => (error ? reject(error) : resolve(result))),
    );
    expect(resumed.status).toBe('ok');
    return { events, close: () => socket.close() };
  }

  it('auto-replies in Ukrainian to a Ukrainian question, in English to an English one, and in the default language to a Russian one, saying so in the thread', async () => {
    await orderStatusFaqAnswering();
    const live = await liveConsole(agent);
    try {
      await customerSays('+380501111111', 'Де моє замовлення?');
      await customerSays('+380502222222', 'Where is my order?');
      await customerSays('+380503333333', 'Где мой заказ?');

      const ukrainian = await autoReplyTo('+380501111111');
      expect(ukrainian.body).toBe('Ваше замовлення в дорозі: Orders line надіслав вам номер для відстеження.');
      expect(ukrainian.metadata).toMatchObject({ faqId: faq.id, language: 'uk' });
      expect(ukrainian.metadata['languageFallbackFrom']).toBeUndefined();

      const english = await autoReplyTo('+380502222222');
      expect(english.body).toBe('Your order is on its way: Orders line texted you the tracking number.');
      expect(english.metadata).toMatchObject({ language: 'en' });
      expect(english.metadata['languageFallbackFrom']).toBeUndefined();

      const russian = await autoReplyTo('+380503333333');
      expect(russian.body).toBe('Your order is on its way: Orders line texted you the tracking number.');
      expect(russian.metadata).toMatchObject({ language: 'en', languageFallbackFrom: 'ru' });

      const russianConversation = await conversationOf('+380503333333');
      const lines = await activityOf(russianConversation.id);
      expect(lines.map((line) => [line.type, line.actor.kind, line.data])).toEqual([
        [
          ActivityType.AnswerLanguageFallback,
          'automation',
          {
            wantedLanguage: 'ru',
            usedLanguage: 'en',
            wantedFrom: 'conversation',
            cannedAnswerId: faq.id,
            answerTitle: 'Order status',
            messageId: expect.any(String),
            ruleName: 'Order status FAQ',
            reason: 'answered in English: no Russian version',
          },
        ],
      ]);
      for (const phone of ['+380501111111', '+380502222222']) expect((await activityOf((await conversationOf(phone)).id)).map((line) => line.type)).not.toContain(ActivityType.AnswerLanguageFallback);

      const pushed = await eventually(
        async () => live.events.filter((event): event is RealtimeEvent<'conversation.activity'> => event.type === 'conversation.activity'),
        (found) => found.length > 0,
        30_000,
      );
      expect(pushed.map((event) => [event.conversationId, event.payload.activity.type])).toEqual([[russianConversation.id, ActivityType.AnswerLanguageFallback]]);
    } finally {
      live.close();
    }
  }, AUTO_REPLY_TEST_TIMEOUT_MS);

  it('answers in the language set on the contact over the one detected, with no fallback line, and tells the composer so', async () => {
    await orderStatusFaqAnswering();
    await customerSays('+380504444444', 'Добрий день');
    const conversation = await conversationOf('+380504444444');

    expect((await t.request('PATCH', `/api/contacts/${conversation.contact.id}`, { token: agent, body: { language: 'de' } })).status).toBe(400);
    const set = await t.request<ContactView>('PATCH', `/api/contacts/${conversation.contact.id}`, { token: agent, body: { language: 'en' } });
    expect(set.status).toBe(200);
    expect(set.body.language).toBe('en');

    await customerSays('+380504444444', 'Де моє замовлення?');
    const reply = await autoReplyTo('+380504444444');
    expect(reply.body).toBe('Your order is on its way: Orders line texted you the tracking number.');
    expect(reply.metadata).toMatchObject({ language: 'en' });
    expect((await activityOf(conversation.id)).map((line) => line.type)).not.toContain(ActivityType.AnswerLanguageFallback);

    const listed = (await t.request<CannedAnswerView[]>('GET', `/api/canned-answers?conversationId=${conversation.id}&q=order`, { token: agent })).body;
    expect(listed.map((answer) => [answer.shortcode, answer.languages, answer.choice])).toEqual([['order', ['en', 'uk'], { chosenLanguage: 'en', wantedLanguage: 'en', wantedFrom: 'contact', fallback: false }]]);

    // Cleared, the customer's own Ukrainian decides again.
    expect((await t.request<ContactView>('PATCH', `/api/contacts/${conversation.contact.id}`, { token: agent, body: { language: null } })).body.language).toBeNull();
    const detected = (await t.request<CannedAnswerView[]>('GET', `/api/canned-answers?conversationId=${conversation.id}&q=order`, { token: agent })).body;
    expect(detected[0].choice).toEqual({ chosenLanguage: 'uk', wantedLanguage: 'uk', wantedFrom: 'conversation', fallback: false });
  }, AUTO_REPLY_TEST_TIMEOUT_MS);

  it('renders the variant that fits the conversation with its contact variables, and says when it fell back', async () => {
    const greeting = await createAnswer({
      title: 'Greeting',
      shortcode: 'hello',
      body: 'Hi {{contact.first_name}}, {{agent.first_name}} here.',
      variants: [{ language: 'uk', body: 'Вітаю, {{contact.first_name}}! На зв’язку {{agent.first_name}}.' }],
    });
    expect(greeting.status).toBe(201);
    expect(greeting.body).toMatchObject({ defaultLanguage: 'en', language: 'en', languages: ['en', 'uk'] });

    await customerSays('+380505555555', 'Привіт, де моя посилка?');
    const ukrainian = await conversationOf('+380505555555');
    await t.request('PATCH', `/api/contacts/${ukrainian.contact.id}`, { token: agent, body: { name: 'Olena Kovalenko' } });
    const rendered = await t.request<RenderedCannedAnswer>('GET', `/api/canned-answers/${greeting.body.id}/render?conversationId=${ukrainian.id}`, { token: agent });
    expect(rendered.body).toEqual({ body: 'Вітаю, Olena! На зв’язку Andriy.', missing: [], choice: { chosenLanguage: 'uk', wantedLanguage: 'uk', wantedFrom: 'conversation', fallback: false } });

    await customerSays('+380506666666', 'Здравствуйте, где посылка?');
    const russian = await conversationOf('+380506666666');
    const fallback = await t.request<RenderedCannedAnswer>('GET', `/api/canned-answers/${greeting.body.id}/render?conversationId=${russian.id}`, { token: agent });
    expect(fallback.body).toEqual({ body: 'Hi, Andriy here.', missing: ['contact.first_name'], choice: { chosenLanguage: 'en', wantedLanguage: 'ru', wantedFrom: 'conversation', fallback: true } });
  });

  it('creates, replaces and swaps an answer’s variants, and refuses bad ones without changing anything', async () => {
    const created = await createAnswer({ title: 'Refund', shortcode: 'refund', body: 'Your refund is on its way.', language: 'en', variants: [{ language: 'uk', body: 'Гроші вже повертаються.' }, { language: 'ru', body: 'Деньги уже возвращаются.' }] });
    expect(created.status).toBe(201);
    expect(created.body.variants).toEqual([
      { language: 'en', body: 'Your refund is on its way.' },
      { language: 'uk', body: 'Гроші вже повертаються.' },
      { language: 'ru', body: 'Деньги уже возвращаются.' },
    ]);
    const id = created.body.id;
    const stored = async () => (await t.request<CannedAnswerView[]>('GET', '/api/canned-answers', { token: admin })).body.find((answer) => answer.id === id)!;
    const before = await stored();

    const refused = [
      await createAnswer({ title: 'German', shortcode: 'german', body: 'Hallo', variants: [{ language: 'de', body: 'Hallo' }] }),
      await createAnswer({ title: 'French', shortcode: 'french', body: 'Bonjour', language: 'fr' }),
      await createAnswer({ title: 'Twice', shortcode: 'twice', body: 'Hi', variants: [{ language: 'uk', body: 'Привіт' }, { language: 'uk', body: 'Вітаю' }] }),
      await createAnswer({ title: 'Blank', shortcode: 'blank', body: 'Hi', variants: [{ language: 'uk', body: '   ' }] }),
      await createAnswer({ title: 'Typo', shortcode: 'typo', body: 'Hi', variants: [{ language: 'uk', body: 'Привіт, {{contact.frist_name}}' }] }),
      await updateAnswer(id, { variants: [{ language: 'pl', body: 'Cześć' }] }),
      await updateAnswer(id, { defaultLanguage: 'fr' }),
      await updateAnswer(id, { variants: [{ language: 'uk', body: 'a' }, { language: 'uk', body: 'b' }] }),
      await updateAnswer(id, { title: 'Renamed', variants: [{ language: 'uk', body: 'a' }, { language: 'ru', body: '' }] }),
      await updateAnswer(id, { variants: 'uk' }),
    ];
    expect(refused.map((response) => response.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect((await t.request<CannedAnswerView[]>('GET', '/api/canned-answers', { token: admin })).body.map((answer) => answer.shortcode)).toEqual(['refund']);
    expect(await stored()).toEqual(before);

    const replaced = await updateAnswer(id, { variants: [{ language: 'uk', body: 'Кошти повернемо за 3 дні.' }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.variants).toEqual([
      { language: 'en', body: 'Your refund is on its way.' },
      { language: 'uk', body: 'Кошти повернемо за 3 дні.' },
    ]);

    const noRussian = await updateAnswer(id, { title: 'Renamed', defaultLanguage: 'ru' });
    expect(noRussian.status).toBe(400);
    expect(noRussian.body.message).toContain('no Russian text');
    expect((await stored()).title).toBe('Refund');

    const swapped = await updateAnswer(id, { defaultLanguage: 'uk' });
    expect(swapped.body).toMatchObject({ defaultLanguage: 'uk', language: 'uk', body: 'Кошти повернемо за 3 дні.', languages: ['en', 'uk'] });
    expect(swapped.body.variants).toEqual(replaced.body.variants);

    // The older single-language field still works: null is the workspace default, English.
    const older = await updateAnswer(id, { language: null, body: 'Refund on its way.' });
    expect(older.body).toMatchObject({ defaultLanguage: 'en', body: 'Refund on its way.' });
    expect(older.body.variants).toEqual([
      { language: 'en', body: 'Refund on its way.' },
      { language: 'uk', body: 'Кошти повернемо за 3 дні.' },
    ]);

    expect((await t.request<CannedAnswerView[]>('GET', '/api/canned-answers?q=повернемо', { token: agent })).body.map((answer) => answer.shortcode)).toEqual(['refund']);
    expect((await createAnswer({ title: 'Agents may not', shortcode: 'nope', body: 'x', variants: [{ language: 'uk', body: 'х' }] }, agent)).status).toBe(403);
  });
});
