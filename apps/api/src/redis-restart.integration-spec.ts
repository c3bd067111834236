import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type ConversationView, MessageDirection, MessageStatus, type MessageView, type Page, Provider, Role, SenderType } from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { SEND_JOB } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { eventually, FakeAggregator, genericSigned, PrivateRedisServer, TestApp } from '@backtalk/testing';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ApiModule } from './api.module';

const PUBLIC_BASE_URL = 'https://backtalk.test';
const SECRET = 'generic-webhook-secret';
const CUSTOMER = '+380501234567';
const PASSWORD = 'correct horse battery staple';
const REPLIES = 12;

/** What the worker keeps scheduled in Redis, by queue. */
const SCHEDULES = {
  [QueueName.Maintenance]: ['purge-refresh-tokens', 'refresh-report-facts', 'refresh-report-rollups', 'retention'],
  [QueueName.Inbound]: ['flush-stale-concat'],
  [QueueName.Outbound]: ['sweep-outbox'],
  [QueueName.Routing]: ['automation-sweep', 'csat-sweep', 'routing-sweep'],
};

/**
 * Redis restarted without persistence loses every job: waiting and delayed sends, and the repeatable sweeps that would
 * find them again in PostgreSQL. A private redis-server stands in for Redis here: the shared one serves everyone else.
 */
function withPrivateRedis(env: Record<string, string>) {
  const context: { redis?: PrivateRedisServer; t?: TestApp; aggregator?: FakeAggregator } = {};
  beforeAll(async () => {
    context.redis = await PrivateRedisServer.start();
    context.aggregator = await FakeAggregator.start();
    context.t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), {
      PUBLIC_BASE_URL,
      REDIS_URL: context.redis.url,
      AUTOMATION_SENTENCE_ENCODER: 'none',
      OUTBOX_SWEEP_INTERVAL_MS: '500',
      OUTBOX_REQUEUE_AFTER_MS: '1000',
      ...env,
    });
    // Earlier files of the run share the database; their channels may hold this file's senders.
    await context.t.reset();
  });
  afterAll(async () => {
    try {
      await context.t?.close();
      await context.aggregator?.close();
    } finally {
      await context.redis?.kill();
    }
  });
  return context as Required<typeof context>;
}

async function schedules(t: TestApp): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    Object.keys(SCHEDULES).map(async (name) => [name, (await t.app.get<Queue>(getQueueToken(name)).getRepeatableJobs()).map((job) => job.name).sort()] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * Queues replies with one send inside the provider call and the rest waiting in Redis behind a paused worker (one of
 * them scheduled), lets `disaster` strike, resumes the worker and returns the replies once all are sent or time is up.
 */
async function repliesAcross(context: ReturnType<typeof withPrivateRedis>, label: string, sender: string, disaster: () => Promise<void>): Promise<MessageEntity[]> {
  const { t, aggregator } = context;
  const teamId = (await t.app.get(TeamsService).create({ name: `Support ${label}` })).id;
  const email = `agent-${label}@example.com`;
  await t.app.get(UsersService).create({ email, name: 'Andriy Agent', role: Role.Agent, password: PASSWORD, teamIds: [teamId] });
  const token = (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  const channel: ChannelView = await t.app.get(ChannelsService).create({
    teamId,
    name: `Orders line ${label}`,
    provider: Provider.Generic,
    sender,
    senderType: SenderType.TollFree,
    ratePerSecond: 100,
    country: 'US',
    secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
    confirmations: { optOut: null, optIn: null, help: false },
  });
  const inbound = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${label}`, from: CUSTOMER, to: channel.sender, text: 'Where is my order?' }, SECRET);
  expect((await t.deliver(inbound)).status).toBe(200);
  const [conversation] = (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token })).body.items;
  const reply = async (body: Record<string, unknown>) => {
    const response = await t.request<MessageView>('POST', `/api/conversations/${conversation.id}/messages`, { token, body });
    expect(response.status).toBe(201);
  };
  const queue = t.app.get<Queue>(getQueueToken(QueueName.Outbound));

  aggregator.behave({ acceptAfterMs: 1500 });
  await reply({ body: 'Reply in flight' });
  await eventually(() => aggregator.sends.length, (count) => count > 0);
  await queue.pause(true, true);
  for (let index = 1; index < REPLIES; index += 1) await reply({ body: `Reply ${index}` });
  await reply({ body: 'Scheduled reply', sendAt: new Date(Date.now() + 1000).toISOString() });
  const sendsIn = async (jobs: Promise<Array<{ name: string }>>) => (await jobs).filter((job) => job.name === SEND_JOB).length;
  expect([await sendsIn(queue.getWaiting()), await sendsIn(queue.getDelayed())]).toEqual([REPLIES - 1, 1]);

  await disaster();
  await queue.resume(true);

  const replies = () => t.dataSource.getRepository(MessageEntity).find({ where: { conversationId: conversation.id, direction: MessageDirection.Outbound } });
  return eventually(replies, (messages) => messages.every((message) => message.status === MessageStatus.Sent), 20_000, 200);
}

function expectEachSentOnce(replies: MessageEntity[], aggregator: FakeAggregator): void {
  expect(replies.filter((message) => message.status !== MessageStatus.Sent).map((message) => `${message.body}: ${message.status}`)).toEqual([]);
  expect(replies).toHaveLength(REPLIES + 1);
  const ids = new Set(replies.map((message) => message.id));
  expect(aggregator.sends.map((send) => send.body.id).filter((id) => ids.has(id)).sort()).toEqual([...ids].sort());
}

describe('a Redis restart that loses every job', () => {
  // The periodic check is an hour away: the reconnect alone must restore the sweeps.
  const context = withPrivateRedis({ REPEATABLE_JOBS_CHECK_INTERVAL_MS: '3600000' });

  it('sends every reply queued before the restart exactly once, without restarting the worker', async () => {
    const replies = await repliesAcross(context, 'restart', '+14155550107', () => context.redis.restartEmpty());
    expectEachSentOnce(replies, context.aggregator);
    expect(await schedules(context.t)).toEqual(SCHEDULES);
  }, 60_000);
});

describe('Redis losing the schedules while the connection stays up', () => {
  const context = withPrivateRedis({ REPEATABLE_JOBS_CHECK_INTERVAL_MS: '500' });

  it('schedules every sweep again within one check, and the replies queued before the loss are sent exactly once', async () => {
    const replies = await repliesAcross(context, 'flush', '+14155550108', async () => {
      await context.t.redis.flushall();
    });
    expectEachSentOnce(replies, context.aggregator);
    expect(await eventually(() => schedules(context.t), (found) => JSON.stringify(found) === JSON.stringify(SCHEDULES))).toEqual(SCHEDULES);
  }, 60_000);
});
