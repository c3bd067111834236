import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AccessTokenService, AuthModule, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, Provider, Role, SenderType } from '@backtalk/contracts';
import { PlatformModule } from '@backtalk/platform';
import { FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { ConsoleClient, eventually } from './testing/console-client';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule] })
class SetupModule {}

const ROOT = join(__dirname, '../../..');
const SECRET = 'cluster-webhook-secret';
const randomSender = () => `+1415555${String(1000 + Math.floor(Math.random() * 9000))}`;

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function start(entry: string, ready: RegExp, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
    return ready.test(output);
  }, 90_000, `${entry} to start`);
  return { child, output: () => output };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  started.child.kill('SIGTERM');
  await once(started.child, 'exit');
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The issue's deployment test: two API processes and a worker, sharing PostgreSQL and Redis. */
describe('realtime across API instances', () => {
  let setup: TestApp;
  let aggregator: FakeAggregator;
  let api1: Started | undefined;
  let api2: Started | undefined;
  let worker: Started | undefined;
  let url1: string;
  let url2: string;
  const clients: ConsoleClient[] = [];

  beforeAll(async () => {
    setup = await TestApp.create(SetupModule);
    aggregator = await FakeAggregator.start();
    const [port1, port2] = [await freePort(), await freePort()];
    url1 = `http://127.0.0.1:${port1}`;
    url2 = `http://127.0.0.1:${port2}`;
    [api1, api2, worker] = await Promise.all([
      start('apps/api/src/main.ts', /READY api/, { PORT: String(port1), PUBLIC_BASE_URL: url1 }),
      start('apps/api/src/main.ts', /READY api/, { PORT: String(port2), PUBLIC_BASE_URL: url2 }),
      start('apps/worker/src/main.ts', /READY worker/, {}),
    ]);
  }, 120_000);

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all([stop(api1), stop(api2), stop(worker)]);
    await aggregator?.close();
    await setup?.close();
  }, 60_000);

  async function givenAgent(teamId: string, name: string): Promise<string> {
    const user = await setup.app.get(UsersService).create({ email: `${randomUUID()}@cluster.test`, name, password: 'correct horse battery', role: Role.Agent, teamIds: [teamId] });
    return setup.app.get(AccessTokenService).issue(user.id);
  }

  async function live(baseUrl: string, token: string, afterSeq: number): Promise<ConsoleClient> {
    const client = await ConsoleClient.live(baseUrl, token, afterSeq);
    clients.push(client);
    return client;
  }

  async function latestSeq(): Promise<number> {
    const [row]: Array<{ seq: string }> = await setup.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    return Number(row.seq);
  }

  async function textIn(baseUrl: string, channel: ChannelView, text: string): Promise<void> {
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: randomUUID(), from: '+380507654321', to: channel.sender, text, timestamp: new Date().toISOString() }, SECRET);
    const response = await fetch(`${baseUrl}${webhook.path}`, { method: webhook.method, headers: webhook.headers, body: webhook.body });
    expect(response.status).toBe(200);
  }

  it('delivers to an agent on instance 1 the events of a webhook posted to instance 2 and of the worker’s send, once each, in order', async () => {
    const teamId = (await setup.app.get(TeamsService).create({ name: `Cluster ${randomUUID()}` })).id;
    const otherTeamId = (await setup.app.get(TeamsService).create({ name: `Elsewhere ${randomUUID()}` })).id;
    const channel = await setup.app.get(ChannelsService).create({
      teamId,
      name: 'Cluster line',
      provider: Provider.Generic,
      sender: randomSender(),
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
    });
    const start = await latestSeq();
    const onInstance1 = await live(url1, await givenAgent(teamId, 'Ann'), start);
    const alsoOnInstance2 = await live(url2, await givenAgent(teamId, 'Bob'), start);
    const otherTeam = await live(url1, await givenAgent(otherTeamId, 'Cid'), start);

    await textIn(url2, channel, 'Where is my parcel?');
    // STOP makes instance 2 queue a confirmation, which the worker sends: its status changes come from the worker.
    await textIn(url2, channel, 'STOP');

    const sentByWorker = (client: ConsoleClient) =>
      client.events.some((event) => event.type === 'message.status_changed' && (event.payload as { status: string }).status === 'sent');
    await eventually(() => sentByWorker(onInstance1), 20_000, 'the worker’s status change on instance 1');
    await eventually(() => sentByWorker(alsoOnInstance2), 20_000, 'the worker’s status change on instance 2');

    const types = onInstance1.events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['conversation.created', 'message.received', 'consent.changed', 'message.created', 'message.status_changed']));
    expect(onInstance1.events.filter((event) => event.type === 'message.received').map((event) => event.message?.body)).toEqual(['Where is my parcel?', 'STOP']);
    expect(onInstance1.events.find((event) => event.type === 'message.created')?.message).toMatchObject({ kind: 'keyword_reply', direction: 'outbound' });
    expect(onInstance1.seqs).toEqual([...new Set(onInstance1.seqs)].sort((a, b) => a - b));
    // Every event of the team, exactly as the log holds them, on both instances.
    const [row]: Array<{ seqs: string[] }> = await setup.dataSource.query(`SELECT array_agg(seq ORDER BY seq) AS seqs FROM domain_event WHERE team_id = $1`, [teamId]);
    await eventually(() => expect(onInstance1.seqs).toEqual(row.seqs.map(Number)));
    await eventually(() => expect(alsoOnInstance2.seqs).toEqual(row.seqs.map(Number)));
    expect(otherTeam.events).toEqual([]);
  }, 60_000);

  it('shows an agent on instance 1 that a teammate on instance 2 is typing', async () => {
    const teamId = (await setup.app.get(TeamsService).create({ name: `Typing ${randomUUID()}` })).id;
    const channel = await setup.app.get(ChannelsService).create({
      teamId,
      name: 'Typing line',
      provider: Provider.Generic,
      sender: randomSender(),
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET },
    });
    await textIn(url2, channel, 'Hello?');
    const [conversation]: Array<{ id: string }> = await setup.dataSource.query(`SELECT id FROM conversation WHERE team_id = $1`, [teamId]);
    const watcher = await live(url1, await givenAgent(teamId, 'Watcher'), await latestSeq());
    const typist = await live(url2, await givenAgent(teamId, 'Typist'), await latestSeq());

    typist.socket.emit('typing', { conversationId: conversation.id, typing: true });

    await eventually(() => expect(watcher.typing).toEqual([expect.objectContaining({ conversationId: conversation.id, userName: 'Typist', typing: true })]));
  }, 30_000);
});
