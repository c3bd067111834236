import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIVITY_TYPES_BEFORE = [
  'resolved',
  'reopened',
  'snoozed',
  'woke',
  'marked_pending',
  'priority_changed',
  'assigned',
  'transferred',
  'opted_out',
  'opted_in',
  'sla_breached',
  'labels_changed',
  'automation_held',
  'auto_reply_cancelled',
  'csat_rated',
];

const typeCheck = (types: string[]) =>
  `ALTER TABLE conversation_activity ADD CONSTRAINT conversation_activity_type_check CHECK (type IN (${types.map((type) => `'${type}'`).join(', ')}))`;

/**
 * Macros (a named list of steps, personal or shared globally or with a team), their runs on conversations, and bulk
 * actions with their progress. A macro is either someone's own (owner_id, no team) or shared (no owner); names are
 * unique within a scope whatever their case. A run is keyed by its caller and the request's Idempotency-Key, so a
 * retried request finds the run it started and carries on after the steps already done.
 */
export class Macros1765300900000 implements MigrationInterface {
  name = 'Macros1765300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE macro (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid REFERENCES app_user (id) ON DELETE CASCADE,
        team_id uuid REFERENCES team (id) ON DELETE CASCADE,
        name varchar(60) NOT NULL CONSTRAINT macro_name_check CHECK (length(name) > 0 AND name = btrim(name)),
        steps jsonb NOT NULL CONSTRAINT macro_steps_check CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) BETWEEN 1 AND 10),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT macro_scope_check CHECK (owner_id IS NULL OR team_id IS NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_macro_scope_name ON macro (owner_id, team_id, lower(name)) NULLS NOT DISTINCT`);

    await queryRunner.query(`
      CREATE TABLE macro_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        macro_id uuid NOT NULL REFERENCES macro (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        request_key text NOT NULL,
        status text NOT NULL DEFAULT 'running' CONSTRAINT macro_run_status_check CHECK (status IN ('running', 'completed', 'failed')),
        steps_done integer NOT NULL DEFAULT 0 CONSTRAINT macro_run_steps_done_check CHECK (steps_done BETWEEN 0 AND 10),
        -- While a request works the run; a second request with the same key meanwhile is told to wait, not run it twice.
        claimed_until timestamptz,
        failure jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT macro_run_failure_check CHECK ((status = 'failed') = (failure IS NOT NULL)),
        CONSTRAINT uq_macro_run_request UNIQUE (actor_id, request_key)
      )`);

    await queryRunner.query(`
      CREATE TABLE bulk_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        action text NOT NULL CONSTRAINT bulk_action_action_check CHECK (action IN ('assign', 'transfer', 'add_label', 'remove_label', 'resolve', 'snooze', 'set_priority')),
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        conversation_ids uuid[] NOT NULL CONSTRAINT bulk_action_size_check CHECK (cardinality(conversation_ids) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'running' CONSTRAINT bulk_action_status_check CHECK (status IN ('running', 'completed')),
        done integer NOT NULL DEFAULT 0,
        failures jsonb NOT NULL DEFAULT '[]'::jsonb CONSTRAINT bulk_action_failures_check CHECK (jsonb_typeof(failures) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT bulk_action_progress_check CHECK (done BETWEEN 0 AND cardinality(conversation_ids) AND jsonb_array_length(failures) <= done),
        CONSTRAINT bulk_action_completed_check CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX ix_bulk_action_actor ON bulk_action (actor_id, created_at DESC)`);

    await queryRunner.query(`ALTER TABLE conversation_activity DROP CONSTRAINT conversation_activity_type_check`);
    await queryRunner.query(typeCheck([...ACTIVITY_TYPES_BEFORE, 'macro_step']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM conversation_activity WHERE type = 'macro_step'`);
    await queryRunner.query(`ALTER TABLE conversation_activity DROP CONSTRAINT conversation_activity_type_check`);
    await queryRunner.query(typeCheck(ACTIVITY_TYPES_BEFORE));
    await queryRunner.query(`DROP TABLE bulk_action`);
    await queryRunner.query(`DROP TABLE macro_run`);
    await queryRunner.query(`DROP TABLE macro`);
  }
}
