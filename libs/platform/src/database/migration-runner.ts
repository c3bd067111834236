import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

export async function withMigrationDataSource<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Creates the database named in DATABASE_URL when it does not exist yet, so `db:migrate` works on a fresh server. */
export async function ensureDatabaseExists(config: AppConfig): Promise<boolean> {
  const target = new URL(config.DATABASE_URL);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(config.DATABASE_URL);
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
