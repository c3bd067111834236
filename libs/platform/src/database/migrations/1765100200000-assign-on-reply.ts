import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A team may let an agent's reply to an unassigned conversation make it theirs; on unless the team says otherwise. */
export class AssignOnReply1765100200000 implements MigrationInterface {
  name = 'AssignOnReply1765100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE team ADD COLUMN assign_on_reply boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE team DROP COLUMN assign_on_reply`);
  }
}
