import {
  currencyCodes,
  DEFAULT_CURRENCY,
  type ChannelConfirmations,
  type ChannelKeywords,
  type ChannelSecretsInput,
  type CreateChannelRequest,
  Provider,
  SenderType,
  type UpdateChannelRequest,
} from '@backtalk/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const CURRENCY_MESSAGE = 'currency must be an ISO 4217 currency code in capitals, such as USD, EUR or UAH';

/** A code the runtime knows (Intl.supportedValuesOf), so the console can always format it. */
const IsCurrencyCode = () => IsIn(currencyCodes(), { message: CURRENCY_MESSAGE });

export class ChannelSecretsDto implements ChannelSecretsInput {
  @IsOptional() @IsString() @MaxLength(200) accountSid?: string;
  @IsOptional() @IsString() @MaxLength(500) authToken?: string;
  @IsOptional() @IsString() @MaxLength(500) apiKey?: string;
  @IsOptional() @IsString() @MaxLength(500) apiSecret?: string;
  @IsOptional() @IsString() @MaxLength(500) signatureSecret?: string;
  @IsOptional() @IsIn(['md5hash', 'md5', 'sha1', 'sha256', 'sha512']) signatureMethod?: ChannelSecretsInput['signatureMethod'];
  @IsOptional() @IsString() @MaxLength(200) publicKey?: string;
  @IsOptional() @IsString() @MaxLength(200) basicAuthUsername?: string;
  @IsOptional() @IsString() @MaxLength(200) basicAuthPassword?: string;
  @IsOptional() @IsString() @MaxLength(300) baseUrl?: string;
  @IsOptional() @IsString() @MaxLength(200) servicePlanId?: string;
  @IsOptional() @IsString() @MaxLength(200) applicationId?: string;
}

export class ChannelKeywordsDto implements Partial<ChannelKeywords> {
  @IsOptional() @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) @MaxLength(40, { each: true }) optOut?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) @MaxLength(40, { each: true }) optIn?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) @MaxLength(40, { each: true }) help?: string[];
}

export class ChannelConfirmationsDto implements Partial<ChannelConfirmations> {
  @IsOptional() @IsString() @MaxLength(480) optOut?: string | null;
  @IsOptional() @IsString() @MaxLength(480) optIn?: string | null;
  @IsOptional() @IsBoolean() help?: boolean;
}

export class CreateChannelDto implements CreateChannelRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4', { message: 'teamId must be a team id' }) teamId!: string;
  @ApiProperty({ example: 'Support line (UA)' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @ApiProperty({ enum: Provider }) @IsEnum(Provider, { message: `provider must be one of ${Object.values(Provider).join(', ')}` }) provider!: Provider;
  @ApiProperty({ example: '+380501234567', description: 'E.164 number, short code, alphanumeric sender id, or Messaging Service SID' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  sender!: string;
  @ApiProperty({ enum: SenderType }) @IsEnum(SenderType) senderType!: SenderType;
  @ApiProperty({ example: 'UA', description: 'ISO 3166 country: the region of national-format numbers' })
  @Length(2, 2)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO code such as UA or US' })
  country!: string;
  @ApiProperty({ type: ChannelSecretsDto }) @IsObject() @ValidateNested() @Type(() => ChannelSecretsDto) secrets!: ChannelSecretsDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(480) helpText?: string;
  @ApiPropertyOptional({ type: ChannelKeywordsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelKeywordsDto) keywords?: ChannelKeywordsDto;
  @ApiPropertyOptional({ type: ChannelConfirmationsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelConfirmationsDto) confirmations?: ChannelConfirmationsDto;
  @ApiPropertyOptional({ description: 'Minutes after resolving in which a new message reopens the conversation' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(525600)
  reopenWindowMinutes?: number;
  @ApiPropertyOptional({ description: 'Message segments per second' }) @IsOptional() @IsNumber() @Min(0.01) @Max(10000) ratePerSecond?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(100) pricePerSegment?: number;
  @ApiPropertyOptional({ example: 'UAH', default: DEFAULT_CURRENCY, description: 'ISO 4217 code of pricePerSegment' }) @IsOptional() @IsCurrencyCode() currency?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() smartEncoding?: boolean;
}

export class UpdateChannelDto implements UpdateChannelRequest {
  @IsOptional() @IsUUID('4') teamId?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(80) name?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(40) sender?: string;
  @IsOptional() @IsEnum(SenderType) senderType?: SenderType;
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO code such as UA or US' }) country?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ChannelSecretsDto) secrets?: ChannelSecretsDto;
  @IsOptional() @IsString() @MaxLength(480) helpText?: string;
  @IsOptional() @ValidateNested() @Type(() => ChannelKeywordsDto) keywords?: ChannelKeywordsDto;
  @IsOptional() @ValidateNested() @Type(() => ChannelConfirmationsDto) confirmations?: ChannelConfirmationsDto;
  @IsOptional() @IsInt() @Min(0) @Max(525600) reopenWindowMinutes?: number;
  @IsOptional() @IsNumber() @Min(0.01) @Max(10000) ratePerSecond?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) pricePerSegment?: number;
  @IsOptional() @IsCurrencyCode() currency?: string;
  @IsOptional() @IsBoolean() smartEncoding?: boolean;
  @IsOptional() @IsBoolean() active?: boolean;
}
