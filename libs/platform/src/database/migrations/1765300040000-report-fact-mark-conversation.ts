import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refresh takes every mark of the conversations it measures, not only the oldest ones: a conversation written by
 * several statements has several marks, and measuring it once per mark did the same work up to four times over.
 */
export class ReportFactMarkConversation1765300040000 implements MigrationInterface {
  name = 'ReportFactMarkConversation1765300040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_report_fact_mark_conversation ON report_fact_mark (conversation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_report_fact_mark_conversation`);
  }
}
