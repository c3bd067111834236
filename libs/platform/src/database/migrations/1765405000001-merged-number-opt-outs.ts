import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A merged-in number keeps its opt-outs. Its contact row is gone after a merge, so the next text from that number (or
 * an agent writing to it first) makes a new contact, which must start opted out wherever the number sent STOP.
 * absorbed_opted_out_channel_ids: the channels it was opted out on when merged; NULL for merges made before this
 * column, whose survivor's opt-outs (the absorbed ones among them) are carried instead. absorbed_phone_hash: the
 * number's keyed hash, as an erasure keeps it, so the opt-outs outlive the survivor's erasure, which blanks the number.
 */
export class MergedNumberOptOuts1765405000001 implements MigrationInterface {
  name = 'MergedNumberOptOuts1765405000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contact_merge ADD COLUMN absorbed_opted_out_channel_ids uuid[], ADD COLUMN absorbed_phone_hash text`);
    // Whole, not partial: the inbound fast path looks a number up with a parameter, which no partial predicate matches.
    await queryRunner.query(`CREATE INDEX ix_contact_merge_absorbed_phone ON contact_merge (absorbed_phone)`);
    await queryRunner.query(`CREATE INDEX ix_contact_merge_absorbed_phone_hash ON contact_merge (absorbed_phone_hash)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_contact_merge_absorbed_phone_hash`);
    await queryRunner.query(`DROP INDEX ix_contact_merge_absorbed_phone`);
    await queryRunner.query(`ALTER TABLE contact_merge DROP COLUMN absorbed_phone_hash, DROP COLUMN absorbed_opted_out_channel_ids`);
  }
}
