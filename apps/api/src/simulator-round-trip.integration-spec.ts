import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type ConversationView, MessageStatus, type MessageView, type Page, Provider, Role, SenderType } from '@backtalk/contracts';
import { eventually, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const ROOT = join(__dirname, '../../..');
const PASSWORD = 'correct horse battery staple';
const TWILIO = { accountSid: 'ACsim00000000000000000000000000042', authToken: 'sim-round-trip-token' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The carrier simulator as its own process, exactly as `npm start` runs it. */
function startSimulator(): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/carrier-sim/src/main.ts'], { cwd: ROOT, env: { ...process.env, SIM_PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY carrier-sim (\S+)/.exec(output);
      if (ready) resolve({ process: child, url: ready[1] });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`carrier-sim exited with ${code}: ${output}`)));
  });
}

describe('a conversation through the carrier simulator, over real HTTP both ways', () => {
  let t: TestApp;
  let sim: { process: ChildProcess; url: string };
  let channel: ChannelView;
  let token: string;

  beforeAll(async () => {
    const port = await freePort();
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    await t.app.listen({ port, host: '127.0.0.1' });
    await t.reset();
    sim = await startSimulator();

    const teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    await t.app.get(UsersService).create({ email: 'agent@example.com', name: 'Andriy', role: Role.Agent, password: PASSWORD, teamIds: [teamId] });
    token = (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email: 'agent@example.com', password: PASSWORD } })).body.accessToken;
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Support line',
      provider: Provider.Twilio,
      sender: '+15005550006',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { ...TWILIO, baseUrl: sim.url },
    });
    const registered = await fetch(`${sim.url}/sim/api/numbers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ provider: 'twilio', sender: channel.sender, name: channel.name, inboundWebhookUrl: channel.webhookUrl, credentials: TWILIO }]),
    });
    expect(registered.status).toBeLessThan(300);
  });
  afterAll(async () => {
    sim?.process.kill('SIGTERM');
    await t?.close();
  });

  const simSends = async () => ((await (await fetch(`${sim.url}/sim/api/sends`)).json()) as { sends: Array<{ to: string; text: string }> }).sends;

  it('takes a signed Twilio text in, sends the agent’s reply once, and shows it delivered', async () => {
    const texted = await fetch(`${sim.url}/sim/api/phones/${encodeURIComponent('+380501234567')}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'Support line', text: 'Де моє замовлення?' }),
    });
    expect(texted.status).toBeLessThan(300);

    const [conversation] = (await eventually(() => t.request<Page<ConversationView>>('GET', '/api/conversations', { token }), (response) => response.body.items.length === 1, 15_000)).body.items;
    expect(conversation.contact.phone).toBe('+380501234567');

    const reply = await t.request<MessageView>('POST', `/api/conversations/${conversation.id}/messages`, { token, body: { body: 'Ваше замовлення вже в дорозі.' }, headers: { 'idempotency-key': 'round-trip-1' } });
    expect(reply.status).toBe(201);
    const thread = await eventually(
      () => t.request<Page<MessageView>>('GET', `/api/conversations/${conversation.id}/messages`, { token }),
      (response) => response.body.items.some((message) => message.status === MessageStatus.Delivered),
      15_000,
    );
    expect(thread.body.items.map((message) => [message.body, message.status])).toEqual([
      ['Де моє замовлення?', MessageStatus.Received],
      ['Ваше замовлення вже в дорозі.', MessageStatus.Delivered],
    ]);

    expect(await simSends()).toEqual([expect.objectContaining({ to: '+380501234567', text: 'Ваше замовлення вже в дорозі.' })]);
  });
});
