/**
 * Reports: shapes of `/api/reports/...` (and `/api/v1/reports/...` with an API key scoped `reports:read`).
 * Every report answers for a half-open range [from, to) and may also answer for the previous range of equal length.
 * Durations are in seconds; money is in the channel's currency as a decimal number; percentages are 0–100.
 * A median or percentile over no values is null, never 0.
 */

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

/** One-sentence definitions of the metrics a report returns, keyed like the metrics; the console shows them as tooltips. */
export type MetricDefinitions = Record<string, string>;

interface ReportBase {
  range: ReportRange;
  previousRange?: ReportRange;
  definitions: MetricDefinitions;
}

/** A number for the range and, with compare, the same number for the previous range. */
export interface MetricValue {
  value: number | null;
  previous?: number | null;
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
  cost: MetricValue;
  csatPercent: MetricValue;
}

export interface OverviewReport extends ReportBase {
  metrics: OverviewMetrics;
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
  byFaq: Array<{ faqId: string | null; question: string; autoReplies: number; wroteAgain: number }>;
  heldBack: Array<{ reason: string; count: number }>;
  byDay: Array<{ day: string; autoReplies: number; conversationsCreated: number }>;
}

export interface CostBreakdownRow {
  id: string | null;
  name: string;
  messages: number;
  segments: number;
  cost: number;
}

export interface DeliveryReport extends ReportBase {
  metrics: {
    outboundMessages: MetricValue;
    segments: MetricValue;
    cost: MetricValue;
    /** delivered / (delivered + undelivered + failed), as a percentage. */
    deliveryRatePercent: MetricValue;
    optOuts: MetricValue;
    optIns: MetricValue;
  };
  /** Currency of `cost` when all channels share one; null when mixed or unknown. */
  currency: string | null;
  byDay: Array<{ day: string; segments: number; cost: number; delivered: number; failed: number; optOuts: number; optIns: number }>;
  byTeam: CostBreakdownRow[];
  byChannel: CostBreakdownRow[];
  byAgent: CostBreakdownRow[];
  failures: Array<{ errorCode: string | null; reason: string; count: number }>;
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
