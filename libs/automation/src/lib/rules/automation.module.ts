import { AuditModule } from '@backtalk/audit';
import { ConversationsModule } from '@backtalk/conversations';
import { LabelsModule } from '@backtalk/labels';
import { OutboundModule } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { RoutingModule, RoutingTriggers } from '@backtalk/routing';
import { BullModule } from '@nestjs/bull';
import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CannedAnswersModule } from '../canned-answers/canned-answers.module';
import { AutomationController } from './automation.controller';
import { AutomationProcessor } from './automation.processor';
import { AutomationRuleEntity } from './automation-rule.entity';
import { AutomationService } from './automation.service';
import { FaqLibraryService } from './faq-library.service';
import { RuleActionsService } from './rule-actions.service';
import { RuleCache } from './rule-cache';
import { RulesService } from './rules.service';

const SERVICES = [AutomationService, FaqLibraryService, RuleActionsService, RuleCache, RulesService];

/** Rules and FAQ auto-replies, run on each customer message in the process that stored it. */
@Module({
  imports: [TypeOrmModule.forFeature([AutomationRuleEntity]), CannedAnswersModule, ConversationsModule, LabelsModule, OutboundModule, RoutingModule, AuditModule],
  controllers: [AutomationController],
  providers: SERVICES,
  exports: SERVICES,
})
export class AutomationModule implements OnModuleInit {
  constructor(
    private readonly triggers: RoutingTriggers,
    private readonly automation: AutomationService,
  ) {}

  onModuleInit(): void {
    this.triggers.useInboundAutomation((messageId) => this.automation.processInbound(messageId));
  }
}

/** The automation sweep (waiting-time rules, messages a crash left out). Shares the routing queue. */
@Module({
  imports: [AutomationModule, BullModule.registerQueue({ name: QueueName.Routing })],
  providers: [AutomationProcessor],
})
export class AutomationWorkerModule {}
