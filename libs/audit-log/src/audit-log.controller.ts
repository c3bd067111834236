import { Readable } from 'node:stream';
import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type AuditListResponse, Role } from '@backtalk/contracts';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { AuditListQueryDto } from './audit-log.dto';
import { type AuditExportRow, AuditLogService } from './audit-log.service';

const EXPORT_PAGE = 500;
const CSV_COLUMNS = ['seq', 'occurred_at', 'actor_kind', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'target_label', 'team_ids', 'ip', 'user_agent', 'before', 'after', 'prev_hash', 'hash'];

function csvRow(entry: AuditExportRow): string[] {
  const actorId = entry.actor.kind === 'user' ? entry.actor.userId : entry.actor.kind === 'api_key' ? entry.actor.apiKeyId : '';
  return [
    entry.seq,
    entry.occurredAt,
    entry.actor.kind,
    actorId,
    entry.actor.name ?? '',
    entry.action,
    entry.target.type,
    entry.target.id ?? '',
    entry.target.label ?? '',
    entry.teamIds.join(' '),
    entry.origin.ip ?? '',
    entry.origin.userAgent ?? '',
    entry.diff?.before ? JSON.stringify(entry.diff.before) : '',
    entry.diff?.after ? JSON.stringify(entry.diff.after) : '',
    entry.prevHash,
    entry.hash,
  ];
}

@ApiTags('audit')
@ApiBearerAuth('user')
@Roles(Role.Admin, Role.Supervisor)
@Controller('audit')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, newest first: admins see all of it, supervisors the entries about their teams' })
  list(@CurrentUser() actor: UserActor, @Query() query: AuditListQueryDto): Promise<AuditListResponse> {
    return this.auditLog.list(actor, query);
  }

  /** Streamed page by page, so a long trail never sits in memory; each row keeps its hashes for checking a copy later. */
  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The audit trail with the same filters, as CSV (the export is itself audited)' })
  async export(@CurrentUser() actor: UserActor, @Query() query: AuditListQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const auditLog = this.auditLog;
    // The first page before answering, so a bad filter is a 400 rather than a broken download.
    const first = await auditLog.page(actor, { ...query, limit: EXPORT_PAGE });
    await auditLog.recordExport(actor, query);
    async function* rows(): AsyncGenerator<string[]> {
      let page = first;
      for (;;) {
        for (const entry of page.rows) yield csvRow(entry);
        if (!page.nextCursor) return;
        page = await auditLog.page(actor, { ...query, before: page.nextCursor, limit: EXPORT_PAGE });
      }
    }
    const csv = Readable.from(rows()).pipe(stringify({ header: true, columns: CSV_COLUMNS }));
    await reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-log.csv"').send(csv);
  }
}
