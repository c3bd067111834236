import 'reflect-metadata';
import { ensureDatabaseExists, loadConfig, withMigrationDataSource } from '@backtalk/platform';
import { newTestEnvironment } from './test-environment';

/** Runs once before the integration suite: a fresh database with every migration applied. */
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
}
