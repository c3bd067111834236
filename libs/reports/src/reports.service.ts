import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { ConversationsReport, CostMetric, CostsByCurrency, DurationStats, CostBreakdownRow, DeliveryReport, HeatmapCell, MetricValue, OutboundAuthor, OverviewReport, ReportQuery, ResponseTimesReport, VolumeBreakdownRow, VolumeDay } from '@backtalk/contracts';
import { DEFAULT_CURRENCY } from '@backtalk/contracts';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { dayParameters, daysOf, localDaySql, previousRange, rangeView, resolveRange, type ResolvedRange } from './metrics/report-range';
import { ReportFactsService } from './facts/report-facts.service';
import { ReportDatabase } from './report-database';
import { deliveryVolumeSql, messageVolumeSql, rollupFitsZone } from './rollups/report-rollups';

type Author = 'customer' | OutboundAuthor;

interface MessageGroup {
  day: string;
  team_id: string;
  channel_id: string;
  assignee_id: string | null;
  author: Author;
  messages: number;
  segments: number;
  cost: number;
}

interface ConversationGroup {
  day: string;
  team_id: string;
  channel_id: string;
  assignee_id: string | null;
  conversations: number;
}

interface Volume {
  conversations: ConversationGroup[];
  messages: MessageGroup[];
}

interface DeliveryGroup {
  day: string;
  team_id: string;
  channel_id: string;
  author_id: string | null;
  messages: number;
  segments: number;
  cost: number;
  delivered: number;
  failed: number;
}

/** Percentiles of one kind of wait on one local day, or over the whole range when `day` is null. */
interface SpeedRow {
  kind: 'first_response' | 'next_response' | 'resolution';
  day: string | null;
  count: number;
  median: number | null;
  p90: number | null;
}

interface OverviewNumbers {
  conversationsCreated: number;
  inboundMessages: number;
  outboundMessages: number;
  medianFirstResponse: number | null;
  resolutions: number;
  slaMetPercent: number | null;
  autoAnsweredPercent: number | null;
  outboundSegments: number;
  csatPercent: number | null;
}

/** Who wrote an outbound message, from its kind; notes are not messages and never reach this. */
const AUTHOR_SQL = `CASE WHEN m.direction = 'inbound' THEN 'customer' WHEN m.kind = 'agent' THEN 'agent' WHEN m.kind = 'notification' THEN 'notification' ELSE 'automation' END`;

