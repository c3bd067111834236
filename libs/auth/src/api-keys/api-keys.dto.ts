import { API_KEY_SCOPES, ApiKeyScope, type CreateApiKeyRequest } from '@backtalk/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsEnum, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'Order system notifications' })
  @IsString()
  @MinLength(1, { message: 'name is required' })
  @MaxLength(80)
  name!: string;

  @ApiProperty({ enum: ApiKeyScope, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @IsEnum(ApiKeyScope, { each: true, message: `scopes must be among ${API_KEY_SCOPES.join(', ')}` })
  scopes!: ApiKeyScope[];
}
