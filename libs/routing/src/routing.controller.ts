import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type AgentRoutingView, type QueueView, Role, type TakeNextResult, type TeamRoutingView } from '@backtalk/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignmentService } from './assignment/assignment.service';
import { QueueViewsService } from './queues/queue-views.service';
import { UpdateAgentRoutingDto, UpdateTeamRoutingDto } from './settings/routing-settings.dto';
import { TeamRoutingService } from './settings/team-routing.service';

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
