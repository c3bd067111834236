import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Automation1764110000000 implements MigrationInterface {
  name = 'Automation1764110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An FAQ is a canned answer with example questions.
    await queryRunner.query(`
      ALTER TABLE canned_answer
        ADD COLUMN examples jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(examples) = 'array'),
        ADD COLUMN keywords jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(keywords) = 'array'),
        ADD COLUMN auto_reply boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE conversation ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);

    await queryRunner.query(`CREATE TYPE rule_trigger AS ENUM ('inbound_message', 'first_message', 'waiting_longer_than', 'outside_business_hours')`);
    await queryRunner.query(`
      CREATE TABLE automation_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        position integer NOT NULL,
        channel_id uuid REFERENCES channel (id) ON DELETE CASCADE,
        team_id uuid REFERENCES team (id) ON DELETE CASCADE,
        trigger rule_trigger NOT NULL,
        waiting_minutes integer CHECK (waiting_minutes > 0),
        conditions jsonb NOT NULL DEFAULT '[]'::jsonb,
        actions jsonb NOT NULL DEFAULT '[]'::jsonb,
        continue_after boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((trigger = 'waiting_longer_than') = (waiting_minutes IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX ix_automation_rule_position ON automation_rule (position)`);

    // Each customer message is run through the rules once; each waiting-time rule fires once per wait.
    await queryRunner.query(`
      CREATE TABLE automation_run (
        id bigserial PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        message_id uuid REFERENCES message (id) ON DELETE CASCADE,
        rule_id uuid REFERENCES automation_rule (id) ON DELETE SET NULL,
        trigger rule_trigger NOT NULL,
        wait_started_at timestamptz,
        outcome jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_automation_run_message ON automation_run (message_id) WHERE message_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_automation_run_wait ON automation_run (rule_id, conversation_id, wait_started_at) WHERE wait_started_at IS NOT NULL`);
    // Inbound messages that no process ran through the rules yet are found by time.
    await queryRunner.query(`CREATE INDEX ix_message_inbound_recent ON message (created_at) WHERE direction = 'inbound'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_message_inbound_recent`);
    await queryRunner.query(`DROP TABLE automation_run`);
    await queryRunner.query(`DROP TABLE automation_rule`);
    await queryRunner.query(`DROP TYPE rule_trigger`);
    await queryRunner.query(`ALTER TABLE conversation DROP COLUMN tags`);
    await queryRunner.query(`ALTER TABLE canned_answer DROP COLUMN examples, DROP COLUMN keywords, DROP COLUMN auto_reply`);
  }
}
