import { Readable } from 'node:stream';
import { auditOriginOf } from '@backtalk/audit';
import { CurrentUser, type UserActor } from '@backtalk/auth';
import type { ContactDetailView, EraseContactRequest } from '@backtalk/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataRightsService } from './data-rights.service';

export class EraseContactBody implements EraseContactRequest {
  @IsString({ message: 'confirmPhone must be the customer’s phone number, typed again' })
  @MinLength(1, { message: 'confirmPhone must be the customer’s phone number, typed again' })
  @MaxLength(40)
  confirmPhone!: string;
}

@ApiTags('contacts')
@ApiBearerAuth('user')
@Controller('contacts')
export class DataRightsController {
  constructor(private readonly dataRights: DataRightsService) {}

  @Get(':id/data-export')
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'Everything Backtalk holds about the customer that you may see, as one JSON document (ContactDataExport)' })
  async export(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const document = await this.dataRights.export(actor, id, auditOriginOf(request));
    await reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="contact-${id}.json"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(document));
  }

  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase the customer (admins): number, name, notes, attributes and message contents; counts and times stay' })
  erase(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: EraseContactBody, @Req() request: FastifyRequest): Promise<ContactDetailView> {
    return this.dataRights.erase(actor, id, body.confirmPhone, auditOriginOf(request));
  }
}
