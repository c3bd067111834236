import {
  AssignmentPolicy,
  type BusinessHours,
  type OpeningInterval,
  ROUTING_LANGUAGES,
  type RoutingLanguage,
  type SlaTargets,
  type TeamRetention,
  type UpdateAgentRoutingRequest,
  type UpdateTeamRoutingRequest,
  type WeeklySchedule,
} from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class OpeningIntervalDto implements OpeningInterval {
  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: 'start must be a time "HH:mm"' })
  start!: string;

  @ApiProperty({ example: '17:30' })
  @Matches(TIME, { message: 'end must be a time "HH:mm" (24:00 for midnight)' })
  end!: string;
}

export class WeeklyScheduleDto implements WeeklySchedule {
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) mon?: OpeningIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) tue?: OpeningIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) wed?: OpeningIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) thu?: OpeningIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) fri?: OpeningIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) sat?: OpeningIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => OpeningIntervalDto) sun?: OpeningIntervalDto[];
}

export class BusinessHoursDto implements BusinessHours {
  @ApiProperty({ example: 'Europe/Kyiv' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ example: { mon: [{ start: '09:00', end: '18:00' }] } })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  weekly!: WeeklyScheduleDto;

  @ApiProperty({ type: [String], example: ['2026-12-25'] })
  @IsArray()
  @ArrayMaxSize(400)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays must be dates "YYYY-MM-DD"' })
  holidays!: string[];
}

export class SlaTargetsDto implements Partial<SlaTargets> {
  @ApiPropertyOptional({ nullable: true, example: 15 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 30)
  firstResponseMinutes?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 60 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 30)
  nextResponseMinutes?: number | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  businessHoursOnly?: boolean;
}

const RETENTION_DAYS_MESSAGE = 'must be a whole number of days from 1 to 3650, or null to keep them for good';

export class TeamRetentionDto implements Partial<TeamRetention> {
  @ApiPropertyOptional({ nullable: true, example: 365, description: 'Days message texts are kept; null: for good' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: `messageBodiesDays ${RETENTION_DAYS_MESSAGE}` })
  @Min(1, { message: `messageBodiesDays ${RETENTION_DAYS_MESSAGE}` })
  @Max(3650, { message: `messageBodiesDays ${RETENTION_DAYS_MESSAGE}` })
  messageBodiesDays?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 90, description: 'Days media links are kept; null: for good' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: `mediaDays ${RETENTION_DAYS_MESSAGE}` })
  @Min(1, { message: `mediaDays ${RETENTION_DAYS_MESSAGE}` })
  @Max(3650, { message: `mediaDays ${RETENTION_DAYS_MESSAGE}` })
  mediaDays?: number | null;
}

export class MemberCapacityDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  userId!: string;

  @ApiProperty({ nullable: true, description: "null: the team's default" })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity!: number | null;
}

export class UpdateTeamRoutingDto implements UpdateTeamRoutingRequest {
  @ApiPropertyOptional({ enum: AssignmentPolicy })
  @IsOmittable()
  @IsEnum(AssignmentPolicy, { message: `policy must be one of ${Object.values(AssignmentPolicy).join(', ')}` })
  policy?: AssignmentPolicy;

  @ApiPropertyOptional({ nullable: true, example: 3 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1000)
  defaultCapacity?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 300, description: 'null keeps conversations with their agent' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(604800)
  reassignOfflineAfterSeconds?: number | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  preferAgentLanguage?: boolean;

  @ApiPropertyOptional({ description: 'An agent who replies to an unassigned conversation gets it (default true)' })
  @IsOmittable()
  @IsBoolean()
  assignOnReply?: boolean;

  @ApiPropertyOptional({ type: BusinessHoursDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @ValidateNested()
  @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto | null;

  @ApiPropertyOptional({ example: 'We are closed now and will answer from 9:00.' })
  @IsOmittable()
  @IsString()
  @MaxLength(1600)
  outOfOfficeMessage?: string;

  @ApiPropertyOptional({ type: SlaTargetsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  sla?: SlaTargetsDto;

  @ApiPropertyOptional({ type: TeamRetentionDto, description: 'Admins only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeamRetentionDto)
  retention?: TeamRetentionDto;

  @ApiPropertyOptional({ type: [MemberCapacityDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => MemberCapacityDto)
  members?: MemberCapacityDto[];
}

export class UpdateAgentRoutingDto implements UpdateAgentRoutingRequest {
  @ApiPropertyOptional({ nullable: true, example: 5, description: 'Open conversations across all the agent’s teams; null: no limit. Only the agent and admins set it (403 for supervisors, who set capacity per team).' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number | null;

  @ApiPropertyOptional({ enum: ROUTING_LANGUAGES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROUTING_LANGUAGES.length)
  @IsIn(ROUTING_LANGUAGES, { each: true, message: `languages must be among ${ROUTING_LANGUAGES.join(', ')}` })
  languages?: RoutingLanguage[];
}
