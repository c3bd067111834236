import 'reflect-metadata';
import { ensureDatabaseExists, loadConfig, withMigrationDataSource } from '@backtalk/platform';
import { PrivatePgBouncer } from './pgbouncer';
import { newTestEnvironment } from './test-environment';

/** Where the teardown finds the PgBouncer of a run through one; both run in Jest's parent process. */
export const PGBOUNCER_OF_THE_RUN = Symbol.for('backtalk.test.pgbouncer');

/**
 * Runs once before the integration suite: a fresh database with every migration applied. With
 * BACKTALK_TEST_VIA_PGBOUNCER=1 every app of the run reaches it through a private PgBouncer in transaction mode, as
 * production behind a pooler does; migrations, like production's, go to PostgreSQL directly.
 */
export default async function globalSetup(): Promise<void> {
  const environment = newTestEnvironment('it');
  process.env['DATABASE_URL'] = environment.databaseUrl;
  process.env['REDIS_PREFIX'] = environment.redisPrefix;
  process.env['LOG_LEVEL'] = process.env['TEST_LOG_LEVEL'] ?? 'silent';
  process.env['NODE_ENV'] = 'test';
  // TestApp.reset wipes this run's Redis keys, the worker's schedules with them, as a Redis restart would. Restoring
  // them would start sweeps that tests drive by hand; the tests of that restore set a short interval themselves.
  process.env['REPEATABLE_JOBS_CHECK_INTERVAL_MS'] ??= String(3_600_000);
  const config = loadConfig(process.env);
  await ensureDatabaseExists(config);
  await withMigrationDataSource(config, (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
  if (process.env['BACKTALK_TEST_VIA_PGBOUNCER'] === '1') {
    const bouncer = await PrivatePgBouncer.start(environment.databaseUrl);
    (globalThis as Record<symbol, unknown>)[PGBOUNCER_OF_THE_RUN] = bouncer;
    process.env['DATABASE_DIRECT_URL'] = environment.databaseUrl;
    process.env['DATABASE_URL'] = bouncer.url();
    process.env['DATABASE_POOL_MODE'] = 'transaction';
  }
}
