import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

/** The infrastructure every process shares: configuration, logging, PostgreSQL, Redis, queues, secrets, metrics. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, CryptoModule, MetricsModule, QueuesModule, EventsModule, LifecycleModule],
  controllers: [HealthController],
})
export class PlatformModule {}
