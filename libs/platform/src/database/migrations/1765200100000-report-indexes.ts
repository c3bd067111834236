import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports read by time range first (messages sent, conversations created, activity lines written in [from, to)), so
 * each of those columns gets a plain b-tree the planner can range-scan before joining to the conversation's team.
 */
export class ReportIndexes1765200100000 implements MigrationInterface {
  name = 'ReportIndexes1765200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_message_sent_at ON message (sent_at)`);
    await queryRunner.query(`CREATE INDEX ix_conversation_created_at ON conversation (created_at)`);
    await queryRunner.query(`CREATE INDEX ix_conversation_activity_occurred ON conversation_activity (type, occurred_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_conversation_activity_occurred`);
    await queryRunner.query(`DROP INDEX ix_conversation_created_at`);
    await queryRunner.query(`DROP INDEX ix_message_sent_at`);
  }
}