/**
 * Reports over the tables the product already writes. Every query starts from its time column's range (indexed) and
 * narrows by the access rule and the report's filters on the conversation, so an agent's numbers only ever include
 * their teams' conversations.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: ReportDatabase,
    private readonly facts: ReportFactsService,
  ) {}

  async overview(actor: UserActor, query: ReportQuery): Promise<OverviewReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    await this.facts.ensureFresh();
    const [{ numbers: current, volume, resolutionsByDay }, before] = await Promise.all([
      this.overviewNumbers(actor, query, range),
      previous ? this.overviewNumbers(actor, query, previous) : undefined,
    ]);
    const days = daysOf(range);
    const outbound = (messages: MessageGroup[]) => messages.filter((row) => row.author !== 'customer');
    const currencies = await this.currenciesOf([...volume.messages, ...(before?.volume.messages ?? [])]);
    const cost = costMetric(costsOf(outbound(volume.messages), currencies), before ? costsOf(outbound(before.volume.messages), currencies) : undefined);
    const { csatPercent, ...metrics } = Object.fromEntries(
      (Object.keys(current) as Array<keyof OverviewNumbers>).map((key): [string, MetricValue] => [key, before ? { value: current[key], previous: before.numbers[key] } : { value: current[key] }]),
    ) as Omit<OverviewReport['metrics'], 'cost'>;
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      // In the order the metrics always had, cost before CSAT.
      metrics: { ...metrics, cost: cost.metric, csatPercent },
      currency: cost.currency,
      series: {
        conversationsCreated: perDay(days, volume.conversations, (row) => row.conversations),
        inboundMessages: perDay(days, volume.messages, (row) => (row.author === 'customer' ? row.messages : 0)),
        outboundMessages: perDay(days, volume.messages, (row) => (row.author === 'customer' ? 0 : row.messages)),
        resolutions: days.map((day) => ({ day, value: resolutionsByDay.get(day) ?? 0 })),
      },
    };
  }

  async conversations(actor: UserActor, query: ReportQuery): Promise<ConversationsReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    await this.facts.ensureFresh();
    const [volume, before, heatmap, agentMessages] = await Promise.all([
      this.volume(actor, query, range),
      previous ? this.volume(actor, query, previous) : undefined,
      this.heatmap(actor, query, range),
      this.messagesByAgent(actor, query, range),
    ]);
    const totals = volumeTotals(volume);
    const previousTotals = before ? volumeTotals(before) : undefined;
    const metric = (key: 'conversationsCreated' | 'inboundMessages' | 'outboundMessages'): MetricValue => (previousTotals ? { value: totals[key], previous: previousTotals[key] } : { value: totals[key] });
    const names = await this.names({ conversations: volume.conversations, messages: [...volume.messages, ...agentMessages] });
    const byDay: VolumeDay[] = daysOf(range).map((day) => ({ day, conversationsCreated: 0, inboundMessages: 0, outboundMessages: 0, outboundByAuthor: { agent: 0, automation: 0, notification: 0 } }));
    const dayIndex = new Map(byDay.map((entry) => [entry.day, entry]));
    for (const row of volume.conversations) {
      const entry = dayIndex.get(row.day);
      if (entry) entry.conversationsCreated += row.conversations;
    }
    for (const row of volume.messages) {
      const entry = dayIndex.get(row.day);
      if (!entry) continue;
      if (row.author === 'customer') entry.inboundMessages += row.messages;
      else {
        entry.outboundMessages += row.messages;
        entry.outboundByAuthor[row.author] += row.messages;
      }
    }
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      totals: { conversationsCreated: metric('conversationsCreated'), inboundMessages: metric('inboundMessages'), outboundMessages: metric('outboundMessages'), outboundByAuthor: totals.outboundByAuthor },
      byDay,
      heatmap,
      byTeam: breakdown(volume, (row) => row.team_id, (id) => names.teams.get(id ?? '') ?? 'Unknown team'),
      byChannel: breakdown(volume, (row) => row.channel_id, (id) => names.channels.get(id ?? '') ?? 'Unknown channel'),
      byAgent: breakdown({ conversations: volume.conversations, messages: agentMessages }, (row) => row.assignee_id, (id) => (id ? (names.users.get(id) ?? 'Unknown agent') : 'Unassigned')),
    };
  }

  async responseTimes(actor: UserActor, query: ReportQuery): Promise<ResponseTimesReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    await this.facts.ensureFresh();
    const [byDay, current, before] = await Promise.all([
      this.speed(actor, query, range, true),
      this.speed(actor, query, range, false),
      previous ? this.speed(actor, query, previous, false) : undefined,
    ]);
    const empty = (): DurationStats => ({ count: 0, median: null, p90: null });
    const totals = (measured: SpeedRow[]) => {
      const of = (kind: SpeedRow['kind']) => statsOf(measured.find((row) => row.kind === kind) ?? null) ?? empty();
      return { firstResponse: of('first_response'), nextResponse: of('next_response'), resolution: of('resolution') };
    };
    const ofDay = (kind: SpeedRow['kind'], day: string) => statsOf(byDay.find((row) => row.kind === kind && row.day === day) ?? null) ?? empty();
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      businessHours: query.businessHours ?? false,
      totals: totals(current),
      ...(before ? { previousTotals: totals(before) } : {}),
      byDay: daysOf(range).map((day) => ({ day, firstResponse: ofDay('first_response', day), nextResponse: ofDay('next_response', day), resolution: ofDay('resolution', day) })),
    };
  }

  /**
   * Median and 90th percentile of the waits that began (and the resolutions made) in the range, per local day or over
   * the whole range, from the measured facts (see ReportFactsService): a wait that began before the range or was
   * answered after it was measured over the whole conversation. Days and totals are separate queries so they run side
   * by side, and the previous period needs only its totals.
   */
  private async speed(actor: UserActor, query: ReportQuery, range: ResolvedRange, perDay: boolean): Promise<SpeedRow[]> {
    const kinds: Array<SpeedRow['kind']> = ['first_response', 'next_response', 'resolution'];
    // A query per kind reads that kind's rows in index order, already grouped, and the three run side by side.
    const perKind = await Promise.all(
      kinds.map((kind) => {
        const parameters: unknown[] = perDay ? dayParameters(range) : [range.from, range.to];
        const where = conversationFilters(actor, query, parameters, 'c.conversation_id');
        const seconds = query.businessHours ? 'c.business_seconds' : 'c.seconds';
        return this.db.query<Array<{ day: string | null; count: number; percentiles: number[] }>>(
          `SELECT ${perDay ? localDaySql('c.started_at') : 'NULL'} AS day, count(*)::int AS count, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${seconds}) AS percentiles
             FROM report_wait c
            WHERE c.kind = $${parameters.push(kind)} AND c.started_at >= $1 AND c.started_at < $2 AND ${where}
            ${perDay ? 'GROUP BY 1' : ''}`,
          parameters,
        );
      }),
    );
    return perKind.flatMap((rows, index) => rows.filter((row) => row.count > 0).map(({ percentiles, ...row }) => ({ ...row, kind: kinds[index], median: percentiles[0], p90: percentiles[1] })));
  }

  async delivery(actor: UserActor, query: ReportQuery): Promise<DeliveryReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    const [current, before] = await Promise.all([this.deliveryNumbers(actor, query, range), previous ? this.deliveryNumbers(actor, query, previous) : undefined]);
    const [names, currencies] = await Promise.all([
      this.namesOf({ teams: current.groups.map((row) => row.team_id), channels: current.groups.map((row) => row.channel_id), users: current.groups.map((row) => row.author_id) }),
      this.currenciesOf([...current.groups, ...(before?.groups ?? [])]),
    ]);
    const totals = deliveryTotals(current);
    const previousTotals = before ? deliveryTotals(before) : undefined;
    const cost = costMetric(costsOf(current.groups, currencies), before ? costsOf(before.groups, currencies) : undefined);
    // At most one currency in the whole report: every cost below is a plain total in it. Several: only the per-currency lists.
    const single = cost.metric.value !== null;
    const costFields = (rows: DeliveryGroup[]) => {
      const costs = costsOf(rows, currencies);
      return { cost: single ? roundMoney(Object.values(costs).reduce((sum, amount) => sum + amount, 0)) : null, costs };
    };
    const { outboundMessages, segments, ...metrics } = Object.fromEntries(
      (Object.keys(totals) as Array<keyof typeof totals>).map((key): [string, MetricValue] => [key, previousTotals ? { value: totals[key], previous: previousTotals[key] } : { value: totals[key] }]),
    ) as Omit<DeliveryReport['metrics'], 'cost'>;
    const groupsByDay = groupBy(current.groups, (row) => row.day);
    const byDay: DeliveryReport['byDay'] = daysOf(range).map((day) => {
      const rows = groupsByDay.get(day) ?? [];
      const sum = (pick: (row: DeliveryGroup) => number) => rows.reduce((total, row) => total + pick(row), 0);
      return { day, segments: sum((row) => row.segments), ...costFields(rows), delivered: sum((row) => row.delivered), failed: sum((row) => row.failed), optOuts: 0, optIns: 0 };
    });
    const dayIndex = new Map(byDay.map((entry) => [entry.day, entry]));
    for (const row of current.consent) {
      const entry = dayIndex.get(row.day);
      if (entry) entry[row.action === 'opt_out' ? 'optOuts' : 'optIns'] += row.events;
    }
    const costBy = (key: (row: DeliveryGroup) => string | null, name: (id: string | null) => string): CostBreakdownRow[] => {
      return [...groupBy(current.groups, key)]
        .map(([id, rows]): CostBreakdownRow => ({ id, name: name(id), messages: rows.reduce((sum, row) => sum + row.messages, 0), segments: rows.reduce((sum, row) => sum + row.segments, 0), ...costFields(rows) }))
        .sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0) || b.segments - a.segments || a.name.localeCompare(b.name));
    };
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      metrics: { outboundMessages, segments, cost: cost.metric, ...metrics },
      currency: cost.currency,
      byDay,
      byTeam: costBy((row) => row.team_id, (id) => names.teams.get(id ?? '') ?? 'Unknown team'),
      byChannel: costBy((row) => row.channel_id, (id) => names.channels.get(id ?? '') ?? 'Unknown channel'),
      byAgent: costBy((row) => row.author_id, (id) => (id ? (names.users.get(id) ?? 'Unknown agent') : 'Automatic replies and notifications')),
      failures: current.failures.map((row) => ({ errorCode: row.error_code, reason: row.reason, count: row.failures })),
    };
  }

  /**
   * Outbound messages sent in the range, grouped by day, team, channel and author, with their delivery outcome as it
   * stands now (a late delivery report updates the message row, so it counts here on the message's own day); failures
   * by provider code with the reason the carrier adapter mapped when the report came in; consent changes by day.
   */
  private async deliveryNumbers(actor: UserActor, query: ReportQuery, range: ResolvedRange) {
    const groupParameters: unknown[] = dayParameters(range);
    const groupSource = messageSource(query, range, groupParameters, false);
    const groupWhere = deliveryFilters(actor, query, groupParameters);
    const failureParameters: unknown[] = [range.from, range.to];
    const failureSource = messageSource(query, range, failureParameters, false);
    const failureWhere = deliveryFilters(actor, query, failureParameters);
    const consentParameters: unknown[] = dayParameters(range);
    const access = AccessPolicy.visibleTeamsCondition(actor, 'ch.team_id', consentParameters.length + 1);
    consentParameters.push(...access.parameters);
    const consentConditions = [access.sql];
    if (query.teamId) consentConditions.push(`ch.team_id = $${consentParameters.push(query.teamId)}`);
    if (query.channelId) consentConditions.push(`ch.id = $${consentParameters.push(query.channelId)}`);
    const [groups, failures, consent] = await Promise.all([
      this.db.query<DeliveryGroup[]>(
        `SELECT ${localDaySql('c.at')} AS day, c.team_id, c.channel_id, c.author_id,
                sum(c.messages)::int AS messages, COALESCE(sum(c.segments), 0)::int AS segments, COALESCE(sum(c.cost), 0)::float8 AS cost,
                sum(c.delivered)::int AS delivered, sum(c.failed)::int AS failed
           FROM ${groupSource} c
          WHERE c.direction = 'outbound' AND c.kind <> 'note' AND ${groupWhere}
          GROUP BY 1, 2, 3, 4`,
        groupParameters,
      ),
      this.db.query<Array<{ error_code: string | null; reason: string | null; failures: number }>>(
        `SELECT c.error_code, max(c.error_reason) AS reason, sum(c.failed)::int AS failures
           FROM ${failureSource} c
          WHERE c.direction = 'outbound' AND c.failed > 0 AND ${failureWhere}
          GROUP BY c.error_code
          ORDER BY failures DESC, c.error_code`,
        failureParameters,
      ),
      this.db.query<Array<{ day: string; action: 'opt_out' | 'opt_in'; events: number }>>(
        `SELECT ${localDaySql('ce.created_at')} AS day, ce.action, count(*)::int AS events
           FROM consent_event ce
           JOIN channel ch ON ch.id = ce.channel_id
          WHERE ce.created_at >= $1 AND ce.created_at < $2 AND ${consentConditions.join(' AND ')}
          GROUP BY 1, 2`,
        consentParameters,
      ),
    ]);
    return { groups, failures, consent };
  }

  private async namesOf(ids: { teams: Array<string | null>; channels: Array<string | null>; users: Array<string | null> }) {
    const distinct = (list: Array<string | null>) => [...new Set(list.filter((id): id is string => id !== null))];
    const lookup = async (table: 'team' | 'channel' | 'app_user', list: string[]) =>
      new Map((await this.db.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`, [list])).map((row) => [row.id, row.name]));
    const [teams, channels, users] = await Promise.all([lookup('team', distinct(ids.teams)), lookup('channel', distinct(ids.channels)), lookup('app_user', distinct(ids.users))]);
    return { teams, channels, users };
  }

  /** Each channel's currency, for the channels of these rows (rollups and messages know only the channel). */
  private async currenciesOf(rows: Array<{ channel_id: string | null }>): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((row) => row.channel_id).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const channels = await this.db.query<Array<{ id: string; currency: string }>>(`SELECT id, currency FROM channel WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(channels.map((row) => [row.id, row.currency]));
  }

  private async overviewNumbers(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<{ numbers: OverviewNumbers; volume: Volume; resolutionsByDay: Map<string, number> }> {
    const [conversations, volume, resolutionsByDay, csat] = await Promise.all([
      this.conversationOutcomes(actor, query, range),
      this.volume(actor, query, range),
      this.resolutionsByDay(actor, query, range),
      this.csat(actor, query, range),
    ]);
    const totals = volumeTotals(volume);
    const outbound = volume.messages.filter((row) => row.author !== 'customer');
    const numbers: OverviewNumbers = {
      conversationsCreated: totals.conversationsCreated,
      inboundMessages: totals.inboundMessages,
      outboundMessages: totals.outboundMessages,
      medianFirstResponse: tenths(conversations.median_first_response),
      resolutions: [...resolutionsByDay.values()].reduce((sum, count) => sum + count, 0),
      slaMetPercent: percent(conversations.sla_met, conversations.sla_eligible),
      autoAnsweredPercent: percent(conversations.auto_answered, totals.conversationsCreated),
      outboundSegments: outbound.reduce((sum, row) => sum + row.segments, 0),
      csatPercent: percent(csat.satisfied, csat.ratings),
    };
    return { numbers, volume, resolutionsByDay };
  }

  /**
   * Over the conversations that started in the range, from their measured facts: the median first response (in
   * business time when asked), the first-response SLA outcome, and how many only automation answered.
   */
  private async conversationOutcomes(actor: UserActor, query: ReportQuery, range: ResolvedRange) {
    const parameters: unknown[] = [range.from, range.to];
    const where = conversationFilters(actor, query, parameters, 'c.conversation_id');
    const seconds = query.businessHours ? 'c.first_response_business_seconds' : 'c.first_response_seconds';
    const [row] = await this.db.query<Array<{ median_first_response: number | null; sla_eligible: number; sla_met: number; auto_answered: number }>>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) AS median_first_response,
              count(*) FILTER (WHERE team.sla_first_response_minutes IS NOT NULL AND (c.first_reply_at IS NOT NULL OR c.first_breached))::int AS sla_eligible,
              count(*) FILTER (WHERE team.sla_first_response_minutes IS NOT NULL AND c.first_reply_at IS NOT NULL AND NOT c.first_breached)::int AS sla_met,
              count(*) FILTER (WHERE c.auto_replied AND NOT c.agent_replied)::int AS auto_answered
         FROM report_conversation_fact c
         JOIN team ON team.id = c.team_id
        WHERE c.created_at >= $1 AND c.created_at < $2 AND ${where}`,
      parameters,
    );
    return row;
  }

  /**
   * Conversations started and messages sent in the range by local day, team and channel. Messages are split by the
   * conversation's agent only when the report is filtered by one; `messagesByAgent` gives the by-agent totals.
   */
  private async volume(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<Volume> {
    const conversationParameters: unknown[] = dayParameters(range);
    const conversationWhere = conversationFilters(actor, query, conversationParameters, 'c.conversation_id');
    const messageParameters: unknown[] = dayParameters(range);
    const messageWhere = conversationFilters(actor, query, messageParameters, null);
    const source = messageSource(query, range, messageParameters, Boolean(query.agentId));
    const [conversations, messages] = await Promise.all([
      this.db.query<ConversationGroup[]>(
        `SELECT ${localDaySql('c.created_at')} AS day, c.team_id, c.channel_id, c.assignee_id, count(*)::int AS conversations
           FROM report_conversation_fact c
          WHERE c.created_at >= $1 AND c.created_at < $2 AND ${conversationWhere}
          GROUP BY 1, 2, 3, 4`,
        conversationParameters,
      ),
      this.db.query<MessageGroup[]>(
        // Hourly rollup rows plus the messages of hours not rolled up yet (see report-rollups), filtered as conversations.
        `SELECT ${localDaySql('c.at')} AS day, c.team_id, c.channel_id, ${query.agentId ? 'c.assignee_id' : 'NULL::uuid AS assignee_id'}, ${AUTHOR_SQL.replace(/\bm\./g, 'c.')} AS author,
                sum(c.messages)::int AS messages, COALESCE(sum(c.segments), 0)::int AS segments, COALESCE(sum(c.cost), 0)::float8 AS cost
           FROM ${source} c
          WHERE c.kind <> 'note' AND ${messageWhere}
          GROUP BY 1, 2, 3, 4, 5`,
        messageParameters,
      ),
    ]);
    return { conversations, messages };
  }

  /** Messages in the range by the agent their conversation is assigned to, for the by-agent breakdown. */
  private messagesByAgent(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<MessageGroup[]> {
    const parameters: unknown[] = [range.from, range.to];
    const where = conversationFilters(actor, query, parameters, null);
    return this.db.query<MessageGroup[]>(
      `SELECT '' AS day, NULL::uuid AS team_id, NULL::uuid AS channel_id, c.assignee_id, ${AUTHOR_SQL.replace(/\bm\./g, 'c.')} AS author,
              sum(c.messages)::int AS messages, 0 AS segments, 0 AS cost
         FROM ${messageSource(query, range, parameters, true)} c
        WHERE c.kind <> 'note' AND ${where}
        GROUP BY 4, 5`,
      parameters,
    );
  }

  /**
   * Inbound messages by local weekday and hour. SQL counts them per quarter hour (every time zone's offset is a whole
   * number of quarter hours, so a quarter hour lies within one local hour) and the local hour of each of those few
   * thousand instants is worked out here, rather than converting every message's time in SQL.
   */
  private async heatmap(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<HeatmapCell[]> {
    const parameters: unknown[] = [range.from, range.to];
    const where = conversationFilters(actor, query, parameters, null);
    const rows = await this.db.query<Array<{ quarter: Date; messages: number }>>(
      `SELECT date_bin('15 minutes', c.at, timestamptz '2000-01-01 00:00+00') AS quarter, sum(c.messages)::int AS messages
         FROM ${messageSource(query, range, parameters, Boolean(query.agentId))} c
        WHERE c.direction = 'inbound' AND ${where}
        GROUP BY 1`,
      parameters,
    );
    const counts = new Map<string, number>();
    for (const row of rows) {
      const local = DateTime.fromJSDate(new Date(row.quarter), { zone: range.timeZone });
      const key = `${local.weekday - 1}:${local.hour}`;
      counts.set(key, (counts.get(key) ?? 0) + row.messages);
    }
    const cells: HeatmapCell[] = [];
    for (let weekday = 0; weekday < 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, inboundMessages: counts.get(`${weekday}:${hour}`) ?? 0 });
    return cells;
  }

  /** Each resolve is a measured resolution, so a conversation resolved, reopened and resolved again counts twice. */
  private async resolutionsByDay(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<Map<string, number>> {
    const parameters: unknown[] = dayParameters(range);
    const where = conversationFilters(actor, query, parameters, 'c.conversation_id');
    const rows = await this.db.query<Array<{ day: string; resolutions: number }>>(
      `SELECT ${localDaySql('c.started_at')} AS day, count(*)::int AS resolutions
         FROM report_wait c
        WHERE c.kind = 'resolution' AND c.started_at >= $1 AND c.started_at < $2 AND ${where}
        GROUP BY 1`,
      parameters,
    );
    return new Map(rows.map((row) => [row.day, row.resolutions]));
  }

  private async csat(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<{ ratings: number; satisfied: number }> {
    const parameters: unknown[] = [range.from, range.to];
    const access = AccessPolicy.visibleTeamsCondition(actor, 'r.team_id', parameters.length + 1);
    parameters.push(...access.parameters);
    const conditions = [access.sql];
    if (query.teamId) conditions.push(`r.team_id = $${parameters.push(query.teamId)}`);
    if (query.channelId) conditions.push(`r.channel_id = $${parameters.push(query.channelId)}`);
    if (query.agentId) conditions.push(`r.agent_id = $${parameters.push(query.agentId)}`);
    if (query.labelId) conditions.push(labelCondition('r.conversation_id', parameters, query.labelId));
    const [row] = await this.db.query<Array<{ ratings: number; satisfied: number }>>(
      `SELECT count(*)::int AS ratings, count(*) FILTER (WHERE r.rating >= 4)::int AS satisfied
         FROM csat_response r
        WHERE r.responded_at >= $1 AND r.responded_at < $2 AND ${conditions.join(' AND ')}`,
      parameters,
    );
    return row;
  }

  private names(volume: Volume) {
    const rows = [...volume.conversations, ...volume.messages];
    return this.namesOf({ teams: rows.map((row) => row.team_id), channels: rows.map((row) => row.channel_id), users: rows.map((row) => row.assignee_id) });
  }
}

/**
 * The access rule and the report's filters on the conversation `c`, appending their values to `parameters`. Reports
 * count a conversation in the team that holds it, so the rule is the team one (not "or assigned to me").
 */
export function conversationFilters(actor: UserActor, query: ReportQuery, parameters: unknown[], conversationId: string | null): string {
  const access = AccessPolicy.visibleTeamsCondition(actor, 'c.team_id', parameters.length + 1);
  parameters.push(...access.parameters);
  const conditions = [access.sql];
  if (query.teamId) conditions.push(`c.team_id = $${parameters.push(query.teamId)}`);
  if (query.channelId) conditions.push(`c.channel_id = $${parameters.push(query.channelId)}`);
  if (query.agentId) conditions.push(`c.assignee_id = $${parameters.push(query.agentId)}`);
  if (query.labelId && conversationId) conditions.push(labelCondition(conversationId, parameters, query.labelId));
  return conditions.join(' AND ');
}

/** The conversation carries the label (an index probe on conversation_label's primary key). */
export function labelCondition(conversationId: string, parameters: unknown[], labelId: string): string {
  return `EXISTS (SELECT 1 FROM conversation_label cl WHERE cl.conversation_id = ${conversationId} AND cl.label_id = $${parameters.push(labelId)})`;
}

/**
 * Where a report's messages come from: the rollups, or with a label filter the messages of the labelled conversations
 * (rollups know no conversations), with the columns of deliveryVolumeSql plus the conversation's agent.
 */
function messageSource(query: ReportQuery, range: ResolvedRange, parameters: unknown[], splitByAgent: boolean): string {
  if (query.labelId) {
    return `(SELECT m.sent_at AS at, c.team_id, m.channel_id, c.assignee_id, m.direction, m.kind, CASE WHEN m.kind = 'agent' THEN m.author_id END AS author_id, m.error_code, m.error_reason,
                    1 AS messages, m.segments, COALESCE(m.estimated_cost, 0) AS cost, (m.status = 'delivered')::int AS delivered, (m.status IN ('undelivered', 'failed'))::int AS failed
               FROM conversation_label cl
               JOIN conversation c ON c.id = cl.conversation_id
               JOIN message m ON m.conversation_id = c.id AND m.sent_at >= $1 AND m.sent_at < $2
              WHERE cl.label_id = $${parameters.push(query.labelId)})`;
  }
  return splitByAgent ? messageVolumeSql('$1', '$2', rollupFitsZone(range)) : deliveryVolumeSql('$1', '$2', rollupFitsZone(range));
}

/**
 * The access rule and filters for the delivery rollup, which has no conversation agent: there an agent filter means the
 * agent who wrote the messages, as the cost-by-agent breakdown counts them.
 */
function deliveryFilters(actor: UserActor, query: ReportQuery, parameters: unknown[]): string {
  const access = AccessPolicy.visibleTeamsCondition(actor, 'c.team_id', parameters.length + 1);
  parameters.push(...access.parameters);
  const conditions = [access.sql];
  if (query.teamId) conditions.push(`c.team_id = $${parameters.push(query.teamId)}`);
  if (query.channelId) conditions.push(`c.channel_id = $${parameters.push(query.channelId)}`);
  if (query.agentId) conditions.push(`c.author_id = $${parameters.push(query.agentId)}`);
  return conditions.join(' AND ');
}

function volumeTotals(volume: Volume) {
  const outboundByAuthor: Record<OutboundAuthor, number> = { agent: 0, automation: 0, notification: 0 };
  let inboundMessages = 0;
  for (const row of volume.messages) {
    if (row.author === 'customer') inboundMessages += row.messages;
    else outboundByAuthor[row.author] += row.messages;
  }
  return {
    conversationsCreated: volume.conversations.reduce((sum, row) => sum + row.conversations, 0),
    inboundMessages,
    outboundMessages: outboundByAuthor.agent + outboundByAuthor.automation + outboundByAuthor.notification,
    outboundByAuthor,
  };
}

function perDay<Row extends { day: string }>(days: string[], rows: Row[], value: (row: Row) => number) {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.day, (totals.get(row.day) ?? 0) + value(row));
  return days.map((day) => ({ day, value: totals.get(day) ?? 0 }));
}

function breakdown(volume: Volume, key: (row: ConversationGroup | MessageGroup) => string | null, name: (id: string | null) => string): VolumeBreakdownRow[] {
  const rows = new Map<string | null, VolumeBreakdownRow>();
  const entry = (id: string | null) => {
    let found = rows.get(id);
    if (!found) rows.set(id, (found = { id, name: name(id), conversationsCreated: 0, inboundMessages: 0, outboundMessages: 0 }));
    return found;
  };
  for (const row of volume.conversations) entry(key(row)).conversationsCreated += row.conversations;
  for (const row of volume.messages) {
    if (row.author === 'customer') entry(key(row)).inboundMessages += row.messages;
    else entry(key(row)).outboundMessages += row.messages;
  }
  return [...rows.values()].sort((a, b) => b.conversationsCreated + b.inboundMessages - (a.conversationsCreated + a.inboundMessages) || a.name.localeCompare(b.name));
}

function deliveryTotals(numbers: { groups: DeliveryGroup[]; consent: Array<{ action: 'opt_out' | 'opt_in'; events: number }> }) {
  const sum = (pick: (row: DeliveryGroup) => number) => numbers.groups.reduce((total, row) => total + pick(row), 0);
  const delivered = sum((row) => row.delivered);
  return {
    outboundMessages: sum((row) => row.messages),
    segments: sum((row) => row.segments),
    deliveryRatePercent: percent(delivered, delivered + sum((row) => row.failed)),
    optOuts: numbers.consent.filter((row) => row.action === 'opt_out').reduce((total, row) => total + row.events, 0),
    optIns: numbers.consent.filter((row) => row.action === 'opt_in').reduce((total, row) => total + row.events, 0),
  };
}

/** PostgreSQL's percentile_cont rounded to tenths of a second, as durationStats rounds. */
export function tenths(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}

function statsOf(row: SpeedRow | null): DurationStats | null {
  return row ? { count: row.count, median: tenths(row.median), p90: tenths(row.p90) } : null;
}

export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

function roundMoney(amount: number): number {
  return Math.round(amount * 100000) / 100000;
}

function groupBy<Row, Key>(rows: Row[], key: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The rows' costs summed per currency of their channel, codes in alphabetical order, currencies with no rows left out. */
function costsOf(rows: Array<{ channel_id: string | null; cost: number }>, currencies: Map<string, string>): CostsByCurrency {
  const costs = new Map<string, number>();
  for (const row of rows) {
    // A channel is never deleted while messages name it (foreign key), so its currency is always found.
    const currency = currencies.get(row.channel_id ?? '') ?? DEFAULT_CURRENCY;
    costs.set(currency, (costs.get(currency) ?? 0) + row.cost);
  }
  return Object.fromEntries([...costs].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => [currency, roundMoney(amount)]));
}

/**
 * The cost metric from the costs of the range and, with compare, of the previous range: a plain total only when both
 * together are in at most one currency, since amounts in different currencies never add up.
 */
function costMetric(current: CostsByCurrency, previous: CostsByCurrency | undefined): { metric: CostMetric; currency: string | null } {
  const codes = [...new Set([...Object.keys(current), ...Object.keys(previous ?? {})])].sort();
  const total = (costs: CostsByCurrency) => (codes.length <= 1 ? roundMoney(Object.values(costs).reduce((sum, amount) => sum + amount, 0)) : null);
  const byCurrency = Object.fromEntries(codes.map((code): [string, MetricValue] => [code, previous ? { value: current[code] ?? 0, previous: previous[code] ?? 0 } : { value: current[code] ?? 0 }]));
  return { metric: { ...(previous ? { value: total(current), previous: total(previous) } : { value: total(current) }), byCurrency }, currency: codes.length === 1 ? codes[0] : null };
}
