import { randomUUID } from 'node:crypto';
import { AccessTokenService, AuthModule, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { ActivityType, type ChannelView, type ConversationView, type Page, type RealtimeEvent, Role } from '@backtalk/contracts';
import { ConversationsModule } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { PlatformModule } from '@backtalk/platform';
import { customerTextsLine, genericLine, randomUkrainianMobile, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { RealtimeModule } from './realtime.module';
import { ConsoleClient, eventually } from './testing/console-client';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, RealtimeModule] })
class ActivityTestModule {}

const SECRET = 'activity-realtime-secret';

/** The activity lines a console received, as it would write them: type and who. */
const activityOf = (client: ConsoleClient) =>
  client.events.filter((event): event is RealtimeEvent<'conversation.activity'> => event.type === 'conversation.activity').map((event) => [event.payload.activity.type, event.payload.activity.actor.name]);

/** Like the realtime spec, never truncates the log under the running tail: every test makes its own teams and people. */
describe('activity lines over the realtime socket', () => {
  let t: TestApp;
  let baseUrl: string;
  const clients: ConsoleClient[] = [];

  beforeAll(async () => {
    t = await TestApp.create(ActivityTestModule);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  async function live(token: string, afterSeq?: number): Promise<ConsoleClient> {
    const client = await ConsoleClient.live(baseUrl, token, afterSeq ?? (await latestSeq()));
    clients.push(client);
    return client;
  }

  async function latestSeq(): Promise<number> {
    const [row]: Array<{ seq: string }> = await t.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    return Number(row.seq);
  }

  async function givenPerson(teamIds: string[], name: string): Promise<string> {
    const user = await t.app.get(UsersService).create({ email: `${randomUUID()}@activity.test`, name, password: 'correct horse battery', role: Role.Agent, teamIds });
    return t.app.get(AccessTokenService).issue(user.id);
  }

  async function givenConversation(): Promise<{ teamId: string; channel: ChannelView; conversationId: string; agent: string; from: string }> {
    const teamId = (await t.app.get(TeamsService).create({ name: `Team ${randomUUID()}` })).id;
    const channel = await t.app.get(ChannelsService).create({ ...genericLine(teamId, SECRET), confirmations: { optOut: null, optIn: null, help: false } });
    const agent = await givenPerson([teamId], 'Maria Agent');
    const from = randomUkrainianMobile();
    await textIn(channel, from, 'Hello');
    const [conversation] = (await t.request<Page<ConversationView>>('GET', `/api/conversations?view=team&teamId=${teamId}`, { token: agent })).body.items;
    return { teamId, channel, conversationId: conversation.id, agent, from };
  }

  const textIn = (channel: ChannelView, from: string, text: string) => customerTextsLine(t, channel, SECRET, text, from);

  async function act(token: string, conversationId: string, action: string, body?: unknown): Promise<void> {
    expect((await t.request('POST', `/api/conversations/${conversationId}/${action}`, { token, body })).status).toBeLessThan(300);
  }

  it('sends each line after its change committed, with the actor name and the conversation, and only to those who may see it', async () => {
    const { conversationId, agent } = await givenConversation();
    const outsider = await givenPerson([(await t.app.get(TeamsService).create({ name: `Other ${randomUUID()}` })).id], 'Outsider');
    const console = await live(agent);
    const other = await live(outsider);

    await act(agent, conversationId, 'resolve');

    await eventually(() => expect(activityOf(console)).toEqual([[ActivityType.Resolved, 'Maria Agent']]));
    const line = console.events.find((event) => event.type === 'conversation.activity')!;
    // The status change and its line are one commit; the line comes right after the change it describes.
    const change = console.events.find((event) => event.type === 'conversation.updated')!;
    expect(line.seq).toBe(change.seq + 1);
    expect(line.conversation).toMatchObject({ id: conversationId, status: 'resolved' });
    const [stored]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM conversation_activity WHERE conversation_id = $1`, [conversationId]);
    expect((line as RealtimeEvent<'conversation.activity'>).payload.activity.id).toBe(stored.id);
    expect(other.events).toEqual([]);
  });

  it('replays the lines a console missed while disconnected, in order, before the live ones', async () => {
    const { conversationId, agent, channel, from } = await givenConversation();
    const first = await live(agent);
    await act(agent, conversationId, 'resolve');
    await eventually(() => expect(activityOf(first)).toHaveLength(1));
    const lastApplied = first.seqs[first.seqs.length - 1];
    first.close();

    await textIn(channel, from, 'Still waiting');
    await act(agent, conversationId, 'priority', { priority: 'high' });
    await act(agent, conversationId, 'snooze', { until: new Date(Date.now() + 3_600_000).toISOString() });
    const second = await live(agent, lastApplied);
    await act(agent, conversationId, 'pending');

    await eventually(() =>
      expect(activityOf(second)).toEqual([
        [ActivityType.Reopened, null],
        [ActivityType.PriorityChanged, 'Maria Agent'],
        [ActivityType.Snoozed, 'Maria Agent'],
        [ActivityType.MarkedPending, 'Maria Agent'],
      ]),
    );
    expect(second.seqs).toEqual([...new Set(second.seqs)].sort((a, b) => a - b));
    expect(second.seqs[0]).toBeGreaterThan(lastApplied);
  });
});
