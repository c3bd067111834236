import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * JIT off as the database's own default, for every session however it connects. The processes also ask for it when
 * they connect, but a pooler in transaction mode refuses settings in the startup packet, and its server sessions are
 * shared by every client, so only the database's default reaches them. A role that does not own the database cannot
 * set it: the migration then leaves a warning (an owner runs `ALTER DATABASE … SET jit = off`) rather than blocking the
 * upgrade, since JIT only makes the report queries slower.
 */
export class DatabaseJitOff1765404000201 implements MigrationInterface {
  name = 'DatabaseJitOff1765404000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'jit stays on behind a pooler: only the owner of database % can run ALTER DATABASE % SET jit = off', current_database(), current_database();
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
      EXCEPTION WHEN insufficient_privilege THEN
        NULL;
      END
      $$`);
  }
}
