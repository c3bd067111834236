import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RepeatableJobs } from './repeatable-jobs';

export * from './repeatable-jobs';

export enum QueueName {
  Maintenance = 'maintenance',
  Inbound = 'inbound',
  Outbound = 'outbound',
  Routing = 'routing',
  ContactImport = 'contact-import',
  /** Bulk actions on conversations too large to do while the request waits. */
  Bulk = 'bulk',
}

/** Defaults set once for every queue: bounded retention so Redis does not grow without end. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
} as const;

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.REDIS_URL,
        prefix: `${config.REDIS_PREFIX}:bull`,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
  ],
  providers: [RepeatableJobs],
  exports: [RepeatableJobs],
})
export class QueuesModule {}
