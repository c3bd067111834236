import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Routing1764100000000 implements MigrationInterface {
  name = 'Routing1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE assignment_policy AS ENUM ('manual', 'round_robin', 'least_loaded')`);
    await queryRunner.query(`
      ALTER TABLE team
        ADD COLUMN assignment_policy assignment_policy NOT NULL DEFAULT 'manual',
        ADD COLUMN default_capacity integer CHECK (default_capacity BETWEEN 0 AND 1000),
        ADD COLUMN reassign_offline_after_seconds integer CHECK (reassign_offline_after_seconds BETWEEN 0 AND 604800),
        ADD COLUMN prefer_agent_language boolean NOT NULL DEFAULT false,
        ADD COLUMN business_hours jsonb,
        ADD COLUMN out_of_office_message text NOT NULL DEFAULT '',
        ADD COLUMN sla_first_response_minutes integer CHECK (sla_first_response_minutes > 0),
        ADD COLUMN sla_next_response_minutes integer CHECK (sla_next_response_minutes > 0),
        ADD COLUMN sla_business_hours_only boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      ALTER TABLE team_member
        ADD COLUMN capacity integer CHECK (capacity BETWEEN 0 AND 1000),
        ADD COLUMN last_assigned_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE app_user
        ADD COLUMN capacity integer CHECK (capacity BETWEEN 0 AND 1000),
        ADD COLUMN languages text[] NOT NULL DEFAULT '{}'`);

    // Declared low to high so that ORDER BY priority DESC serves urgent conversations first.
    await queryRunner.query(`CREATE TYPE conversation_priority AS ENUM ('low', 'normal', 'high', 'urgent')`);
    await queryRunner.query(`CREATE TYPE sla_kind AS ENUM ('first_response', 'next_response')`);
    await queryRunner.query(`
      ALTER TABLE conversation
        ADD COLUMN priority conversation_priority NOT NULL DEFAULT 'normal',
        ADD COLUMN language varchar(5),
        ADD COLUMN sla_kind sla_kind,
        ADD COLUMN sla_due_at timestamptz,
        ADD COLUMN sla_started_at timestamptz,
        ADD COLUMN out_of_office_period timestamptz`);
    // The team queue: open, unassigned, by priority then by how long the customer has waited.
    await queryRunner.query(`
      CREATE INDEX ix_conversation_queue ON conversation (team_id, priority DESC, (COALESCE(waiting_since, last_message_at)))
      WHERE assignee_id IS NULL AND status = 'open'`);
    await queryRunner.query(`CREATE INDEX ix_conversation_sla_due ON conversation (sla_due_at) WHERE sla_due_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_conversation_snoozed ON conversation (snoozed_until) WHERE status = 'snoozed'`);

    await queryRunner.query(`
      CREATE TABLE sla_breach (
        id bigserial PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        kind sla_kind NOT NULL,
        due_at timestamptz NOT NULL,
        breached_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (conversation_id, kind, due_at)
      )`);
    await queryRunner.query(`CREATE INDEX ix_sla_breach_team ON sla_breach (team_id, breached_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sla_breach`);
    await queryRunner.query(`DROP INDEX ix_conversation_queue`);
    await queryRunner.query(`DROP INDEX ix_conversation_sla_due`);
    await queryRunner.query(`DROP INDEX ix_conversation_snoozed`);
    await queryRunner.query(`
      ALTER TABLE conversation
        DROP COLUMN priority, DROP COLUMN language, DROP COLUMN sla_kind, DROP COLUMN sla_due_at, DROP COLUMN sla_started_at,
        DROP COLUMN out_of_office_period`);
    await queryRunner.query(`DROP TYPE sla_kind`);
    await queryRunner.query(`DROP TYPE conversation_priority`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN capacity, DROP COLUMN languages`);
    await queryRunner.query(`ALTER TABLE team_member DROP COLUMN capacity, DROP COLUMN last_assigned_at`);
    await queryRunner.query(`
      ALTER TABLE team
        DROP COLUMN assignment_policy, DROP COLUMN default_capacity, DROP COLUMN reassign_offline_after_seconds,
        DROP COLUMN prefer_agent_language, DROP COLUMN business_hours, DROP COLUMN out_of_office_message,
        DROP COLUMN sla_first_response_minutes, DROP COLUMN sla_next_response_minutes, DROP COLUMN sla_business_hours_only`);
    await queryRunner.query(`DROP TYPE assignment_policy`);
  }
}
