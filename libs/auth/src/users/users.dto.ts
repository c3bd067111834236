import { type CreateUserRequest, PASSWORD_MIN_LENGTH, Role, type UpdateUserRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'olena@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Olena Kovalenko' })
  @IsString()
  @MinLength(1, { message: 'name is required' })
  @MaxLength(120)
  name!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: 'role must be admin, supervisor or agent' })
  role!: Role;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('4', { each: true, message: 'teamIds must contain team ids' })
  teamIds?: string[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOmittable()
  @IsEnum(Role, { message: 'role must be admin, supervisor or agent' })
  role?: Role;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('4', { each: true, message: 'teamIds must contain team ids' })
  teamIds?: string[];
}
