import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { AgentReportRow, AgentsReport, AutomationHoldKind, AutomationReport, CsatBreakdownRow, CsatReport, MetricValue, ReportQuery, SlaBreakdownRow, SlaReport } from '@backtalk/contracts';
import { Injectable } from '@nestjs/common';
import { dayParameters, daysOf, localDaySql, previousRange, rangeView, resolveRange, type ResolvedRange } from './metrics/report-range';
import { ReportFactsService } from './facts/report-facts.service';
import { ReportDatabase } from './report-database';
import { conversationFilters, labelCondition, percent, tenths } from './reports.service';

/** How many customers' comments a CSAT report lists, newest first. */
export const CSAT_COMMENT_LIMIT = 200;

/** A value for the range and, with compare, for the previous range. */
function metric(value: number | null, previous?: { value: number | null }): MetricValue {
  return previous ? { value, previous: previous.value } : { value };
}

/**
 * The SLA, automation, agents and CSAT reports: the same rules as ReportsService (range first, then the access rule and
 * the filters on the conversation that holds the data).
 */
@Injectable()
export class QualityReportsService {
  constructor(
    private readonly db: ReportDatabase,
    private readonly facts: ReportFactsService,
  ) {}

  async csat(actor: UserActor, query: ReportQuery): Promise<CsatReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    const previous = query.compare ? previousRange(range) : undefined;
    const [current, before] = await Promise.all([this.csatNumbers(actor, query, range, true), previous ? this.csatNumbers(actor, query, previous, false) : undefined]);
    const ratings = current.ratings;
    const names = await this.names({ teams: ratings.map((row) => row.team_id), channels: ratings.map((row) => row.channel_id), users: ratings.map((row) => row.agent_id) });
    const breakdown = (key: (row: CsatGroup) => string | null, name: (id: string | null) => string): CsatBreakdownRow[] => {
      const groups = new Map<string | null, { responses: number; satisfied: number }>();
      for (const row of ratings) {
        const group = groups.get(key(row)) ?? { responses: 0, satisfied: 0 };
        group.responses += row.responses;
        if (row.rating >= 4) group.satisfied += row.responses;
        groups.set(key(row), group);
      }
      return [...groups.entries()]
        .map(([id, group]) => ({ id, name: name(id), responses: group.responses, csatPercent: percent(group.satisfied, group.responses) }))
        .sort((a, b) => b.responses - a.responses || a.name.localeCompare(b.name));
    };
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      metrics: {
        surveysSent: metric(current.totals.surveysSent, before && { value: before.totals.surveysSent }),
        responses: metric(current.totals.responses, before && { value: before.totals.responses }),
        responseRatePercent: metric(current.totals.responseRatePercent, before && { value: before.totals.responseRatePercent }),
        csatPercent: metric(current.totals.csatPercent, before && { value: before.totals.csatPercent }),
      },
      distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: ratings.filter((row) => row.rating === rating).reduce((sum, row) => sum + row.responses, 0) })),
      byTeam: breakdown((row) => row.team_id, (id) => names.teams.get(id ?? '') ?? 'Unknown team'),
      byAgent: breakdown((row) => row.agent_id, (id) => (id ? (names.users.get(id) ?? 'Unknown agent') : 'No agent')),
      byChannel: breakdown((row) => row.channel_id, (id) => names.channels.get(id ?? '') ?? 'Unknown channel'),
      comments: current.comments.map((row) => ({ conversationId: row.conversation_id, rating: row.rating, comment: row.comment ?? '', respondedAt: new Date(row.responded_at).toISOString(), agentId: row.agent_id })),
    };
  }

  /**
   * Ratings received in the range counted by team, channel, agent and score; the newest comments; and the surveys sent
   * in the range with how many of those were answered.
   */
  private async csatNumbers(actor: UserActor, query: ReportQuery, range: ResolvedRange, withComments: boolean) {
    const ratingParameters: unknown[] = [range.from, range.to];
    const ratingWhere = csatFilters(actor, query, ratingParameters);
    const commentParameters: unknown[] = [range.from, range.to];
    const commentWhere = csatFilters(actor, query, commentParameters);
    const surveyParameters: unknown[] = [range.from, range.to];
    const surveyWhere = csatFilters(actor, query, surveyParameters);
    const [ratings, comments, [surveys]] = await Promise.all([
      this.db.query<CsatGroup[]>(
        `SELECT r.team_id, r.channel_id, r.agent_id, r.rating, count(*)::int AS responses
           FROM csat_response r
          WHERE r.responded_at >= $1 AND r.responded_at < $2 AND r.rating IS NOT NULL AND ${ratingWhere}
          GROUP BY 1, 2, 3, 4`,
        ratingParameters,
      ),
      withComments
        ? this.db.query<CsatComment[]>(
            `SELECT r.conversation_id, r.agent_id, r.rating, r.comment, r.responded_at
               FROM csat_response r
              WHERE r.responded_at >= $1 AND r.responded_at < $2 AND r.rating IS NOT NULL AND r.comment IS NOT NULL AND r.comment <> '' AND ${commentWhere}
              ORDER BY r.responded_at DESC
              LIMIT ${CSAT_COMMENT_LIMIT}`,
            commentParameters,
          )
        : [],
      this.db.query<Array<{ sent: number; answered: number }>>(
        `SELECT count(*)::int AS sent, count(r.responded_at)::int AS answered
           FROM csat_response r
          WHERE r.surveyed_at >= $1 AND r.surveyed_at < $2 AND ${surveyWhere}`,
        surveyParameters,
      ),
    ]);
    const responses = ratings.reduce((sum, row) => sum + row.responses, 0);
    const satisfied = ratings.filter((row) => row.rating >= 4).reduce((sum, row) => sum + row.responses, 0);
    return {
      ratings,
      comments,
      totals: { surveysSent: surveys.sent, responses, responseRatePercent: percent(surveys.answered, surveys.sent), csatPercent: percent(satisfied, responses) },
    };
  }

  async sla(actor: UserActor, query: ReportQuery): Promise<SlaReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    await this.facts.ensureFresh();
    const previous = query.compare ? previousRange(range) : undefined;
    const [current, before] = await Promise.all([this.slaNumbers(actor, query, range), previous ? this.slaNumbers(actor, query, previous) : undefined]);
    const names = await this.names({ teams: current.breaches.map((row) => row.team_id), channels: [], users: current.breaches.map((row) => row.assignee_id) });
    const byDay = daysOf(range).map((day) => ({ day, firstResponse: 0, nextResponse: 0 }));
    const dayIndex = new Map(byDay.map((entry) => [entry.day, entry]));
    const breakdown = (key: (row: BreachRow) => string | null, name: (id: string | null) => string): SlaBreakdownRow[] => {
      const counts = new Map<string | null, number>();
      for (const row of current.breaches) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.breaches);
      return [...counts.entries()].map(([id, breaches]) => ({ id, name: name(id), breaches })).sort((a, b) => b.breaches - a.breaches || a.name.localeCompare(b.name));
    };
    for (const row of current.breaches) {
      const entry = dayIndex.get(row.day);
      if (entry) entry[row.kind === 'first_response' ? 'firstResponse' : 'nextResponse'] += row.breaches;
    }
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      metrics: {
        firstResponseMetPercent: metric(current.totals.firstResponseMetPercent, before && { value: before.totals.firstResponseMetPercent }),
        nextResponseMetPercent: metric(current.totals.nextResponseMetPercent, before && { value: before.totals.nextResponseMetPercent }),
        breaches: metric(current.totals.breaches, before && { value: before.totals.breaches }),
      },
      breachesByDay: byDay,
      byTeam: breakdown((row) => row.team_id, (id) => names.teams.get(id ?? '') ?? 'Unknown team'),
      byAgent: breakdown((row) => row.assignee_id, (id) => (id ? (names.users.get(id) ?? 'Unknown agent') : 'Unassigned')),
    };
  }

  private async slaNumbers(actor: UserActor, query: ReportQuery, range: ResolvedRange) {
    const outcomeParameters: unknown[] = [range.from, range.to];
    const outcomeWhere = conversationFilters(actor, query, outcomeParameters, 'c.conversation_id');
    const breachParameters: unknown[] = dayParameters(range);
    const breachWhere = conversationFilters(actor, query, breachParameters, 'c.id');
    const [[outcomes], breaches] = await Promise.all([
      // A conversation counts towards a target once it was answered (or breached it); one still waiting within its
      // target has neither met nor missed it yet.
      this.db.query<Array<{ first_eligible: number; first_met: number; next_eligible: number; next_met: number }>>(
        `SELECT count(*) FILTER (WHERE team.sla_first_response_minutes IS NOT NULL AND (c.first_reply_at IS NOT NULL OR c.first_breached))::int AS first_eligible,
                count(*) FILTER (WHERE team.sla_first_response_minutes IS NOT NULL AND c.first_reply_at IS NOT NULL AND NOT c.first_breached)::int AS first_met,
                count(*) FILTER (WHERE team.sla_next_response_minutes IS NOT NULL AND (c.wrote_again_after_reply OR c.next_breached))::int AS next_eligible,
                count(*) FILTER (WHERE team.sla_next_response_minutes IS NOT NULL AND c.wrote_again_after_reply AND NOT c.next_breached)::int AS next_met
           FROM report_conversation_fact c
           JOIN team ON team.id = c.team_id
          WHERE c.created_at >= $1 AND c.created_at < $2 AND ${outcomeWhere}`,
        outcomeParameters,
      ),
      this.db.query<BreachRow[]>(
        `SELECT ${localDaySql('b.breached_at')} AS day, b.kind, c.team_id, c.assignee_id, count(*)::int AS breaches
           FROM sla_breach b
           JOIN conversation c ON c.id = b.conversation_id
          WHERE b.breached_at >= $1 AND b.breached_at < $2 AND ${breachWhere}
          GROUP BY 1, 2, 3, 4`,
        breachParameters,
      ),
    ]);
    return {
      breaches,
      totals: {
        firstResponseMetPercent: percent(outcomes.first_met, outcomes.first_eligible),
        nextResponseMetPercent: percent(outcomes.next_met, outcomes.next_eligible),
        breaches: breaches.reduce((sum, row) => sum + row.breaches, 0),
      },
    };
  }

  async automation(actor: UserActor, query: ReportQuery): Promise<AutomationReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    await this.facts.ensureFresh();
    const previous = query.compare ? previousRange(range) : undefined;
    const [current, before] = await Promise.all([this.automationNumbers(actor, query, range), previous ? this.automationNumbers(actor, query, previous) : undefined]);
    const byDay = daysOf(range).map((day) => ({ day, autoReplies: 0, conversationsCreated: 0 }));
    const dayIndex = new Map(byDay.map((entry) => [entry.day, entry]));
    for (const row of current.replies) {
      const entry = dayIndex.get(row.day);
      if (entry) entry.autoReplies += row.replies;
    }
    for (const row of current.created) {
      const entry = dayIndex.get(row.day);
      if (entry) entry.conversationsCreated += row.conversations;
    }
    const byFaq = new Map<string | null, { faqId: string | null; question: string | null; autoReplies: number; wroteAgain: number }>();
    for (const row of current.replies) {
      const entry = byFaq.get(row.faq_id) ?? { faqId: row.faq_id, question: row.question, autoReplies: 0, wroteAgain: 0 };
      entry.autoReplies += row.replies;
      entry.wroteAgain += row.wrote_again;
      byFaq.set(row.faq_id, entry);
    }
    return {
      range: rangeView(range),
      ...(previous ? { previousRange: rangeView(previous) } : {}),
      metrics: {
        autoAnsweredPercent: metric(current.totals.autoAnsweredPercent, before && { value: before.totals.autoAnsweredPercent }),
        autoReplies: metric(current.totals.autoReplies, before && { value: before.totals.autoReplies }),
        wroteAgainPercent: metric(current.totals.wroteAgainPercent, before && { value: before.totals.wroteAgainPercent }),
      },
      byFaq: [...byFaq.values()].sort((a, b) => b.autoReplies - a.autoReplies || (a.question ?? '').localeCompare(b.question ?? '')),
      heldBack: current.held.map((row) => ({ kind: row.kind, reason: row.reason, count: row.held })),
      byDay,
    };
  }

  private async automationNumbers(actor: UserActor, query: ReportQuery, range: ResolvedRange) {
    const replyParameters: unknown[] = dayParameters(range);
    const replyWhere = conversationFilters(actor, query, replyParameters, 'c.conversation_id');
    const createdParameters: unknown[] = dayParameters(range);
    const createdWhere = conversationFilters(actor, query, createdParameters, 'c.conversation_id');
    const heldParameters: unknown[] = [range.from, range.to];
    const heldWhere = conversationFilters(actor, query, heldParameters, 'c.id');
    const [replies, created, held] = await Promise.all([
      this.db.query<Array<{ day: string; faq_id: string | null; question: string | null; replies: number; wrote_again: number }>>(
        `SELECT ${localDaySql('c.sent_at')} AS day, faq.id AS faq_id, faq.title AS question, count(*)::int AS replies,
                count(*) FILTER (WHERE c.wrote_again)::int AS wrote_again
           FROM report_auto_reply c
           LEFT JOIN canned_answer faq ON faq.id = c.faq_id
          WHERE c.sent_at >= $1 AND c.sent_at < $2 AND ${replyWhere}
          GROUP BY 1, 2, 3`,
        replyParameters,
      ),
      this.db.query<Array<{ day: string; conversations: number; auto_answered: number }>>(
        `SELECT ${localDaySql('c.created_at')} AS day, count(*)::int AS conversations, count(*) FILTER (WHERE c.auto_replied AND NOT c.agent_replied)::int AS auto_answered
           FROM report_conversation_fact c
          WHERE c.created_at >= $1 AND c.created_at < $2 AND ${createdWhere}
          GROUP BY 1`,
        createdParameters,
      ),
      // Lines from before holds had kinds keep their sentence, grouped by it; the console shows it as data.
      this.db.query<Array<{ kind: AutomationHoldKind | null; reason: string | null; held: number }>>(
        `SELECT a.data -> 'hold' ->> 'kind' AS kind, CASE WHEN a.data ? 'hold' THEN NULL ELSE a.data ->> 'reason' END AS reason, count(*)::int AS held
           FROM conversation_activity a
           JOIN conversation c ON c.id = a.conversation_id
          WHERE a.type = 'automation_held' AND a.occurred_at >= $1 AND a.occurred_at < $2 AND ${heldWhere}
          GROUP BY 1, 2
          ORDER BY held DESC, kind, reason`,
        heldParameters,
      ),
    ]);
    const autoReplies = replies.reduce((sum, row) => sum + row.replies, 0);
    const conversations = created.reduce((sum, row) => sum + row.conversations, 0);
    return {
      replies,
      created,
      held,
      totals: {
        autoAnsweredPercent: percent(
          created.reduce((sum, row) => sum + row.auto_answered, 0),
          conversations,
        ),
        autoReplies,
        wroteAgainPercent: percent(
          replies.reduce((sum, row) => sum + row.wrote_again, 0),
          autoReplies,
        ),
      },
    };
  }

  async agents(actor: UserActor, query: ReportQuery): Promise<AgentsReport> {
    const range = resolveRange(query.from, query.to, query.timeZone);
    await this.facts.ensureFresh();
    const parameters: unknown[] = [range.from, range.to];
    const where = conversationFilters(actor, query, parameters, 'c.conversation_id');
    const memberParameters: unknown[] = [];
    const access = AccessPolicy.visibleTeamsCondition(actor, 'tm.team_id', 1);
    memberParameters.push(...access.parameters);
    const memberConditions = [access.sql];
    if (query.teamId) memberConditions.push(`tm.team_id = $${memberParameters.push(query.teamId)}`);
    if (query.agentId) memberConditions.push(`u.id = $${memberParameters.push(query.agentId)}`);
    const [members, replies, firstResponses, resolutions, loads] = await Promise.all([
      this.db.query<Array<{ id: string; name: string }>>(
        `SELECT DISTINCT u.id, u.name FROM team_member tm JOIN app_user u ON u.id = tm.user_id WHERE ${memberConditions.join(' AND ')}`,
        memberParameters,
      ),
      this.db.query<Array<{ author_id: string; replies: number; conversations: number }>>(
        // Per agent and conversation first, so conversations are counted by hashing rather than a sorted DISTINCT; the
        // conversation is joined only when the access rule or a filter needs it (an admin's unfiltered view does not).
        `SELECT replied.author_id, sum(replied.replies)::int AS replies, count(*)::int AS conversations
           FROM (SELECT m.author_id, m.conversation_id, count(*) AS replies
                   FROM message m
                   ${where === 'true' ? '' : 'JOIN report_conversation_fact c ON c.conversation_id = m.conversation_id'}
                  WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.kind = 'agent' AND m.author_id IS NOT NULL AND ${where}
                  GROUP BY 1, 2) replied
          GROUP BY 1`,
        parameters,
      ),
      // The first response of a conversation that started in the range belongs to whoever wrote it.
      this.db.query<Array<{ agent_id: string; median: number | null }>>(
        `SELECT c.first_reply_author_id AS agent_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${query.businessHours ? 'c.first_response_business_seconds' : 'c.first_response_seconds'}) AS median
           FROM report_conversation_fact c
          WHERE c.created_at >= $1 AND c.created_at < $2 AND c.first_reply_author_id IS NOT NULL AND ${where}
          GROUP BY 1`,
        parameters,
      ),
      // A resolve by a person, timed from the conversation's start or its last reopening before it.
      this.db.query<Array<{ agent_id: string; median: number | null }>>(
        `SELECT c.responder_id AS agent_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${query.businessHours ? 'c.business_seconds' : 'c.seconds'}) AS median
           FROM report_wait c
          WHERE c.kind = 'resolution' AND c.started_at >= $1 AND c.started_at < $2 AND c.responder_id IS NOT NULL AND ${where}
          GROUP BY 1`,
        parameters,
      ),
      this.loads(actor, query),
    ]);
    const byAuthor = new Map(replies.map((row) => [row.author_id, row]));
    const loadOf = new Map(loads.map((row) => [row.assignee_id, row.open]));
    const agents: AgentReportRow[] = members.map((member) => ({
      userId: member.id,
      name: member.name,
      conversationsHandled: byAuthor.get(member.id)?.conversations ?? 0,
      repliesSent: byAuthor.get(member.id)?.replies ?? 0,
      medianFirstResponse: tenths(firstResponses.find((row) => row.agent_id === member.id)?.median ?? null),
      medianResolution: tenths(resolutions.find((row) => row.agent_id === member.id)?.median ?? null),
      currentLoad: loadOf.get(member.id) ?? 0,
    }));
    return {
      range: rangeView(range),
      agents: agents.sort((a, b) => b.repliesSent - a.repliesSent || a.name.localeCompare(b.name)),
    };
  }

  /** Open conversations assigned to each agent now, whatever the range. */
  private loads(actor: UserActor, query: ReportQuery) {
    const parameters: unknown[] = [];
    const where = conversationFilters(actor, query, parameters, 'c.id');
    return this.db.query<Array<{ assignee_id: string; open: number }>>(
      `SELECT c.assignee_id, count(*)::int AS open FROM conversation c WHERE c.status = 'open' AND c.assignee_id IS NOT NULL AND ${where} GROUP BY 1`,
      parameters,
    );
  }

  private async names(ids: { teams: Array<string | null>; channels: Array<string | null>; users: Array<string | null> }) {
    const distinct = (list: Array<string | null>) => [...new Set(list.filter((id): id is string => id !== null))];
    const lookup = async (table: 'team' | 'channel' | 'app_user', list: string[]) =>
      list.length === 0 ? new Map<string, string>() : new Map((await this.db.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`, [list])).map((row) => [row.id, row.name]));
    const [teams, channels, users] = await Promise.all([lookup('team', distinct(ids.teams)), lookup('channel', distinct(ids.channels)), lookup('app_user', distinct(ids.users))]);
    return { teams, channels, users };
  }
}

interface CsatGroup {
  team_id: string;
  channel_id: string;
  agent_id: string | null;
  rating: number;
  responses: number;
}

interface CsatComment {
  conversation_id: string;
  agent_id: string | null;
  rating: number;
  comment: string | null;
  responded_at: Date;
}

interface BreachRow {
  day: string;
  kind: 'first_response' | 'next_response';
  team_id: string;
  assignee_id: string | null;
  breaches: number;
}

/** The access rule and filters on a CSAT answer, which records its own team, channel and agent. */
function csatFilters(actor: UserActor, query: ReportQuery, parameters: unknown[]): string {
  const access = AccessPolicy.visibleTeamsCondition(actor, 'r.team_id', parameters.length + 1);
  parameters.push(...access.parameters);
  const conditions = [access.sql];
  if (query.teamId) conditions.push(`r.team_id = $${parameters.push(query.teamId)}`);
  if (query.channelId) conditions.push(`r.channel_id = $${parameters.push(query.channelId)}`);
  if (query.agentId) conditions.push(`r.agent_id = $${parameters.push(query.agentId)}`);
  if (query.labelId) conditions.push(labelCondition('r.conversation_id', parameters, query.labelId));
  return conditions.join(' AND ');
}
