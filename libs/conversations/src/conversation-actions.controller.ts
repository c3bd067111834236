import { CurrentUser, type UserActor } from '@backtalk/auth';
import {
  type AddNoteRequest,
  type AssignConversationRequest,
  type AssignmentRecordView,
  ConversationPriority,
  type ConversationView,
  type MessageView,
  type SetPriorityRequest,
  type SnoozeConversationRequest,
} from '@backtalk/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { tooLongMessage } from '@backtalk/platform';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ConversationActionsService } from './conversation-actions.service';

export class AssignConversationBody implements AssignConversationRequest {
  /** null unassigns. */
  @ValidateIf((_object, value) => value !== null) @IsUUID('4') assigneeId!: string | null;
  @IsOptional() @IsUUID('4') teamId?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SnoozeConversationBody implements SnoozeConversationRequest {
  /** Omitted: until the customer writes again. */
  @IsOptional() @IsDateString({ strict: true }) until?: string;
}

export class SetPriorityBody implements SetPriorityRequest {
  @IsEnum(ConversationPriority, { message: `priority must be one of ${Object.values(ConversationPriority).join(', ')}` }) priority!: ConversationPriority;
}

const MAX_NOTE_LENGTH = 4000;

export class AddNoteBody implements AddNoteRequest {
  @IsString({ message: 'Write a note before saving it.' })
  @IsNotEmpty({ message: 'Write a note before saving it.' })
  @MaxLength(MAX_NOTE_LENGTH, { message: tooLongMessage('note', 'notes can be at most', MAX_NOTE_LENGTH, 'save it') })
  body!: string;
}

@ApiTags('conversations')
@ApiBearerAuth('user')
@Controller()
export class ConversationActionsController {
  constructor(private readonly actions: ConversationActionsService) {}

  @Post('conversations/:id/assign')
  @HttpCode(200)
  assign(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssignConversationBody): Promise<ConversationView> {
    return this.actions.assign(actor, id, body);
  }

  @Post('conversations/:id/resolve')
  @HttpCode(200)
  resolve(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.actions.resolve(actor, id);
  }

  @Post('conversations/:id/reopen')
  @HttpCode(200)
  reopen(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.actions.reopen(actor, id);
  }

  @Post('conversations/:id/pending')
  @HttpCode(200)
  pending(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.actions.markPending(actor, id);
  }

  @Post('conversations/:id/snooze')
  @HttpCode(200)
  snooze(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SnoozeConversationBody): Promise<ConversationView> {
    return this.actions.snooze(actor, id, body.until ? new Date(body.until) : null);
  }

  @Post('conversations/:id/priority')
  @HttpCode(200)
  setPriority(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SetPriorityBody): Promise<ConversationView> {
    return this.actions.setPriority(actor, id, body.priority);
  }

  /** Every change of hands, oldest first, for the conversation's timeline. */
  @Get('conversations/:id/assignments')
  assignments(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<AssignmentRecordView[]> {
    return this.actions.assignments(actor, id);
  }

  @Post('conversations/:id/read')
  @HttpCode(200)
  read(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.actions.markRead(actor, id);
  }

  @Post('conversations/:id/notes')
  addNote(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddNoteBody): Promise<MessageView> {
    return this.actions.addNote(actor, id, body.body);
  }
}
