import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The background sweeps read every row of the two largest tables: the routing sweep (every 2 s) looked for SLA due
 * times out of step with who waits by scanning all conversations (0.5 s at 200,000), and the outbox sweep looked for
 * sends stuck in `sending` by scanning all messages (0.5 s at 1M). Only conversations someone waits on or with a
 * running SLA can be out of step, and few messages are ever in `sending`: partial indexes over those few rows.
 */
export class SweepIndexes1765403000001 implements MigrationInterface {
  name = 'SweepIndexes1765403000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_conversation_sla_candidates ON conversation (id) WHERE waiting_since IS NOT NULL OR sla_started_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_message_sending ON message (updated_at) WHERE status = 'sending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_message_sending`);
    await queryRunner.query(`DROP INDEX ix_conversation_sla_candidates`);
  }
}
