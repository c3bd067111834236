import { Readable } from 'node:stream';
import { AuditService } from '@backtalk/audit';
import { auditActorOf, CurrentUser, type UserActor } from '@backtalk/auth';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { ContactListQueryParams } from './contacts.controller';
import { ContactsService } from './contacts.service';

/** Pages read per request of the export: the directory's largest page. */
const EXPORT_PAGE = 200;

@ApiTags('contacts')
@ApiBearerAuth('user')
@Controller('contacts')
export class ContactExportController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The directory with the same filters, as CSV, streamed page by page through the directory's own query: the access
   * rule, filters and order are the directory's, and 100,000 contacts never sit in memory at once.
   */
  @Get('export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The contacts directory with the same filters, as CSV' })
  async export(@CurrentUser() actor: UserActor, @Query() query: ContactListQueryParams, @Res() reply: FastifyReply): Promise<void> {
    const contacts = this.contacts;
    // Read the first page before answering, so a bad cursor or filter is a 400 rather than a broken download.
    const first = await contacts.list(actor, { ...query, limit: EXPORT_PAGE });
    // The filters, not the search text: that may be a customer's number, which the append-only trail must never hold.
    const { q, cursor: _cursor, limit: _limit, ...filters } = query;
    await this.audit.record({
      actor: auditActorOf(actor),
      action: 'contact.exported',
      target: { type: 'contact_list' },
      teamIds: await contacts.exportTeams(actor, query),
      diff: { after: { ...filters, searched: Boolean(q) } },
    });
    async function* rows(): AsyncGenerator<string[]> {
      let page = first;
      for (;;) {
        for (const contact of page.items) yield [contact.phone, contact.name, contact.optedOut ? 'opted_out' : '', contact.lastContactAt, contact.createdAt];
        if (!page.nextCursor) return;
        page = await contacts.list(actor, { ...query, cursor: page.nextCursor, limit: EXPORT_PAGE });
      }
    }
    const csv = Readable.from(rows()).pipe(stringify({ header: true, columns: ['phone', 'name', 'consent', 'last_contact_at', 'created_at'] }));
    await reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contacts.csv"').send(csv);
  }
}
