import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TRANSACTION_POOLED } from './data-source-options';

/** What runs a named statement: a pg client, or pg's pool (which checks a client out for the one query and back in). */
interface PgQueryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * pg remembers which names it prepared per client connection, and sends only the name the next time; behind a
 * transaction-mode pooler that connection reaches a different server session, which has never seen the name. There the
 * statement goes unnamed: parsed on every call, as any other query.
 */
function statementName(dataSource: DataSource, name: string): string | undefined {
  return (dataSource.options as PostgresConnectionOptions).extra?.[TRANSACTION_POOLED] ? undefined : name;
}

/**
 * Runs a statement as a named prepared statement on the transaction's own connection: PostgreSQL parses and plans it
 * once per connection instead of on every call, and the SQL text is not sent again. Meant for the few statements on
 * hot paths (webhook ingestion); the name must be unique per distinct SQL text.
 */
export async function preparedQuery<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner || runner.isReleased) return manager.query(text, values);
  const client = (await runner.connect()) as PgQueryable;
  const result = await client.query({ name: statementName(manager.connection, name), text, values });
  return result.rows as T[];
}

/**
 * A prepared statement on its own, outside any transaction: one round trip, atomic because it is one statement. For
 * hot paths whose whole work fits in one statement (no BEGIN and COMMIT to send). It goes to TypeORM's pool directly:
 * a query runner per statement only adds objects and awaits here. Errors are pg's own (SQLSTATE in `code`), which
 * `isDependencyFailure` reads like TypeORM's wrapped ones.
 */
export async function preparedStatement<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as PgQueryable;
  const result = await pool.query({ name: statementName(dataSource, name), text, values });
  return result.rows as T[];
}
