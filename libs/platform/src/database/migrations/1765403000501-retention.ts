import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the retention jobs need to delete old rows a small batch at a time, by index, instead of scanning whole tables:
 * automation runs and applied delivery reports by time (idempotency records already have `ix_idempotency_record_created`,
 * the event log walks its primary key). And the event log's horizon: every `seq` up to `deleted_through` is gone, so a
 * console that asks for events after an older `seq` is told to reload its lists instead of being sent a log with a hole
 * in it (the rows left after the deletion would otherwise look like a complete, recent gap).
 */
export class Retention1765403000501 implements MigrationInterface {
  name = 'Retention1765403000501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_automation_run_created ON automation_run (created_at)`);
    await queryRunner.query(`CREATE INDEX ix_delivery_report_applied_received ON delivery_report (received_at) WHERE applied`);
    await queryRunner.query(`
      CREATE TABLE domain_event_horizon (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        deleted_through bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`INSERT INTO domain_event_horizon DEFAULT VALUES`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE domain_event_horizon`);
    await queryRunner.query(`DROP INDEX ix_delivery_report_applied_received`);
    await queryRunner.query(`DROP INDEX ix_automation_run_created`);
  }
}
