import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox counts of resolved conversations (all of history) group them by team and tell unassigned and mine apart.
 * Without an index holding those columns PostgreSQL scanned the whole table with both cores: 59 ms for an admin on
 * bench:scale's database (194,000 resolved), 93-123 ms at p50 while webhooks and the worker ran, growing with
 * history. From this index alone it is 22-32 ms, 11 ms for an agent of one team. Only resolved rows are in it, so the
 * inbound fast path, which updates open conversations on every message, never writes to it.
 */
export class ResolvedCounts1765406000001 implements MigrationInterface {
  name = 'ResolvedCounts1765406000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_conversation_resolved_counts ON conversation (team_id, assignee_id) WHERE status = 'resolved'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_conversation_resolved_counts`);
  }
}
