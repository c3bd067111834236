import {
  BULK_ACTION_TYPES,
  BULK_MAX_ITEMS,
  type BulkActionParams,
  type BulkActionRequest,
  BulkActionType,
  ConversationPriority,
  type CreateMacroRequest,
  MACRO_MAX_STEPS,
  MACRO_NAME_MAX,
  MACRO_NOTE_MAX,
  MACRO_SNOOZE_MAX_MINUTES,
  MACRO_STEP_TYPES,
  type MacroStep,
  MacroStepType,
  type UpdateMacroRequest,
} from '@backtalk/contracts';
import { ConversationFiltersDto } from '@backtalk/conversations';
import { IsOmittable, tooLongMessage } from '@backtalk/platform';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const NOT_BLANK = /\S/;
const PRIORITY_MESSAGE = `priority must be one of ${Object.values(ConversationPriority).join(', ')}`;

/** Any step: its type decides which of the subclasses below the body becomes. An unknown type stays this and fails. */
export class MacroStepBody {
  @ApiProperty({ enum: MACRO_STEP_TYPES }) @IsIn(MACRO_STEP_TYPES, { message: `type must be one of ${MACRO_STEP_TYPES.join(', ')}` }) type!: MacroStepType;
}

export class SendCannedAnswerStepBody extends MacroStepBody {
  @IsUUID('4') cannedAnswerId!: string;
}

export class AddLabelStepBody extends MacroStepBody {
  @IsUUID('4') labelId!: string;
}

export class AssignStepBody extends MacroStepBody {
  /** A person, `me` (whoever runs the macro) or null (unassigned). */
  @ValidateIf((_object, value) => value !== null && value !== 'me') @IsUUID('4', { message: 'assigneeId must be a user id, "me" or null' }) assigneeId!: string | 'me' | null;
}

export class SetPriorityStepBody extends MacroStepBody {
  @IsEnum(ConversationPriority, { message: PRIORITY_MESSAGE }) priority!: ConversationPriority;
}

export class AddNoteStepBody extends MacroStepBody {
  @IsString({ message: 'Write the note this step adds.' })
  @Matches(NOT_BLANK, { message: 'Write the note this step adds.' })
  @MaxLength(MACRO_NOTE_MAX, { message: tooLongMessage('note', 'notes can be at most', MACRO_NOTE_MAX, 'save it') })
  body!: string;
}

export class ResolveStepBody extends MacroStepBody {}

export class SnoozeStepBody extends MacroStepBody {
  /** null: until the customer writes again. */
  @ValidateIf((_object, value) => value !== null) @IsInt() @Min(1) @Max(MACRO_SNOOZE_MAX_MINUTES, { message: 'Snooze for at most 90 days.' }) minutes!: number | null;
}

const STEP_BODIES: Record<MacroStepType, new () => MacroStepBody> = {
  [MacroStepType.SendCannedAnswer]: SendCannedAnswerStepBody,
  [MacroStepType.AddLabel]: AddLabelStepBody,
  [MacroStepType.Assign]: AssignStepBody,
  [MacroStepType.SetPriority]: SetPriorityStepBody,
  [MacroStepType.AddNote]: AddNoteStepBody,
  [MacroStepType.Resolve]: ResolveStepBody,
  [MacroStepType.Snooze]: SnoozeStepBody,
};

/**
 * Each step becomes the class of its type, whose checks then apply; anything that is not an object is left as it is
 * for ValidateNested to refuse. (class-transformer's own discriminator reads `type` off a null step and throws.)
 */
const toStepBodies = ({ value }: { value: unknown }): unknown => {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const type = (item as { type?: unknown }).type;
    const body = typeof type === 'string' && Object.hasOwn(STEP_BODIES, type) ? STEP_BODIES[type as MacroStepType] : MacroStepBody;
    return plainToInstance(body, item);
  });
};

const STEPS = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1, { message: 'Give the macro at least one step.' }),
    ArrayMaxSize(MACRO_MAX_STEPS, { message: `A macro has at most ${MACRO_MAX_STEPS} steps.` }),
    ValidateNested({ each: true }),
    Transform(toStepBodies),
  );

export class CreateMacroBody implements CreateMacroRequest {
  @ApiProperty({ maxLength: MACRO_NAME_MAX }) @IsString() @Matches(NOT_BLANK, { message: 'Give the macro a name.' }) @MaxLength(MACRO_NAME_MAX) name!: string;
  @ApiProperty({ enum: ['personal', 'shared'] }) @IsIn(['personal', 'shared'], { message: 'visibility must be personal or shared' }) visibility!: 'personal' | 'shared';
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A shared macro’s team; omitted or null: global (admins only)' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('4')
  teamId?: string | null;
  @ApiProperty({ type: [MacroStepBody] }) @STEPS() steps!: MacroStep[];
}

export class UpdateMacroBody implements UpdateMacroRequest {
  @ApiPropertyOptional({ maxLength: MACRO_NAME_MAX }) @IsOmittable() @IsString() @Matches(NOT_BLANK, { message: 'Give the macro a name.' }) @MaxLength(MACRO_NAME_MAX) name?: string;
  @ApiPropertyOptional({ type: [MacroStepBody] }) @IsOmittable() @STEPS() steps?: MacroStep[];
}

export class ListMacrosQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the macros that can run on this conversation' }) @IsOptional() @IsUUID('4') conversationId?: string;
}

export class BulkActionParamsBody implements BulkActionParams {
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_object, value) => value !== null) @IsUUID('4') assigneeId?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID('4') teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID('4') labelId?: string;
  @ApiPropertyOptional({ description: 'Snooze until (ISO 8601); omitted: until the customer writes' }) @IsOmittable() @IsDateString({ strict: true }) until?: string;
  @ApiPropertyOptional({ enum: ConversationPriority }) @IsOmittable() @IsEnum(ConversationPriority, { message: PRIORITY_MESSAGE }) priority?: ConversationPriority;
}

export class BulkActionBody implements BulkActionRequest {
  @ApiProperty({ enum: BULK_ACTION_TYPES }) @IsEnum(BulkActionType, { message: `action must be one of ${BULK_ACTION_TYPES.join(', ')}` }) action!: BulkActionType;
  @ApiPropertyOptional({ type: BulkActionParamsBody }) @IsOmittable() @ValidateNested() @Type(() => BulkActionParamsBody) params?: BulkActionParamsBody;
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: BULK_MAX_ITEMS })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'Select at least one conversation.' })
  @ArrayMaxSize(BULK_MAX_ITEMS, { message: `At most ${BULK_MAX_ITEMS.toLocaleString('en-US')} conversations at once.` })
  @IsUUID('4', { each: true })
  ids?: string[];
  /** The inbox list's filters, as a saved view holds them: the server finds the matching conversations. */
  @ApiPropertyOptional({ type: ConversationFiltersDto }) @IsOmittable() @IsObject() @ValidateNested() @Type(() => ConversationFiltersDto) filter?: ConversationFiltersDto;
}
