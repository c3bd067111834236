import { randomUUID } from 'node:crypto';
import { AccessTokenService, AuthModule, TeamsService, type UserActor, UsersService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, ConversationStatus, type DomainEvent, Role, type UserView } from '@backtalk/contracts';
import { ConversationsModule } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { EventLog, type NewDomainEvent, PlatformModule } from '@backtalk/platform';
import { customerTextsLine, genericLine, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { PresenceService } from './presence/presence.service';
import { RealtimeModule } from './realtime.module';
import { ConsoleClient, eventually, pause } from './testing/console-client';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, RealtimeModule] })
class RealtimeTestModule {}

const SECRET = 'realtime-webhook-secret';
const MAX_REPLAY_EVENTS = 100;

/**
 * The log is never truncated under a running tail (its position would then be ahead of the sequence), so every test
 * makes its own teams and people and reads the log from where it stood when the test began.
 */
describe('the realtime console socket', () => {
  let t: TestApp;
  let baseUrl: string;
  const clients: ConsoleClient[] = [];

  beforeAll(async () => {
    t = await TestApp.create(RealtimeTestModule, { REALTIME_REPLAY_MAX_EVENTS: String(MAX_REPLAY_EVENTS), PRESENCE_TIMEOUT_SECONDS: '2' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  async function connect(token: string | undefined): Promise<ConsoleClient> {
    const client = await ConsoleClient.connect(baseUrl, token);
    clients.push(client);
    return client;
  }

  async function live(person: Person, afterSeq?: number): Promise<ConsoleClient> {
    const client = await ConsoleClient.live(baseUrl, person.token, afterSeq ?? (await latestSeq()));
    clients.push(client);
    return client;
  }

  interface Person {
    user: UserView;
    token: string;
    actor: UserActor;
  }

  async function givenPerson(teamIds: string[], role = Role.Agent, name = `Agent ${randomUUID().slice(0, 6)}`): Promise<Person> {
    const user = await t.app.get(UsersService).create({ email: `${randomUUID()}@realtime.test`, name, password: 'correct horse battery', role, teamIds });
    return { user, token: await t.app.get(AccessTokenService).issue(user.id), actor: { kind: 'user', userId: user.id, role, teamIds } };
  }

  const givenTeam = async () => (await t.app.get(TeamsService).create({ name: `Team ${randomUUID()}` })).id;

  const givenChannel = (teamId: string): Promise<ChannelView> => t.app.get(ChannelsService).create(genericLine(teamId, SECRET));
  const textIn = (channel: ChannelView, text: string, from?: string) => customerTextsLine(t, channel, SECRET, text, from);

  async function latestSeq(): Promise<number> {
    const [row]: Array<{ seq: string }> = await t.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    return Number(row.seq);
  }

  const bodies = (client: ConsoleClient) => client.events.filter((event) => event.type === 'message.received').map((event) => event.message?.body);

  function expectStrictlyIncreasing(seqs: number[]): void {
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  }

  describe('handshake and session', () => {
    it('refuses a socket without a token, saying it is unauthenticated', async () => {
      const client = await connect(undefined);

      await eventually(() => expect(client.disconnectReason).toBe('io server disconnect'));
      expect(client.ended).toEqual([{ reason: 'unauthenticated' }]);
    });

    it('refuses a forged token, saying it is unauthenticated', async () => {
      const agent = await givenPerson([]);
      const [header, payload] = agent.token.split('.');
      const client = await connect(`${header}.${payload}.${'A'.repeat(43)}`);

      await eventually(() => expect(client.ended).toEqual([{ reason: 'unauthenticated' }]));
    });

    it('refuses an expired token, saying so, so the console refreshes it before reconnecting', async () => {
      const agent = await givenPerson([]);
      const token = await t.app.get(AccessTokenService).issue(agent.user.id, 1);
      await pause(2100);
      const client = await connect(token);

      await eventually(() => expect(client.ended).toEqual([{ reason: 'token_expired' }]));
    });

    it('refuses a deactivated user, saying so', async () => {
      const admin = await givenPerson([], Role.Admin);
      const agent = await givenPerson([]);
      await t.app.get(UsersService).update(admin.actor, agent.user.id, { active: false });
      const client = await connect(agent.token);

      await eventually(() => expect(client.ended).toEqual([{ reason: 'deactivated' }]));
      expect(client.disconnectReason).toBe('io server disconnect');
    });

    it('cuts a live socket when its token expires, with token_expired as the reason', async () => {
      const agent = await givenPerson([]);
      const client = await connect(await t.app.get(AccessTokenService).issue(agent.user.id, 2));
      await client.resume(await latestSeq());
      expect(client.ended).toEqual([]);

      await eventually(() => expect(client.ended).toEqual([{ reason: 'token_expired' }]), 5000);
      await eventually(() => expect(client.disconnectReason).toBe('io server disconnect'));
    });

    it('keeps a socket open past its first token when the console sends a fresh one for the same user, and only then', async () => {
      const agent = await givenPerson([]);
      const other = await givenPerson([]);
      const client = await connect(await t.app.get(AccessTokenService).issue(agent.user.id, 2));

      expect(await client.socket.emitWithAck('token.refresh', { token: other.token })).toEqual({ ok: false });
      expect(await client.socket.emitWithAck('token.refresh', { token: 'not-a-token' })).toEqual({ ok: false });
      expect(await client.socket.emitWithAck('token.refresh', { token: await t.app.get(AccessTokenService).issue(agent.user.id) })).toEqual({ ok: true });
      await pause(3000);

      expect(client.socket.connected).toBe(true);
      expect(client.ended).toEqual([]);
    });

    it('ends the session of a user deactivated while connected when the console next refreshes its token', async () => {
      const admin = await givenPerson([], Role.Admin);
      const agent = await givenPerson([]);
      const client = await connect(agent.token);
      await t.app.get(UsersService).update(admin.actor, agent.user.id, { active: false });

      expect(await client.socket.emitWithAck('token.refresh', { token: await t.app.get(AccessTokenService).issue(agent.user.id) })).toEqual({ ok: false });
      await eventually(() => expect(client.ended).toEqual([{ reason: 'deactivated' }]));
    });
  });

  describe('who receives what', () => {
    it('never gives an agent of team A the events of team B, while admins get both', async () => {
      const [teamA, teamB] = [await givenTeam(), await givenTeam()];
      const [channelA, channelB] = [await givenChannel(teamA), await givenChannel(teamB)];
      const agentA = await givenPerson([teamA]);
      const agentB = await givenPerson([teamB]);
      const admin = await givenPerson([], Role.Admin);
      const start = await latestSeq();
      const [socketA, socketB, socketAdmin] = [await live(agentA, start), await live(agentB, start), await live(admin, start)];

      for (let index = 0; index < 5; index++) {
        await textIn(channelA, `for team A ${index}`);
        await textIn(channelB, `for team B ${index}`);
      }

      await eventually(() => expect(bodies(socketAdmin)).toHaveLength(10));
      await eventually(() => expect(bodies(socketA)).toHaveLength(5));
      await eventually(() => expect(bodies(socketB)).toHaveLength(5));
      await pause(300);
      expect(bodies(socketA)).toEqual([0, 1, 2, 3, 4].map((index) => `for team A ${index}`));
      expect(bodies(socketB)).toEqual([0, 1, 2, 3, 4].map((index) => `for team B ${index}`));
      expect(socketA.events.every((event) => event.teamId === teamA && event.conversation?.teamId === teamA)).toBe(true);
      expect(socketB.events.every((event) => event.teamId === teamB && event.conversation?.teamId === teamB)).toBe(true);

      // The same holds for what a reconnecting console is sent.
      const replayA = await (await connect(agentA.token)).resume(start);
      expect(replayA.status === 'ok' && replayA.events.map((event) => event.seq)).toEqual(socketA.seqs);
    });

    it('sends each event with its seq, the conversation and the message as they are, in seq order', async () => {
      const team = await givenTeam();
      const channel = await givenChannel(team);
      const agent = await givenPerson([team]);
      const socket = await live(agent);

      await textIn(channel, 'Where is my order?', '+380501112233');

      await eventually(() => expect(socket.events.map((event) => event.type)).toEqual(['conversation.created', 'message.received']));
      const [created, received] = socket.events;
      expect(received.seq).toBe(created.seq + 1);
      expect(received.message).toMatchObject({ body: 'Where is my order?', direction: 'inbound', conversationId: received.conversationId });
      expect(received.conversation).toMatchObject({ id: received.conversationId, teamId: team, contact: { phone: '+380501112233' }, unreadCount: 1 });
      expect(created.conversation?.id).toBe(received.conversationId);
    });
  });

  describe('resuming after a gap', () => {
    it('replays what a console missed while disconnected, then streams, with nothing lost and nothing twice', async () => {
      const team = await givenTeam();
      const channel = await givenChannel(team);
      const agent = await givenPerson([team]);
      const first = await live(agent);
      await textIn(channel, 'before the cut 0');
      await textIn(channel, 'before the cut 1');
      await eventually(() => expect(bodies(first)).toHaveLength(2));
      const lastApplied = first.seqs[first.seqs.length - 1];
      first.close();

      for (let index = 0; index < 10; index++) await textIn(channel, `while away ${index}`);
      // More arrive while the console reconnects and its replay is read.
      const during = Promise.all(Array.from({ length: 10 }, (_, index) => textIn(channel, `during the replay ${index}`)));
      const second = await live(agent, lastApplied);
      await during;
      for (let index = 0; index < 5; index++) await textIn(channel, `after ${index}`);

      await eventually(() => expect(bodies(second)).toHaveLength(25));
      await pause(300);
      expectStrictlyIncreasing(second.seqs);
      expect(second.seqs[0]).toBeGreaterThan(lastApplied);
      const received = bodies(second);
      expect(new Set(received).size).toBe(25);
      expect(received.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, index) => `while away ${index}`));
      expect(received.slice(20)).toEqual(Array.from({ length: 5 }, (_, index) => `after ${index}`));
      // Together with what the first socket had, the seqs are exactly the log's for this team.
      const [row]: Array<{ seqs: string[] }> = await t.dataSource.query(`SELECT array_agg(seq ORDER BY seq) AS seqs FROM domain_event WHERE team_id = $1`, [team]);
      expect([...first.seqs, ...second.seqs]).toEqual(row.seqs.map(Number));
    });

    it('answers a console that is already up to date with no events, and streams from there', async () => {
      const team = await givenTeam();
      const channel = await givenChannel(team);
      const agent = await givenPerson([team]);
      const client = await connect(agent.token);

      const result = await client.resume(await latestSeq());
      await textIn(channel, 'hello');

      expect(result).toMatchObject({ status: 'ok', events: [] });
      await eventually(() => expect(bodies(client)).toEqual(['hello']));
    });

    it('sends nothing before the console says where it stands', async () => {
      const team = await givenTeam();
      const channel = await givenChannel(team);
      const agent = await givenPerson([team]);
      const client = await connect(agent.token);
      const before = await latestSeq();

      await textIn(channel, 'not yet');
      await pause(300);
      expect(client.events).toEqual([]);
      const result = await client.resume(before);

      expect(result.status === 'ok' && result.events.map((event) => event.message?.body).filter(Boolean)).toEqual(['not yet']);
    });

    it('tells a console to reload its lists when it missed more events than it may be sent, and streams from the latest', async () => {
      const team = await givenTeam();
      const channel = await givenChannel(team);
      const agent = await givenPerson([team]);
      const observer = await live(await givenPerson([team]));
      const lastApplied = await latestSeq();
      const missed = await appendCommitted(team, MAX_REPLAY_EVENTS + 1);
      await eventually(() => expect(observer.seqs).toHaveLength(missed.length));
      const client = await connect(agent.token);

      const result = await client.resume(lastApplied);
      await textIn(channel, 'after the resync');

      expect(result).toEqual({ status: 'resync', reason: 'too_many_events', latestSeq: missed.at(-1)!.seq });
      await eventually(() => expect(bodies(client)).toEqual(['after the resync']));
      expect(client.seqs[0]).toBeGreaterThan(missed.at(-1)!.seq);
    });

    it('replays a gap of exactly as many events as it may send', async () => {
      const team = await givenTeam();
      const observer = await live(await givenPerson([team]));
      const lastApplied = await latestSeq();
      const missed = await appendCommitted(team, MAX_REPLAY_EVENTS);
      await eventually(() => expect(observer.seqs).toHaveLength(missed.length));

      const result = await (await connect((await givenPerson([team])).token)).resume(lastApplied);

      expect(result.status === 'ok' && result.events.map((event) => event.seq)).toEqual(missed.map((event) => event.seq));
    });

    it('tells a console to reload its lists when the first event it missed is too old', async () => {
      const team = await givenTeam();
      const agent = await givenPerson([team]);
      const observer = await live(await givenPerson([team]));
      const lastApplied = await latestSeq();
      const [old] = await appendCommitted(team, 1);
      await eventually(() => expect(observer.seqs).toEqual([old.seq]));
      await t.dataSource.query(`UPDATE domain_event SET created_at = now() - interval '2 days' WHERE seq = $1`, [old.seq]);
      const client = await connect(agent.token);

      expect(await client.resume(lastApplied)).toEqual({ status: 'resync', reason: 'gap_too_old', latestSeq: old.seq });
    });
  });

  describe('transactions that commit out of seq order', () => {
    const updated = (teamId: string): NewDomainEvent => {
      const conversationId = randomUUID();
      return { type: 'conversation.updated', teamId, conversationId, payload: { conversationId, status: ConversationStatus.Open, previousStatus: null, reason: 'test' } };
    };

    async function openTransaction(teamId: string) {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      const events = await t.app.get(EventLog).append(runner.manager, [updated(teamId)]);
      return {
        seq: events[0].seq,
        async commit(publish = true) {
          await runner.commitTransaction();
          await runner.release();
          if (publish) t.app.get(EventLog).publish(events);
        },
        async rollback() {
          await runner.rollbackTransaction();
          await runner.release();
        },
      };
    }

    it('holds a later event until the earlier transaction commits, then delivers both in seq order', async () => {
      const team = await givenTeam();
      const client = await live(await givenPerson([team]));
      const earlier = await openTransaction(team);
      const later = await openTransaction(team);
      expect(later.seq).toBe(earlier.seq + 1);

      await later.commit();
      await pause(500);
      expect(client.seqs).toEqual([]);
      await earlier.commit();

      await eventually(() => expect(client.seqs).toEqual([earlier.seq, later.seq]));
    });

    it('delivers the later event once the earlier transaction rolls back', async () => {
      const team = await givenTeam();
      const client = await live(await givenPerson([team]));
      const abandoned = await openTransaction(team);
      const later = await openTransaction(team);

      await later.commit();
      await pause(300);
      expect(client.seqs).toEqual([]);
      await abandoned.rollback();

      await eventually(() => expect(client.seqs).toEqual([later.seq]));
    });

    it('delivers a committed event whose publication never reached anyone, from the log', async () => {
      const team = await givenTeam();
      const client = await live(await givenPerson([team]));
      const unpublished = await openTransaction(team);

      await unpublished.commit(false);

      await eventually(() => expect(client.seqs).toEqual([unpublished.seq]), 5000);
    });

    it('replays an event that committed late to a console that resumed while it was in flight', async () => {
      const team = await givenTeam();
      const agent = await givenPerson([team]);
      const start = await latestSeq();
      const earlier = await openTransaction(team);
      const later = await openTransaction(team);
      await later.commit();
      const client = await connect(agent.token);
      const resumed = client.resume(start);
      await pause(200);
      await earlier.commit();

      expect((await resumed).status).toBe('ok');
      await eventually(() => expect(client.seqs).toEqual([earlier.seq, later.seq]));
    });
  });

  describe('presence, typing and viewing', () => {
    it('tells teammates when someone comes online, goes away and leaves, and not other teams', async () => {
      const [team, otherTeam] = [await givenTeam(), await givenTeam()];
      const watcher = await live(await givenPerson([team]));
      const outsider = await live(await givenPerson([otherTeam]));
      const colleague = await givenPerson([team]);

      const socket = await live(colleague);
      await eventually(() => expect(watcher.presence).toContainEqual(expect.objectContaining({ userId: colleague.user.id, status: 'online' })));
      socket.socket.emit('presence.set', { status: 'away' });
      await eventually(() => expect(watcher.presence).toContainEqual(expect.objectContaining({ userId: colleague.user.id, status: 'away' })));
      expect((await t.app.get(PresenceService).statusOf([colleague.user.id])).get(colleague.user.id)?.status).toBe('away');
      socket.close();

      await eventually(() => expect(watcher.presence.at(-1)).toMatchObject({ userId: colleague.user.id, status: 'offline' }));
      expect(outsider.presence.filter((presence) => presence.userId === colleague.user.id)).toEqual([]);
    });

    it('shows a console that connects who of its teammates is already online', async () => {
      const team = await givenTeam();
      const colleague = await givenPerson([team]);
      await live(colleague);

      const newcomer = await live(await givenPerson([team]));

      await eventually(() => expect(newcomer.presence).toContainEqual(expect.objectContaining({ userId: colleague.user.id, status: 'online' })));
    });

    it('marks someone offline when their console stops sending heartbeats, and keeps them online while it does', async () => {
      const team = await givenTeam();
      const watcher = await live(await givenPerson([team]));
      const beating = await givenPerson([team]);
      const silent = await givenPerson([team]);
      const beatingSocket = await live(beating);
      await live(silent);
      const heartbeats = setInterval(() => beatingSocket.socket.emit('heartbeat'), 500);
      try {
        await eventually(() => expect(watcher.presence).toContainEqual(expect.objectContaining({ userId: silent.user.id, status: 'offline' })), 6000);
        expect(watcher.presence).not.toContainEqual(expect.objectContaining({ userId: beating.user.id, status: 'offline' }));
        expect((await t.app.get(PresenceService).statusOf([beating.user.id, silent.user.id])).get(beating.user.id)?.status).toBe('online');
      } finally {
        clearInterval(heartbeats);
      }
    });

    async function givenConversation(team: string): Promise<string> {
      const channel = await givenChannel(team);
      const before = await latestSeq();
      await textIn(channel, 'hi');
      const [row]: Array<{ conversation_id: string }> = await t.dataSource.query(`SELECT conversation_id FROM domain_event WHERE seq > $1 AND team_id = $2 LIMIT 1`, [before, team]);
      return row.conversation_id;
    }

    it('shows who is typing, with their name, only to those who can see the conversation', async () => {
      const [team, otherTeam] = [await givenTeam(), await givenTeam()];
      const conversationId = await givenConversation(team);
      const typist = await givenPerson([team], Role.Agent, 'Ann Typist');
      const [typistSocket, colleague, outsider, admin] = [
        await live(typist),
        await live(await givenPerson([team])),
        await live(await givenPerson([otherTeam])),
        await live(await givenPerson([], Role.Admin)),
      ];

      typistSocket.socket.emit('typing', { conversationId, typing: true });

      const signal = { conversationId, userId: typist.user.id, userName: 'Ann Typist', typing: true };
      await eventually(() => expect(colleague.typing).toEqual([signal]));
      await eventually(() => expect(admin.typing).toEqual([signal]));
      typistSocket.close();
      await eventually(() => expect(colleague.typing.at(-1)).toEqual({ ...signal, typing: false }));
      expect(outsider.typing).toEqual([]);
      expect(typistSocket.typing).toEqual([]);
    });

    it('ignores typing in a conversation the sender cannot see', async () => {
      const [team, otherTeam] = [await givenTeam(), await givenTeam()];
      const conversationId = await givenConversation(otherTeam);
      const intruder = await live(await givenPerson([team]));
      const insider = await live(await givenPerson([otherTeam]));

      intruder.socket.emit('typing', { conversationId, typing: true });
      await pause(300);

      expect(insider.typing).toEqual([]);
    });

    it('limits how many typing signals one socket can send', async () => {
      const team = await givenTeam();
      const conversationId = await givenConversation(team);
      const [typist, colleague] = [await live(await givenPerson([team])), await live(await givenPerson([team]))];

      for (let index = 0; index < 40; index++) typist.socket.emit('typing', { conversationId, typing: index % 2 === 0 });
      await pause(800);

      expect(colleague.typing.length).toBeGreaterThanOrEqual(10);
      expect(colleague.typing.length).toBeLessThan(20);
    });

    it('tells a viewer who else has the conversation open, and the others that they arrived and left', async () => {
      const [team, otherTeam] = [await givenTeam(), await givenTeam()];
      const conversationId = await givenConversation(team);
      const first = await givenPerson([team], Role.Agent, 'First Viewer');
      const second = await givenPerson([team], Role.Agent, 'Second Viewer');
      const [firstSocket, secondSocket, outsider] = [await live(first), await live(second), await live(await givenPerson([otherTeam]))];

      firstSocket.socket.emit('viewing', { conversationId });
      await eventually(() => expect(secondSocket.viewing).toEqual([{ conversationId, userId: first.user.id, userName: 'First Viewer', viewing: true }]));
      secondSocket.socket.emit('viewing', { conversationId });
      await eventually(() => expect(firstSocket.viewing).toEqual([{ conversationId, userId: second.user.id, userName: 'Second Viewer', viewing: true }]));
      await eventually(() => expect(secondSocket.viewing).toHaveLength(2));
      expect(secondSocket.viewing[1]).toEqual({ conversationId, userId: first.user.id, userName: 'First Viewer', viewing: true });
      firstSocket.close();

      await eventually(() => expect(secondSocket.viewing.at(-1)).toEqual({ conversationId, userId: first.user.id, userName: 'First Viewer', viewing: false }));
      expect(outsider.viewing).toEqual([]);
    });
  });

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
});
