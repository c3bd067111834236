import { PlatformModule } from '@backtalk/platform';
import { TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';

@Module({ imports: [PlatformModule] })
class ConversationVersionTestModule {}

/**
 * Consoles keep whichever copy of a conversation has the later `updatedAt` (in milliseconds, as the API writes it), so
 * every change must leave it later than the change before, whatever clock its transaction read.
 */
describe('a conversation’s version', () => {
  let t: TestApp;
  let conversationId: string;

  beforeAll(async () => {
    t = await TestApp.create(ConversationVersionTestModule);
  });
  beforeEach(async () => {
    await t.reset();
    const [{ id: teamId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO team (name) VALUES ('Support') RETURNING id`);
    const [{ id: channelId }] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO channel (team_id, name, provider, sender, sender_type, country, secrets_sealed, keywords, confirmations, rate_per_second)
       VALUES ($1, 'Line', 'generic', '+380441230001', 'long_code', 'UA', '', '{}', '{}', 1) RETURNING id`,
      [teamId],
    );
    const [{ id: contactId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO contact (phone) VALUES ('+380501234567') RETURNING id`);
    [{ id: conversationId }] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO conversation (channel_id, contact_id, team_id) VALUES ($1, $2, $3) RETURNING id`,
      [channelId, contactId, teamId],
    );
  });
  afterAll(() => t.close());

  const versionOf = async (): Promise<number> => {
    const [row] = await t.dataSource.query<Array<{ updated_at: Date }>>(`SELECT updated_at FROM conversation WHERE id = $1`, [conversationId]);
    return row.updated_at.getTime();
  };

  it('is later than a change committed while the transaction changing it waited, though that transaction began first', async () => {
    const slow = t.dataSource.createQueryRunner();
    await slow.connect();
    try {
      await slow.startTransaction();
      // The transaction's clock stops here: now() is this moment for all its statements.
      await slow.query(`SELECT now()`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await t.dataSource.query(`UPDATE conversation SET assignee_id = NULL, updated_at = now() WHERE id = $1`, [conversationId]);
      const seen = await versionOf();
      await slow.query(`UPDATE conversation SET status = 'resolved', resolved_at = now(), updated_at = now() WHERE id = $1`, [conversationId]);
      await slow.commitTransaction();
      expect(await versionOf()).toBeGreaterThan(seen);
    } finally {
      await slow.release();
    }
  });

  it('moves on by a millisecond when two changes fall within the same one', async () => {
    const versions = await t.dataSource.transaction(async (manager) => {
      const found: number[] = [];
      for (const priority of ['high', 'urgent', 'normal']) {
        await manager.query(`UPDATE conversation SET priority = $2, updated_at = now() WHERE id = $1`, [conversationId, priority]);
        const [row] = await manager.query<Array<{ updated_at: Date }>>(`SELECT updated_at FROM conversation WHERE id = $1`, [conversationId]);
        found.push(row.updated_at.getTime());
      }
      return found;
    });
    expect(versions[1]).toBe(versions[0] + 1);
    expect(versions[2]).toBe(versions[0] + 2);
  });

  it('stays as it is when a change leaves updated_at alone', async () => {
    const before = await versionOf();
    await t.dataSource.query(`UPDATE conversation SET unread_count = 3 WHERE id = $1`, [conversationId]);
    expect(await versionOf()).toBe(before);
  });
});
