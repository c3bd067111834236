import { AuthModule, TeamsService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView, MessageDirection, Provider, SenderType } from '@backtalk/contracts';
import { ConversationsModule, MessageEntity } from '@backtalk/conversations';
import { ensureDatabaseExists, loadConfig, PlatformModule, withMigrationDataSource } from '@backtalk/platform';
import { genericSigned, PrivatePgBouncer, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { Client } from 'pg';
import { InboundModule } from './inbound.module';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule] })
class InboundTestModule {}

const PUBLIC_BASE_URL = 'https://backtalk.test';
const SECRET = 'generic-webhook-secret';
const CUSTOMER = '+380501234567';

/**
 * Behind PgBouncer in transaction mode one client connection reaches a different PostgreSQL session from one
 * transaction to the next. The hot webhook path prepares its statements by name, which a session only knows if it
 * prepared them itself.
 */
describe('a process behind PgBouncer in transaction pooling mode', () => {
  let bouncer: PrivatePgBouncer;
  let t: TestApp;
  let channel: ChannelView;
  // The run's database itself, also when the whole run already goes through a PgBouncer of its own.
  const direct = process.env['DATABASE_DIRECT_URL'] ?? process.env['DATABASE_URL']!;

  beforeAll(async () => {
    bouncer = await PrivatePgBouncer.start(direct, { poolSize: 2 });
    // One client connection, so every statement of the app leaves through the same one.
    t = await TestApp.create(InboundTestModule, { PUBLIC_BASE_URL, DATABASE_URL: bouncer.url(), DATABASE_POOL_MODE: 'transaction', DATABASE_POOL_SIZE: '1' });
  });
  beforeEach(async () => {
    await t.reset();
    const teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.TollFree,
      country: 'US',
      secrets: { signatureSecret: SECRET, baseUrl: 'http://127.0.0.1:9' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await bouncer?.stop();
  });

  const customerSays = (id: string, text: string) =>
    t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id, from: CUSTOMER, to: channel.sender, text }, SECRET));
  const sessionOfTheApp = async () => ((await t.dataSource.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0].pid;

  it('stores every message of a customer when consecutive webhooks reach different PostgreSQL sessions', async () => {
    expect((await customerSays('in-1', 'Where is my order?')).status).toBe(200);
    expect((await customerSays('in-2', 'STOP')).status).toBe(200);
    const first = await sessionOfTheApp();

    // Another client takes the session the app used (PgBouncer hands out the last one released), so the app's next
    // transactions run on a session that has prepared nothing.
    const other = new Client({ connectionString: bouncer.url() });
    await other.connect();
    try {
      await other.query('BEGIN');
      const [{ pid }] = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      expect(pid).toBe(first);
      expect(await sessionOfTheApp()).not.toBe(first);

      expect((await customerSays('in-3', 'Are you there?')).status).toBe(200);
      expect((await customerSays('in-4', 'START')).status).toBe(200);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }

    const stored = await t.dataSource.getRepository(MessageEntity).find({ where: { direction: MessageDirection.Inbound }, order: { sentAt: 'ASC', createdAt: 'ASC' } });
    expect(stored.map((message) => message.body)).toEqual(['Where is my order?', 'STOP', 'Are you there?', 'START']);
  });

  it('migrates and checks the database on DATABASE_DIRECT_URL, never through the pooler', async () => {
    const unreachable = new URL(direct);
    unreachable.port = '1';
    const config = loadConfig({ ...process.env, DATABASE_URL: unreachable.toString(), DATABASE_DIRECT_URL: direct, DATABASE_POOL_MODE: 'transaction' });

    expect(await ensureDatabaseExists(config)).toBe(false);
    expect(await withMigrationDataSource(config, (dataSource) => dataSource.showMigrations())).toBe(false);
  });

  it('runs without JIT on the shared sessions, where no setting can be asked for at connect time', async () => {
    expect(await t.dataSource.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });
});
