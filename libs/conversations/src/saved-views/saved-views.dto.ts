import { type CreateSavedViewRequest, type OrderSavedViewsRequest, SAVED_VIEW_NAME_MAX, SAVED_VIEWS_MAX, type UpdateSavedViewRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ConversationFiltersDto } from '../conversation-filters';

/** Something besides spaces; cleanViewName trims the rest. */
const NOT_BLANK = /\S/;

export class CreateSavedViewBody implements CreateSavedViewRequest {
  @ApiProperty({ maxLength: SAVED_VIEW_NAME_MAX }) @IsString() @Matches(NOT_BLANK, { message: 'Give the view a name.' }) @MaxLength(SAVED_VIEW_NAME_MAX) name!: string;
  @ApiProperty({ type: ConversationFiltersDto }) @IsObject() @ValidateNested() @Type(() => ConversationFiltersDto) filters!: ConversationFiltersDto;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Share with this team (its supervisors and admins); omitted or null: private' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('4')
  teamId?: string | null;
}

export class UpdateSavedViewBody implements UpdateSavedViewRequest {
  @ApiPropertyOptional({ maxLength: SAVED_VIEW_NAME_MAX }) @IsOmittable() @IsString() @Matches(NOT_BLANK, { message: 'Give the view a name.' }) @MaxLength(SAVED_VIEW_NAME_MAX) name?: string;
  @ApiPropertyOptional({ type: ConversationFiltersDto }) @IsOmittable() @IsObject() @ValidateNested() @Type(() => ConversationFiltersDto) filters?: ConversationFiltersDto;
}

export class OrderSavedViewsBody implements OrderSavedViewsRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every view of the sidebar in the order wanted' }) @IsArray() @ArrayMaxSize(SAVED_VIEWS_MAX) @IsUUID('4', { each: true }) ids!: string[];
}
