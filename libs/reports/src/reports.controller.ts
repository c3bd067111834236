import { AuditService } from '@backtalk/audit';
import { type ApiKeyActor, ApiKeyAuth, auditActorOf, CurrentActor, CurrentUser, type UserActor } from '@backtalk/auth';
import { type AgentsReport, ApiKeyScope, type AutomationReport, type ConversationsReport, type CsatReport, type DeliveryReport, type OverviewReport, type ResponseTimesReport, Role, type SlaReport } from '@backtalk/contracts';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportCsv } from './csv/report-csv';
import { ReportQueryDto } from './report-query.dto';
import { QualityReportsService } from './quality-reports.service';
import { ReportsService } from './reports.service';

const OVERVIEW = 'The numbers a team lead checks every morning, with per-day series for sparklines and, with compare, the previous period';
const CONVERSATIONS = 'Conversations and messages by day, by local hour × weekday, and by team, channel and agent';
const DELIVERY = 'Outbound segments and cost by day, team, channel and agent; delivery rate; failures by provider error code with a plain reason; opt-outs and opt-ins';
const SLA = 'Share of conversations that met their team’s first- and next-response targets, breaches by day, team and agent';
const AUTOMATION = 'Auto-answered share, automatic replies by FAQ, customers who wrote again within 24 hours, and why replies were held back';
const AGENTS = 'Per agent: conversations handled, replies sent, median first response and resolution, current load';
const CSAT = 'Satisfaction survey answers: distribution, CSAT %, response rate, by team, agent and channel, with the customers’ comments';
const RESPONSE_TIMES = 'First response, next response and resolution times (median and 90th percentile) in total and by day, in calendar or business hours';

/**
 * An API key reads every team's reports, as an admin would: only admins create keys, and a BI export is about the
 * whole company.
 */
function viewerOf(actor: ApiKeyActor): UserActor {
  return { kind: 'user', userId: actor.apiKeyId, role: Role.Admin, teamIds: [] };
}


@ApiTags('reports')
@ApiProduces('application/json', 'text/csv')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly quality: QualityReportsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * JSON, or the same numbers as CSV when asked with ?format=csv or Accept: text/csv. A CSV is a file that leaves
   * Backtalk, so serving one is audited; looking at a report in the console is not.
   */
  private async respond(actor: UserActor | ApiKeyActor, report: object, name: string, query: ReportQueryDto, request: FastifyRequest, reply: FastifyReply): Promise<object | string> {
    const wantsCsv = query.format === 'csv' || (query.format === undefined && (request.headers.accept ?? '').includes('text/csv'));
    if (!wantsCsv) return report;
    const { format: _format, ...filters } = query;
    // The teams whose numbers left: a team filter the caller cannot see narrows them to none (admins read about that).
    const visibleTeams = actor.kind === 'user' && actor.role !== Role.Admin ? actor.teamIds : null;
    const teamIds = query.teamId ? (visibleTeams === null || visibleTeams.includes(query.teamId) ? [query.teamId] : []) : (visibleTeams ?? []);
    await this.audit.record({ actor: auditActorOf(actor), action: 'report.exported', target: { type: 'report', id: name, label: name }, teamIds, diff: { after: { ...filters } } });
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`);
    return reportCsv(report);
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: OVERVIEW })
  @Get('reports/overview')
  async overview(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OverviewReport | string> {
    return (await this.respond(actor, await this.reports.overview(actor, query), 'overview', query, request, reply)) as OverviewReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: CONVERSATIONS })
  @Get('reports/conversations')
  async conversations(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConversationsReport | string> {
    return (await this.respond(actor, await this.reports.conversations(actor, query), 'conversations', query, request, reply)) as ConversationsReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: RESPONSE_TIMES })
  @Get('reports/response-times')
  async responseTimes(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ResponseTimesReport | string> {
    return (await this.respond(actor, await this.reports.responseTimes(actor, query), 'response-times', query, request, reply)) as ResponseTimesReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${OVERVIEW} (API key with reports:read; all teams)` })
  @Get('v1/reports/overview')
  async overviewForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OverviewReport | string> {
    return (await this.respond(actor, await this.reports.overview(viewerOf(actor), query), 'overview', query, request, reply)) as OverviewReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${CONVERSATIONS} (API key with reports:read; all teams)` })
  @Get('v1/reports/conversations')
  async conversationsForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConversationsReport | string> {
    return (await this.respond(actor, await this.reports.conversations(viewerOf(actor), query), 'conversations', query, request, reply)) as ConversationsReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${RESPONSE_TIMES} (API key with reports:read; all teams)` })
  @Get('v1/reports/response-times')
  async responseTimesForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ResponseTimesReport | string> {
    return (await this.respond(actor, await this.reports.responseTimes(viewerOf(actor), query), 'response-times', query, request, reply)) as ResponseTimesReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: DELIVERY })
  @Get('reports/delivery')
  async delivery(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DeliveryReport | string> {
    return (await this.respond(actor, await this.reports.delivery(actor, query), 'delivery', query, request, reply)) as DeliveryReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${DELIVERY} (API key with reports:read; all teams)` })
  @Get('v1/reports/delivery')
  async deliveryForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DeliveryReport | string> {
    return (await this.respond(actor, await this.reports.delivery(viewerOf(actor), query), 'delivery', query, request, reply)) as DeliveryReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: SLA })
  @Get('reports/sla')
  async sla(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SlaReport | string> {
    return (await this.respond(actor, await this.quality.sla(actor, query), 'sla', query, request, reply)) as SlaReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${SLA} (API key with reports:read; all teams)` })
  @Get('v1/reports/sla')
  async slaForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SlaReport | string> {
    return (await this.respond(actor, await this.quality.sla(viewerOf(actor), query), 'sla', query, request, reply)) as SlaReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: AUTOMATION })
  @Get('reports/automation')
  async automation(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AutomationReport | string> {
    return (await this.respond(actor, await this.quality.automation(actor, query), 'automation', query, request, reply)) as AutomationReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${AUTOMATION} (API key with reports:read; all teams)` })
  @Get('v1/reports/automation')
  async automationForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AutomationReport | string> {
    return (await this.respond(actor, await this.quality.automation(viewerOf(actor), query), 'automation', query, request, reply)) as AutomationReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: AGENTS })
  @Get('reports/agents')
  async agents(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AgentsReport | string> {
    return (await this.respond(actor, await this.quality.agents(actor, query), 'agents', query, request, reply)) as AgentsReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${AGENTS} (API key with reports:read; all teams)` })
  @Get('v1/reports/agents')
  async agentsForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AgentsReport | string> {
    return (await this.respond(actor, await this.quality.agents(viewerOf(actor), query), 'agents', query, request, reply)) as AgentsReport | string;
  }

  @ApiBearerAuth('user')
  @ApiOperation({ summary: CSAT })
  @Get('reports/csat')
  async csat(@CurrentUser() actor: UserActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<CsatReport | string> {
    return (await this.respond(actor, await this.quality.csat(actor, query), 'csat', query, request, reply)) as CsatReport | string;
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth(ApiKeyScope.ReportsRead)
  @ApiOperation({ summary: `${CSAT} (API key with reports:read; all teams)` })
  @Get('v1/reports/csat')
  async csatForKey(@CurrentActor() actor: ApiKeyActor, @Query() query: ReportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<CsatReport | string> {
    return (await this.respond(actor, await this.quality.csat(viewerOf(actor), query), 'csat', query, request, reply)) as CsatReport | string;
  }
}
