import type { ReportQuery } from '@backtalk/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsTimeZone, IsUUID } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The query every report takes; the range's length is checked by the service (resolveRange). */
export class ReportQueryDto implements ReportQuery {
  @ApiProperty({ format: 'date-time', description: 'Start of the range, inclusive' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the range, exclusive; at most 366 days after from' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ example: 'Europe/Kyiv', default: 'UTC', description: 'IANA time zone in which days, hours and weekdays are counted' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only conversations this team holds' })
  @IsOptional()
  @IsUUID('4')
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only conversations through this channel' })
  @IsOptional()
  @IsUUID('4')
  channelId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only conversations assigned to this agent' })
  @IsOptional()
  @IsUUID('4')
  agentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only conversations that carry this label now' })
  @IsOptional()
  @IsUUID('4')
  labelId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Also answer for the previous range of equal length' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  compare?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Count time metrics in each team’s business hours instead of calendar time' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  businessHours?: boolean;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv answers text/csv (as does Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
