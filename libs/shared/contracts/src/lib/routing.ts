import type { PresenceStatus } from './realtime';

/** Declared low to high: the database orders by it, so the queue serves urgent ones first. */
export enum ConversationPriority {
  Low = 'low',
  Normal = 'normal',
  High = 'high',
  Urgent = 'urgent',
}

export enum AssignmentPolicy {
  /** Nobody is assigned automatically; agents take conversations from the queue. */
  Manual = 'manual',
  /** The available agent who was given a conversation longest ago gets the next one. */
  RoundRobin = 'round_robin',
  /** The available agent with the fewest open conversations gets the next one. */
  LeastLoaded = 'least_loaded',
}

/** Languages routing can recognise in a customer's message and match to agents' skills. */
export type RoutingLanguage = 'en' | 'uk' | 'ru';
export const ROUTING_LANGUAGES: readonly RoutingLanguage[] = ['en', 'uk', 'ru'];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Local wall-clock times "HH:mm" in the team's time zone; `end` may be "24:00". */
export interface OpeningInterval {
  start: string;
  end: string;
}

/** A week of opening hours; a day that is missing or empty is closed. */
export type WeeklySchedule = Partial<Record<Weekday, OpeningInterval[]>>;

export interface BusinessHours {
  /** IANA zone, e.g. "Europe/Kyiv". */
  timeZone: string;
  weekly: WeeklySchedule;
  /** Local dates "YYYY-MM-DD" on which the team is closed all day. */
  holidays: string[];
}

export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  /** Count only business hours towards the targets. */
  businessHoursOnly: boolean;
}

export interface TeamRoutingView {
  teamId: string;
  policy: AssignmentPolicy;
  /** Open conversations an agent may hold in this team unless their membership says otherwise; null: no limit. */
  defaultCapacity: number | null;
  /** Seconds an agent may be offline before their open conversations go back to the queue; null keeps them. */
  reassignOfflineAfterSeconds: number | null;
  preferAgentLanguage: boolean;
  /** An agent who replies to an unassigned conversation gets it, whatever their capacity. */
  assignOnReply: boolean;
  /** Null: always open. */
  businessHours: BusinessHours | null;
  /** Sent once per closed period when a customer writes outside business hours; empty: none. */
  outOfOfficeMessage: string;
  sla: SlaTargets;
  retention: TeamRetention;
  members: TeamMemberRoutingView[];
}

/**
 * How long the team keeps what customers and agents wrote: after `messageBodiesDays` a message's text is removed (its
 * time, delivery state and counts stay, so reports still add up), after `mediaDays` its media links. Null: kept for good.
 * 1 to 3650 days; only admins change it.
 */
export interface TeamRetention {
  messageBodiesDays: number | null;
  mediaDays: number | null;
}

export interface TeamMemberRoutingView {
  userId: string;
  name: string;
  /** Open conversations of this team only; null: the team's default. Admins and the team's supervisors set it. */
  capacity: number | null;
}

export interface UpdateTeamRoutingRequest {
  policy?: AssignmentPolicy;
  defaultCapacity?: number | null;
  reassignOfflineAfterSeconds?: number | null;
  preferAgentLanguage?: boolean;
  assignOnReply?: boolean;
  businessHours?: BusinessHours | null;
  outOfOfficeMessage?: string;
  sla?: Partial<SlaTargets>;
  retention?: Partial<TeamRetention>;
  members?: Array<{ userId: string; capacity: number | null }>;
}

/** An agent's own routing settings. */
export interface AgentRoutingView {
  userId: string;
  /** Open conversations across all teams; null: no limit. Only the agent and admins set it, since it spans every team. */
  capacity: number | null;
  languages: RoutingLanguage[];
}

export interface UpdateAgentRoutingRequest {
  /** The agent's own limit across teams: a supervisor who sends it gets 403 and limits the agent per team instead. */
  capacity?: number | null;
  languages?: RoutingLanguage[];
}

export interface QueueAgentView {
  userId: string;
  name: string;
  status: PresenceStatus;
  /** Open conversations assigned to them in this team. */
  load: number;
  capacity: number | null;
  languages: RoutingLanguage[];
}

export interface QueueView {
  teamId: string;
  teamName: string;
  policy: AssignmentPolicy;
  waiting: number;
  /** When the longest-waiting conversation started to wait; null when nobody waits. */
  oldestWaitingSince: string | null;
  waitingByPriority: Record<ConversationPriority, number>;
  /** Open conversations whose SLA is breached or due within the warning window. */
  slaAtRisk: number;
  slaBreached: number;
  open: boolean;
  /** The next change of opening state; null when the team is always open. */
  nextChange: string | null;
  agents: QueueAgentView[];
}

export interface TakeNextResult {
  conversationId: string | null;
}

export interface SetPriorityRequest {
  priority: ConversationPriority;
}

export type SlaKind = 'first_response' | 'next_response';

/** One change of hands, for the conversation's timeline. */
export interface AssignmentRecordView {
  id: string;
  conversationId: string;
  assigneeId: string | null;
  previousAssigneeId: string | null;
  teamId: string;
  previousTeamId: string;
  actorId: string | null;
  /** manual, transfer, take_next, round_robin, least_loaded, agent_offline, unassigned, rule. */
  reason: string;
  createdAt: string;
}

export interface SlaBreachView {
  conversationId: string;
  teamId: string;
  kind: SlaKind;
  dueAt: string;
  breachedAt: string;
}

/** An SLA is "at risk" once less than this share of its target is left. */
export const SLA_WARNING_FRACTION = 0.25;
