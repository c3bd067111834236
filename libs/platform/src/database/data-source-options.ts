import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'typeorm_migrations';

/**
 * Set in a data source's `extra` when its connections go through a transaction-mode pooler. pg ignores it; the
 * prepared-statement helpers read it, since a statement prepared on one server session is unknown on the next.
 */
export const TRANSACTION_POOLED = 'backtalkTransactionPooled';

/** Shared by the Nest apps and the migration CLI so both speak to the same schema the same way. */
export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_POOL_MODE'>): PostgresConnectionOptions {
  const pooled = config.DATABASE_POOL_MODE === 'transaction';
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
      // runs long enough to win it back. A pooler refuses settings in the startup packet (PgBouncer closes the
      // connection), so behind one the database's own default does it (migration 1765404000201).
      ...(pooled ? { [TRANSACTION_POOLED]: true } : { options: '-c jit=off' }),
    },
  };
}
