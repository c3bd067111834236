/** What happened to a conversation, shown in its thread as a quiet line between the messages. */
export enum ActivityType {
  Resolved = 'resolved',
  Reopened = 'reopened',
  Snoozed = 'snoozed',
  Woke = 'woke',
  MarkedPending = 'marked_pending',
  PriorityChanged = 'priority_changed',
  Assigned = 'assigned',
  Transferred = 'transferred',
  OptedOut = 'opted_out',
  OptedIn = 'opted_in',
  SlaBreached = 'sla_breached',
  LabelsChanged = 'labels_changed',
  AutomationHeld = 'automation_held',
  AutoReplyCancelled = 'auto_reply_cancelled',
  /** The customer answered the satisfaction survey. */
  CsatRated = 'csat_rated',
  /** A step of a macro someone ran on the conversation, done or failed. */
  MacroStep = 'macro_step',
  /** An answer went out in its default language because it has no text in the customer's. */
  AnswerLanguageFallback = 'answer_language_fallback',
}

export const ACTIVITY_TYPES: readonly ActivityType[] = Object.values(ActivityType);

/**
 * Why automation held an automatic reply back, or cancelled a queued one, as a code with what the console needs to say
 * it in the reader's language. `name`: who has the conversation (null when that person's account is gone); for
 * `typing`, everyone typing, comma-separated.
 */
export type AutomationHold =
  | { kind: 'assigned' | 'took' | 'replied' | 'note' | 'typing'; name: string | null }
  | { kind: 'same_text'; windowMinutes: number }
  | { kind: 'asked_for_person' }
  | { kind: 'looks_automatic' }
  | { kind: 'answered_auto_reply' }
  | { kind: 'recent_auto_reply'; windowMinutes: number }
  | { kind: 'repeated_text' }
  | { kind: 'burst'; limit: number }
  | { kind: 'no_faq_match' }
  | { kind: 'opted_out' }
  | { kind: 'answer_missing'; ruleName?: string }
  | { kind: 'faq_not_autonomous'; title: string };

export type AutomationHoldKind = AutomationHold['kind'];

export const AUTOMATION_HOLD_KINDS: readonly AutomationHoldKind[] = [
  'assigned',
  'took',
  'replied',
  'note',
  'typing',
  'same_text',
  'asked_for_person',
  'looks_automatic',
  'answered_auto_reply',
  'recent_auto_reply',
  'repeated_text',
  'burst',
  'no_faq_match',
  'opted_out',
  'answer_missing',
  'faq_not_autonomous',
];

export type ActivityActorKind = 'user' | 'customer' | 'automation' | 'system';

export const ACTIVITY_ACTOR_KINDS: readonly ActivityActorKind[] = ['user', 'customer', 'automation', 'system'];

/**
 * One activity line. `data` carries what the line needs to be written without another request, by type:
 * - Resolved, Reopened, MarkedPending: `{}` (Reopened by the customer has actor kind `customer`)
 * - Snoozed: `{ until: string | null }` (null: until the customer writes)
 * - Woke: `{ reason: 'timer' | 'customer' }`
 * - PriorityChanged: `{ from: ConversationPriority; to: ConversationPriority }`
 * - Assigned / Transferred: `{ fromTeamId, toTeamId, fromTeamName, toTeamName, assigneeId, assigneeName, previousAssigneeId, previousAssigneeName }`
 * - OptedOut / OptedIn: `{ keyword: string | null }`
 * - SlaBreached: `{ kind: SlaKind }`
 * - LabelsChanged: `{ added: LabelMention[]; removed: LabelMention[]; ruleName?: string }` (a rule's: actor kind `automation`)
 * - AutomationHeld: `{ hold: AutomationHold }`; AutoReplyCancelled: `{ hold: AutomationHold; messageId; restoredStatus?: ConversationStatus }`
 *   (restoredStatus: the status the rule had set is undone, and the conversation is this again). Lines written before
 *   holds were recorded by kind carry `{ reason: string }` instead, an English sentence kept as it was stored.
 * - CsatRated: `{ rating: 1..5; comment: string | null; reopened: boolean }` (actor kind `customer`), and when a low score
 *   reopened it: `supervisorId, supervisorName` (both null: the team had no supervisor and it went to the queue)
 * - MacroStep: `{ macroId, macroName, runId, step (1-based), steps (how many), stepType: MacroStepType, outcome: 'done' | 'failed', code?: ErrorCode, reason?: string }`
 *   (a failed step: `code` for the console to word, `reason` the API's English message; lines before codes: only `reason`)
 * - AnswerLanguageFallback: `{ wantedLanguage: RoutingLanguage; usedLanguage: RoutingLanguage; wantedFrom: 'contact' | 'conversation';
 *   cannedAnswerId, answerTitle, messageId (the auto-reply), ruleName, reason }` (actor kind `automation`); `reason` is an
 *   English sentence for older consoles, e.g. "answered in English: no Russian version"
 */
export interface ActivityView {
  id: string;
  conversationId: string;
  type: ActivityType;
  actor: { kind: ActivityActorKind; id: string | null; name: string | null };
  data: Record<string, unknown>;
  occurredAt: string;
}
