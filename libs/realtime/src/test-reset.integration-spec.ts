import { AccessTokenService, AuthModule, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { Provider, Role, SenderType } from '@backtalk/contracts';
import { ConversationsModule } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { PlatformModule } from '@backtalk/platform';
import { genericSigned, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { RealtimeModule } from './realtime.module';
import { ConsoleClient, eventually } from './testing/console-client';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, RealtimeModule] })
class ResetTestModule {}

const SECRET = 'test-reset-secret';
const LEFT_BY_EARLIER_FILES = 200;

/**
 * Spec files share one database, and a file's app starts its realtime tail at the end of whatever log the files
 * before it left. A file that then empties the database between its tests must not send the log back to seq 1,
 * below the tail's position, or its live events are taken for ones already delivered.
 */
describe('a test database emptied under a running realtime tail', () => {
  let t: TestApp;

  beforeAll(async () => {
    const earlier = await TestApp.create(ResetTestModule);
    await earlier.dataSource.query(`INSERT INTO domain_event (type, payload) SELECT 'conversation.updated', '{}'::jsonb FROM generate_series(1, ${LEFT_BY_EARLIER_FILES})`);
    await earlier.close();
    t = await TestApp.create(ResetTestModule);
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('still delivers the next test’s events live, as a production log never goes back', async () => {
    await t.reset();
    const teamId = (await t.app.get(TeamsService).create({ name: 'Support' })).id;
    const user = await t.app.get(UsersService).create({ email: 'agent@reset.test', name: 'Maria Agent', password: 'correct horse battery', role: Role.Agent, teamIds: [teamId] });
    const token = await t.app.get(AccessTokenService).issue(user.id);
    const channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'SMS line',
      provider: Provider.Generic,
      sender: '+14155550199',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET },
      confirmations: { optOut: null, optIn: null, help: false },
    });
    const [row]: Array<{ seq: string }> = await t.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    const client = await ConsoleClient.live((await t.app.getUrl()).replace('[::1]', '127.0.0.1'), token, Number(row.seq));
    try {
      const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'reset-1', from: '+380501234567', to: channel.sender, text: 'Hello' }, SECRET);
      expect((await t.deliver(webhook)).status).toBe(200);

      await eventually(() => expect(client.events.map((event) => event.type)).toContain('message.received'), 10_000, 'the live message event');
    } finally {
      client.close();
    }
  });
});
