import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type CsatSurveySettingsView, Role } from '@backtalk/contracts';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UpdateCsatSurveySettingsDto } from './csat-settings.dto';
import { CsatSettingsService } from './csat-settings.service';

@ApiTags('csat')
@ApiBearerAuth('user')
@Controller('teams/:id/csat-survey')
export class CsatController {
  constructor(private readonly settings: CsatSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The team’s satisfaction survey by SMS: whether it is on, its text, delay and limits' })
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<CsatSurveySettingsView> {
    return this.settings.get(actor, id);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch()
  @ApiOperation({ summary: 'Changes the team’s satisfaction survey (admins and the team’s supervisors)' })
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCsatSurveySettingsDto): Promise<CsatSurveySettingsView> {
    return this.settings.update(actor, id, body);
  }
}
