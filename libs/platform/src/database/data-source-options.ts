import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'typeorm_migrations';

/** Shared by the Nest apps and the migration CLI so both speak to the same schema the same way. */
export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'backtalk',
    // TypeORM's own logger prints a failed statement with its parameters; errors reach the log through the one
    // pino configuration instead, which keeps only their code and message.
    logging: false,
    extra: {
      max: config.DATABASE_POOL_SIZE,
      // Fail fast when PostgreSQL is down, so a webhook gets its 503 while the carrier is still waiting.
      connectionTimeoutMillis: 3000,
      // JIT compiling costs 50–300 ms on the report queries, which run in a fraction of that without it; nothing here
      // runs long enough to win it back.
      options: '-c jit=off',
    },
  };
}
