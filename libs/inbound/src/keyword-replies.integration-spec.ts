import { AuthModule, TeamsService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, MessageDirection, MessageKind, MessageStatus, Provider, SenderType } from '@backtalk/contracts';
import { ConversationsModule, MessageEntity } from '@backtalk/conversations';
import { OutboundModule, OutboundWorkerModule, OutboxSweeper, SendService } from '@backtalk/outbound';
import { PlatformModule } from '@backtalk/platform';
import { eventually, FakeAggregator, genericSigned, TestApp, twilioForm } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { InboundModule } from './inbound.module';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, OutboundModule, OutboundWorkerModule] })
class OutboundTestModule {}

const PUBLIC_BASE_URL = 'https://backtalk.test';
const SECRET = 'generic-webhook-secret';
const CUSTOMER = '+380501234567';
const SENDER = '+14155550107';

describe('keyword confirmations, sent through the outbound queue', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  let teamId: string;

  beforeAll(async () => {
    t = await TestApp.create(OutboundTestModule, { PUBLIC_BASE_URL, PROVIDER_TIMEOUT_MS: '700' });
  });
  beforeEach(async () => {
    await t.reset();
    aggregator = await FakeAggregator.start();
    teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
  });
  afterEach(() => aggregator.close());
  afterAll(() => t.close());

  const genericChannel = (overrides: Partial<Parameters<ChannelsService['create']>[0]> = {}): Promise<ChannelView> =>
    t.app.get(ChannelsService).create({
      teamId,
      name: 'Aggregator line',
      provider: Provider.Generic,
      sender: SENDER,
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
      helpText: 'Acme support: reply with your order number, or call 0 800 123 456.',
      ...overrides,
    });

  const pathOf = (channel: ChannelView) => new URL(channel.webhookUrl).pathname;
  const customerSays = (channel: ChannelView, id: string, text: string) =>
    t.deliver(genericSigned(pathOf(channel), { type: 'message', id, from: CUSTOMER, to: channel.sender, text }, SECRET));
  const outbound = () => t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Outbound }, order: { createdAt: 'ASC' } });
  const settledOutbound = (count: number) =>
    eventually(outbound, (messages) => messages.length >= count && messages.every((message) => ![MessageStatus.Queued, MessageStatus.Sending].includes(message.status)));

  it('sends exactly one opt-out confirmation through the provider and marks it delivered when the report comes', async () => {
    const channel = await genericChannel();
    expect((await customerSays(channel, 'in-1', 'STOP')).status).toBe(200);

    const [confirmation] = await settledOutbound(1);
    expect(confirmation).toMatchObject({ kind: MessageKind.KeywordReply, status: MessageStatus.Sent, providerMessageId: aggregator.providerIdFor(confirmation.id) });
    expect(aggregator.sends).toHaveLength(1);
    expect(aggregator.sends[0].body).toMatchObject({ id: confirmation.id, from: SENDER, to: CUSTOMER, text: expect.stringContaining('unsubscribed') });
    expect(aggregator.sends[0].headers['x-backtalk-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    await t.deliver(genericSigned(pathOf(channel), { type: 'status', id: confirmation.providerMessageId, status: 'delivered' }, SECRET));
    expect((await outbound())[0].status).toBe(MessageStatus.Delivered);
  });

  it('confirms a repeated STOP only once', async () => {
    const channel = await genericChannel();
    await customerSays(channel, 'in-1', 'STOP');
    await settledOutbound(1);
    await customerSays(channel, 'in-2', 'stop');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await outbound()).toHaveLength(1);
    expect(aggregator.sends).toHaveLength(1);
  });

  it('answers HELP with the channel’s help text', async () => {
    const channel = await genericChannel();
    await customerSays(channel, 'in-1', 'help');
    await settledOutbound(1);
    expect(aggregator.sends.map((send) => send.body.text)).toEqual(['Acme support: reply with your order number, or call 0 800 123 456.']);
  });

  it('sends nothing of its own on a Twilio channel, where Twilio confirms STOP itself', async () => {
    const channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Twilio line',
      provider: Provider.Twilio,
      sender: '+14155550100',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { authToken: 'twilio-auth-token' },
    });
    const params: Array<[string, string]> = [
      ['MessageSid', 'SMstop0000000000000000000000000000'],
      ['From', CUSTOMER],
      ['To', '+14155550100'],
      ['Body', 'STOP'],
      ['NumMedia', '0'],
      ['SmsStatus', 'received'],
    ];
    expect((await t.deliver(twilioForm(PUBLIC_BASE_URL, pathOf(channel), params, 'twilio-auth-token'))).status).toBe(200);
    expect(await outbound()).toHaveLength(0);
  });

  it('retries after a provider error and sends exactly one SMS', async () => {
    const channel = await genericChannel();
    aggregator.behave('error-500');
    await customerSays(channel, 'in-1', 'STOP');

    const [confirmation] = await settledOutbound(1);
    expect(confirmation.status).toBe(MessageStatus.Sent);
    expect(aggregator.sends).toHaveLength(2);
    expect(aggregator.accepted()).toHaveLength(1);
  });

  it('leaves a message unknown, never resent, when the provider does not answer in time', async () => {
    const channel = await genericChannel();
    aggregator.behave('hang');
    await customerSays(channel, 'in-1', 'STOP');

    const [confirmation] = await settledOutbound(1);
    expect(confirmation).toMatchObject({ status: MessageStatus.Unknown, errorCategory: 'unknown' });
    await t.app.get(OutboxSweeper).sweep(new Date(Date.now() + 3600_000));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(aggregator.sends).toHaveLength(1);
  });

  it('does nothing when the same message is sent again by a re-run job', async () => {
    const channel = await genericChannel();
    await customerSays(channel, 'in-1', 'STOP');
    const [confirmation] = await settledOutbound(1);

    expect(await t.app.get(SendService).send(confirmation.id)).toBe('skipped');
    expect(aggregator.sends).toHaveLength(1);
  });

  it('applies a delivery report that arrived before the provider answered the send', async () => {
    const channel = await genericChannel();
    aggregator.behave({ acceptAfterMs: 400 });
    await customerSays(channel, 'in-1', 'STOP');
    const [pending] = await eventually(outbound, (messages) => messages.length === 1);
    await eventually(async () => aggregator.sends.length, (count) => count === 1);

    await t.deliver(genericSigned(pathOf(channel), { type: 'status', id: aggregator.providerIdFor(pending.id), status: 'delivered' }, SECRET));
    const [settled] = await eventually(outbound, (messages) => messages[0]?.status === MessageStatus.Delivered);
    expect(settled.status).toBe(MessageStatus.Delivered);
  });

  it('picks up a queued message whose job was lost, through the outbox sweeper', async () => {
    const channel = await genericChannel({ confirmations: { optOut: null, optIn: null, help: false } });
    await customerSays(channel, 'in-1', 'hello');
    const [inbound] = await t.dataSource.getRepository(MessageEntity).find();
    await t.dataSource.getRepository(MessageEntity).save({
      conversationId: inbound.conversationId,
      channelId: channel.id,
      direction: MessageDirection.Outbound,
      kind: MessageKind.Agent,
      status: MessageStatus.Queued,
      body: 'Your parcel left the warehouse today.',
      encoding: 'GSM-7',
      segments: 1,
      sentAt: new Date(),
      queuedAt: new Date(Date.now() - 120_000),
    });

    expect((await t.app.get(OutboxSweeper).sweep()).requeued).toBe(1);
    const [sent] = await settledOutbound(1);
    expect(sent.status).toBe(MessageStatus.Sent);
    expect(aggregator.sends.map((send) => send.body.text)).toEqual(['Your parcel left the warehouse today.']);
  });
});
