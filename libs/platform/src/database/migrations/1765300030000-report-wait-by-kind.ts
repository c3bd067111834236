import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Waits indexed by kind, then time: every report that reads them asks for one kind over a range, and a median per
 * kind then reads its rows in kind order instead of sorting a quarter's waits by kind first.
 */
export class ReportWaitByKind1765300030000 implements MigrationInterface {
  name = 'ReportWaitByKind1765300030000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_report_wait_kind_started ON report_wait (kind, started_at) INCLUDE (seconds, business_seconds, responder_id, team_id, channel_id, assignee_id)`);
    await queryRunner.query(`DROP INDEX ix_report_wait_started`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_report_wait_started ON report_wait (started_at) INCLUDE (kind, seconds, business_seconds, responder_id, team_id, channel_id, assignee_id)`);
    await queryRunner.query(`DROP INDEX ix_report_wait_kind_started`);
  }
}
