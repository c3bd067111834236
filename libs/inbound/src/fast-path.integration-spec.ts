import { randomUUID } from 'node:crypto';
import { AuthModule, TeamsService } from '@backtalk/auth';
import type { InboundSms } from '@backtalk/carriers';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { ConversationsModule } from '@backtalk/conversations';
import { MetricsService, PlatformModule } from '@backtalk/platform';
import { genericLine, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { DuplicateInboundMessage, type InboundChannel, InboundMessageService, type StoredInbound } from './inbound-message.service';
import { InboundModule } from './inbound.module';
import { toInboundChannel } from './webhook-ingestion.service';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule] })
class FastPathTestModule {}

const SECRET = 'fast-path-secret';
let nextNumber = 0;
/** A Ukrainian mobile number no other test of this file uses. */
const freshNumber = () => `+38067${String(1_000_000 + process.pid * 97 + nextNumber++).slice(-7)}`;

/**
 * Messages that arrive together are stored by one statement of the fast path. Each keeps the guarantees it has alone:
 * stored once, counted on its conversation, a new customer's conversation.created logged before its message.
 */
describe('the inbound fast path under concurrent messages', () => {
  let t: TestApp;
  let channel: InboundChannel;

  beforeAll(async () => {
    t = await TestApp.create(FastPathTestModule);
  });
  beforeEach(async () => {
    await t.reset();
    const teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const line = await t.app.get(ChannelsService).create(genericLine(teamId, SECRET));
    channel = toInboundChannel(await t.app.get(ChannelsService).loadWithSecrets(line.id).then((found) => found!.channel));
  });
  afterAll(() => t.close());

  const sms = (from: string, text: string, providerMessageId: string = randomUUID()): InboundSms => ({ providerMessageId, from, to: '+14155550100', text, media: [], segments: null, providerTimestamp: null });

  /** Calls the fast path for every message at once, as concurrent webhooks do; null where it does not apply. */
  function storeTogether(messages: InboundSms[]): Promise<Array<PromiseSettledResult<StoredInbound | null>>> {
    const service = t.app.get(InboundMessageService);
    return Promise.allSettled(messages.map((message) => service.storeFast(t.dataSource, channel, message, new Date())));
  }

  async function batchSizes(): Promise<{ statements: number; messages: number }> {
    const metric = await t.app.get(MetricsService).registry.getSingleMetric('inbound_fast_path_batch_size')!.get();
    const values = metric.values as Array<{ metricName?: string; value: number }>;
    const valueOf = (suffix: string) => values.find((value) => value.metricName === `inbound_fast_path_batch_size_${suffix}`)?.value ?? 0;
    return { statements: valueOf('count'), messages: valueOf('sum') };
  }

  async function conversationOf(phone: string): Promise<{ id: string; unread_count: number; messages: number }> {
    const rows = await t.dataSource.query<Array<{ id: string; unread_count: number; messages: number }>>(
      `SELECT cv.id, cv.unread_count, (SELECT count(*)::int FROM message m WHERE m.conversation_id = cv.id) AS messages
       FROM conversation cv JOIN contact ct ON ct.id = cv.contact_id WHERE ct.phone = $1 AND cv.channel_id = $2`,
      [phone, channel.id],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function eventsOf(conversationId: string): Promise<Array<{ type: string; message_id: string | null }>> {
    return t.dataSource.query(`SELECT type, payload->>'messageId' AS message_id FROM domain_event WHERE conversation_id = $1 ORDER BY seq`, [conversationId]);
  }

  it('stores forty messages arriving together, from new customers and from customers in open conversations, each once, counted and logged in order', async () => {
    const known = Array.from({ length: 20 }, freshNumber);
    const newcomers = Array.from({ length: 20 }, freshNumber);
    for (const phone of known) await t.app.get(InboundMessageService).storeFast(t.dataSource, channel, sms(phone, 'Hello'), new Date());
    const before = await batchSizes();

    const results = await storeTogether([...known, ...newcomers].map((phone) => sms(phone, 'Where is my parcel?')));

    expect(results.every((result) => result.status === 'fulfilled' && result.value !== null)).toBe(true);
    const after = await batchSizes();
    expect(after.messages - before.messages).toBe(40);
    expect(after.statements - before.statements).toBeLessThan(40);
    for (const phone of known) {
      const conversation = await conversationOf(phone);
      expect(conversation).toMatchObject({ unread_count: 2, messages: 2 });
      expect((await eventsOf(conversation.id)).map((event) => event.type)).toEqual(['conversation.created', 'message.received', 'message.received']);
    }
    for (const phone of newcomers) {
      const conversation = await conversationOf(phone);
      expect(conversation).toMatchObject({ unread_count: 1, messages: 1 });
      expect((await eventsOf(conversation.id)).map((event) => event.type)).toEqual(['conversation.created', 'message.received']);
    }
    const stored = results.map((result) => (result as PromiseFulfilledResult<StoredInbound>).value);
    for (const result of stored) {
      const received = result.events.find((event) => event.type === 'message.received');
      expect(received?.payload).toMatchObject({ messageId: result.messageId, conversationId: result.conversationId, contactId: result.contactId });
    }
  });

  it('counts every one of a customer’s messages arriving together, and stores a carrier retry arriving with its original once', async () => {
    const regular = freshNumber();
    const retried = freshNumber();
    await t.app.get(InboundMessageService).storeFast(t.dataSource, channel, sms(regular, 'Hello'), new Date());
    const providerMessageId = randomUUID();

    const results = await storeTogether([
      sms(regular, 'One'),
      sms(retried, 'Is my order late?', providerMessageId),
      sms(regular, 'Two'),
      sms(retried, 'Is my order late?', providerMessageId),
      sms(regular, 'Three'),
    ]);

    expect(await conversationOf(regular)).toMatchObject({ unread_count: 4, messages: 4 });
    expect(await conversationOf(retried)).toMatchObject({ unread_count: 1, messages: 1 });
    const retries = [results[1], results[3]];
    expect(retries.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(retries.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason)).toEqual([expect.any(DuplicateInboundMessage)]);
  });

  it('opens one conversation for a new customer whose first messages arrive together', async () => {
    const phone = freshNumber();

    const results = await storeTogether([sms(phone, 'Hi'), sms(phone, 'Anyone there?'), sms(phone, 'Hello?')]);

    expect(results.every((result) => result.status === 'fulfilled' && result.value !== null)).toBe(true);
    const conversation = await conversationOf(phone);
    expect(conversation).toMatchObject({ unread_count: 3, messages: 3 });
    expect((await eventsOf(conversation.id)).map((event) => event.type)).toEqual(['conversation.created', 'message.received', 'message.received', 'message.received']);
  });

  it('stores each message of a batch on its own when the batch fails as a whole, so one bad message fails alone', async () => {
    const phones = Array.from({ length: 6 }, freshNumber);
    const failures = () => t.app.get(MetricsService).registry.getSingleMetric('inbound_fast_path_batch_failures_total')!.get();
    const failedBefore = (await failures()).values[0]?.value ?? 0;

    // A provider id longer than the column takes: PostgreSQL refuses the whole statement it is in.
    const results = await storeTogether(phones.map((phone, index) => sms(phone, 'Hello', index === 3 ? 'x'.repeat(200) : randomUUID())));

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(((await failures()).values[0]?.value ?? 0) - failedBefore).toBeGreaterThanOrEqual(1);
    for (const phone of phones.filter((_, index) => index !== 3)) expect(await conversationOf(phone)).toMatchObject({ unread_count: 1, messages: 1 });
  });
});
