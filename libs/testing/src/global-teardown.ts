import { loadConfig } from '@backtalk/platform';
import { dropTestDatabase, deleteRedisKeys } from './cleanup';

export default async function globalTeardown(): Promise<void> {
  const config = loadConfig(process.env);
  await dropTestDatabase(config.DATABASE_URL);
  await deleteRedisKeys(config.REDIS_URL, `${config.REDIS_PREFIX}:*`);
}
