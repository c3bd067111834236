import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type AgentRoutingView, type QueueView, Role, type SlaBreachView, type TakeNextResult, type TeamRoutingView } from '@backtalk/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AssignmentService } from './assignment/assignment.service';
import { QueueViewsService } from './queues/queue-views.service';
import { UpdateAgentRoutingDto, UpdateTeamRoutingDto } from './settings/routing-settings.dto';
import { TeamRoutingService } from './settings/team-routing.service';

export class SlaBreachesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') teamId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 }) @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(1) @Max(1000) limit?: number;
}

@ApiTags('routing')
@ApiBearerAuth('user')
@Controller()
export class RoutingController {
  constructor(
    private readonly queues: QueueViewsService,
    private readonly assignment: AssignmentService,
    private readonly settings: TeamRoutingService,
  ) {}

  @Get('queues')
  @ApiOperation({ summary: 'The live queue of every team the caller can see: waiting, longest wait, SLA at risk, agents and their load' })
  list(@CurrentUser() actor: UserActor): Promise<QueueView[]> {
    return this.queues.list(actor);
  }

  @Get('queues/:teamId')
  get(@CurrentUser() actor: UserActor, @Param('teamId', ParseUUIDPipe) teamId: string): Promise<QueueView> {
    return this.queues.get(actor, teamId);
  }

  @Get('sla-breaches')
  @ApiOperation({ summary: 'Recorded SLA breaches, newest first, for reports' })
  breaches(@CurrentUser() actor: UserActor, @Query() query: SlaBreachesQuery): Promise<SlaBreachView[]> {
    return this.queues.breaches(actor, query);
  }

  @Post('queues/take-next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claims the most urgent, longest-waiting conversation of the caller’s teams; conversationId is null when none waits' })
  async takeNext(@CurrentUser() actor: UserActor): Promise<TakeNextResult> {
    return { conversationId: await this.assignment.takeNext(actor) };
  }

  @Get('teams/:id/routing')
  teamRouting(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<TeamRoutingView> {
    return this.settings.get(actor, id);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch('teams/:id/routing')
  updateTeamRouting(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateTeamRoutingDto): Promise<TeamRoutingView> {
    return this.settings.update(actor, id, body);
  }

  @Get('users/:id/routing')
  agentRouting(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<AgentRoutingView> {
    return this.settings.getAgent(actor, id);
  }

  @Patch('users/:id/routing')
  updateAgentRouting(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAgentRoutingDto): Promise<AgentRoutingView> {
    return this.settings.updateAgent(actor, id, body);
  }
}
