import { AuditModule } from '@backtalk/audit';
import { ConversationsModule } from '@backtalk/conversations';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationLabels } from './conversation-labels.service';
import { LabelEntity } from './label.entity';
import { LabelsController } from './labels.controller';
import { LabelsService } from './labels.service';

const SERVICES = [LabelsService, ConversationLabels];

/** Labels and the labels on conversations. */
@Module({
  imports: [TypeOrmModule.forFeature([LabelEntity]), ConversationsModule, AuditModule],
  controllers: [LabelsController],
  providers: SERVICES,
  exports: SERVICES,
})
export class LabelsModule {}
