import { AuditModule } from '@backtalk/audit';
import { ConversationsModule } from '@backtalk/conversations';
import { OutboundModule } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { CsatController } from './csat.controller';
import { CsatProcessor } from './csat.processor';
import { CsatSettingsService } from './csat-settings.service';
import { CsatSurveyService } from './csat-survey.service';

const SERVICES = [CsatSettingsService, CsatSurveyService];

/** The satisfaction survey by SMS: team settings, sending after a resolve, and reading the customer's rating. */
@Module({
  imports: [ConversationsModule, OutboundModule, AuditModule],
  controllers: [CsatController],
  providers: SERVICES,
  exports: SERVICES,
})
export class CsatModule {}

/** The sweep that sends due surveys. */
@Module({
  imports: [CsatModule, BullModule.registerQueue({ name: QueueName.Routing })],
  providers: [CsatProcessor],
})
export class CsatWorkerModule {}
