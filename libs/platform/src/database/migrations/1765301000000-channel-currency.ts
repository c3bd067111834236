import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The currency a channel's price per segment is in. Channels made before it existed were priced in US dollars (the
 * console said so), hence the default. The database holds the format; which codes are in use is checked by the API
 * against the runtime's ISO 4217 list, which changes more often than a constraint should.
 */
export class ChannelCurrency1765301000000 implements MigrationInterface {
  name = 'ChannelCurrency1765301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE channel ADD COLUMN currency char(3) NOT NULL DEFAULT 'USD' CONSTRAINT channel_currency_check CHECK (currency ~ '^[A-Z]{3}$')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE channel DROP COLUMN currency`);
  }
}
