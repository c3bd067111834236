import { AuthModule, TeamsService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, ConversationStatus, MessageDirection, MessageKind, MessageStatus, Provider } from '@backtalk/contracts';
import { ContactEntity, ConversationEntity, ConversationsModule, MessageEntity } from '@backtalk/conversations';
import { PlatformModule } from '@backtalk/platform';
import { type SignedWebhook, TestApp, vonageSigned } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { InboundModule } from './inbound.module';
import { PROVIDER_FIXTURES, PUBLIC_BASE_URL } from './__fixtures__/providers';

// What a validly signed webhook may still get wrong: the content type it declares, and values PostgreSQL cannot store
// (NUL) or that do not fit (over-long ids). Either used to be parsed and stored, or to fail with a 500 that the
// carrier retries for a day; now it is a 4xx the carrier stops on, with nothing stored.

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule] })
class WebhookInputTestModule {}

const CUSTOMER = '+380501234567';
const FORM_TYPE = 'application/x-www-form-urlencoded';

describe('webhook content types and field limits', () => {
  let t: TestApp;
  let teamId: string;

  beforeAll(async () => {
    t = await TestApp.create(WebhookInputTestModule, { PUBLIC_BASE_URL });
  });
  beforeEach(async () => {
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
  });
  afterAll(() => t.close());

  const pathOf = (channel: ChannelView) => new URL(channel.webhookUrl).pathname;
  const storedMessages = () => t.dataSource.getRepository(MessageEntity).count();
  const storedContacts = () => t.dataSource.getRepository(ContactEntity).count();
  const withContentType = (webhook: SignedWebhook, contentType: string): SignedWebhook => ({ ...webhook, headers: { ...webhook.headers, 'content-type': contentType } });

  function givenChannel(fixture: (typeof PROVIDER_FIXTURES)[number]): Promise<ChannelView> {
    return t.app.get(ChannelsService).create({
      teamId,
      name: `${fixture.provider} line`,
      provider: fixture.provider,
      sender: fixture.sender,
      senderType: fixture.senderType,
      country: fixture.country,
      secrets: fixture.secrets,
    });
  }

  async function givenOutboundMessage(channel: ChannelView, providerMessageId: string): Promise<MessageEntity> {
    const contactId = (await t.dataSource.getRepository(ContactEntity).save({ phone: CUSTOMER })).id;
    const conversation = await t.dataSource
      .getRepository(ConversationEntity)
      .save({ channelId: channel.id, contactId, teamId, status: ConversationStatus.Open, lastMessageAt: new Date() });
    return t.dataSource.getRepository(MessageEntity).save({
      conversationId: conversation.id,
      channelId: channel.id,
      direction: MessageDirection.Outbound,
      kind: MessageKind.Agent,
      status: MessageStatus.Sent,
      body: 'Your order has shipped',
      encoding: 'GSM-7',
      segments: 1,
      providerMessageId,
      sentAt: new Date(),
    });
  }

  // The fixtures of every provider that POSTs a body; Vonage's send GETs, whose form and JSON POSTs are below.
  const posting = PROVIDER_FIXTURES.filter((fixture) => fixture.inbound('/', { id: 'x', from: CUSTOMER, to: fixture.sender, text: 'x' }).method === 'POST');
  const declared = (webhook: SignedWebhook) => webhook.headers['content-type'];

  describe.each(posting.map((fixture) => [fixture.provider, fixture] as const))('%s content type', (_provider, fixture) => {
    const message = () => ({ id: `${fixture.provider}-${Math.random().toString(36).slice(2)}`, from: CUSTOMER, to: fixture.sender, text: 'Where is my order?' });

    it('answers 415 with a JSON error and stores nothing when a signed body declares a content type the provider does not send', async () => {
      const channel = await givenChannel(fixture);
      const webhook = fixture.inbound(pathOf(channel), message());
      const wrong = declared(webhook).startsWith(FORM_TYPE) ? 'application/json' : 'text/plain';

      const response = await t.deliver(withContentType(webhook, wrong));

      expect(response.status).toBe(415);
      expect(response.body).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining(wrong) });
      expect(await storedMessages()).toBe(0);
      expect(await storedContacts()).toBe(0);
    });

    it('accepts its content type with a charset parameter and in any case', async () => {
      const channel = await givenChannel(fixture);
      const webhook = fixture.inbound(pathOf(channel), message());
      const [mediaType] = declared(webhook).split(';');

      const response = await t.deliver(withContentType(webhook, `${mediaType.toUpperCase()}; Charset=UTF-8`));

      expect(response.status).toBeLessThan(300);
      expect(await storedMessages()).toBe(1);
    });
  });

  describe.each(PROVIDER_FIXTURES.map((fixture) => [fixture.provider, fixture] as const))('%s field limits', (_provider, fixture) => {
    const message = (overrides: Partial<{ id: string; from: string; text: string }> = {}) => ({
      id: `${fixture.provider}-${Math.random().toString(36).slice(2)}`,
      from: CUSTOMER,
      to: fixture.sender,
      text: 'Where is my order?',
      ...overrides,
    });
    it('stores a message whose text carries NUL characters, with each NUL replaced by U+FFFD', async () => {
      const channel = await givenChannel(fixture);

      const response = await t.deliver(fixture.inbound(pathOf(channel), message({ text: 'order\u0000 #1042\u0000' })));

      expect(response.status).toBeLessThan(300);
      const [stored] = await t.dataSource.getRepository(MessageEntity).find();
      expect(stored.body).toBe('order\uFFFD #1042\uFFFD');
    });

    it.each([
      ['a NUL in the message id', { id: 'SM123\u0000456' }],
      ['a message id longer than 128 characters', { id: `SM${'x'.repeat(200)}` }],
      ['a NUL in the sender', { from: '+38050\u00001234567' }],
      ['a sender longer than 40 characters', { from: `+${'1'.repeat(300)}` }],
    ])('answers 400 and stores nothing for %s', async (_case, overrides) => {
      const channel = await givenChannel(fixture);

      const response = await t.deliver(fixture.inbound(pathOf(channel), message(overrides)));

      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.any(String) });
      expect(await storedMessages()).toBe(0);
      expect(await storedContacts()).toBe(0);
    });

    it('answers 400 and changes nothing for a delivery report whose message id carries a NUL', async () => {
      const channel = await givenChannel(fixture);
      const outbound = await givenOutboundMessage(channel, 'OUT-1');

      const response = await t.deliver(fixture.delivered(pathOf(channel), { id: 'OUT-1\u0000', to: CUSTOMER, from: fixture.sender }));

      expect(response.status).toBe(400);
      expect((await t.dataSource.getRepository(MessageEntity).findOneByOrFail({ id: outbound.id })).status).toBe(MessageStatus.Sent);
      expect(await t.dataSource.query(`SELECT 1 FROM delivery_report`)).toHaveLength(0);
    });
  });

  describe('Vonage form and JSON POSTs', () => {
    const vonage = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Vonage)!;
    const params = () =>
      vonageSigned(
        {
          msisdn: '380501234567',
          to: '14155550101',
          messageId: `0A0000000${Math.floor(Math.random() * 1e6)}`,
          text: 'Hello',
          type: 'text',
          keyword: 'HELLO',
          'api-key': 'abcd1234',
          'message-timestamp': new Date().toISOString().replace('T', ' ').slice(0, 19),
          timestamp: String(Math.floor(Date.now() / 1000)),
          nonce: 'aa3a1c58-3f5f-4d5c-9c4d-9f4b7a7d5c01',
        },
        'vonage-signature-secret',
      );
    const post = (path: string, contentType: string, body: string): SignedWebhook => ({ method: 'POST', path, headers: { 'content-type': contentType }, body });

    it('accepts a signed form POST and a signed JSON POST, each with a charset', async () => {
      const channel = await givenChannel(vonage);

      expect((await t.deliver(post(pathOf(channel), `${FORM_TYPE}; charset=utf-8`, new URLSearchParams(params()).toString()))).status).toBe(200);
      expect((await t.deliver(post(pathOf(channel), 'application/json; charset=UTF-8', JSON.stringify(params())))).status).toBe(200);
      expect(await storedMessages()).toBe(2);
    });

    it('answers 415 for a signed form body declared as text/plain', async () => {
      const channel = await givenChannel(vonage);

      const response = await t.deliver(post(pathOf(channel), 'text/plain', new URLSearchParams(params()).toString()));

      expect(response.status).toBe(415);
      expect(await storedMessages()).toBe(0);
    });
  });
});
