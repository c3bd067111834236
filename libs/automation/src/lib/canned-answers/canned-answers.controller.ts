import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type CannedAnswerVariant, type CannedAnswerView, type CreateCannedAnswerRequest, ROUTING_LANGUAGES, type RoutingLanguage, type FaqExampleSuggestion, type RenderedCannedAnswer, Role, type UpdateCannedAnswerRequest } from '@backtalk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { IsOmittable } from '@backtalk/platform';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CannedAnswersService } from './canned-answers.service';

/** Far more than the ten that work well, but bounded so one FAQ cannot slow the matcher down. */
const MAX_EXAMPLES = 200;
const SHORTCODE = /^[A-Za-z0-9_-]+$/;
const SHORTCODE_MESSAGE = 'shortcode may hold only letters, digits, - and _';

const LANGUAGE_MESSAGE = `language must be one of ${ROUTING_LANGUAGES.join(', ')}`;

export class CannedAnswerVariantBody implements CannedAnswerVariant {
  @ApiProperty({ enum: ROUTING_LANGUAGES }) @IsIn(ROUTING_LANGUAGES, { message: LANGUAGE_MESSAGE }) language!: RoutingLanguage;
  @IsString() @IsNotEmpty() @Matches(/\S/, { message: 'body must not be blank' }) @MaxLength(1600) body!: string;
}

export class CreateCannedAnswerBody implements CreateCannedAnswerRequest {
  @IsString() @IsNotEmpty() @MaxLength(120) title!: string;
  @IsString() @IsNotEmpty() @MaxLength(1600) body!: string;
  @IsString() @MaxLength(40) @Matches(SHORTCODE, { message: SHORTCODE_MESSAGE }) shortcode!: string;
  @IsOptional() @ValidateIf((_object, value) => value !== null) @IsIn(ROUTING_LANGUAGES, { message: LANGUAGE_MESSAGE }) language?: string | null;
  @ApiPropertyOptional({ enum: ROUTING_LANGUAGES }) @IsOmittable() @IsIn(ROUTING_LANGUAGES, { message: `defaultLanguage must be one of ${ROUTING_LANGUAGES.join(', ')}` }) defaultLanguage?: RoutingLanguage;
  @ApiPropertyOptional({ type: [CannedAnswerVariantBody] }) @IsOmittable() @IsArray() @ArrayMaxSize(ROUTING_LANGUAGES.length) @ValidateNested({ each: true }) @Type(() => CannedAnswerVariantBody) variants?: CannedAnswerVariantBody[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true }) tags?: string[];
  @IsOptional() @ValidateIf((_object, value) => value !== null) @IsUUID('4') teamId?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_EXAMPLES) @IsString({ each: true }) @MaxLength(320, { each: true }) examples?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(60, { each: true }) keywords?: string[];
  @IsOptional() @IsBoolean() autoReply?: boolean;
}

export class UpdateCannedAnswerBody implements UpdateCannedAnswerRequest {
  @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(120) title?: string;
  @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(1600) body?: string;
  @IsOmittable() @IsString() @MaxLength(40) @Matches(SHORTCODE, { message: SHORTCODE_MESSAGE }) shortcode?: string;
  @IsOptional() @ValidateIf((_object, value) => value !== null) @IsIn(ROUTING_LANGUAGES, { message: LANGUAGE_MESSAGE }) language?: string | null;
  @ApiPropertyOptional({ enum: ROUTING_LANGUAGES }) @IsOmittable() @IsIn(ROUTING_LANGUAGES, { message: `defaultLanguage must be one of ${ROUTING_LANGUAGES.join(', ')}` }) defaultLanguage?: RoutingLanguage;
  @ApiPropertyOptional({ type: [CannedAnswerVariantBody] }) @IsOmittable() @IsArray() @ArrayMaxSize(ROUTING_LANGUAGES.length) @ValidateNested({ each: true }) @Type(() => CannedAnswerVariantBody) variants?: CannedAnswerVariantBody[];
  @IsOmittable() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true }) tags?: string[];
  @IsOptional() @ValidateIf((_object, value) => value !== null) @IsUUID('4') teamId?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_EXAMPLES) @IsString({ each: true }) @MaxLength(320, { each: true }) examples?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(60, { each: true }) keywords?: string[];
  @IsOmittable() @IsBoolean() autoReply?: boolean;
}

export class AddExampleBody {
  @IsString() @IsNotEmpty() @MaxLength(320) text!: string;
}

export class ListCannedAnswersQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') conversationId?: string;
}

export class RenderCannedAnswerQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') conversationId!: string;
}

@ApiTags('canned answers')
@ApiBearerAuth('user')
@Controller('canned-answers')
export class CannedAnswersController {
  constructor(private readonly cannedAnswers: CannedAnswersService) {}

  @Get()
  list(@CurrentUser() actor: UserActor, @Query() query: ListCannedAnswersQuery): Promise<CannedAnswerView[]> {
    return this.cannedAnswers.list(actor, query);
  }

  @Get(':id/render')
  render(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: RenderCannedAnswerQuery): Promise<RenderedCannedAnswer> {
    return this.cannedAnswers.render(actor, id, query.conversationId);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post()
  create(@CurrentUser() actor: UserActor, @Body() body: CreateCannedAnswerBody): Promise<CannedAnswerView> {
    return this.cannedAnswers.create(actor, body);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Patch(':id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCannedAnswerBody): Promise<CannedAnswerView> {
    return this.cannedAnswers.update(actor, id, body);
  }

  /** Learning: a customer's question becomes one more example of this FAQ. */
  @Roles(Role.Admin, Role.Supervisor)
  @Post(':id/examples')
  addExample(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddExampleBody): Promise<CannedAnswerView> {
    return this.cannedAnswers.addExample(actor, id, body.text);
  }

  /** Customers' questions: for those who may edit the answer, like its examples. */
  @Roles(Role.Admin, Role.Supervisor)
  @Get(':id/suggestions')
  suggestions(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<FaqExampleSuggestion[]> {
    return this.cannedAnswers.suggestions(actor, id);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.cannedAnswers.remove(actor, id);
  }
}
