import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox lists one status newest first. Without an index in that order a resolved list walked the activity index
 * past every open, pending and snoozed conversation first (6,000 rows for 50 on bench:scale's database, 100 ms, and
 * more as history grows); with the status first, the walk starts at the newest resolved conversation.
 */
export class InboxStatusOrder1765403000002 implements MigrationInterface {
  name = 'InboxStatusOrder1765403000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_conversation_status_activity ON conversation (status, last_message_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_conversation_status_activity`);
  }
}
