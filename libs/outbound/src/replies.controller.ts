import { ApiKeyAuth, type ApiKeyActor, CurrentActor, CurrentUser, type UserActor } from '@backtalk/auth';
import {
  ApiKeyScope,
  type MessageView,
  type SendNotificationRequest,
  type SendNotificationResponse,
  type SendReplyRequest,
  type StartConversationRequest,
  type StartConversationResponse,
} from '@backtalk/contracts';
import { applyDecorators, Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DomainError, IsOmittable, tooLongMessage } from '@backtalk/platform';
import { NotificationRateLimiter } from './notification-rate-limiter';
import { MAX_BODY_LENGTH, RepliesService } from './replies.service';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Any unique string (e.g. a UUID). Repeating a request with the same key returns the first result and sends nothing new.' };

/** Printable ASCII, as in the IETF Idempotency-Key draft; anything else is a client bug worth reporting. */
function idempotencyKeyOrFail(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) throw DomainError.validation('The Idempotency-Key header must be 1 to 200 printable ASCII characters without spaces');
  return raw;
}

/** A reply's body rules, in the sentences the console shows: used for replies and for the first message of a conversation an agent starts, both written in the console's composer. */
function ReplyBodyRules(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'Write a message before sending.' }),
    IsNotEmpty({ message: 'Write a message before sending.' }),
    MaxLength(MAX_BODY_LENGTH, { message: tooLongMessage('message', 'SMS replies can be at most', MAX_BODY_LENGTH, 'send it') }),
  );
}

export class SendReplyBody implements SendReplyRequest {
  @ApiProperty({ example: 'Your order left our warehouse today.' })
  @ReplyBodyRules()
  body!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() smartEncode?: boolean;
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00Z' }) @IsOptional() @IsDateString({ strict: true }) sendAt?: string;
  @ApiPropertyOptional({ description: 'Send when the team opens next (now, if it is open)' }) @IsOptional() @IsBoolean() sendAtNextOpening?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The canned answer the reply started from' }) @IsOptional() @IsUUID('4') cannedAnswerId?: string;
  @ApiPropertyOptional({ example: 1042, description: 'The realtime event seq the console had applied when the agent opened the thread: a colleague taking or answering the conversation after it holds the reply (409 REPLY_COLLISION)' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seenThrough?: number;
  @ApiPropertyOptional({ description: 'Send even though a colleague took or answered the conversation since seenThrough' }) @IsOmittable() @IsBoolean() force?: boolean;
}

export class StartConversationBody implements StartConversationRequest {
  @IsUUID('4') channelId!: string;
  @IsString({ message: 'Enter the customer’s phone number.' })
  @IsNotEmpty({ message: 'Enter the customer’s phone number.' })
  @MaxLength(40, { message: 'That phone number is too long: numbers have at most 15 digits.' })
  phone!: string;
  @ReplyBodyRules() body!: string;
  @IsOptional() @IsDateString({ strict: true }) sendAt?: string;
}

export class SendNotificationBody implements SendNotificationRequest {
  @ApiProperty({ example: '6f1c7f64-8a43-4c9e-9f6b-1d2f3e4a5b6c' }) @IsUUID('4') channelId!: string;
  @ApiProperty({ example: '+380501234567' }) @IsString() @IsNotEmpty() @MaxLength(40) to!: string;
  @ApiProperty({ example: 'Hi {{name}}, your order {{order}} is out for delivery. Reply here with any question.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BODY_LENGTH)
  body!: string;
  @ApiPropertyOptional({ example: { name: 'Olena', order: 'A-1042' } }) @IsOptional() @IsObject() variables?: Record<string, string>;
  @ApiPropertyOptional({ example: 'order-A-1042-dispatch' }) @IsOptional() @IsString() @MaxLength(120) @Matches(/^\S+$/, { message: 'externalReference must not contain spaces' }) externalReference?: string;
  @ApiPropertyOptional({ example: { orderId: 'A-1042' } }) @IsOptional() @IsObject() metadata?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) sendAt?: string;
}

@ApiTags('messages')
@Controller()
export class RepliesController {
  constructor(
    private readonly replies: RepliesService,
    private readonly notificationLimiter: NotificationRateLimiter,
  ) {}

  @ApiBearerAuth('user')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Reply to a conversation (queued, or scheduled with sendAt)' })
  @Post('conversations/:id/messages')
  reply(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SendReplyBody, @Headers('idempotency-key') key?: string): Promise<MessageView> {
    return this.replies.reply(actor, id, body, idempotencyKeyOrFail(key));
  }

  @ApiBearerAuth('user')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Text a number from a channel, starting (or continuing) its conversation' })
  @Post('conversations')
  start(@CurrentUser() actor: UserActor, @Body() body: StartConversationBody, @Headers('idempotency-key') key?: string): Promise<StartConversationResponse> {
    return this.replies.startConversation(actor, body, idempotencyKeyOrFail(key));
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: 'Send a failed or unknown message again, deliberately, as a new message' })
  @Post('messages/:id/resend')
  resend(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<MessageView> {
    return this.replies.resend(actor, id);
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: 'Cancel a scheduled message that has not gone out yet' })
  @Post('messages/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<MessageView> {
    return this.replies.cancelScheduled(actor, id);
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.MessagesSend)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: SendNotificationBody })
  @ApiOperation({
    summary: 'Send a notification SMS (free text or a {{template}}); the customer’s reply lands in their conversation',
    description: 'Answers 202 with the queued message. Opted-out numbers are refused with 409 CONTACT_OPTED_OUT. Rate-limited per API key (429 with Retry-After).',
  })
  @Post('v1/messages')
  @HttpCode(202)
  async notify(@CurrentActor() actor: ApiKeyActor, @Body() body: SendNotificationBody, @Headers('idempotency-key') key?: string): Promise<SendNotificationResponse> {
    await this.notificationLimiter.take(actor.apiKeyId);
    return this.replies.notify(actor, body, idempotencyKeyOrFail(key));
  }
}
