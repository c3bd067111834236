import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbers a team has blocked. Per team, not global: in a shared helpdesk one team's nuisance is another team's
 * customer, and a supervisor may only decide for their own teams. A blocked contact's messages are still stored (a
 * carrier accepted them), but in a conversation that stays as it was, out of the queue, routing, automation, SLA and
 * surveys. The merge moves a block with the rest of the contact.
 */
export class ContactBlock1765301200001 implements MigrationInterface {
  name = 'ContactBlock1765301200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_block (
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        blocked_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        blocked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contact_id, team_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_contact_block_team ON contact_block (team_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contact_block`);
  }
}
