import type { AutomationHold } from './activity';
import type { ConversationStatus } from './conversations';
import type { ConversationPriority, RoutingLanguage } from './routing';

export enum RuleTrigger {
  /** Every message a customer sends. */
  InboundMessage = 'inbound_message',
  /** The message that opened a conversation. */
  FirstMessage = 'first_message',
  /** An open conversation whose customer has waited longer than `waitingMinutes` for an answer. */
  WaitingLongerThan = 'waiting_longer_than',
  /** A customer's message while the conversation's team is outside its business hours. */
  OutsideBusinessHours = 'outside_business_hours',
}

/** All of a rule's conditions must hold for it to fire. */
export type RuleCondition =
  /** Any of the words or phrases appears in the message (case and accents ignored). */
  | { type: 'keywords'; any: string[] }
  /**
   * An RE2 regular expression (at most 500 characters; no backreferences or lookaround), matched case-insensitively
   * in linear time over the message's first 1,600 characters.
   */
  | { type: 'regex'; pattern: string }
  /** The best FAQ (or the given one) matches the message with at least this calibrated confidence (0–1). */
  | { type: 'faq_match'; minConfidence: number; faqId?: string | null }
  | { type: 'language'; in: RoutingLanguage[] }
  | { type: 'contact'; field: 'name' | 'phone' | 'notes'; operator: 'contains' | 'equals' | 'starts_with' | 'is_empty' | 'is_not_empty'; value?: string }
  /**
   * A custom attribute of the contact (Settings → Contact attributes), by key: `equals` and `contains` compare text
   * ignoring case and accents (yes/no as `true`/`false`), `greater` and `less` compare numbers and dates (`YYYY-MM-DD`),
   * `is_set` holds when the contact has any value. A key no attribute has never holds.
   */
  | { type: 'contact_attribute'; key: string; operator: ContactAttributeOperator; value?: string | number }
  | { type: 'business_hours'; state: 'open' | 'closed' }
  | { type: 'status'; in: ConversationStatus[] };

export const CONTACT_ATTRIBUTE_OPERATORS = ['equals', 'contains', 'is_set', 'greater', 'less'] as const;
export type ContactAttributeOperator = (typeof CONTACT_ATTRIBUTE_OPERATORS)[number];

export type RuleAction =
  /** Replies with a canned answer, or with the FAQ the `faq_match` condition found (`cannedAnswerId: 'matched_faq'`). */
  | { type: 'reply'; cannedAnswerId: string | 'matched_faq' }
  | { type: 'assign_team'; teamId: string }
  | { type: 'assign_agent'; userId: string }
  | { type: 'set_priority'; priority: ConversationPriority }
  /** Puts a label on the conversation (a global one, or one of the rule's team). */
  | { type: 'add_tag'; labelId: string }
  | { type: 'set_status'; status: Extract<ConversationStatus, ConversationStatus.Pending | ConversationStatus.Resolved> };

/**
 * What a rule may be saved with: its actions, and `add_tag` by a label's name as rules were written before labels
 * (`{ type: 'add_tag', tag: 'urgent' }`), which names the label of the rule's scope (made if there is none yet).
 */
export type RuleActionInput = RuleAction | { type: 'add_tag'; tag: string };

export interface RuleView {
  id: string;
  name: string;
  /** Rules run in ascending position; the first that fires wins unless it says `continueAfter`. */
  position: number;
  /** A rule applies to one channel, one team's channels, or (both null) every channel. */
  channelId: string | null;
  teamId: string | null;
  trigger: RuleTrigger;
  /** For `waiting_longer_than`. */
  waitingMinutes: number | null;
  conditions: RuleCondition[];
  actions: RuleAction[];
  continueAfter: boolean;
  enabled: boolean;
  /**
   * When the rule's current form was switched on (null while off): it acts only on messages that arrived since, so
   * switching a rule on or editing it never answers the past.
   */
  activeSince: string | null;
  /** Its replies also answer conversations a person has; by default it leaves those to them. */
  answerAssigned: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateRuleRequest {
  name: string;
  channelId?: string | null;
  teamId?: string | null;
  trigger: RuleTrigger;
  waitingMinutes?: number | null;
  conditions?: RuleCondition[];
  actions: RuleActionInput[];
  continueAfter?: boolean;
  enabled?: boolean;
  /** Reply also in conversations assigned to a person (default false). */
  answerAssigned?: boolean;
  /** Where to insert; at the end when omitted. */
  position?: number;
}

export type UpdateRuleRequest = Partial<CreateRuleRequest>;

/** `PUT /api/automation/rules/order`: every rule id, in the new order. */
export interface ReorderRulesRequest {
  ruleIds: string[];
}

/** `POST /api/automation/test`: what would happen to this message, without sending or changing anything. */
export interface AutomationTestRequest {
  text: string;
  /** The channel the message would arrive on; its team's FAQs and rules apply. */
  channelId: string;
  trigger?: RuleTrigger.InboundMessage | RuleTrigger.FirstMessage;
}

export interface FaqCandidate {
  faqId: string;
  title: string;
  score: number;
}

export interface AutomationTestResult {
  language: RoutingLanguage | null;
  faqs: FaqCandidate[];
  /** The rules that would fire, in order (more than one only when a rule says continue). */
  fired: Array<{ ruleId: string; name: string; actions: RuleAction[] }>;
  /** The auto-reply that would be sent, rendered; null when none. */
  reply: { body: string; cannedAnswerId: string; faqId: string | null; confidence: number | null } | null;
  /** Why nothing would be sent although a rule asked to (the customer asked for a person …), or that no rule fires. */
  notes: AutomationTestNote[];
}

/** A test bench note: what would hold a reply back, or `no_rule_fires` (the message goes to the team's queue). */
export type AutomationTestNote = AutomationHold | { kind: 'no_rule_fires' };

/** `GET /api/automation/replay?limit=N`: the rules run over recent real inbound messages, as a dry run. */
export interface ReplayReport {
  messages: number;
  autoAnswered: number;
  byFaq: Array<{ faqId: string; title: string; count: number }>;
  samples: Array<{ messageId: string; conversationId: string; text: string; ruleName: string | null; faqTitle: string | null; confidence: number | null; wouldReply: boolean }>;
}

/** Stored on an auto-reply's metadata, shown in the thread. */
export interface AutoReplyMetadata {
  automation: 'rule' | 'out_of_office';
  ruleId?: string;
  ruleName?: string;
  faqId?: string;
  /** Calibrated confidence, as a decimal string. */
  confidence?: string;
  /** The language of the answer's text that was sent (rule replies). */
  language?: RoutingLanguage;
  /** Set when the customer's language had no text, so `language` is the answer's default: the language they wanted. */
  languageFallbackFrom?: RoutingLanguage;
}

/** Customer messages an agent answered with this FAQ's answer that are not yet among its examples. */
export interface FaqExampleSuggestion {
  messageId: string;
  conversationId: string;
  text: string;
  answeredAt: string;
}
