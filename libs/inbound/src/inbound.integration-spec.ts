import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { AuthModule, TeamsService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, ConversationStatus, MessageDirection, MessageKind, MessageStatus, Provider, SenderType } from '@backtalk/contracts';
import { ConsentEventEntity, ConsentEntity, ContactEntity, ConversationEntity, ConversationsModule, MessageEntity } from '@backtalk/conversations';
import { EventLog, PlatformModule, REDIS, ShutdownState } from '@backtalk/platform';
import { eventually, genericSigned, type SignedWebhook, TcpProxy, TestApp, twilioForm, vonageGet } from '@backtalk/testing';
import { Logger, Module } from '@nestjs/common';
import { ConcatAssemblerService } from './concat-assembler.service';
import { InboundModule } from './inbound.module';
import { PROVIDER_FIXTURES, PUBLIC_BASE_URL } from './__fixtures__/providers';
import { toInboundChannel } from './webhook-ingestion.service';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule] })
class InboundTestModule {}

const CUSTOMER = '+380501234567';

describe('inbound SMS webhooks', () => {
  let t: TestApp;
  let teamId: string;

  beforeAll(async () => {
    t = await TestApp.create(InboundTestModule, { PUBLIC_BASE_URL });
  });
  beforeEach(async () => {
    await t.reset();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
  });
  afterAll(() => t.close());

  const pathOf = (channel: ChannelView) => new URL(channel.webhookUrl).pathname;

  async function givenChannel(fixture: (typeof PROVIDER_FIXTURES)[number], overrides: Partial<Parameters<ChannelsService['create']>[0]> = {}): Promise<ChannelView> {
    return t.app.get(ChannelsService).create({
      teamId,
      name: `${fixture.provider} line`,
      provider: fixture.provider,
      sender: fixture.sender,
      senderType: fixture.senderType,
      country: fixture.country,
      secrets: fixture.secrets,
      ...overrides,
    });
  }

  async function givenOutboundMessage(channel: ChannelView, providerMessageId: string, status = MessageStatus.Sent): Promise<MessageEntity> {
    const contactId = (await t.dataSource.getRepository(ContactEntity).save({ phone: CUSTOMER })).id;
    const conversation = await t.dataSource
      .getRepository(ConversationEntity)
      .save({ channelId: channel.id, contactId, teamId, status: ConversationStatus.Open, lastMessageAt: new Date() });
    return t.dataSource.getRepository(MessageEntity).save({
      conversationId: conversation.id,
      channelId: channel.id,
      direction: MessageDirection.Outbound,
      kind: MessageKind.Agent,
      status,
      body: 'Your order has shipped',
      encoding: 'GSM-7',
      segments: 1,
      providerMessageId,
      sentAt: new Date(),
    });
  }

  const messages = () => t.dataSource.getRepository(MessageEntity).find({ order: { sentAt: 'ASC', createdAt: 'ASC' } });

  describe.each(PROVIDER_FIXTURES.map((fixture) => [fixture.provider, fixture] as const))('%s', (_provider, fixture) => {
    const sid = () => `${fixture.provider.toUpperCase()}-${randomUUID()}`;

    it('stores a documented inbound message and threads it into a new conversation for the customer', async () => {
      const channel = await givenChannel(fixture);
      const response = await t.deliver(fixture.inbound(pathOf(channel), { id: sid(), from: CUSTOMER, to: fixture.sender, text: 'Where is my order #1042?' }));

      expect(response.status).toBeLessThan(300);
      const [message] = await messages();
      expect(message).toMatchObject({ direction: 'inbound', status: 'received', body: 'Where is my order #1042?', encoding: 'GSM-7', segments: 1, channelId: channel.id });
      const conversation = await t.dataSource.getRepository(ConversationEntity).findOneByOrFail({ id: message.conversationId });
      expect(conversation).toMatchObject({ status: 'open', teamId, unreadCount: 1 });
      const contact = await t.dataSource.getRepository(ContactEntity).findOneByOrFail({ id: conversation.contactId });
      expect(contact.phone).toBe(CUSTOMER);
    });

    it('stores one message when the carrier delivers the same webhook ten times', async () => {
      const channel = await givenChannel(fixture);
      const webhook = fixture.inbound(pathOf(channel), { id: sid(), from: CUSTOMER, to: fixture.sender, text: 'Hello?' });
      for (let attempt = 0; attempt < 10; attempt++) expect((await t.deliver(webhook)).status).toBeLessThan(300);

      expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(1);
      expect(await t.dataSource.getRepository(ConversationEntity).count()).toBe(1);
      expect((await t.dataSource.getRepository(ConversationEntity).findOneByOrFail({})).unreadCount).toBe(1);
    });

    it('rejects a forged signature, stores nothing, and logs one warning with the channel, the reason and the request id', async () => {
      const channel = await givenChannel(fixture);
      const warnings = jest.spyOn(Logger.prototype, 'warn');
      try {
        const response = await t.deliver(fixture.forged(pathOf(channel), { id: sid(), from: CUSTOMER, to: fixture.sender, text: 'Send me the refund' }));

        expect([401, 403]).toContain(response.status);
        expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(0);
        expect(await t.dataSource.getRepository(ContactEntity).count()).toBe(0);
        const rejections = warnings.mock.calls.filter(([, message]) => message === 'webhook rejected: authenticity check failed');
        expect(rejections).toEqual([[{ reqId: response.headers['x-request-id'], channelId: channel.id, provider: fixture.provider, reason: expect.any(String) }, expect.any(String)]]);
      } finally {
        warnings.mockRestore();
      }
    });

    it('marks a sent message delivered when its delivery report arrives', async () => {
      const channel = await givenChannel(fixture);
      const providerId = sid();
      const message = await givenOutboundMessage(channel, providerId);

      const response = await t.deliver(fixture.delivered(pathOf(channel), { id: providerId, to: CUSTOMER, from: fixture.sender }));
      expect(response.status).toBeLessThan(300);
      expect((await t.dataSource.getRepository(MessageEntity).findOneByOrFail({ id: message.id })).status).toBe('delivered');
    });

    it('ends in delivered when a lesser report arrives after the final one, and ignores a repeated report', async () => {
      const channel = await givenChannel(fixture);
      const providerId = sid();
      const message = await givenOutboundMessage(channel, providerId, MessageStatus.Sending);
      const report = { id: providerId, to: CUSTOMER, from: fixture.sender };

      await t.deliver(fixture.delivered(pathOf(channel), report));
      await t.deliver(fixture.earlier(pathOf(channel), report));
      await t.deliver(fixture.delivered(pathOf(channel), report));

      expect((await t.dataSource.getRepository(MessageEntity).findOneByOrFail({ id: message.id })).status).toBe('delivered');
      const kept: unknown[] = await t.dataSource.query(`SELECT 1 FROM delivery_report WHERE provider_message_id = $1`, [providerId]);
      expect(kept).toHaveLength(2);
    });
  });

  describe('threading', () => {
    const generic = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Generic)!;

    it('puts 50 first messages from a new number, arriving in parallel, into one contact and one conversation in provider-timestamp order', async () => {
      const channel = await givenChannel(generic);
      const start = Math.floor(Date.now() / 1000) - 3600;
      const webhooks = Array.from({ length: 50 }, (_, index) =>
        generic.inbound(pathOf(channel), { id: `parallel-${index}`, from: '+380671112233', to: generic.sender, text: `message ${index}`, at: start + index }),
      );
      const shuffled = [...webhooks].sort(() => Math.random() - 0.5);

      const responses = await Promise.all(shuffled.map((webhook) => t.deliver(webhook)));

      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
      expect(await t.dataSource.getRepository(ContactEntity).count()).toBe(1);
      expect(await t.dataSource.getRepository(ConversationEntity).count()).toBe(1);
      expect((await messages()).map((message) => message.body)).toEqual(Array.from({ length: 50 }, (_, index) => `message ${index}`));
      expect((await t.dataSource.getRepository(ConversationEntity).findOneByOrFail({})).unreadCount).toBe(50);
    });

    it('reopens a conversation resolved within the window and starts a new one after it', async () => {
      const channel = await givenChannel(generic, { reopenWindowMinutes: 60 });
      const path = pathOf(channel);
      await t.deliver(generic.inbound(path, { id: 'first', from: CUSTOMER, to: generic.sender, text: 'hi' }));
      const conversations = t.dataSource.getRepository(ConversationEntity);
      const first = await conversations.findOneByOrFail({});
      await conversations.update({ id: first.id }, { status: ConversationStatus.Resolved, resolvedAt: new Date(Date.now() - 10 * 60_000) });

      await t.deliver(generic.inbound(path, { id: 'second', from: CUSTOMER, to: generic.sender, text: 'one more thing' }));
      expect(await conversations.count()).toBe(1);
      expect((await conversations.findOneByOrFail({ id: first.id })).status).toBe('open');

      await conversations.update({ id: first.id }, { status: ConversationStatus.Resolved, resolvedAt: new Date(Date.now() - 2 * 3600_000) });
      await t.deliver(generic.inbound(path, { id: 'third', from: CUSTOMER, to: generic.sender, text: 'new question' }));
      expect(await conversations.count()).toBe(2);
    });

    it('wakes a snoozed conversation when the customer writes', async () => {
      const channel = await givenChannel(generic);
      const path = pathOf(channel);
      await t.deliver(generic.inbound(path, { id: 'a', from: CUSTOMER, to: generic.sender, text: 'hi' }));
      const conversations = t.dataSource.getRepository(ConversationEntity);
      const conversation = await conversations.findOneByOrFail({});
      await conversations.update({ id: conversation.id }, { status: ConversationStatus.Snoozed, snoozedUntil: new Date(Date.now() + 86_400_000) });

      await t.deliver(generic.inbound(path, { id: 'b', from: CUSTOMER, to: generic.sender, text: 'are you there?' }));
      expect(await conversations.findOneByOrFail({ id: conversation.id })).toMatchObject({ status: 'open', snoozedUntil: null });
    });

    it('keeps customers of one number on two channels in two conversations with one contact', async () => {
      const first = await givenChannel(generic);
      const second = await givenChannel({ ...generic, sender: '+14155550199' });
      await t.deliver(generic.inbound(pathOf(first), { id: 'one', from: CUSTOMER, to: first.sender, text: 'a' }));
      await t.deliver(generic.inbound(pathOf(second), { id: 'two', from: CUSTOMER, to: second.sender, text: 'b' }));

      expect(await t.dataSource.getRepository(ContactEntity).count()).toBe(1);
      expect(await t.dataSource.getRepository(ConversationEntity).count()).toBe(2);
    });

    it('normalises a national-format sender to E.164 with the channel’s country', async () => {
      const channel = await givenChannel({ ...generic, country: 'UA', sender: '+380441112233' });
      await t.deliver(generic.inbound(pathOf(channel), { id: 'national', from: '050 123 45 67', to: channel.sender, text: 'Привіт' }));
      expect((await t.dataSource.getRepository(ContactEntity).findOneByOrFail({})).phone).toBe('+380501234567');
      expect((await messages())[0]).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    });
  });

  describe('channels and teams', () => {
    it('refuses, with a conflict, to delete a team that still owns a channel', async () => {
      await givenChannel(PROVIDER_FIXTURES[0]);
      await expect(t.app.get(TeamsService).remove(teamId)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await t.dataSource.query(`SELECT id FROM team WHERE id = $1`, [teamId])).toHaveLength(1);
    });
  });

  describe('request errors', () => {
    const generic = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Generic)!;

    it('answers 404 with a clear error for an unknown channel and stores nothing', async () => {
      const response = await t.deliver(generic.inbound(`/api/webhooks/generic/${randomUUID()}`, { id: 'x', from: CUSTOMER, to: generic.sender, text: 'hi' }));
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('check the webhook URL') });
    });

    it('answers 404 when the provider in the URL is not the channel’s provider', async () => {
      const channel = await givenChannel(generic);
      const response = await t.deliver(generic.inbound(`/api/webhooks/twilio/${channel.id}`, { id: 'x', from: CUSTOMER, to: generic.sender, text: 'hi' }));
      expect(response.status).toBe(404);
    });

    it('answers 400 for a signed but malformed body and stores nothing', async () => {
      const channel = await givenChannel(generic);
      const response = await t.deliver(genericSigned(pathOf(channel), { type: 'message', id: 'no-sender-or-text' }, 'generic-webhook-secret'));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(0);
    });

    it('answers 400 with a clear error when the channel id in the URL is not a UUID', async () => {
      const response = await t.deliver(generic.inbound('/api/webhooks/generic/not-a-channel', { id: 'x', from: CUSTOMER, to: generic.sender, text: 'hi' }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('not a UUID') });
    });

    it('answers 413 for a body over one megabyte, closes the connection and stores nothing', async () => {
      const channel = await givenChannel(generic);
      const response = await t.deliver(generic.inbound(pathOf(channel), { id: 'huge', from: CUSTOMER, to: generic.sender, text: 'x'.repeat(1024 * 1024 + 1) }));
      expect(response.status).toBe(413);
      expect(response.headers['connection']).toBe('close');
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(0);
    });

    it('echoes the carrier’s request id and counts the webhook in the latency metric under its route pattern', async () => {
      const channel = await givenChannel(generic);
      const webhook = generic.inbound(pathOf(channel), { id: 'metric-1', from: CUSTOMER, to: generic.sender, text: 'hi' });
      const response = await t.deliver({ ...webhook, headers: { ...webhook.headers, 'x-request-id': 'carrier-req-0042' } });
      expect(response.status).toBe(200);
      expect(response.headers['x-request-id']).toBe('carrier-req-0042');
      const metrics = await t.request<string>('GET', '/metrics');
      expect(metrics.body).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/webhooks\/:provider\/:channelId",status="200"\} [1-9]/);
    });

    it('stores nothing from a carrier that hangs up in the middle of the body, and counts that request as a 400', async () => {
      const channel = await givenChannel(generic);
      const { hostname, port } = new URL(await t.listeningUrl());
      const socket = connect(Number(port), hostname);
      await once(socket, 'connect');
      socket.write(`POST ${pathOf(channel)} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id":"cut`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      const counted = /http_request_duration_seconds_count\{method="POST",route="\/api\/webhooks\/:provider\/:channelId",status="400"\} [1-9]/;
      expect(await eventually(async () => (await t.request<string>('GET', '/metrics')).body, (metrics) => counted.test(metrics), 3000)).toMatch(counted);
      expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(0);
    });

    it('answers 503, so that the carrier retries, to a webhook that arrives while the process shuts down', async () => {
      const channel = await givenChannel(generic);
      const stopping = await TestApp.create(InboundTestModule, { PUBLIC_BASE_URL });
      try {
        stopping.app.get(ShutdownState).beforeApplicationShutdown();
        const response = await stopping.deliver(generic.inbound(pathOf(channel), { id: 'late', from: CUSTOMER, to: generic.sender, text: 'hi' }));
        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
        expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(0);
      } finally {
        await stopping.close();
      }
    });
  });

  describe('Twilio specifics', () => {
    const twilio = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Twilio)!;

    it('accepts a signed webhook for a Messaging Service channel, whichever pool number was texted', async () => {
      const channel = await givenChannel(twilio, { sender: 'MG0123456789abcdef0123456789abcdef', senderType: SenderType.MessagingService });
      for (const poolNumber of ['+14155550111', '+14155550112']) {
        const params: Array<[string, string]> = [
          ['MessageSid', `SM${poolNumber.slice(-4)}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`],
          ['AccountSid', 'AC0123456789abcdef0123456789abcdef'],
          ['MessagingServiceSid', 'MG0123456789abcdef0123456789abcdef'],
          ['From', CUSTOMER],
          ['To', poolNumber],
          ['Body', `to ${poolNumber}`],
          ['NumMedia', '0'],
          ['NumSegments', '1'],
          ['SmsStatus', 'received'],
        ];
        expect((await t.deliver(twilioForm(PUBLIC_BASE_URL, pathOf(channel), params, 'twilio-auth-token'))).status).toBe(200);
      }
      expect(await t.dataSource.getRepository(MessageEntity).count()).toBe(2);
      expect(await t.dataSource.getRepository(ConversationEntity).count()).toBe(1);
    });

    it('stores MMS media with their content types', async () => {
      const channel = await givenChannel(twilio);
      const params: Array<[string, string]> = [
        ['MessageSid', 'MM0123456789abcdef0123456789abcdef'],
        ['From', CUSTOMER],
        ['To', twilio.sender],
        ['Body', 'photo of the damaged box'],
        ['NumMedia', '2'],
        ['MediaUrl0', 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1'],
        ['MediaContentType0', 'image/jpeg'],
        ['MediaUrl1', 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2'],
        ['MediaContentType1', 'image/png'],
        ['SmsStatus', 'received'],
      ];
      expect((await t.deliver(twilioForm(PUBLIC_BASE_URL, pathOf(channel), params, 'twilio-auth-token'))).status).toBe(200);
      expect((await messages())[0].media).toEqual([
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' },
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2', contentType: 'image/png' },
      ]);
    });

    it('stores only http(s) media links: a javascript:, data:, file: or ftp: URL is dropped and the message kept', async () => {
      const channel = await givenChannel(twilio);
      const unsafe = ['javascript:alert(1)', ' JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://files.example.com/a.jpg'];
      const params: Array<[string, string]> = [
        ['MessageSid', 'MM00000000000000000000000000unsafe'],
        ['From', CUSTOMER],
        ['To', twilio.sender],
        ['Body', 'see attached'],
        ['NumMedia', String(unsafe.length + 1)],
        ...unsafe.flatMap((url, index): Array<[string, string]> => [
          [`MediaUrl${index}`, url],
          [`MediaContentType${index}`, 'image/jpeg'],
        ]),
        [`MediaUrl${unsafe.length}`, 'http://media.example.com/ME1.png'],
        [`MediaContentType${unsafe.length}`, 'image/png'],
        ['SmsStatus', 'received'],
      ];
      expect((await t.deliver(twilioForm(PUBLIC_BASE_URL, pathOf(channel), params, 'twilio-auth-token'))).status).toBe(200);
      const [message] = await messages();
      expect(message.body).toBe('see attached');
      expect(message.media).toEqual([{ url: 'http://media.example.com/ME1.png', contentType: 'image/png' }]);
    });

    it('answers Twilio with empty TwiML', async () => {
      const channel = await givenChannel(twilio);
      const response = await t.deliver(twilio.inbound(pathOf(channel), { id: 'SMtwiml', from: CUSTOMER, to: twilio.sender, text: 'hi' }));
      expect(String(response.headers['content-type'])).toContain('xml');
      expect(String(response.body)).toContain('<Response');
    });
  });

  describe('Vonage multipart messages', () => {
    const vonage = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Vonage)!;
    const part = (path: string, reference: string, index: number, total: number, text: string) =>
      vonageGet(
        path,
        {
          msisdn: '380501234567',
          to: '14155550101',
          messageId: `${reference}-part-${index}`,
          text,
          type: 'unicode',
          concat: 'true',
          'concat-ref': reference,
          'concat-total': String(total),
          'concat-part': String(index),
          'message-timestamp': '2026-11-25 02:00:00',
          timestamp: String(Math.floor(Date.now() / 1000)),
          nonce: randomUUID(),
        },
        'vonage-signature-secret',
      );

    it('joins the parts in order, whatever order they arrive in, into one message', async () => {
      const channel = await givenChannel(vonage);
      const texts = ['Добрий день! Моє замовлення ', 'досі не прийшло, хоча ', 'минуло вже два тижні.'];
      const parts = texts.map((text, index) => part(pathOf(channel), '7', index + 1, 3, text));

      for (const webhook of [parts[2], parts[0], parts[2], parts[1]]) expect((await t.deliver(webhook)).status).toBe(200);

      const stored = await messages();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ body: texts.join(''), incomplete: false, segments: 3, encoding: 'UCS-2' });
      expect((await t.deliver(parts[1])).status).toBe(200);
      expect(await messages()).toHaveLength(1);
    });

    it('stores the parts that arrived, marked incomplete, when the rest never come', async () => {
      const channel = await givenChannel(vonage);
      await t.deliver(part(pathOf(channel), '9', 1, 3, 'first part, '));
      await t.deliver(part(pathOf(channel), '9', 3, 3, 'third part'));
      expect(await messages()).toHaveLength(0);

      const assembler = t.app.get(ConcatAssemblerService);
      const loaded = await t.app.get(ChannelsService).loadWithSecrets(channel.id);
      const stored = await assembler.flushStale(async () => toInboundChannel(loaded!.channel), 60, new Date(Date.now() + 120_000));

      expect(stored).toBe(1);
      expect(await messages()).toEqual([expect.objectContaining({ body: 'first part, third part', incomplete: true })]);
    });
  });

  describe('opt-out keywords', () => {
    const generic = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Generic)!;

    it('opts the contact out on STOP and back in on START, records both in the ledger, and keeps the messages', async () => {
      const channel = await givenChannel(generic);
      await t.deliver(generic.inbound(pathOf(channel), { id: 'stop', from: CUSTOMER, to: generic.sender, text: ' Stop ' }));
      const contact = await t.dataSource.getRepository(ContactEntity).findOneByOrFail({ phone: CUSTOMER });
      expect(await t.dataSource.getRepository(ConsentEntity).findOneByOrFail({ contactId: contact.id, channelId: channel.id })).toMatchObject({ optedOut: true });

      await t.deliver(generic.inbound(pathOf(channel), { id: 'start', from: CUSTOMER, to: generic.sender, text: 'START' }));
      expect(await t.dataSource.getRepository(ConsentEntity).findOneByOrFail({ contactId: contact.id, channelId: channel.id })).toMatchObject({ optedOut: false });

      const ledger = await t.dataSource.getRepository(ConsentEventEntity).find({ order: { id: 'ASC' } });
      expect(ledger.map((entry) => [entry.action, entry.source, entry.keyword])).toEqual([
        ['opt_out', 'keyword', 'STOP'],
        ['opt_in', 'keyword', 'START'],
      ]);
      const thread = await messages();
      expect(thread.filter((message) => message.direction === 'inbound').map((message) => message.body)).toEqual([' Stop ', 'START']);
      expect(thread.filter((message) => message.direction === 'outbound').map((message) => message.kind)).toEqual(['keyword_reply', 'keyword_reply']);
    });

    it('treats the Ukrainian СТОП as an opt-out, and a sentence containing stop as a message', async () => {
      const channel = await givenChannel(generic);
      await t.deliver(generic.inbound(pathOf(channel), { id: 'sentence', from: CUSTOMER, to: generic.sender, text: 'please stop the courier' }));
      expect(await t.dataSource.getRepository(ConsentEventEntity).count()).toBe(0);
      await t.deliver(generic.inbound(pathOf(channel), { id: 'uk', from: CUSTOMER, to: generic.sender, text: 'стоп' }));
      expect(await t.dataSource.getRepository(ConsentEventEntity).findOneByOrFail({})).toMatchObject({ action: 'opt_out', keyword: 'СТОП' });
    });
  });

  describe('events', () => {
    const generic = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Generic)!;

    it('publishes conversation.created and message.received after the commit, in log order, and nothing for a retry', async () => {
      const channel = await givenChannel(generic);
      const seen: string[] = [];
      const unsubscribe = t.app.get(EventLog).subscribe((event) => seen.push(event.type));
      const webhook = generic.inbound(pathOf(channel), { id: 'evented', from: CUSTOMER, to: generic.sender, text: 'hi' });
      try {
        await t.deliver(webhook);
        await t.deliver(webhook);
      } finally {
        unsubscribe();
      }
      expect(seen).toEqual(['conversation.created', 'message.received']);
      const logged: Array<{ type: string }> = await t.dataSource.query(`SELECT type FROM domain_event ORDER BY seq`);
      expect(logged.map((row) => row.type)).toEqual(['conversation.created', 'message.received']);
    });
  });

  describe('when Redis goes away', () => {
    it('answers 503 and stores nothing, and stores the carrier’s retry once Redis is back', async () => {
      const generic = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Generic)!;
      const channel = await givenChannel(generic);
      const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
      const proxy = await TcpProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379));
      redisUrl.host = `127.0.0.1:${proxy.port}`;
      const flaky = await TestApp.create(InboundTestModule, { PUBLIC_BASE_URL, REDIS_URL: redisUrl.toString() });
      try {
        const webhook = generic.inbound(pathOf(channel), { id: 'redis-outage-1', from: '+380501234567', to: generic.sender, text: 'while Redis is away' });
        proxy.interrupt();
        const redis = flaky.app.get<{ status: string }>(REDIS);
        await eventually(() => redis.status, (status) => status !== 'ready', 5000);
        const refused = await flaky.deliver(webhook);
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
        expect(await t.dataSource.query(`SELECT id FROM message`)).toHaveLength(0);

        proxy.restore();
        await eventually(() => redis.status, (status) => status === 'ready', 15_000);
        expect((await flaky.deliver(webhook)).status).toBe(200);
        expect((await flaky.deliver(webhook)).status).toBe(200);
        expect(await t.dataSource.query(`SELECT body FROM message`)).toEqual([{ body: 'while Redis is away' }]);
      } finally {
        await flaky.close();
        await proxy.close();
      }
    }, 60_000);
  });

  describe('when PostgreSQL goes away mid-load', () => {
    it('answers 503 so the carrier retries, and after it returns the retries store every message exactly once', async () => {
      const generic = PROVIDER_FIXTURES.find((fixture) => fixture.provider === Provider.Generic)!;
      const channel = await givenChannel(generic);
      const databaseUrl = new URL(process.env['DATABASE_URL']!);
      const proxy = await TcpProxy.start(databaseUrl.hostname, Number(databaseUrl.port || 5432));
      databaseUrl.host = `127.0.0.1:${proxy.port}`;
      const flaky = await TestApp.create(InboundTestModule, { PUBLIC_BASE_URL, DATABASE_URL: databaseUrl.toString(), DATABASE_POOL_SIZE: '4' });
      try {
        const webhooks: SignedWebhook[] = Array.from({ length: 60 }, (_, index) =>
          generic.inbound(pathOf(channel), { id: `outage-${index}`, from: `+38050${String(1000000 + index)}`, to: generic.sender, text: `during outage ${index}` }),
        );
        const statuses: number[] = [];
        for (const [index, webhook] of webhooks.entries()) {
          if (index === 20) proxy.interrupt();
          if (index === 40) proxy.restore();
          statuses.push((await flaky.deliver(webhook)).status);
        }
        expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
        expect(statuses.slice(20, 40).every((status) => status === 503)).toBe(true);

        // The carrier retries everything it did not get a 2xx for; some of the rest it retries anyway.
        for (const [index, webhook] of webhooks.entries()) {
          if (statuses[index] !== 200 || index % 7 === 0) expect((await flaky.deliver(webhook)).status).toBe(200);
        }
        const stored: Array<{ body: string }> = await t.dataSource.query(`SELECT body FROM message ORDER BY body`);
        expect(stored).toHaveLength(60);
        expect(new Set(stored.map((row) => row.body)).size).toBe(60);
      } finally {
        await flaky.close();
        await proxy.close();
      }
    }, 60_000);
  });
});
