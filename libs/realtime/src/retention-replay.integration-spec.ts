import { randomUUID } from 'node:crypto';
import { AccessTokenService, AuthModule, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, ConversationStatus, type DomainEvent, Role } from '@backtalk/contracts';
import { ConversationsModule } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { EventLog, type NewDomainEvent, PlatformModule } from '@backtalk/platform';
import { RetentionModule, RetentionService } from '@backtalk/retention';
import { customerTextsLine, genericLine, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { RealtimeModule } from './realtime.module';
import { ConsoleClient, eventually } from './testing/console-client';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, RealtimeModule, RetentionModule] })
class RetentionReplayTestModule {}

const SECRET = 'retention-webhook-secret';
const BATCH = 100;

/**
 * The event log's retention against the realtime replay: the console's window is a day, the log keeps two, and events
 * are aged by moving their `created_at` back. Each test ages the whole log up to where it began (older tests' events
 * too), since retention trims the log only from its low end.
 */
describe('event log retention under reconnecting consoles', () => {
  let t: TestApp;
  let baseUrl: string;
  const clients: ConsoleClient[] = [];

  beforeAll(async () => {
    t = await TestApp.create(RetentionReplayTestModule, { RETENTION_EVENTS_HOURS: '48', REALTIME_REPLAY_MAX_AGE_SECONDS: '86400', RETENTION_BATCH_SIZE: String(BATCH) });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  async function givenAgent(teamId: string): Promise<string> {
    const user = await t.app.get(UsersService).create({ email: `${randomUUID()}@retention.test`, name: 'Retention Agent', password: 'correct horse battery', role: Role.Agent, teamIds: [teamId] });
    return t.app.get(AccessTokenService).issue(user.id);
  }

  const givenTeam = async () => (await t.app.get(TeamsService).create({ name: `Team ${randomUUID()}` })).id;

  const givenChannel = (teamId: string): Promise<ChannelView> => t.app.get(ChannelsService).create(genericLine(teamId, SECRET));
  const textIn = (channel: ChannelView, text: string) => customerTextsLine(t, channel, SECRET, text);

  async function appendCommitted(teamId: string, count: number): Promise<DomainEvent[]> {
    const eventLog = t.app.get(EventLog);
    const events = await t.dataSource.transaction((manager) =>
      eventLog.append(
        manager,
        Array.from({ length: count }, (): NewDomainEvent => {
          const conversationId = randomUUID();
          return { type: 'conversation.updated', teamId, conversationId, payload: { conversationId, status: ConversationStatus.Open, previousStatus: null, reason: 'test' } };
        }),
      ),
    );
    eventLog.publish(events);
    return events;
  }

  async function connect(token: string): Promise<ConsoleClient> {
    const client = await ConsoleClient.connect(baseUrl, token);
    clients.push(client);
    return client;
  }

  async function latestSeq(): Promise<number> {
    const [row]: Array<{ seq: string }> = await t.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    return Number(row.seq);
  }

  /** Every event up to `seq` written `hours` ago. */
  async function age(throughSeq: number, hours: number): Promise<void> {
    await t.dataSource.query(`UPDATE domain_event SET created_at = now() - make_interval(hours => $2) WHERE seq <= $1`, [throughSeq, hours]);
  }

  const logSeqs = async (teamId: string, afterSeq: number): Promise<number[]> => {
    const [row]: Array<{ seqs: string[] | null }> = await t.dataSource.query(`SELECT array_agg(seq ORDER BY seq) AS seqs FROM domain_event WHERE team_id = $1 AND seq > $2`, [teamId, afterSeq]);
    return (row.seqs ?? []).map(Number);
  };

  const horizon = async (): Promise<number> => {
    const [row]: Array<{ deleted_through: string }> = await t.dataSource.query(`SELECT deleted_through FROM domain_event_horizon`);
    return Number(row.deleted_through);
  };

  it('deletes the log from its old end, a batch at a time, up to the first event inside the window, and records the horizon there', async () => {
    const team = await givenTeam();
    const old = await appendCommitted(team, 2 * BATCH + 50);
    const oldThrough = old.at(-1)!.seq;
    await age(oldThrough, 72);
    const [{ doomed }]: Array<{ doomed: number }> = await t.dataSource.query(`SELECT count(*)::int AS doomed FROM domain_event WHERE seq <= $1`, [oldThrough]);
    const [young] = await appendCommitted(team, 1);
    // Older than the window but above an event inside it: the log is trimmed only from its end, so it stays.
    const [stranded] = await appendCommitted(team, 1);
    await t.dataSource.query(`UPDATE domain_event SET created_at = now() - interval '72 hours' WHERE seq = $1`, [stranded.seq]);

    const pass = await t.app.get(RetentionService).trim('domain_event');

    expect(pass).toMatchObject({ table: 'domain_event', deleted: doomed, caughtUp: true });
    expect(pass.batches).toBeGreaterThanOrEqual(Math.ceil(doomed / BATCH));
    const [{ left }]: Array<{ left: number }> = await t.dataSource.query(`SELECT count(*)::int AS left FROM domain_event WHERE seq <= $1`, [oldThrough]);
    expect(left).toBe(0);
    expect(await logSeqs(team, oldThrough)).toEqual([young.seq, stranded.seq]);
    expect(await horizon()).toBe(oldThrough);
    // Nothing more is past the window from the log's end: a second pass deletes nothing.
    expect((await t.app.get(RetentionService).trim('domain_event')).deleted).toBe(0);
  });

  it('replays a console that reconnects within the window every event it missed, in order, after retention ran', async () => {
    const team = await givenTeam();
    const channel = await givenChannel(team);
    const token = await givenAgent(team);
    const oldThrough = (await appendCommitted(team, 5)).at(-1)!.seq;
    await age(oldThrough, 72);
    const first = await connect(token);
    expect((await first.resume(await latestSeq())).status).toBe('ok');
    await textIn(channel, 'seen before the cut');
    await eventually(() => expect(first.events.filter((event) => event.type === 'message.received')).toHaveLength(1));
    const lastApplied = first.seqs.at(-1)!;
    first.close();
    // Away for 20 hours, within the day the console may be replayed.
    for (let index = 0; index < 5; index++) await textIn(channel, `while away ${index}`);
    await t.dataSource.query(`UPDATE domain_event SET created_at = now() - interval '20 hours' WHERE seq > $1`, [oldThrough]);

    const pass = await t.app.get(RetentionService).trim('domain_event');
    const second = await connect(token);
    const result = await second.resume(lastApplied);

    expect(pass.deleted).toBeGreaterThanOrEqual(5);
    expect(await horizon()).toBeLessThan(lastApplied);
    expect(result.status).toBe('ok');
    const replayed = result.status === 'ok' ? result.events : [];
    expect(replayed.map((event) => event.seq)).toEqual(await logSeqs(team, lastApplied));
    expect(replayed.filter((event) => event.type === 'message.received').map((event) => event.message?.body)).toEqual(Array.from({ length: 5 }, (_, index) => `while away ${index}`));
  });

  it('tells a console whose missed events retention deleted to reload its lists, though the few left are recent', async () => {
    const team = await givenTeam();
    const channel = await givenChannel(team);
    const token = await givenAgent(team);
    const old = await appendCommitted(team, 3);
    const lastApplied = old[0].seq;
    await age(old.at(-1)!.seq, 72);
    await textIn(channel, 'recent, after the deleted ones');

    await t.app.get(RetentionService).trim('domain_event');
    const client = await connect(token);
    const result = await client.resume(lastApplied);
    await textIn(channel, 'after the resync');

    // Without the horizon, the one recent event left after `lastApplied` would look like the whole gap.
    expect(await horizon()).toBeGreaterThanOrEqual(old.at(-1)!.seq);
    expect(result).toMatchObject({ status: 'resync', reason: 'gap_too_old' });
    await eventually(() => expect(client.events.filter((event) => event.type === 'message.received').map((event) => event.message?.body)).toEqual(['after the resync']));
  });
});
