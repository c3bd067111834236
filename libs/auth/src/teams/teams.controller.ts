import { Role, type TeamView } from '@backtalk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserActor } from '../access/actor';
import { CurrentUser, Roles } from '../access/decorators';
import { CreateTeamDto, UpdateTeamDto } from './teams.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth('user')
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(@CurrentUser() actor: UserActor): Promise<TeamView[]> {
    return this.teams.list(actor);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<TeamView> {
    return this.teams.get(actor, id);
  }

  @Roles(Role.Admin)
  @Post()
  create(@CurrentUser() actor: UserActor, @Body() body: CreateTeamDto): Promise<TeamView> {
    return this.teams.create(body, actor);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch(':id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateTeamDto): Promise<TeamView> {
    return this.teams.update(actor, id, body);
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.teams.remove(id, actor);
  }
}
