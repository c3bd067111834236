import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents' replies by time, with who wrote them and where: the agents report counts replies and the conversations they
 * went to from this index alone, instead of scanning every message of the range.
 */
export class ReportAgentRepliesIndex1765300020000 implements MigrationInterface {
  name = 'ReportAgentRepliesIndex1765300020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_message_agent_replies ON message (sent_at) INCLUDE (author_id, conversation_id) WHERE kind = 'agent'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_message_agent_replies`);
  }
}
