import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record of contacts merged into another. The absorbed contact's row is deleted, so its id, number and name are
 * copied here rather than referenced: the contact page still says which number was folded in, by whom and when. A
 * contact is absorbed once (its row is gone after), hence the unique absorbed id; a survivor later absorbed itself
 * takes its merge history along to the next survivor, which the foreign key's RESTRICT makes the merge do explicitly.
 */
export class ContactMerge1765301200000 implements MigrationInterface {
  name = 'ContactMerge1765301200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_merge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE RESTRICT,
        absorbed_contact_id uuid NOT NULL CONSTRAINT uq_contact_merge_absorbed UNIQUE,
        absorbed_phone varchar(20) NOT NULL,
        absorbed_name varchar(120) NOT NULL,
        merged_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        merged_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_contact_merge_other CHECK (contact_id <> absorbed_contact_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_contact_merge_contact ON contact_merge (contact_id, merged_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contact_merge`);
  }
}
