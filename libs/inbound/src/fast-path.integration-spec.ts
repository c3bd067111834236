import { randomUUID } from 'node:crypto';
import { AuthModule, TeamsService } from '@backtalk/auth';
import type { InboundSms } from '@backtalk/carriers';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { ConversationsModule } from '@backtalk/conversations';
import { MetricsService, PhoneHasher, PlatformModule } from '@backtalk/platform';
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

  /**
   * The lone statement and the batched one each check these numbers; the general path then blocks the message, or
   * gives the new contact the opt-outs the number had.
   */
  it.each(['alone', 'in a batch'])('leaves to the general path a message %s from a number the team blocked, one merged into another contact, and one an erased customer had', async (arrival) => {
    const service = t.app.get(InboundMessageService);
    const [blocked, survivor, merged, erased] = Array.from({ length: 4 }, freshNumber);
    for (const phone of [blocked, survivor]) await service.storeFast(t.dataSource, channel, sms(phone, 'Hello'), new Date());
    await t.dataSource.query(`INSERT INTO contact_block (contact_id, team_id) SELECT id, $2 FROM contact WHERE phone = $1`, [blocked, channel.teamId]);
    await t.dataSource.query(`INSERT INTO contact_merge (contact_id, absorbed_contact_id, absorbed_phone, absorbed_name) SELECT id, gen_random_uuid(), $2, '' FROM contact WHERE phone = $1`, [
      survivor,
      merged,
    ]);
    await t.dataSource.query(`INSERT INTO contact (phone, phone_hash, erased_at) VALUES (NULL, $1, now())`, [await t.app.get(PhoneHasher).hash(erased)]);
    const guarded = [blocked, merged, erased];
    const alongside = arrival === 'in a batch' ? Array.from({ length: 5 }, freshNumber) : [];
    const before = await batchSizes();

    const results =
      arrival === 'alone'
        ? await Promise.all(guarded.map((phone) => service.storeFast(t.dataSource, channel, sms(phone, 'Are you there?'), new Date())))
        : (await storeTogether([...alongside, ...guarded].map((phone) => sms(phone, 'Are you there?')))).map((result) => (result as PromiseFulfilledResult<StoredInbound | null>).value);

    if (arrival === 'in a batch') expect((await batchSizes()).statements - before.statements).toBeLessThan(alongside.length + guarded.length);
    expect(results.slice(-guarded.length)).toEqual([null, null, null]);
    expect(results.slice(0, alongside.length).every((result) => result !== null)).toBe(true);
    const stored = await t.dataSource.query<Array<{ phone: string }>>(
      `SELECT ct.phone FROM message m JOIN conversation cv ON cv.id = m.conversation_id JOIN contact ct ON ct.id = cv.contact_id WHERE m.body = 'Are you there?' AND ct.phone = ANY($1)`,
      [guarded],
    );
    expect(stored).toEqual([]);
  });

  it('stores each message of a batch on its own when the batch fails as a whole, so one bad message fails alone', async () => {
    const phones = Array.from({ length: 6 }, freshNumber);
    const failures = () => t.app.get(MetricsService).registry.getSingleMetric('inbound_fast_path_batch_failures_total')!.get();
    const failedBefore = (await failures()).values[0]?.value ?? 0;

    // A provider id longer than the column takes: PostgreSQL refuses the whole statement it is in.
    const results = await storeTogether(phones.map((phone, index) => sms(phone, 'Hello', index === 3 ? 'x'.repeat(200) : randomUUID())));

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(((await failures()).values[0]?.value ?? 0) - failedBefore).toBe(1);
    for (const phone of phones.filter((_, index) => index !== 3)) expect(await conversationOf(phone)).toMatchObject({ unread_count: 1, messages: 1 });
  });
});
