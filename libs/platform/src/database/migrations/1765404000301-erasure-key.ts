import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key of the hash that stands in for an erased customer's number: one per install, made at random on first use
 * and kept here sealed with SECRETS_KEY, so rotating SECRETS_KEY re-seals it rather than changing it (a changed key
 * would stop old hashes matching and let erased customers' opt-outs lapse).
 */
export class ErasureKey1765404000301 implements MigrationInterface {
  name = 'ErasureKey1765404000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE erasure_key (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        key_sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE erasure_key`);
  }
}
