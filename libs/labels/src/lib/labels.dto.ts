import { type ChangeConversationLabelsRequest, type CreateLabelRequest, LABEL_COLORS, LABEL_DESCRIPTION_MAX, LABEL_NAME_MAX, type LabelColor, type UpdateLabelRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Something besides spaces; cleanLabelName trims the rest. */
const NOT_BLANK = /\S/;
const COLOR_MESSAGE = `color must be one of ${LABEL_COLORS.join(', ')}`;

export class CreateLabelBody implements CreateLabelRequest {
  @ApiProperty({ maxLength: LABEL_NAME_MAX }) @IsString() @Matches(NOT_BLANK, { message: 'Give the label a name.' }) @MaxLength(LABEL_NAME_MAX) name!: string;
  @ApiProperty({ enum: LABEL_COLORS }) @IsIn(LABEL_COLORS, { message: COLOR_MESSAGE }) color!: LabelColor;
  @ApiPropertyOptional({ maxLength: LABEL_DESCRIPTION_MAX, nullable: true }) @IsOptional() @ValidateIf((_object, value) => value !== null) @IsString() @MaxLength(LABEL_DESCRIPTION_MAX) description?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Omitted or null: a global label (admins only)' }) @IsOptional() @ValidateIf((_object, value) => value !== null) @IsUUID('4') teamId?: string | null;
}

export class UpdateLabelBody implements UpdateLabelRequest {
  @ApiPropertyOptional({ maxLength: LABEL_NAME_MAX }) @IsOmittable() @IsString() @Matches(NOT_BLANK, { message: 'Give the label a name.' }) @MaxLength(LABEL_NAME_MAX) name?: string;
  @ApiPropertyOptional({ enum: LABEL_COLORS }) @IsOmittable() @IsIn(LABEL_COLORS, { message: COLOR_MESSAGE }) color?: LabelColor;
  @ApiPropertyOptional({ maxLength: LABEL_DESCRIPTION_MAX, nullable: true }) @IsOptional() @ValidateIf((_object, value) => value !== null) @IsString() @MaxLength(LABEL_DESCRIPTION_MAX) description?: string | null;
}

export class ListLabelsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the labels usable on this conversation' }) @IsOptional() @IsUUID('4') conversationId?: string;
}

export class ChangeConversationLabelsBody implements ChangeConversationLabelsRequest {
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsUUID('4', { each: true }) add?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsUUID('4', { each: true }) remove?: string[];
}
