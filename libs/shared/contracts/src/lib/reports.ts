/**
 * Reports: shapes of `/api/reports/...` (and `/api/v1/reports/...` with an API key scoped `reports:read`).
 * Every report answers for a half-open range [from, to) and may also answer for the previous range of equal length.
 * Durations are in seconds; percentages are 0–100. A median or percentile over no values is null, never 0.
 *
 * Money is a decimal number in the currency of the channel that sent the messages (its currency now, see ChannelView),
 * and amounts in different currencies are never added together. A report says its `currency` when every cost in it
 * (with compare, in both periods) is in one, and then every `cost` is a plain total in it, as before currencies
 * existed. When channels of several currencies are in scope, `currency` is null and so is every `cost` that would
 * have mixed them; the amounts are always in `costs` (and `metrics.cost.byCurrency`), one per currency.
 */

import type { AutomationHoldKind } from './activity';
import type { CostsByCurrency } from './money';

export type ReportName = 'overview' | 'conversations' | 'response-times' | 'sla' | 'automation' | 'delivery' | 'agents' | 'csat';
export const REPORT_NAMES: readonly ReportName[] = ['overview', 'conversations', 'response-times', 'sla', 'automation', 'delivery', 'agents', 'csat'];

/** Longest range one report may cover. */
export const REPORT_MAX_RANGE_DAYS = 366;

/** The query every report accepts (as query-string parameters). */
export interface ReportQuery {
  /** ISO datetime, inclusive. */
  from: string;
  /** ISO datetime, exclusive; at most REPORT_MAX_RANGE_DAYS after `from`. */
  to: string;
  /** IANA zone in which days and hours are bucketed; default "UTC". */
  timeZone?: string;
  teamId?: string;
  channelId?: string;
  agentId?: string;
  /** Only conversations carrying this label now. */
  labelId?: string;
  /** Also answer for the previous range of equal length. */
  compare?: boolean;
  /** Count time metrics in each team's business hours instead of calendar time. */
  businessHours?: boolean;
  /** `csv` answers text/csv instead of JSON (as does `Accept: text/csv`). */
  format?: 'json' | 'csv';
}

export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
}

interface ReportBase {
  range: ReportRange;
  previousRange?: ReportRange;
}

/** A number for the range and, with compare, the same number for the previous range. */
export interface MetricValue {
  value: number | null;
  previous?: number | null;
}

/**
 * The cost of what was sent: `value` (and `previous`) is the total when the report has at most one `currency` (0 with
 * nothing sent), null when several; `byCurrency` has each currency's amount for the range and, with compare, the
 * previous range (0 where that period spent none in it).
 */
export interface CostMetric extends MetricValue {
  byCurrency: Record<string, MetricValue>;
}

/** A local day "YYYY-MM-DD" in the report's time zone. */
export interface DayPoint {
  day: string;
  value: number;
}

export interface OverviewMetrics {
  conversationsCreated: MetricValue;
  inboundMessages: MetricValue;
  outboundMessages: MetricValue;
  /** Seconds. */
  medianFirstResponse: MetricValue;
  resolutions: MetricValue;
  slaMetPercent: MetricValue;
  autoAnsweredPercent: MetricValue;
  outboundSegments: MetricValue;
  cost: CostMetric;
  csatPercent: MetricValue;
}

export interface OverviewReport extends ReportBase {
  metrics: OverviewMetrics;
  /** The one currency of every cost in the report (both periods with compare); null when several, or nothing was sent. */
  currency: string | null;
  /** Per day of the range, for sparklines. */
  series: {
    conversationsCreated: DayPoint[];
    inboundMessages: DayPoint[];
    outboundMessages: DayPoint[];
    resolutions: DayPoint[];
  };
}

/** Who wrote an outbound message. */
export type OutboundAuthor = 'agent' | 'automation' | 'notification';

export interface VolumeDay {
  day: string;
  conversationsCreated: number;
  inboundMessages: number;
  outboundMessages: number;
  outboundByAuthor: Record<OutboundAuthor, number>;
}

/** Inbound messages by local weekday (0 = Monday … 6 = Sunday) and hour (0–23). */
export interface HeatmapCell {
  weekday: number;
  hour: number;
  inboundMessages: number;
}

export interface VolumeBreakdownRow {
  /** Team, channel or user id; null: none (e.g. conversations nobody was assigned). */
  id: string | null;
  name: string;
  conversationsCreated: number;
  inboundMessages: number;
  outboundMessages: number;
}

export interface ConversationsReport extends ReportBase {
  totals: {
    conversationsCreated: MetricValue;
    inboundMessages: MetricValue;
    outboundMessages: MetricValue;
    outboundByAuthor: Record<OutboundAuthor, number>;
  };
  byDay: VolumeDay[];
  heatmap: HeatmapCell[];
  byTeam: VolumeBreakdownRow[];
  byChannel: VolumeBreakdownRow[];
  byAgent: VolumeBreakdownRow[];
}

