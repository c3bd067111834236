import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What agents do with conversations (assign, note, schedule, start one), what systems send (notifications) and the
 * records that keep a retried request from sending twice.
 */
export class ConversationWork1764070000000 implements MigrationInterface {
  name = 'ConversationWork1764070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // New enum values cannot be used in the transaction that adds them, so nothing below refers to them.
    await queryRunner.query(`ALTER TYPE message_direction ADD VALUE IF NOT EXISTS 'internal'`);
    for (const status of ['scheduled', 'cancelled', 'note']) await queryRunner.query(`ALTER TYPE message_status ADD VALUE IF NOT EXISTS '${status}'`);
    for (const kind of ['notification', 'auto_reply', 'note']) await queryRunner.query(`ALTER TYPE message_kind ADD VALUE IF NOT EXISTS '${kind}'`);

    await queryRunner.query(`ALTER TABLE message ADD COLUMN send_at timestamptz`);
    await queryRunner.query(`ALTER TABLE message ADD COLUMN estimated_cost numeric(12, 5)`);
    await queryRunner.query(`ALTER TABLE message ADD COLUMN external_reference varchar(120)`);
    await queryRunner.query(`ALTER TABLE message ADD COLUMN metadata jsonb`);
    // Provider failures counted by Backtalk, not by the queue: waiting for a rate-limit slot is not a failure.
    await queryRunner.query(`ALTER TABLE message ADD COLUMN send_attempts smallint NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX ix_message_send_at ON message (send_at) WHERE send_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_message_external_reference ON message (external_reference) WHERE external_reference IS NOT NULL`);

    await queryRunner.query(`ALTER TABLE channel ADD COLUMN smart_encoding boolean NOT NULL DEFAULT false`);

    await queryRunner.query(`ALTER TABLE conversation ADD COLUMN assignee_id uuid REFERENCES app_user (id) ON DELETE SET NULL`);
    await queryRunner.query(`CREATE INDEX ix_conversation_assignee ON conversation (assignee_id, status, last_message_at DESC) WHERE assignee_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_conversation_waiting ON conversation (team_id, status, waiting_since) WHERE waiting_since IS NOT NULL`);

    // Every change of hands, for the timeline and for reports.
    await queryRunner.query(`
      CREATE TABLE conversation_assignment (
        id bigserial PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        assignee_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        previous_assignee_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        previous_team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        reason varchar(40) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_conversation_assignment_conversation ON conversation_assignment (conversation_id, created_at)`);

    // A repeated Idempotency-Key finds this row (the primary key decides, not a read-then-write) and gets the first
    // result back instead of a second SMS.
    await queryRunner.query(`
      CREATE TABLE idempotency_record (
        scope varchar(60) NOT NULL,
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        message_id uuid REFERENCES message (id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversation (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX ix_idempotency_record_created ON idempotency_record (created_at)`);

    // Inbox search by number, name or text: trigram indexes answer ILIKE '%…%' without scanning every message.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX ix_contact_search ON contact USING gin ((phone || ' ' || name) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX ix_message_body_search ON message USING gin (body gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_message_body_search`);
    await queryRunner.query(`DROP INDEX ix_contact_search`);
    await queryRunner.query(`DROP TABLE idempotency_record`);
    await queryRunner.query(`DROP TABLE conversation_assignment`);
    await queryRunner.query(`DROP INDEX ix_conversation_waiting`);
    await queryRunner.query(`DROP INDEX ix_conversation_assignee`);
    await queryRunner.query(`ALTER TABLE conversation DROP COLUMN assignee_id`);
    await queryRunner.query(`ALTER TABLE channel DROP COLUMN smart_encoding`);
    await queryRunner.query(`DROP INDEX ix_message_external_reference`);
    await queryRunner.query(`DROP INDEX ix_message_send_at`);
    for (const column of ['send_attempts', 'metadata', 'external_reference', 'estimated_cost', 'send_at']) await queryRunner.query(`ALTER TABLE message DROP COLUMN ${column}`);
    // PostgreSQL cannot drop enum values; rows using them are gone with the columns above or stay readable.
  }
}
