import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts imported from CSV. An import is uploaded into one channel: its team is who sees the contacts (a presence
 * row in that channel, dated at the import, since the access rule for contacts is "seen in one of your teams"), its
 * country reads numbers written in national format, and an opt-out in the file is that channel's consent.
 *
 * The file stays in `content` only until the worker has read it all, and `processed_rows` moves in the same
 * transaction as each chunk of contacts, so a worker that dies mid-file resumes after the last committed chunk
 * instead of importing rows twice. `mapping` is a list of `{ column, field }` so that columns can later map to
 * fields other than the contact's own (custom attributes) without another shape.
 */
export class ContactImport1765300700000 implements MigrationInterface {
  name = 'ContactImport1765300700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        file_name varchar(200) NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
        headers jsonb NOT NULL,
        mapping jsonb,
        overwrite_names boolean NOT NULL DEFAULT false,
        content text,
        total_rows integer NOT NULL CHECK (total_rows >= 0),
        processed_rows integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0 CHECK (created_count >= 0),
        updated_count integer NOT NULL DEFAULT 0 CHECK (updated_count >= 0),
        duplicate_count integer NOT NULL DEFAULT 0 CHECK (duplicate_count >= 0),
        error_count integer NOT NULL DEFAULT 0 CHECK (error_count >= 0),
        failure varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (processed_rows BETWEEN 0 AND total_rows),
        CHECK (created_count + updated_count + duplicate_count + error_count = processed_rows),
        CHECK ((status = 'uploaded') = (mapping IS NULL)),
        CHECK (status NOT IN ('done', 'failed') OR (content IS NULL AND finished_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX ix_contact_import_team ON contact_import (team_id, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE contact_import_error (
        import_id uuid NOT NULL REFERENCES contact_import (id) ON DELETE CASCADE,
        line integer NOT NULL CHECK (line > 0),
        phone varchar(200) NOT NULL,
        reason varchar(300) NOT NULL,
        PRIMARY KEY (import_id, line)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contact_import_error`);
    await queryRunner.query(`DROP TABLE contact_import`);
  }
}