export interface DurationStats {
  count: number;
  /** Seconds. */
  median: number | null;
  p90: number | null;
}

export interface ResponseTimesDay {
  day: string;
  firstResponse: DurationStats;
  nextResponse: DurationStats;
  resolution: DurationStats;
}

export interface ResponseTimesReport extends ReportBase {
  /** Whether durations count only business hours. */
  businessHours: boolean;
  totals: { firstResponse: DurationStats; nextResponse: DurationStats; resolution: DurationStats };
  previousTotals?: { firstResponse: DurationStats; nextResponse: DurationStats; resolution: DurationStats };
  byDay: ResponseTimesDay[];
}

export interface SlaBreakdownRow {
  id: string | null;
  name: string;
  breaches: number;
}

export interface SlaReport extends ReportBase {
  metrics: {
    /** Conversations with a first-response target whose first response came within it. */
    firstResponseMetPercent: MetricValue;
    nextResponseMetPercent: MetricValue;
    breaches: MetricValue;
  };
  breachesByDay: Array<{ day: string; firstResponse: number; nextResponse: number }>;
  byTeam: SlaBreakdownRow[];
  byAgent: SlaBreakdownRow[];
}

export interface AutomationReport extends ReportBase {
  metrics: {
    autoAnsweredPercent: MetricValue;
    autoReplies: MetricValue;
    /** Share of auto-replies after which the customer wrote again within 24 hours. */
    wroteAgainPercent: MetricValue;
  };
  /** `question` null: the FAQ was deleted (`faqId` set) or the reply was not an FAQ answer (`faqId` null). */
  byFaq: Array<{ faqId: string | null; question: string | null; autoReplies: number; wroteAgain: number }>;
  /**
   * Held-back replies by the hold's kind. `kind` null: lines written before holds were recorded by kind, grouped by
   * `reason`, their stored English sentence (null when they had none); the console shows it as data.
   */
  heldBack: Array<{ kind: AutomationHoldKind | null; reason: string | null; count: number }>;
  byDay: Array<{ day: string; autoReplies: number; conversationsCreated: number }>;
}

export interface CostBreakdownRow {
  id: string | null;
  name: string;
  messages: number;
  segments: number;
  /** In the report's `currency`; null when the report has several (see `costs`). */
  cost: number | null;
  costs: CostsByCurrency;
}

export interface DeliveryReport extends ReportBase {
  metrics: {
    outboundMessages: MetricValue;
    segments: MetricValue;
    cost: CostMetric;
    /** delivered / (delivered + undelivered + failed), as a percentage. */
    deliveryRatePercent: MetricValue;
    optOuts: MetricValue;
    optIns: MetricValue;
  };
  /** The one currency of every cost in the report (both periods with compare); null when several, or nothing was sent. */
  currency: string | null;
  /** `cost` as in CostBreakdownRow. */
  byDay: Array<{ day: string; segments: number; cost: number | null; costs: CostsByCurrency; delivered: number; failed: number; optOuts: number; optIns: number }>;
  byTeam: CostBreakdownRow[];
  byChannel: CostBreakdownRow[];
  byAgent: CostBreakdownRow[];
  /**
   * Undelivered and failed messages by provider error code, with `reason`, the text the carrier adapter recorded, as
   * data for the console to quote (null when the provider gave none; the console says so in its language).
   */
  failures: Array<{ errorCode: string | null; reason: string | null; count: number }>;
}

export interface AgentReportRow {
  userId: string;
  name: string;
  conversationsHandled: number;
  repliesSent: number;
  medianFirstResponse: number | null;
  medianResolution: number | null;
  /** Open conversations assigned now. */
  currentLoad: number;
}

export interface AgentsReport extends ReportBase {
  agents: AgentReportRow[];
}

export interface CsatComment {
  conversationId: string;
  rating: number;
  comment: string;
  respondedAt: string;
  agentId: string | null;
}

export interface CsatBreakdownRow {
  id: string | null;
  name: string;
  responses: number;
  csatPercent: number | null;
}

export interface CsatReport extends ReportBase {
  metrics: {
    surveysSent: MetricValue;
    responses: MetricValue;
    responseRatePercent: MetricValue;
    /** Ratings of 4 or 5 among all ratings. */
    csatPercent: MetricValue;
  };
  /** Count per rating 1–5. */
  distribution: Array<{ rating: number; count: number }>;
  byTeam: CsatBreakdownRow[];
  byAgent: CsatBreakdownRow[];
  byChannel: CsatBreakdownRow[];
  comments: CsatComment[];
}
