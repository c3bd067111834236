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
];

const typeCheck = (types: string[]) =>
  `ALTER TABLE conversation_activity ADD CONSTRAINT conversation_activity_type_check CHECK (type IN (${types.map((type) => `'${type}'`).join(', ')}))`;

/**
 * Customer satisfaction surveys by SMS: each team's survey settings, and one row per surveyed resolution holding the
 * customer's rating once they answer. A resolution is identified by the conversation and its resolved_at, so a
 * unique key on the pair is what keeps one resolve from being surveyed twice, however many sweeps race for it.
 */
export class CsatSurvey1765200300000 implements MigrationInterface {
  name = 'CsatSurvey1765200300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE message_kind ADD VALUE IF NOT EXISTS 'survey'`);
    await queryRunner.query(`
      CREATE TABLE csat_survey_settings (
        team_id uuid PRIMARY KEY REFERENCES team (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        -- Resolutions before the survey was switched on are never surveyed, so enabling it does not text last week's customers.
        enabled_since timestamptz,
        message text NOT NULL DEFAULT 'How did we do? Reply 1 (bad) to 5 (great).' CHECK (length(message) BETWEEN 1 AND 480),
        thank_you text CHECK (thank_you IS NULL OR length(thank_you) BETWEEN 1 AND 480),
        delay_minutes integer NOT NULL DEFAULT 30 CHECK (delay_minutes BETWEEN 0 AND 10080),
        min_days_between integer NOT NULL DEFAULT 30 CHECK (min_days_between BETWEEN 0 AND 365),
        reopen_on_low_score boolean NOT NULL DEFAULT false,
        low_score_threshold smallint NOT NULL DEFAULT 2 CHECK (low_score_threshold BETWEEN 1 AND 4),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE csat_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        -- The conversation's resolved_at when it was surveyed: which resolve this survey is about.
        resolved_at timestamptz NOT NULL,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        agent_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        survey_message_id uuid REFERENCES message (id) ON DELETE SET NULL,
        response_message_id uuid REFERENCES message (id) ON DELETE SET NULL,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        comment text,
        surveyed_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz,
        CONSTRAINT uq_csat_response_resolution UNIQUE (conversation_id, resolved_at),
        CONSTRAINT csat_response_answered CHECK ((rating IS NULL) = (responded_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX ix_csat_response_team_responded ON csat_response (team_id, responded_at)`);
    await queryRunner.query(`CREATE INDEX ix_csat_response_team_surveyed ON csat_response (team_id, surveyed_at)`);
    // At most once per customer per period: the last survey a contact got, per team.
    await queryRunner.query(`CREATE INDEX ix_csat_response_contact ON csat_response (contact_id, team_id, surveyed_at DESC)`);
    // The survey sweep looks only at recently resolved conversations.
    await queryRunner.query(`CREATE INDEX ix_conversation_resolved ON conversation (resolved_at) WHERE status = 'resolved'`);

    await queryRunner.query(`ALTER TABLE conversation_activity DROP CONSTRAINT conversation_activity_type_check`);
    await queryRunner.query(typeCheck([...ACTIVITY_TYPES_BEFORE, 'csat_rated']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM conversation_activity WHERE type = 'csat_rated'`);
    await queryRunner.query(`ALTER TABLE conversation_activity DROP CONSTRAINT conversation_activity_type_check`);
    await queryRunner.query(typeCheck(ACTIVITY_TYPES_BEFORE));
    await queryRunner.query(`DROP INDEX ix_conversation_resolved`);
    await queryRunner.query(`DROP TABLE csat_response`);
    await queryRunner.query(`DROP TABLE csat_survey_settings`);
    // PostgreSQL cannot drop an enum value; 'survey' stays in message_kind, unused.
  }
}
