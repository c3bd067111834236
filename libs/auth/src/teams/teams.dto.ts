import type { CreateTeamRequest, UpdateTeamRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateTeamDto implements CreateTeamRequest {
  @ApiProperty({ example: 'Billing' })
  @IsString()
  @MinLength(1, { message: 'name is required' })
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('4', { each: true, message: 'memberIds must contain user ids' })
  memberIds?: string[];
}

export class UpdateTeamDto implements UpdateTeamRequest {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('4', { each: true, message: 'memberIds must contain user ids' })
  memberIds?: string[];
}
