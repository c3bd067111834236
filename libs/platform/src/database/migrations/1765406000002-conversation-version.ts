import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consoles keep whichever copy of a conversation has the later `updatedAt`, to the millisecond, so a change must
 * always leave it later than the change before. `now()` alone does not: it is when the transaction began, and a
 * transaction that began first can commit its change last, after waiting for a lock. An erasure that waited so behind,
 * say, an SLA update of the conversation left it older than the copy consoles already held, so they kept that copy
 * and the customer's text stayed on screen. Two changes within one millisecond would also look like one. Every
 * statement that sets updated_at gets at least a millisecond past the value it replaces; one that leaves it alone
 * keeps it. In the database rather than in each writer: two dozen statements and TypeORM updates write the row, and
 * one that forgot would bring the bug back.
 */
export class ConversationVersion1765406000002 implements MigrationInterface {
  name = 'ConversationVersion1765406000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION conversation_version_moves_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := GREATEST(NEW.updated_at, date_trunc('milliseconds', OLD.updated_at) + interval '1 millisecond');
        RETURN NEW;
      END $$`);
    // WHEN keeps the function out of the usual update, whose clock has moved on by a millisecond or more, and is a
    // plain comparison: with date_trunc in it the trigger cost 3 µs per updated row, 2.2 µs so (200,000 updates).
    await queryRunner.query(`
      CREATE TRIGGER conversation_version_moves_on BEFORE UPDATE OF updated_at ON conversation
      FOR EACH ROW WHEN (NEW.updated_at < OLD.updated_at + interval '1 millisecond')
      EXECUTE FUNCTION conversation_version_moves_on()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER conversation_version_moves_on ON conversation`);
    await queryRunner.query(`DROP FUNCTION conversation_version_moves_on()`);
  }
}
