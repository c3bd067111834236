import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * A small data source on PostgreSQL itself (DATABASE_DIRECT_URL), never through a pooler: a migration that must run
 * outside a transaction (an index built CONCURRENTLY) or a long one-off command belongs on one session from start to end.
 */
export async function withMigrationDataSource<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const direct = dataSourceOptions({ ...config, DATABASE_URL: config.databaseDirectUrl, DATABASE_POOL_MODE: 'session' });
  const dataSource = new DataSource({ ...direct, extra: { ...direct.extra, max: 2 } });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Creates the database named in DATABASE_DIRECT_URL when it does not exist yet, so `db:migrate` works on a fresh server. */
export async function ensureDatabaseExists(config: AppConfig): Promise<boolean> {
  const target = new URL(config.databaseDirectUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(config.databaseDirectUrl);
  maintenance.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: maintenance.toString(), extra: { max: 1 } });
  await admin.initialize();
  try {
    const rows: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0) return false;
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await admin.destroy();
  }
}
