import { CSAT_MAX_DAYS_BETWEEN, CSAT_MAX_DELAY_MINUTES, CSAT_MESSAGE_MAX_LENGTH, type UpdateCsatSurveySettingsRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class UpdateCsatSurveySettingsDto implements UpdateCsatSurveySettingsRequest {
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ example: 'How did we do? Reply 1 (bad) to 5 (great).', maxLength: CSAT_MESSAGE_MAX_LENGTH })
  @IsOmittable()
  @IsString()
  @IsNotEmpty({ message: 'The survey message cannot be empty.' })
  @MaxLength(CSAT_MESSAGE_MAX_LENGTH, { message: `The survey message can be at most ${CSAT_MESSAGE_MAX_LENGTH} characters.` })
  message?: string;

  @ApiPropertyOptional({ nullable: true, example: 'Thank you for your feedback!', description: 'null: no thank-you', maxLength: CSAT_MESSAGE_MAX_LENGTH })
  @IsOmittable()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @IsNotEmpty({ message: 'Leave the thank-you out (null) rather than empty.' })
  @MaxLength(CSAT_MESSAGE_MAX_LENGTH, { message: `The thank-you can be at most ${CSAT_MESSAGE_MAX_LENGTH} characters.` })
  thankYou?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: CSAT_MAX_DELAY_MINUTES }) @IsOmittable() @IsInt() @Min(0) @Max(CSAT_MAX_DELAY_MINUTES) delayMinutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: CSAT_MAX_DAYS_BETWEEN }) @IsOmittable() @IsInt() @Min(0) @Max(CSAT_MAX_DAYS_BETWEEN) minDaysBetween?: number;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() reopenOnLowScore?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 4 }) @IsOmittable() @IsInt() @Min(1) @Max(4) lowScoreThreshold?: number;
}
