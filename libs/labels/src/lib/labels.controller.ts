import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type ConversationView, type LabelView, Role } from '@backtalk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConversationLabels } from './conversation-labels.service';
import { ChangeConversationLabelsBody, CreateLabelBody, ListLabelsQuery, UpdateLabelBody } from './labels.dto';
import { LabelsService } from './labels.service';

@ApiTags('labels')
@ApiBearerAuth('user')
@Controller()
export class LabelsController {
  constructor(
    private readonly labels: LabelsService,
    private readonly conversationLabels: ConversationLabels,
  ) {}

  @Get('labels')
  @ApiOperation({ summary: 'The labels the caller may use (global and their teams’), or those usable on one conversation' })
  list(@CurrentUser() actor: UserActor, @Query() query: ListLabelsQuery): Promise<LabelView[]> {
    return this.labels.list(actor, query);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post('labels')
  @ApiOperation({ summary: 'Creates a label: global (admins) or a team’s (admins and its supervisors)' })
  create(@CurrentUser() actor: UserActor, @Body() body: CreateLabelBody): Promise<LabelView> {
    return this.labels.create(actor, body);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch('labels/:id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateLabelBody): Promise<LabelView> {
    return this.labels.update(actor, id, body);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Delete('labels/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a label and takes it off every conversation' })
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.labels.remove(actor, id);
  }

  @Post('conversations/:id/labels')
  @HttpCode(200)
  @ApiOperation({ summary: 'Puts labels on a conversation and takes others off, as one change with one activity line' })
  change(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ChangeConversationLabelsBody): Promise<ConversationView> {
    return this.conversationLabels.change(actor, id, body);
  }
}
