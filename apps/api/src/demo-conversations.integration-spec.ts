import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChannelsService } from '@backtalk/channels';
import { Role } from '@backtalk/contracts';
import { eventually, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';
import { seedDemoConversations } from './cli/demo-conversations';

// `npm start` on a fresh database, minus the console: the real seed command makes the demo channels, the carrier
// simulator runs as its own process with the numbers file the seed wrote, and the demo conversations arrive as
// signed webhooks over HTTP.

const ROOT = join(__dirname, '../../..');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startSimulator(port: number, numbersFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/carrier-sim/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIM_PORT: String(port), SIM_NUMBERS_FILE: numbersFile, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY carrier-sim')) resolve(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`carrier-sim exited with ${code}: ${output}`)));
  });
}

interface ConversationRow {
  channel_name: string;
  phone: string;
  status: string;
  assignee_email: string | null;
  inbound: number;
  outbound: number;
}

describe('the demo inbox on first launch', () => {
  let t: TestApp;
  let sim: ChildProcess;
  let apiUrl: string;
  let simUrl: string;
  let scratch: string;

  beforeAll(async () => {
    const [apiPort, simPort] = [await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    simUrl = `http://127.0.0.1:${simPort}`;
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: apiUrl });
    await t.app.listen({ port: apiPort, host: '127.0.0.1' });
    await t.reset();
    scratch = mkdtempSync(join(tmpdir(), 'backtalk-demo-'));
    const numbersFile = join(scratch, 'numbers.json');
    await run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/seed.ts', '--demo-channels', numbersFile, '--sim-url', simUrl], { cwd: ROOT, env: { ...process.env, PUBLIC_BASE_URL: apiUrl } });
    sim = await startSimulator(simPort, numbersFile);
  }, 60_000);
  afterAll(async () => {
    sim?.kill('SIGTERM');
    await t?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const conversations = (): Promise<ConversationRow[]> =>
    t.dataSource.query(
      `SELECT ch.name AS channel_name, ct.phone, c.status, u.email AS assignee_email,
              (SELECT count(*)::int FROM message m WHERE m.conversation_id = c.id AND m.direction = 'inbound') AS inbound,
              (SELECT count(*)::int FROM message m WHERE m.conversation_id = c.id AND m.direction = 'outbound') AS outbound
         FROM conversation c JOIN channel ch ON ch.id = c.channel_id JOIN contact ct ON ct.id = c.contact_id LEFT JOIN app_user u ON u.id = c.assignee_id
        ORDER BY ct.phone`,
    );

  it('gives the demo channels a price per segment in the currency each is billed in, and smart encoding', async () => {
    const channels = await t.app.get(ChannelsService).list({ kind: 'user', userId: 'test', role: Role.Admin, teamIds: [] });

    expect(channels.map((channel) => [channel.name, channel.pricePerSegment, channel.currency, channel.smartEncoding]).sort()).toEqual([
      ['Billing line', 1.85, 'UAH', true],
      ['Support line', 0.0079, 'USD', true],
    ]);
  });

  it('brings in the demo customers through the simulator’s signed webhooks, and a second launch adds nothing', async () => {
    expect(await seedDemoConversations({ apiUrl, simUrl })).toEqual({ created: 5 });

    const rows = await conversations();
    expect(rows.map((row) => [row.phone, row.channel_name, row.status, row.assignee_email, row.inbound])).toEqual([
      ['+12025550143', 'Support line', 'open', null, 1],
      ['+12025550187', 'Support line', 'open', null, 2],
      ['+380501234567', 'Support line', 'open', null, 1],
      ['+380671112233', 'Billing line', 'open', null, 1],
      ['+380931112233', 'Support line', 'resolved', 'agent@backtalk.local', 2],
    ]);
    // Every customer text came in as a carrier webhook, so each carries the id the simulated carrier gave it.
    expect(await t.dataSource.query(`SELECT count(*)::int AS count FROM message WHERE direction = 'inbound' AND provider_message_id IS NULL`)).toEqual([{ count: 0 }]);
    expect(await t.dataSource.query(`SELECT ct.phone FROM consent cs JOIN contact ct ON ct.id = cs.contact_id WHERE cs.opted_out`)).toEqual([{ phone: '+12025550187' }]);
    // The agent's answer really went out through the worker to the simulator. (Billing's out-of-office reply may go
    // too, depending on the hour in Kyiv.)
    const agentReply = { phone: '+380931112233', text: 'Yes, we deliver every day from 9:00 to 21:00, Sundays included.' };
    const sends = await eventually(
      async () => ((await (await fetch(`${simUrl}/sim/api/sends`)).json()) as { sends: Array<{ phone: string; text: string }> }).sends,
      (list) => list.some((send) => send.phone === agentReply.phone),
      15_000,
    );
    expect(sends.filter((send) => send.phone !== '+380671112233')).toEqual([expect.objectContaining(agentReply)]);

    expect(await seedDemoConversations({ apiUrl, simUrl })).toEqual({ created: 0, skipped: 'the demo channels already have conversations' });
    expect((await conversations()).map((row) => [row.phone, row.inbound, row.outbound])).toEqual(rows.map((row) => [row.phone, row.inbound, row.outbound]));
  });
});
