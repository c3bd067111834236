import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each person's own console settings (e.g. open the next conversation after resolving), kept with their account. */
export class UserPreferences1765100400000 implements MigrationInterface {
  name = 'UserPreferences1765100400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN preferences jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN preferences`);
  }
}
