import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readers of `domain_event` (the realtime stream) treat a missing `seq` as never coming once every transaction that
 * could hold it has ended, judged by transaction ids. That needs the writer to own its transaction id before it draws
 * the number; a plain `nextval` default draws it first when the event is the transaction's first write.
 */
export class EventLogCommitOrder1764080000000 implements MigrationInterface {
  name = 'EventLogCommitOrder1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION domain_event_next_seq() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_current_xact_id();
        RETURN nextval('domain_event_seq_seq');
      END
      $$`);
    await queryRunner.query(`ALTER TABLE domain_event ALTER COLUMN seq SET DEFAULT domain_event_next_seq()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE domain_event ALTER COLUMN seq SET DEFAULT nextval('domain_event_seq_seq')`);
    await queryRunner.query(`DROP FUNCTION domain_event_next_seq()`);
  }
}
