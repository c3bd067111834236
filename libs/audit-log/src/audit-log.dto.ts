import { AUDIT_ACTOR_KINDS, AUDIT_PAGE_SIZE_MAX, type AuditActorKind, type AuditListQuery } from '@backtalk/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditListQueryDto implements AuditListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Entries by this person' })
  @IsOptional()
  @IsUUID('4')
  actorUserId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTOR_KINDS })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_KINDS, { message: `actorKind must be one of ${AUDIT_ACTOR_KINDS.join(', ')}` })
  actorKind?: AuditActorKind;

  @ApiPropertyOptional({ description: 'A whole action (rule.updated), or a family of them without the dot (rule)', example: 'rule.updated' })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, { message: 'action must be lower-case words joined by dots, like rule.updated' })
  action?: string;

  @ApiPropertyOptional({ example: 'rule' })
  @IsOptional()
  @MaxLength(50)
  @Matches(/^[a-z][a-z_]*$/, { message: 'targetType must be a lower-case word, like rule' })
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @ApiPropertyOptional({ description: 'Text in the target’s name, or its exact id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  target?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'before must be the nextCursor of a previous page' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_SIZE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_SIZE_MAX)
  limit?: number;
}
