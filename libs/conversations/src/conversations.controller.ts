import { CurrentUser, type UserActor } from '@backtalk/auth';
import { type ActivityView, type ConsentEventView, type ConversationListQuery, ConversationStatus, type ConversationView, type InboxCounts, type MessageView, type Page } from '@backtalk/contracts';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ConversationActivity } from './conversation-activity.service';
import { ConversationFiltersDto } from './conversation-filters';
import { ConversationsService } from './conversations.service';

export class ListConversationsQuery extends ConversationFiltersDto implements ConversationListQuery {
  @ApiPropertyOptional({ description: "The previous page's nextCursor" }) @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class InboxCountsQuery {
  @ApiPropertyOptional({ enum: ConversationStatus }) @IsOptional() @IsEnum(ConversationStatus) status?: ConversationStatus;
}

export class ListMessagesQuery {
  @ApiPropertyOptional({ description: "The previous page's nextCursor" }) @IsOptional() @IsString() before?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

@ApiTags('conversations')
@ApiBearerAuth('user')
@Controller('conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly activity: ConversationActivity,
  ) {}

  @Get()
  list(@CurrentUser() actor: UserActor, @Query() query: ListConversationsQuery): Promise<Page<ConversationView>> {
    return this.conversations.list(actor, query);
  }

  /** Registered before `:id` so that "counts" is not taken for a conversation id. */
  @Get('counts')
  counts(@CurrentUser() actor: UserActor, @Query() query: InboxCountsQuery): Promise<InboxCounts> {
    return this.conversations.counts(actor, query.status);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.conversations.get(actor, id);
  }

  @Get(':id/messages')
  messages(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListMessagesQuery): Promise<Page<MessageView>> {
    return this.conversations.messages(actor, id, query);
  }

  /** The thread's activity lines, oldest first; the console merges them with the messages by time. */
  @Get(':id/activity')
  activityLines(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityView[]> {
    return this.activity.list(actor, id);
  }

  @Get(':id/consent')
  consent(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsentEventView[]> {
    return this.conversations.consentHistory(actor, id);
  }
}
