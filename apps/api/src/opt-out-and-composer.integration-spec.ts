import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, ConversationStatus, ErrorCode, type ConversationView, type Page, Provider, type QueueView, Role, SenderType, type TakeNextResult, type TeamRoutingView, type UpdateTeamRoutingRequest, type UserPreferences, type UserView } from '@backtalk/contracts';
import { ConversationEntity } from '@backtalk/conversations';
import { RoutingProcessor } from '@backtalk/routing';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';

interface Person {
  id: string;
  token: string;
}

describe('opt-out and the composer: queues, SLA clocks, reply validation, preferences and search', () => {
  let t: TestApp;
  let teamId: string;
  let admin: Person;
  let channel: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    // The routing sweep is driven by hand, so each test decides when due times are computed.
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
  });
  beforeEach(async () => {
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    admin = await person('admin', [], Role.Admin);
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      ratePerSecond: 100,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: 'http://127.0.0.1:9' },
      confirmations: { optOut: null, optIn: null, help: false },
    });
  });
  afterAll(() => t.close());

  async function person(name: string, teamIds: string[], role = Role.Agent): Promise<Person> {
    const user = await t.app.get(UsersService).create({ email: `${name}@example.com`, name, role, password: PASSWORD, teamIds });
    return { id: user.id, token: await t.app.get(AccessTokenService).issue(user.id) };
  }
  const configure = (change: UpdateTeamRoutingRequest) => t.request<TeamRoutingView>('PATCH', `/api/teams/${teamId}/routing`, { token: admin.token, body: change });
  const customerSays = (from: string, text: string) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
  const conversationOf = (phone: string) =>
    t.dataSource.getRepository(ConversationEntity).createQueryBuilder('c').innerJoin('contact', 'ct', 'ct.id = c.contact_id').where('ct.phone = :phone', { phone }).getOneOrFail();
  const sweep = () => t.app.get(RoutingProcessor).sweep();
  const takeNext = async (agent: Person) => (await t.request<TakeNextResult>('POST', '/api/queues/take-next', { token: agent.token })).body.conversationId;
  const waitingInQueue = async () => (await t.request<QueueView>('GET', `/api/queues/${teamId}`, { token: admin.token })).body.waiting;

  describe('a customer who opts out', () => {
    const optingOut = '+380501110001';
    const other = '+380501110002';

    beforeEach(async () => {
      await configure({ sla: { firstResponseMinutes: 30, nextResponseMinutes: 60 } });
      await customerSays(optingOut, 'Where is my order?');
      await customerSays(other, 'Can I change the address?');
      await sweep();
      expect((await conversationOf(optingOut)).slaDueAt).not.toBeNull();
      await customerSays(optingOut, 'STOP');
    });

    it('stops waiting with the STOP itself: its SLA clock is cleared at once, it leaves the queue, and no breach is ever recorded', async () => {
      // No sweep between the STOP and this read: the clock stops in the STOP's own transaction.
      expect(await conversationOf(optingOut)).toMatchObject({ waitingSince: null, slaDueAt: null, slaKind: null, slaStartedAt: null });
      expect(await waitingInQueue()).toBe(1);

      const agent = await person('olena', [teamId]);
      expect(await takeNext(agent)).toBe((await conversationOf(other)).id);
      expect(await takeNext(agent)).toBeNull();

      await t.dataSource.query(`UPDATE conversation SET sla_due_at = now() - interval '1 minute' WHERE sla_due_at IS NOT NULL`);
      await sweep();
      expect(await t.dataSource.query(`SELECT conversation_id FROM sla_breach`)).toEqual([{ conversation_id: (await conversationOf(other)).id }]);
      expect((await conversationOf(optingOut)).slaDueAt).toBeNull();
    });

    it('re-enters the queue with a running clock when the customer opts back in with START', async () => {
      await customerSays(optingOut, 'START');
      await sweep();
      const back = await conversationOf(optingOut);
      expect(back.waitingSince).not.toBeNull();
      expect(back.slaDueAt).not.toBeNull();
      expect(await waitingInQueue()).toBe(2);
      const agent = await person('olena', [teamId]);
      // It has waited since START, after the other customer's question.
      expect(await takeNext(agent)).toBe((await conversationOf(other)).id);
      expect(await takeNext(agent)).toBe(back.id);
    });

    it('re-enters the queue when the customer writes anything again, even without opting back in', async () => {
      await customerSays(optingOut, 'Actually, one more thing about my order');
      await sweep();
      expect((await conversationOf(optingOut)).slaDueAt).not.toBeNull();
      expect(await waitingInQueue()).toBe(2);
    });
  });

  describe('validation messages agents read', () => {
    it('refuses a reply or a note that is empty or too long with a sentence an agent can act on, and sends nothing', async () => {
      const agent = await person('olena', [teamId]);
      await customerSays('+380501110021', 'Hello?');
      const { id } = await conversationOf('+380501110021');
      const reply = (body: string) => t.request<{ code: string; message: string; details?: unknown }>('POST', `/api/conversations/${id}/messages`, { token: agent.token, body: { body } });
      const note = (body: string) => t.request<{ code: string; message: string }>('POST', `/api/conversations/${id}/notes`, { token: agent.token, body: { body } });

      const tooLong = await reply('a'.repeat(1642));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        message: 'This message is too long: SMS replies can be at most 1,600 characters. Cut 42 characters to send it.',
        details: [{ field: 'body', messages: [expect.any(String)] }],
      });
      expect((await reply('')).body.message).toBe('Write a message before sending.');
      expect((await note('n'.repeat(4005))).body.message).toBe('This note is too long: notes can be at most 4,000 characters. Cut 5 characters to save it.');
      expect((await note('')).body.message).toBe('Write a note before saving it.');
      expect(await t.dataSource.query(`SELECT id FROM message WHERE direction <> 'inbound'`)).toEqual([]);
    });

    it('refuses to start a conversation without a number, or with an empty or too long first message, in sentences, and stores nothing', async () => {
      const agent = await person('olena', [teamId]);
      const start = (body: Record<string, unknown>) => t.request<{ code: string; message: string }>('POST', '/api/conversations', { token: agent.token, body: { channelId: channel.id, ...body } });

      expect((await start({ phone: '+380501110031', body: 'a'.repeat(1610) })).body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        message: 'This message is too long: SMS replies can be at most 1,600 characters. Cut 10 characters to send it.',
      });
      expect((await start({ phone: '+380501110031', body: '' })).body.message).toBe('Write a message before sending.');
      expect((await start({ phone: '', body: 'Hello' })).body.message).toBe('Enter the customer’s phone number.');
      expect(await t.dataSource.query(`SELECT id FROM message`)).toEqual([]);
      expect(await t.dataSource.query(`SELECT id FROM conversation`)).toEqual([]);
    });
  });

  describe('personal preferences', () => {
    it('keeps "after resolve, open the next conversation" per person, off until they switch it on', async () => {
      const olena = await person('olena', [teamId]);
      const petro = await person('petro', [teamId]);
      const preferences = (who: Person) => t.request<UserPreferences>('GET', '/api/me/preferences', { token: who.token });
      expect((await preferences(olena)).body).toEqual({ nextAfterResolve: false, locale: null });

      const saved = await t.request<UserPreferences>('PATCH', '/api/me/preferences', { token: olena.token, body: { nextAfterResolve: true } });
      expect(saved.body).toEqual({ nextAfterResolve: true, locale: null });
      expect((await preferences(olena)).body).toEqual({ nextAfterResolve: true, locale: null });
      expect((await preferences(petro)).body).toEqual({ nextAfterResolve: false, locale: null });

      const refused = await t.request<{ code: string }>('PATCH', '/api/me/preferences', { token: olena.token, body: { nextAfterResolve: 'yes' } });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(ErrorCode.ValidationFailed);
      expect((await preferences(olena)).body).toEqual({ nextAfterResolve: true, locale: null });
    });

    it('keeps the console language a person chose, shows it in their session, and refuses a language the console does not speak', async () => {
      const olena = await person('olena-language', [teamId]);
      const me = async () => (await t.request<UserView>('GET', '/api/me', { token: olena.token })).body;
      expect((await me()).locale).toBeNull();

      const saved = await t.request<UserPreferences>('PATCH', '/api/me/preferences', { token: olena.token, body: { locale: 'uk' } });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ nextAfterResolve: false, locale: 'uk' });
      expect((await me()).locale).toBe('uk');

      for (const locale of ['de', 'UK', 'uk-UA', 7]) {
        const refused = await t.request<{ code: string }>('PATCH', '/api/me/preferences', { token: olena.token, body: { locale, nextAfterResolve: true } });
        expect(refused.status).toBe(400);
        expect(refused.body.code).toBe(ErrorCode.ValidationFailed);
      }
      expect((await me()).locale).toBe('uk');
      expect((await t.request<UserPreferences>('GET', '/api/me/preferences', { token: olena.token })).body).toEqual({ nextAfterResolve: false, locale: 'uk' });

      const forgotten = await t.request<UserPreferences>('PATCH', '/api/me/preferences', { token: olena.token, body: { locale: null } });
      expect(forgotten.body.locale).toBeNull();
      expect((await me()).locale).toBeNull();
    });
  });

  describe('search', () => {
    it('finds resolved and snoozed conversations when no status is asked for', async () => {
      const agent = await person('olena', [teamId]);
      await customerSays('+380501110011', 'Refund for order 42 please');
      await customerSays('+380501110012', 'Refund for order 43 please');
      await customerSays('+380501110013', 'Where is my parcel?');
      const resolved = await conversationOf('+380501110011');
      const snoozed = await conversationOf('+380501110012');
      expect((await t.request('POST', `/api/conversations/${resolved.id}/resolve`, { token: agent.token })).status).toBe(200);
      expect((await t.request('POST', `/api/conversations/${snoozed.id}/snooze`, { token: agent.token, body: {} })).status).toBe(200);

      const found = await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all&q=refund', { token: agent.token });
      expect(found.body.items.map((conversation) => [conversation.id, conversation.status]).sort()).toEqual(
        [
          [resolved.id, ConversationStatus.Resolved],
          [snoozed.id, ConversationStatus.Snoozed],
        ].sort(),
      );
      const onlyOpen = await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all&q=refund&status=open', { token: agent.token });
      expect(onlyOpen.body.items).toEqual([]);
    });
  });
});
