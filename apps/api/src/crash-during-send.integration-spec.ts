import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { TeamsService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { MessageDirection, MessageStatus, Provider, SenderType } from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { OutboxSweeper, sendingWindowMs } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const ROOT = join(__dirname, '../../..');
const SECRET = 'generic-webhook-secret';

/** A real worker process, so that killing it is a real crash: no shutdown hooks, no finally blocks. */
function startWorker(env: Record<string, string> = { PROVIDER_TIMEOUT_MS: '60000', QUEUE_LOCK_MS: '3000' }): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    worker.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY worker')) resolve(worker);
    });
    worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
}

describe('a worker that dies in the middle of a send', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    aggregator = await FakeAggregator.start();
  });
  afterAll(async () => {
    await killWorkers();
    await aggregator.close();
    await t.close();
  });

  async function killWorkers(): Promise<void> {
    for (const worker of workers.splice(0)) {
      // A process ended by a signal keeps exitCode null.
      if (worker.exitCode !== null || worker.signalCode !== null) continue;
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
  }

  async function aggregatorChannel(sender: string) {
    const teamId = (await t.app.get(TeamsService).create({ name: `Support ${sender}` })).id;
    return t.app.get(ChannelsService).create({
      teamId,
      name: 'Aggregator line',
      provider: Provider.Generic,
      sender,
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
    });
  }

  it('never texts the customer twice: the message ends unknown for an agent to decide', async () => {
    const teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Aggregator line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
    });
    workers.push(await startWorker());
    // The provider takes the request and never answers: the worker is inside the call when it dies.
    aggregator.behave('hang');
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-1', from: '+380501234567', to: channel.sender, text: 'HELP' }, SECRET);
    expect((await t.deliver(webhook)).status).toBe(200);
    await eventually(() => aggregator.sends.length, (count) => count === 1, 15_000);

    workers[0].kill('SIGKILL');
    await new Promise((resolve) => workers[0].once('exit', resolve));
    workers.push(await startWorker());

    // Bull hands the dead worker's job to the new one once its lock expires (QUEUE_LOCK_MS); the job must find the
    // message no longer queued and send nothing.
    const outbound = () => t.dataSource.getRepository(MessageEntity).findOneByOrFail({ direction: MessageDirection.Outbound });
    const job = await eventually(
      async () => (await t.app.get<Queue>(getQueueToken(QueueName.Outbound)).getJob((await outbound()).id))?.getState(),
      (state) => state === 'completed',
      30_000,
    );
    expect(job).toBe('completed');
    expect((await outbound()).status).toBe(MessageStatus.Sending);

    await t.app.get(OutboxSweeper).sweep(new Date(Date.now() + 3_600_000));
    expect(await outbound()).toMatchObject({ status: MessageStatus.Unknown, errorCode: 'interrupted' });
    expect(aggregator.sends).toHaveLength(1);
  }, 120_000);

  it('marks a send its worker died in unknown once the provider timeout and the queue lock have passed, not before', async () => {
    await killWorkers();
    const settings = { PROVIDER_TIMEOUT_MS: '4000', QUEUE_LOCK_MS: '2000' };
    const windowMs = sendingWindowMs({ PROVIDER_TIMEOUT_MS: 4000, QUEUE_LOCK_MS: 2000 });
    const worker = { ...settings, OUTBOX_SWEEP_INTERVAL_MS: '500' };
    const channel = await aggregatorChannel('+14155550108');
    workers.push(await startWorker(worker));
    const sendsBefore = aggregator.sends.length;
    aggregator.behave('hang');
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-2', from: '+380501234568', to: channel.sender, text: 'HELP' }, SECRET);
    expect((await t.deliver(webhook)).status).toBe(200);
    const reply = () => t.dataSource.getRepository(MessageEntity).findOneByOrFail({ channelId: channel.id, direction: MessageDirection.Outbound });
    await eventually(() => aggregator.sends.filter((send) => send.body.from === channel.sender).length, (count) => count === 1, 15_000);

    // Killed well within the provider timeout: without the kill the worker itself would have ended the send.
    workers[0].kill('SIGKILL');
    await once(workers[0], 'exit');
    const sending = await reply();
    expect(sending.status).toBe(MessageStatus.Sending);
    workers.push(await startWorker(worker));

    const settled = await eventually(reply, (message) => message.status !== MessageStatus.Sending, windowMs + 15_000);
    expect(settled).toMatchObject({ status: MessageStatus.Unknown, errorCode: 'interrupted' });
    // Both times are PostgreSQL's: when the message became sending, and when the sweeper gave up on it.
    expect(settled.updatedAt.getTime() - sending.updatedAt.getTime()).toBeGreaterThanOrEqual(windowMs);
    expect(aggregator.sends.length - sendsBefore).toBe(1);
  }, 120_000);
});
