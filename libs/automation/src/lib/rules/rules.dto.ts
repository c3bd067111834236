import { type AutomationTestRequest, type CreateRuleRequest, type ReorderRulesRequest, type RuleAction, type RuleCondition, RuleTrigger, type UpdateRuleRequest } from '@backtalk/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const TRIGGER_MESSAGE = `trigger must be one of ${Object.values(RuleTrigger).join(', ')}`;

/** The shape of conditions and actions is checked by `ruleProblems`, which says precisely what is wrong where. */
export class CreateRuleDto implements CreateRuleRequest {
  @ApiProperty({ example: 'Order status FAQ' }) @IsString() @IsNotEmpty() @MaxLength(120) name!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID('4') channelId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID('4') teamId?: string | null;
  @ApiProperty({ enum: RuleTrigger }) @IsEnum(RuleTrigger, { message: TRIGGER_MESSAGE }) trigger!: RuleTrigger;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsInt() @Min(1) @Max(60 * 24 * 30) waitingMinutes?: number | null;
  @ApiPropertyOptional({ example: [{ type: 'faq_match', minConfidence: 0.8 }] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) conditions?: RuleCondition[];
  @ApiProperty({ example: [{ type: 'reply', cannedAnswerId: 'matched_faq' }, { type: 'set_status', status: 'pending' }] }) @IsArray() @ArrayMaxSize(10) @IsObject({ each: true }) actions!: RuleAction[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() continueAfter?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'Reply also in conversations assigned to a person (by default a reply rule leaves them to that person)' }) @IsOptional() @IsBoolean() answerAssigned?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) position?: number;
}

export class UpdateRuleDto implements UpdateRuleRequest {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) name?: string;
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID('4') channelId?: string | null;
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID('4') teamId?: string | null;
  @IsOptional() @IsEnum(RuleTrigger, { message: TRIGGER_MESSAGE }) trigger?: RuleTrigger;
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsInt() @Min(1) @Max(60 * 24 * 30) waitingMinutes?: number | null;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) conditions?: RuleCondition[];
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsObject({ each: true }) actions?: RuleAction[];
  @IsOptional() @IsBoolean() continueAfter?: boolean;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsBoolean() answerAssigned?: boolean;
  @IsOptional() @IsInt() @Min(0) position?: number;
}

export class ReorderRulesDto implements ReorderRulesRequest {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(1000) @IsUUID('4', { each: true }) ruleIds!: string[];
}

export class AutomationTestDto implements AutomationTestRequest {
  @ApiProperty({ example: 'de moye zamovlennya?' }) @IsString() @IsNotEmpty() @MaxLength(1600) text!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') channelId!: string;
  @ApiPropertyOptional({ enum: [RuleTrigger.InboundMessage, RuleTrigger.FirstMessage] })
  @IsOptional()
  @IsIn([RuleTrigger.InboundMessage, RuleTrigger.FirstMessage])
  trigger?: RuleTrigger.InboundMessage | RuleTrigger.FirstMessage;
}

export class ReplayQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 }) @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(1) @Max(1000) limit?: number;
}
