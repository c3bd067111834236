import { CurrentUser, type UserActor } from '@backtalk/auth';
import { CONTACT_ATTRIBUTE_KEY_PATTERN, CONTACT_IMPORT_FIELDS, type ContactImportColumn, type ContactImportField, type ContactImportView, type StartContactImportRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ContactImportService } from './contact-import.service';

export class UploadContactImportQuery {
  @IsUUID('4') channelId!: string;
  @IsOptional() @IsString() @MaxLength(200) fileName?: string;
}

const COLUMN_FIELDS = [...CONTACT_IMPORT_FIELDS, 'attribute'] as const;

export class ContactImportColumnBody {
  @IsInt() @Min(0) @Max(199) column!: number;
  @IsIn(COLUMN_FIELDS, { message: `field must be one of ${COLUMN_FIELDS.join(', ')}` }) field!: ContactImportField | 'attribute';
  /** For `field: 'attribute'`: the attribute's key. */
  @ValidateIf((entry: ContactImportColumnBody) => entry.field === 'attribute') @IsString() @Matches(CONTACT_ATTRIBUTE_KEY_PATTERN, { message: 'attributeKey must be a contact attribute key' }) attributeKey?: string;
}

export class StartContactImportBody implements StartContactImportRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ContactImportColumnBody) mapping!: ContactImportColumn[];
  @IsOmittable() @IsBoolean() overwriteNames?: boolean;
}

@ApiTags('contacts')
@ApiBearerAuth('user')
@Controller('contacts/imports')
export class ContactImportController {
  constructor(private readonly imports: ContactImportService) {}

  @Post()
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Upload a CSV of contacts into a channel (its team, its country); answers the header and first rows for the column mapping' })
  upload(@CurrentUser() actor: UserActor, @Query() query: UploadContactImportQuery, @Body() content: unknown): Promise<ContactImportView> {
    return this.imports.upload(actor, query.channelId, query.fileName ?? '', content);
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'Map the columns and import in the background' })
  start(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: StartContactImportBody): Promise<ContactImportView> {
    return this.imports.start(actor, id, body);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ContactImportView> {
    return this.imports.get(actor, id);
  }

  @Get(':id/errors')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The rows that were not imported, with the line and the reason, as CSV' })
  async errors(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const csv = await this.imports.errorsCsv(actor, id);
    await reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="contact-import-${id}-errors.csv"`).send(csv);
  }
}
