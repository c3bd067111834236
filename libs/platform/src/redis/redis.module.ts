import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

export function createRedisClient(config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_PREFIX'>, options: { prefixed?: boolean } = {}): Redis {
  return new Redis(config.REDIS_URL, {
    keyPrefix: options.prefixed === false ? undefined : `${config.REDIS_PREFIX}:`,
    // A request must fail quickly when Redis is down (then it becomes a 503) instead of queueing forever.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 3000,
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => createRedisClient(config) }, RedisCloser],
  exports: [REDIS],
})
export class RedisModule {}
