import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement as a named prepared statement on the transaction's own connection: PostgreSQL parses and plans it
 * once per connection instead of on every call, and the SQL text is not sent again. Meant for the few statements on
 * hot paths (webhook ingestion); the name must be unique per distinct SQL text.
 */
export async function preparedQuery<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner || runner.isReleased) return manager.query(text, values);
  const client = (await runner.connect()) as PgClient;
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
