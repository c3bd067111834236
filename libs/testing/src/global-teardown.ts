import { loadConfig } from '@backtalk/platform';
import { dropTestDatabase, deleteRedisKeys } from './cleanup';
import { PGBOUNCER_OF_THE_RUN } from './global-setup';
import type { PrivatePgBouncer } from './pgbouncer';

export default async function globalTeardown(): Promise<void> {
  // PgBouncer first: it would otherwise open server connections again while the database is dropped.
  await ((globalThis as Record<symbol, unknown>)[PGBOUNCER_OF_THE_RUN] as PrivatePgBouncer | undefined)?.stop();
  const config = loadConfig(process.env);
  await dropTestDatabase(config.databaseDirectUrl);
  await deleteRedisKeys(config.REDIS_URL, `${config.REDIS_PREFIX}:*`);
}
