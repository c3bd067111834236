import type { MigrationInterface, QueryRunner } from 'typeorm';

const TYPES = [
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
];

/**
 * Activity lines of a thread: what happened to a conversation besides its messages, by whom. Written in the same
 * transaction as the change. The type check is a named constraint so that a later migration adding a type replaces
 * just it.
 */
export class ConversationActivity1765100300000 implements MigrationInterface {
  name = 'ConversationActivity1765100300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE conversation_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Several lines written by one transaction share its now(); position keeps them in the order they were written.
        position bigint GENERATED ALWAYS AS IDENTITY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        team_id uuid NOT NULL,
        type text NOT NULL CONSTRAINT conversation_activity_type_check CHECK (type IN (${TYPES.map((type) => `'${type}'`).join(', ')})),
        actor_kind text NOT NULL CONSTRAINT conversation_activity_actor_kind_check CHECK (actor_kind IN ('user', 'customer', 'automation', 'system')),
        actor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data) = 'object'),
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_conversation_activity_conversation ON conversation_activity (conversation_id, occurred_at, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE conversation_activity`);
  }
}
