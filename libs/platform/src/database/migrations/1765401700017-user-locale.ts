import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console language a person chose in their profile. Null until they choose: the console then follows their
 * browser, so nobody is switched to a language they never picked.
 */
export class UserLocale1765401700017 implements MigrationInterface {
  name = 'UserLocale1765401700017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN locale text CONSTRAINT ck_app_user_locale CHECK (locale IN ('en', 'uk'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN locale`);
  }
}
