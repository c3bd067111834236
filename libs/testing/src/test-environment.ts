import { randomBytes } from 'node:crypto';

/**
 * Each test run gets a database and a Redis key prefix of its own, so runs (and a developer's running product)
 * never see each other's data.
 */
export function newTestEnvironment(label: string): { databaseName: string; databaseUrl: string; redisPrefix: string } {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const databaseName = `backtalk_${label}_${id}`;
  base.pathname = `/${databaseName}`;
  return { databaseName, databaseUrl: base.toString(), redisPrefix: `bt_${label}_${id}` };
}
