import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndAccess1764040000000 implements MigrationInterface {
  name = 'AccountsAndAccess1764040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE user_role AS ENUM ('admin', 'supervisor', 'agent')`);
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        name varchar(120) NOT NULL,
        role user_role NOT NULL DEFAULT 'agent',
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_app_user_email UNIQUE (email),
        CONSTRAINT ck_app_user_email_normalised CHECK (email = lower(btrim(email)))
      )`);
    await queryRunner.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(80) NOT NULL,
        description varchar(500) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_team_name ON team (lower(name))`);
    await queryRunner.query(`
      CREATE TABLE team_member (
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_team_member_user ON team_member (user_id)`);
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(40),
        user_agent varchar(400),
        ip varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_refresh_token_hash UNIQUE (token_hash)
      )`);
    await queryRunner.query(`CREATE INDEX ix_refresh_token_family ON refresh_token (family_id)`);
    await queryRunner.query(`CREATE INDEX ix_refresh_token_user ON refresh_token (user_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE INDEX ix_refresh_token_expires ON refresh_token (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(80) NOT NULL,
        prefix varchar(16) NOT NULL,
        key_hash char(64) NOT NULL,
        scopes text[] NOT NULL,
        created_by_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_key_hash UNIQUE (key_hash),
        CONSTRAINT ck_api_key_scopes CHECK (cardinality(scopes) > 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key`);
    await queryRunner.query(`DROP TABLE refresh_token`);
    await queryRunner.query(`DROP TABLE team_member`);
    await queryRunner.query(`DROP TABLE team`);
    await queryRunner.query(`DROP TABLE app_user`);
    await queryRunner.query(`DROP TYPE user_role`);
  }
}
