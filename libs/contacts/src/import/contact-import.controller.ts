import { CurrentUser, type UserActor } from '@backtalk/auth';
import { CONTACT_IMPORT_FIELDS, type ContactImportColumn, type ContactImportField, type ContactImportView, type StartContactImportRequest } from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ContactImportService } from './contact-import.service';

export class UploadContactImportQuery {
  @IsUUID('4') channelId!: string;
  @IsOptional() @IsString() @MaxLength(200) fileName?: string;
}

export class ContactImportColumnBody implements ContactImportColumn {
  @IsInt() @Min(0) @Max(199) column!: number;
  @IsIn(CONTACT_IMPORT_FIELDS, { message: `field must be one of ${CONTACT_IMPORT_FIELDS.join(', ')}` }) field!: ContactImportField;
}

export class StartContactImportBody implements StartContactImportRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ContactImportColumnBody) mapping!: ContactImportColumnBody[];
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
