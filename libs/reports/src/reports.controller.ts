import { type ApiKeyActor, ApiKeyAuth, CurrentActor, CurrentUser, type UserActor } from '@backtalk/auth';
import { ApiKeyScope, type ConversationsReport, type DeliveryReport, type OverviewReport, type ResponseTimesReport, Role } from '@backtalk/contracts';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportCsv } from './csv/report-csv';
import { ReportQueryDto } from './report-query.dto';
import { ReportsService } from './reports.service';

const OVERVIEW = 'The numbers a team lead checks every morning, with per-day series for sparklines and, with compare, the previous period';
const CONVERSATIONS = 'Conversations and messages by day, by local hour × weekday, and by team, channel and agent';
const DELIVERY = 'Outbound segments and cost by day, team, channel and agent; delivery rate; failures by provider error code with a plain reason; opt-outs and opt-ins';
const RESPONSE_TIMES = 'First response, next response and resolution times (median and 90th percentile) in total and by day, in calendar or business hours';

/**
 * An API key reads every team's reports, as an admin would: only admins create keys, and a BI export is about the
 * whole company.
 */
function viewerOf(actor: ApiKeyActor): UserActor {
  return { kind: 'user', userId: actor.apiKeyId, role: Role.Admin, teamIds: [] };
}

/** JSON, or the same numbers as CSV when asked with ?format=csv or Accept: text/csv. */
function respond(report: object, name: string, query: ReportQueryDto, request: FastifyRequest, reply: FastifyReply): object | string {
  const wantsCsv = query.format === 'csv' || (query.format === undefined && (request.headers.accept ?? '').includes('text/csv'));
  if (!wantsCsv) return report;
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`);
  return reportCsv(report);
}

@ApiTags('reports')
@ApiProduces('application/json', 'text/csv')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @ApiBearerAuth('user')
  @ApiOperation({ summary: OVERVIEW })
  @Get('reports/overview')
  async overview(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OverviewReport | string> {
    return respond(await this.reports.overview(actor, query), 'overview', query, request, reply) as OverviewReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: CONVERSATIONS })
  @Get('reports/conversations')
  async conversations(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConversationsReport | string> {
    return respond(await this.reports.conversations(actor, query), 'conversations', query, request, reply) as ConversationsReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: RESPONSE_TIMES })
  @Get('reports/response-times')
  async responseTimes(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ResponseTimesReport | string> {
    return respond(await this.reports.responseTimes(actor, query), 'response-times', query, request, reply) as ResponseTimesReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${OVERVIEW} (API key with reports:read; all teams)` })
  @Get('v1/reports/overview')
  async overviewForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OverviewReport | string> {
    return respond(await this.reports.overview(viewerOf(actor), query), 'overview', query, request, reply) as OverviewReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${CONVERSATIONS} (API key with reports:read; all teams)` })
  @Get('v1/reports/conversations')
  async conversationsForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConversationsReport | string> {
    return respond(await this.reports.conversations(viewerOf(actor), query), 'conversations', query, request, reply) as ConversationsReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${RESPONSE_TIMES} (API key with reports:read; all teams)` })
  @Get('v1/reports/response-times')
  async responseTimesForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ResponseTimesReport | string> {
    return respond(await this.reports.responseTimes(viewerOf(actor), query), 'response-times', query, request, reply) as ResponseTimesReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: DELIVERY })
  @Get('reports/delivery')
  async delivery(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DeliveryReport | string> {
    return respond(await this.reports.delivery(actor, query), 'delivery', query, request, reply) as DeliveryReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${DELIVERY} (API key with reports:read; all teams)` })
  @Get('v1/reports/delivery')
  async deliveryForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DeliveryReport | string> {
    return respond(await this.reports.delivery(viewerOf(actor), query), 'delivery', query, request, reply) as DeliveryReport | string;
  }
}
