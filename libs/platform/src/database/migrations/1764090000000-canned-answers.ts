import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CannedAnswers1764090000000 implements MigrationInterface {
  name = 'CannedAnswers1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE canned_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid REFERENCES team (id) ON DELETE CASCADE,
        title varchar(120) NOT NULL,
        body text NOT NULL,
        shortcode varchar(40) NOT NULL CHECK (shortcode ~ '^[A-Za-z0-9_-]+$'),
        language varchar(10),
        tags jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One meaning per `/shortcode` wherever an agent can type it: unique per team, and among the global answers.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_canned_answer_shortcode ON canned_answer (COALESCE(team_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(shortcode))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE canned_answer`);
  }
}
