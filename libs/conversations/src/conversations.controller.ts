import { CurrentUser, type UserActor } from '@backtalk/auth';
import { type ActivityView, type ConsentEventView, type ConversationListQuery, ConversationStatus, type ConversationView, type InboxCounts, type InboxSort, type InboxView, type MessageView, type Page } from '@backtalk/contracts';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ConversationActivity } from './conversation-activity.service';
import { ConversationsService } from './conversations.service';

export class ListConversationsQuery implements ConversationListQuery {
  @ApiPropertyOptional({ enum: ['mine', 'unassigned', 'team', 'all'] }) @IsOptional() @IsIn(['mine', 'unassigned', 'team', 'all']) view?: InboxView;
  @ApiPropertyOptional({ enum: ['recent', 'waiting'] }) @IsOptional() @IsIn(['recent', 'waiting']) sort?: InboxSort;
  @ApiPropertyOptional({ description: 'Number, name or message text' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ConversationStatus }) @IsOptional() @IsEnum(ConversationStatus) status?: ConversationStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') channelId?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only conversations with any of these labels; repeat for several' })
  @IsOptional()
  @Transform(({ value }) => [value].flat())
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  labelId?: string[];
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
