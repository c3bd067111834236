import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rule answers only messages that arrived while it was on in its current form: `active_since` is when that form
 * became active (null while switched off). Rules already on count from now, so the sweep never answers the past.
 * `answer_assigned` lets an auto-reply rule answer conversations a person has; by default it leaves them alone.
 */
export class AutomationRuleActiveSince1765100100000 implements MigrationInterface {
  name = 'AutomationRuleActiveSince1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE automation_rule ADD COLUMN active_since timestamptz, ADD COLUMN answer_assigned boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE automation_rule SET active_since = now() WHERE enabled`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE automation_rule DROP COLUMN active_since, DROP COLUMN answer_assigned`);
  }
}
