import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type AutomationTestResult, type ReplayReport, Role, type RuleView } from '@backtalk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AutomationService } from './automation.service';
import { AutomationTestDto, CreateRuleDto, ReorderRulesDto, ReplayQuery, UpdateRuleDto } from './rules.dto';
import { RulesService } from './rules.service';

@ApiTags('automation')
@ApiBearerAuth('user')
@Controller('automation')
export class AutomationController {
  constructor(
    private readonly rules: RulesService,
    private readonly automation: AutomationService,
  ) {}

  @Get('rules')
  list(@CurrentUser() actor: UserActor): Promise<RuleView[]> {
    return this.rules.list(actor);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post('rules')
  create(@CurrentUser() actor: UserActor, @Body() body: CreateRuleDto): Promise<RuleView> {
    return this.rules.create(actor, body);
  }

  @Roles(Role.Admin)
  @Put('rules/order')
  reorder(@CurrentUser() actor: UserActor, @Body() body: ReorderRulesDto): Promise<RuleView[]> {
    return this.rules.reorder(actor, body.ruleIds);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch('rules/:id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRuleDto): Promise<RuleView> {
    return this.rules.update(actor, id, body);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Delete('rules/:id')
  @HttpCode(204)
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.remove(actor, id);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'What the rules would do with a message on a channel: FAQ scores, the rule that fires, the reply. Sends and changes nothing.' })
  test(@CurrentUser() actor: UserActor, @Body() body: AutomationTestDto): Promise<AutomationTestResult> {
    return this.automation.test(actor, body);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Get('replay')
  @ApiOperation({ summary: 'The current rules run over the last N customer messages, as a dry run: how many would be answered automatically, and with which FAQ.' })
  replay(@CurrentUser() actor: UserActor, @Query() query: ReplayQuery): Promise<ReplayReport> {
    return this.automation.replay(actor, query.limit ?? 200);
  }
}
