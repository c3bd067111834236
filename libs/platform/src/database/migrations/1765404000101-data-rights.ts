import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer data rights and per-team retention.
 *
 * An erased contact keeps its row (conversations, counts and timings still point at it, so reports add up) but loses its
 * number, name and language; `phone_hash` is a keyed HMAC of the number, which lets an opt-out outlive the number: a new
 * contact for the same number inherits it. The checks make "erased" mean exactly that, whatever code writes the row.
 *
 * A message whose text or media links were removed (by an erasure or a team's retention window) says so and when, so a
 * thread shows "content removed" rather than an empty bubble, and retention finds what it still has to do through a
 * partial index instead of scanning every message.
 */
export class DataRights1765404000101 implements MigrationInterface {
  name = 'DataRights1765404000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contact ALTER COLUMN phone DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE contact ADD COLUMN erased_at timestamptz, ADD COLUMN phone_hash char(64)`);
    await queryRunner.query(`
      ALTER TABLE contact ADD CONSTRAINT ck_contact_erased CHECK (
        CASE WHEN erased_at IS NULL THEN phone IS NOT NULL AND phone_hash IS NULL
             ELSE phone IS NULL AND phone_hash IS NOT NULL AND name = '' AND language IS NULL END)`);
    await queryRunner.query(`CREATE INDEX ix_contact_phone_hash ON contact (phone_hash) WHERE phone_hash IS NOT NULL`);

    await queryRunner.query(`
      ALTER TABLE message
        ADD COLUMN body_removed_at timestamptz,
        ADD COLUMN media_removed_at timestamptz,
        ADD COLUMN removed_by text`);
    await queryRunner.query(`
      ALTER TABLE message ADD CONSTRAINT ck_message_removed CHECK (
        (body_removed_at IS NULL OR body = '')
        AND (media_removed_at IS NULL OR media = '[]'::jsonb)
        AND ((body_removed_at IS NULL AND media_removed_at IS NULL) = (removed_by IS NULL))
        AND (removed_by IS NULL OR removed_by IN ('erasure', 'retention')))`);
    // What retention still has to visit: messages with something left to remove, by conversation and age.
    await queryRunner.query(`CREATE INDEX ix_message_body_kept ON message (conversation_id, sent_at) WHERE body_removed_at IS NULL`);
    await queryRunner.query(`CREATE INDEX ix_message_media_kept ON message (conversation_id, sent_at) WHERE media_removed_at IS NULL AND media <> '[]'::jsonb`);

    await queryRunner.query(`
      ALTER TABLE team
        ADD COLUMN retain_message_bodies_days integer CHECK (retain_message_bodies_days BETWEEN 1 AND 3650),
        ADD COLUMN retain_media_days integer CHECK (retain_media_days BETWEEN 1 AND 3650)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE team DROP COLUMN retain_media_days, DROP COLUMN retain_message_bodies_days`);
    await queryRunner.query(`DROP INDEX ix_message_media_kept`);
    await queryRunner.query(`DROP INDEX ix_message_body_kept`);
    await queryRunner.query(`ALTER TABLE message DROP CONSTRAINT ck_message_removed`);
    await queryRunner.query(`ALTER TABLE message DROP COLUMN removed_by, DROP COLUMN media_removed_at, DROP COLUMN body_removed_at`);
    await queryRunner.query(`DROP INDEX ix_contact_phone_hash`);
    await queryRunner.query(`DELETE FROM contact WHERE erased_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE contact DROP CONSTRAINT ck_contact_erased`);
    await queryRunner.query(`ALTER TABLE contact DROP COLUMN phone_hash, DROP COLUMN erased_at`);
    await queryRunner.query(`ALTER TABLE contact ALTER COLUMN phone SET NOT NULL`);
  }
}
