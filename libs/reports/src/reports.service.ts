import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { BusinessHours, ConversationsReport, CostBreakdownRow, DeliveryReport, HeatmapCell, MetricValue, OutboundAuthor, OverviewReport, ReportQuery, ResponseTimesReport, VolumeBreakdownRow, VolumeDay } from '@backtalk/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { definitionsOf, METRIC_DEFINITIONS } from './metrics/definitions';
import { daysOf, localDay, previousRange, rangeView, resolveRange, type ResolvedRange } from './metrics/report-range';
import { businessSeconds, calendarSeconds, durationStats, type Elapsed, measureTimeline, type TimelineEvent } from './metrics/timeline';
import { messageVolumeSql, rollupFitsZone } from './rollups/report-rollups';

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

interface SpeedSamples {
  firstResponse: Array<{ day: string; seconds: number }>;
  nextResponse: Array<{ day: string; seconds: number }>;
  resolution: Array<{ day: string; seconds: number }>;
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
  cost: number;
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(actor: UserActor, query: ReportQuery): Promise<OverviewReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    const [{ numbers: current, volume, resolutionsByDay }, before] = await Promise.all([
      this.overviewNumbers(actor, query, range),
      previous ? this.overviewNumbers(actor, query, previous).then((result) => result.numbers) : undefined,
    ]);
    const days = daysOf(range);
    const metrics = Object.fromEntries(
      (Object.keys(current) as Array<keyof OverviewNumbers>).map((key): [string, MetricValue] => [key, before ? { value: current[key], previous: before[key] } : { value: current[key] }]),
    ) as unknown as OverviewReport['metrics'];
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      metrics,
      series: {
        conversationsCreated: perDay(days, volume.conversations, (row) => row.conversations),
        inboundMessages: perDay(days, volume.messages, (row) => (row.author === 'customer' ? row.messages : 0)),
        outboundMessages: perDay(days, volume.messages, (row) => (row.author === 'customer' ? 0 : row.messages)),
        resolutions: days.map((day) => ({ day, value: resolutionsByDay.get(day) ?? 0 })),
      },
      definitions: definitionsOf(['conversationsCreated', 'inboundMessages', 'outboundMessages', 'medianFirstResponse', 'resolutions', 'slaMetPercent', 'autoAnsweredPercent', 'outboundSegments', 'cost', 'csatPercent']),
    };
  }

  async conversations(actor: UserActor, query: ReportQuery): Promise<ConversationsReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    const [volume, before, heatmap] = await Promise.all([this.volume(actor, query, range), previous ? this.volume(actor, query, previous) : undefined, this.heatmap(actor, query, range)]);
    const totals = volumeTotals(volume);
    const previousTotals = before ? volumeTotals(before) : undefined;
    const metric = (key: 'conversationsCreated' | 'inboundMessages' | 'outboundMessages'): MetricValue => (previousTotals ? { value: totals[key], previous: previousTotals[key] } : { value: totals[key] });
    const names = await this.names(volume);
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
      byAgent: breakdown(volume, (row) => row.assignee_id, (id) => (id ? (names.users.get(id) ?? 'Unknown agent') : 'Unassigned')),
      definitions: definitionsOf(['conversationsCreated', 'inboundMessages', 'outboundMessages', 'outboundAgent', 'outboundAutomation', 'outboundNotification', 'heatmap', 'byTeam', 'byChannel', 'byAgent']),
    };
  }

  async responseTimes(actor: UserActor, query: ReportQuery): Promise<ResponseTimesReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    const [current, before] = await Promise.all([this.speed(actor, query, range), previous ? this.speed(actor, query, previous) : undefined]);
    const days = daysOf(range);
    const ofDay = (values: Array<{ day: string; seconds: number }>, day: string) => durationStats(values.filter((value) => value.day === day).map((value) => value.seconds));
    const totals = (measured: SpeedSamples) => ({
      firstResponse: durationStats(measured.firstResponse.map((value) => value.seconds)),
      nextResponse: durationStats(measured.nextResponse.map((value) => value.seconds)),
      resolution: durationStats(measured.resolution.map((value) => value.seconds)),
    });
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      businessHours: query.businessHours ?? false,
      totals: totals(current),
      ...(before ? { previousTotals: totals(before) } : {}),
      byDay: days.map((day) => ({ day, firstResponse: ofDay(current.firstResponse, day), nextResponse: ofDay(current.nextResponse, day), resolution: ofDay(current.resolution, day) })),
      definitions: definitionsOf(['firstResponse', 'nextResponse', 'resolution', query.businessHours ? 'businessHours' : 'calendarTime']),
    };
  }

  /**
   * Waits and resolutions of every conversation a customer wrote in, or that was resolved, during the range: each
   * conversation's whole timeline is read (SMS threads are short) so a wait that began before the range, or was answered
   * after it, is measured right, then only the waits that began in the range (and resolves in it) are kept.
   */
  private async speed(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<SpeedSamples> {
    const parameters: unknown[] = [range.from, range.to];
    const where = conversationFilters(actor, query, parameters);
    const rows = await this.dataSource.query<Array<{ id: string; team_id: string; at: Date; type: TimelineEvent['type'] }>>(
      `WITH touched AS (
         SELECT m.conversation_id AS id FROM message m WHERE m.direction = 'inbound' AND m.sent_at >= $1 AND m.sent_at < $2
         UNION
         SELECT a.conversation_id FROM conversation_activity a WHERE a.type = 'resolved' AND a.occurred_at >= $1 AND a.occurred_at < $2
       )
       SELECT c.id, c.team_id, event.at, event.type
         FROM touched
         JOIN conversation c ON c.id = touched.id
         CROSS JOIN LATERAL (
           SELECT c.created_at AS at, 'created' AS type, 0 AS tie
           UNION ALL
           SELECT m.sent_at, CASE WHEN m.direction = 'inbound' THEN 'customer' ELSE 'reply' END, 1
             FROM message m WHERE m.conversation_id = c.id AND (m.direction = 'inbound' OR m.kind IN ('agent', 'auto_reply'))
           UNION ALL
           SELECT a.occurred_at, a.type, 2 FROM conversation_activity a WHERE a.conversation_id = c.id AND a.type IN ('resolved', 'reopened')
         ) event
        WHERE ${where}
        ORDER BY c.id, event.at, event.tie`,
      parameters,
    );
    const elapsedFor = await this.elapsedByTeam(query.businessHours ? [...new Set(rows.map((row) => row.team_id))] : []);
    const samples: SpeedSamples = { firstResponse: [], nextResponse: [], resolution: [] };
    const inRange = (instant: Date) => instant >= range.from && instant < range.to;
    const sample = (measured: { start: Date; seconds: number }) => ({ day: localDay(measured.start, range.timeZone), seconds: measured.seconds });
    for (let index = 0; index < rows.length; ) {
      const { id, team_id: teamId } = rows[index];
      const events: TimelineEvent[] = [];
      for (; index < rows.length && rows[index].id === id; index++) events.push({ at: new Date(rows[index].at), type: rows[index].type });
      const measures = measureTimeline(events, elapsedFor.get(teamId) ?? calendarSeconds);
      if (measures.firstResponse && inRange(measures.firstResponse.start)) samples.firstResponse.push(sample(measures.firstResponse));
      samples.nextResponse.push(...measures.nextResponses.filter((one) => inRange(one.start)).map(sample));
      samples.resolution.push(...measures.resolutions.filter((one) => inRange(one.start)).map(sample));
    }
    return samples;
  }

  private async elapsedByTeam(teamIds: string[]): Promise<Map<string, Elapsed>> {
    if (teamIds.length === 0) return new Map();
    const teams = await this.dataSource.query<Array<{ id: string; business_hours: BusinessHours | null }>>(`SELECT id, business_hours FROM team WHERE id = ANY($1::uuid[])`, [teamIds]);
    return new Map(teams.map((team) => [team.id, businessSeconds(team.business_hours)]));
  }

  async delivery(actor: UserActor, query: ReportQuery): Promise<DeliveryReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    const [current, before] = await Promise.all([this.deliveryNumbers(actor, query, range), previous ? this.deliveryNumbers(actor, query, previous) : undefined]);
    const names = await this.namesOf({ teams: current.groups.map((row) => row.team_id), channels: current.groups.map((row) => row.channel_id), users: current.groups.map((row) => row.author_id) });
    const totals = deliveryTotals(current);
    const previousTotals = before ? deliveryTotals(before) : undefined;
    const metrics = Object.fromEntries(
      (Object.keys(totals) as Array<keyof typeof totals>).map((key): [string, MetricValue] => [key, previousTotals ? { value: totals[key], previous: previousTotals[key] } : { value: totals[key] }]),
    ) as unknown as DeliveryReport['metrics'];
    const byDay = daysOf(range).map((day) => ({ day, segments: 0, cost: 0, delivered: 0, failed: 0, optOuts: 0, optIns: 0 }));
    const dayIndex = new Map(byDay.map((entry) => [entry.day, entry]));
    for (const row of current.groups) {
      const entry = dayIndex.get(row.day);
      if (!entry) continue;
      entry.segments += row.segments;
      entry.cost = roundMoney(entry.cost + row.cost);
      entry.delivered += row.delivered;
      entry.failed += row.failed;
    }
    for (const row of current.consent) {
      const entry = dayIndex.get(row.day);
      if (entry) entry[row.action === 'opt_out' ? 'optOuts' : 'optIns'] += row.events;
    }
    const costBy = (key: (row: DeliveryGroup) => string | null, name: (id: string | null) => string): CostBreakdownRow[] => {
      const rows = new Map<string | null, CostBreakdownRow>();
      for (const row of current.groups) {
        const id = key(row);
        const entry = rows.get(id) ?? { id, name: name(id), messages: 0, segments: 0, cost: 0 };
        entry.messages += row.messages;
        entry.segments += row.segments;
        entry.cost = roundMoney(entry.cost + row.cost);
        rows.set(id, entry);
      }
      return [...rows.values()].sort((a, b) => b.cost - a.cost || b.segments - a.segments || a.name.localeCompare(b.name));
    };
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      metrics,
      currency: null,
      byDay,
      byTeam: costBy((row) => row.team_id, (id) => names.teams.get(id ?? '') ?? 'Unknown team'),
      byChannel: costBy((row) => row.channel_id, (id) => names.channels.get(id ?? '') ?? 'Unknown channel'),
      byAgent: costBy((row) => row.author_id, (id) => (id ? (names.users.get(id) ?? 'Unknown agent') : 'Automatic replies and notifications')),
      failures: current.failures.map((row) => ({ errorCode: row.error_code, reason: row.reason ?? 'The provider gave no reason', count: row.failures })),
      definitions: { ...definitionsOf(['outboundMessages', 'cost', 'deliveryRatePercent', 'failures', 'optOuts', 'optIns', 'costByAgent']), segments: METRIC_DEFINITIONS.outboundSegments },
    };
  }

  /**
   * Outbound messages sent in the range, grouped by day, team, channel and author, with their delivery outcome as it
   * stands now (a late delivery report updates the message row, so it counts here on the message's own day); failures
   * by provider code with the reason the carrier adapter mapped when the report came in; consent changes by day.
   */
  private async deliveryNumbers(actor: UserActor, query: ReportQuery, range: ResolvedRange) {
    const groupParameters: unknown[] = [range.from, range.to, range.timeZone];
    const groupWhere = conversationFilters(actor, query, groupParameters);
    const failureParameters: unknown[] = [range.from, range.to];
    const failureWhere = conversationFilters(actor, query, failureParameters);
    const consentParameters: unknown[] = [range.from, range.to, range.timeZone];
    const access = AccessPolicy.visibleTeamsCondition(actor, 'ch.team_id', consentParameters.length + 1);
    consentParameters.push(...access.parameters);
    const consentConditions = [access.sql];
    if (query.teamId) consentConditions.push(`ch.team_id = $${consentParameters.push(query.teamId)}`);
    if (query.channelId) consentConditions.push(`ch.id = $${consentParameters.push(query.channelId)}`);
    const [groups, failures, consent] = await Promise.all([
      this.dataSource.query<DeliveryGroup[]>(
        `SELECT to_char(m.sent_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, c.team_id, c.channel_id, CASE WHEN m.kind = 'agent' THEN m.author_id END AS author_id,
                count(*)::int AS messages, COALESCE(sum(m.segments), 0)::int AS segments, COALESCE(sum(m.estimated_cost), 0)::float8 AS cost,
                count(*) FILTER (WHERE m.status = 'delivered')::int AS delivered,
                count(*) FILTER (WHERE m.status IN ('undelivered', 'failed'))::int AS failed
           FROM message m
           JOIN conversation c ON c.id = m.conversation_id
          WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.direction = 'outbound' AND m.kind <> 'note' AND ${groupWhere}
          GROUP BY 1, 2, 3, 4`,
        groupParameters,
      ),
      this.dataSource.query<Array<{ error_code: string | null; reason: string | null; failures: number }>>(
        `SELECT m.error_code, max(m.error_reason) AS reason, count(*)::int AS failures
           FROM message m
           JOIN conversation c ON c.id = m.conversation_id
          WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.direction = 'outbound' AND m.status IN ('undelivered', 'failed') AND ${failureWhere}
          GROUP BY m.error_code
          ORDER BY failures DESC, m.error_code`,
        failureParameters,
      ),
      this.dataSource.query<Array<{ day: string; action: 'opt_out' | 'opt_in'; events: number }>>(
        `SELECT to_char(ce.created_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, ce.action, count(*)::int AS events
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
      new Map((await this.dataSource.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`, [list])).map((row) => [row.id, row.name]));
    const [teams, channels, users] = await Promise.all([lookup('team', distinct(ids.teams)), lookup('channel', distinct(ids.channels)), lookup('app_user', distinct(ids.users))]);
    return { teams, channels, users };
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
      medianFirstResponse: conversations.median_first_response === null ? null : Number(conversations.median_first_response),
      resolutions: [...resolutionsByDay.values()].reduce((sum, count) => sum + count, 0),
      slaMetPercent: percent(conversations.sla_met, conversations.sla_eligible),
      autoAnsweredPercent: percent(conversations.auto_answered, totals.conversationsCreated),
      outboundSegments: outbound.reduce((sum, row) => sum + row.segments, 0),
      cost: roundMoney(outbound.reduce((sum, row) => sum + row.cost, 0)),
      csatPercent: percent(csat.satisfied, csat.ratings),
    };
    return { numbers, volume, resolutionsByDay };
  }

  /**
   * Per conversation that started in the range: its first customer message, the first reply by an agent or an
   * automatic reply at or after it, whether it breached its first-response target, and whether only automation
   * answered. Each lookup is one index probe on the thread (conversation_id, sent_at).
   */
  private async conversationOutcomes(actor: UserActor, query: ReportQuery, range: ResolvedRange) {
    const parameters: unknown[] = [range.from, range.to];
    const where = conversationFilters(actor, query, parameters);
    const [row] = await this.dataSource.query<Array<{ median_first_response: string | null; sla_eligible: number; sla_met: number; auto_answered: number }>>(
      `WITH started AS (
         SELECT first_customer.sent_at AS first_customer_at, first_reply.sent_at AS first_reply_at,
                team.sla_first_response_minutes IS NOT NULL AS has_target,
                EXISTS (SELECT 1 FROM sla_breach b WHERE b.conversation_id = c.id AND b.kind = 'first_response') AS first_breached,
                EXISTS (SELECT 1 FROM message a WHERE a.conversation_id = c.id AND a.kind = 'auto_reply') AS auto_replied,
                EXISTS (SELECT 1 FROM message h WHERE h.conversation_id = c.id AND h.kind = 'agent') AS agent_replied
           FROM conversation c
           JOIN team ON team.id = c.team_id
           LEFT JOIN LATERAL (
             SELECT m.sent_at FROM message m WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.sent_at LIMIT 1
           ) first_customer ON true
           LEFT JOIN LATERAL (
             SELECT m.sent_at FROM message m
              WHERE m.conversation_id = c.id AND m.kind IN ('agent', 'auto_reply') AND m.sent_at >= first_customer.sent_at
              ORDER BY m.sent_at LIMIT 1
           ) first_reply ON true
          WHERE c.created_at >= $1 AND c.created_at < $2 AND ${where}
       )
       SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply_at - first_customer_at)) AS median_first_response,
              count(*) FILTER (WHERE has_target AND (first_reply_at IS NOT NULL OR first_breached))::int AS sla_eligible,
              count(*) FILTER (WHERE has_target AND first_reply_at IS NOT NULL AND NOT first_breached)::int AS sla_met,
              count(*) FILTER (WHERE auto_replied AND NOT agent_replied)::int AS auto_answered
         FROM started`,
      parameters,
    );
    return row;
  }

  private async volume(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<Volume> {
    const conversationParameters: unknown[] = [range.from, range.to, range.timeZone];
    const conversationWhere = conversationFilters(actor, query, conversationParameters);
    const messageParameters: unknown[] = [range.from, range.to, range.timeZone];
    const messageWhere = conversationFilters(actor, query, messageParameters);
    const [conversations, messages] = await Promise.all([
      this.dataSource.query<ConversationGroup[]>(
        `SELECT to_char(c.created_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, c.team_id, c.channel_id, c.assignee_id, count(*)::int AS conversations
           FROM conversation c
          WHERE c.created_at >= $1 AND c.created_at < $2 AND ${conversationWhere}
          GROUP BY 1, 2, 3, 4`,
        conversationParameters,
      ),
      this.dataSource.query<MessageGroup[]>(
        // Hourly rollup rows plus the messages of hours not rolled up yet (see messageVolumeSql), filtered as conversations.
        `SELECT to_char(c.at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, c.team_id, c.channel_id, c.assignee_id, ${AUTHOR_SQL.replace(/\bm\./g, 'c.')} AS author,
                sum(c.messages)::int AS messages, COALESCE(sum(c.segments), 0)::int AS segments, COALESCE(sum(c.cost), 0)::float8 AS cost
           FROM ${messageVolumeSql('$1', '$2', rollupFitsZone(range))} c
          WHERE c.kind <> 'note' AND ${messageWhere}
          GROUP BY 1, 2, 3, 4, 5`,
        messageParameters,
      ),
    ]);
    return { conversations, messages };
  }

  private async heatmap(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<HeatmapCell[]> {
    const parameters: unknown[] = [range.from, range.to, range.timeZone];
    const where = conversationFilters(actor, query, parameters);
    const rows = await this.dataSource.query<Array<{ weekday: number; hour: number; messages: number }>>(
      `SELECT extract(isodow FROM c.at AT TIME ZONE $3)::int - 1 AS weekday, extract(hour FROM c.at AT TIME ZONE $3)::int AS hour, sum(c.messages)::int AS messages
         FROM ${messageVolumeSql('$1', '$2', rollupFitsZone(range))} c
        WHERE c.direction = 'inbound' AND ${where}
        GROUP BY 1, 2`,
      parameters,
    );
    const counts = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, row.messages]));
    const cells: HeatmapCell[] = [];
    for (let weekday = 0; weekday < 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, inboundMessages: counts.get(`${weekday}:${hour}`) ?? 0 });
    return cells;
  }

  /** Resolves are read from the thread's activity lines, so a conversation resolved, reopened and resolved again counts each time. */
  private async resolutionsByDay(actor: UserActor, query: ReportQuery, range: ResolvedRange): Promise<Map<string, number>> {
    const parameters: unknown[] = [range.from, range.to, range.timeZone];
    const where = conversationFilters(actor, query, parameters);
    const rows = await this.dataSource.query<Array<{ day: string; resolutions: number }>>(
      `SELECT to_char(a.occurred_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, count(*)::int AS resolutions
         FROM conversation_activity a
         JOIN conversation c ON c.id = a.conversation_id
        WHERE a.type = 'resolved' AND a.occurred_at >= $1 AND a.occurred_at < $2 AND ${where}
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
    const [row] = await this.dataSource.query<Array<{ ratings: number; satisfied: number }>>(
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
export function conversationFilters(actor: UserActor, query: ReportQuery, parameters: unknown[]): string {
  const access = AccessPolicy.visibleTeamsCondition(actor, 'c.team_id', parameters.length + 1);
  parameters.push(...access.parameters);
  const conditions = [access.sql];
  if (query.teamId) conditions.push(`c.team_id = $${parameters.push(query.teamId)}`);
  if (query.channelId) conditions.push(`c.channel_id = $${parameters.push(query.channelId)}`);
  if (query.agentId) conditions.push(`c.assignee_id = $${parameters.push(query.agentId)}`);
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
    cost: roundMoney(sum((row) => row.cost)),
    deliveryRatePercent: percent(delivered, delivered + sum((row) => row.failed)),
    optOuts: numbers.consent.filter((row) => row.action === 'opt_out').reduce((total, row) => total + row.events, 0),
    optIns: numbers.consent.filter((row) => row.action === 'opt_in').reduce((total, row) => total + row.events, 0),
  };
}

export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

function roundMoney(amount: number): number {
  return Math.round(amount * 100000) / 100000;
}
