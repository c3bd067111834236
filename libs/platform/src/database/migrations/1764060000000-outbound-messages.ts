import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboundMessages1764060000000 implements MigrationInterface {
  name = 'OutboundMessages1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What produced a message: a customer, an agent, or Backtalk itself (keyword confirmations, later auto-replies).
    await queryRunner.query(`CREATE TYPE message_kind AS ENUM ('customer', 'agent', 'keyword_reply')`);
    await queryRunner.query(`ALTER TABLE message ADD COLUMN kind message_kind NOT NULL DEFAULT 'customer'`);
    await queryRunner.query(`ALTER TABLE message ALTER COLUMN kind DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE message ADD COLUMN author_id uuid REFERENCES app_user (id) ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE message ADD COLUMN queued_at timestamptz`);
    // The outbox sweeper looks for messages still waiting to be handed to a provider.
    await queryRunner.query(`CREATE INDEX ix_message_queued ON message (queued_at) WHERE status = 'queued'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_message_queued`);
    await queryRunner.query(`ALTER TABLE message DROP COLUMN queued_at`);
    await queryRunner.query(`ALTER TABLE message DROP COLUMN author_id`);
    await queryRunner.query(`ALTER TABLE message DROP COLUMN kind`);
    await queryRunner.query(`DROP TYPE message_kind`);
  }
}
