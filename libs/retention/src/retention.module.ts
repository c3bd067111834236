import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { RetentionProcessor } from './retention.processor';
import { RetentionService } from './retention.service';

/** Deleting what only grows: the event log, automation runs, applied delivery reports and Idempotency-Key records. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}

/** The repeatable retention job; imported by the worker, or by the API when it runs workers in-process. */
@Module({
  imports: [RetentionModule, BullModule.registerQueue({ name: QueueName.Maintenance })],
  providers: [RetentionProcessor],
})
export class RetentionWorkerModule {}
