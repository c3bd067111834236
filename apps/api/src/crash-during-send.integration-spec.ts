import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TeamsService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { MessageDirection, MessageStatus, Provider, SenderType } from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { OutboxSweeper } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const ROOT = join(__dirname, '../../..');
const SECRET = 'generic-webhook-secret';

/** A real worker process, so that killing it is a real crash: no shutdown hooks, no finally blocks. */
function startWorker(): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PROVIDER_TIMEOUT_MS: '60000', QUEUE_LOCK_MS: '3000', LOG_LEVEL: 'silent' },
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
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await aggregator.close();
    await t.close();
  });

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
});
