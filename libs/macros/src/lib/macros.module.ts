import { AuditModule } from '@backtalk/audit';
import { AuthModule } from '@backtalk/auth';
import { CannedAnswersModule } from '@backtalk/automation';
import { ConversationsModule } from '@backtalk/conversations';
import { LabelsModule } from '@backtalk/labels';
import { OutboundModule } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BulkActionsProcessor } from './bulk-actions.processor';
import { BulkActions } from './bulk-actions.service';
import { MacroEntity } from './macro.entity';
import { MacroRunner } from './macro-runner.service';
import { MacrosController } from './macros.controller';
import { MacrosService } from './macros.service';

const SERVICES = [MacrosService, MacroRunner, BulkActions];

/** Acting on conversations in bulk and in sequence: bulk actions and macros, both through the single actions. */
@Module({
  imports: [TypeOrmModule.forFeature([MacroEntity]), ConversationsModule, LabelsModule, OutboundModule, CannedAnswersModule, AuditModule, BullModule.registerQueue({ name: QueueName.Bulk })],
  controllers: [MacrosController],
  providers: SERVICES,
  exports: SERVICES,
})
export class MacrosModule {}

@Module({
  imports: [MacrosModule, AuthModule, BullModule.registerQueue({ name: QueueName.Bulk })],
  providers: [BulkActionsProcessor],
})
export class MacrosWorkerModule {}
