import type { ContactAttributeValue } from './contact-attributes';
import type { ConversationPriority, RoutingLanguage, SlaKind } from './routing';
export enum ConversationStatus {
  Open = 'open',
  Pending = 'pending',
  Snoozed = 'snoozed',
  Resolved = 'resolved',
}

export enum MessageDirection {
  Inbound = 'inbound',
  Outbound = 'outbound',
  /** A private note between agents: stored in the thread, never sent. */
  Internal = 'internal',
}

/** Outbound messages move forward only: queued → sending → sent → delivered | undelivered | failed. */
export enum MessageStatus {
  Received = 'received',
  Queued = 'queued',
  Sending = 'sending',
  Sent = 'sent',
  Delivered = 'delivered',
  Undelivered = 'undelivered',
  Failed = 'failed',
  /** The provider may or may not have sent it (a send was interrupted); an agent decides whether to resend. */
  Unknown = 'unknown',
  /** Waiting for its send time; cancellable until then. */
  Scheduled = 'scheduled',
  /** A scheduled message an agent cancelled before it went out. */
  Cancelled = 'cancelled',
  /** A private note: never sent. */
  Note = 'note',
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Who or what produced a message. */
export enum MessageKind {
  Customer = 'customer',
  Agent = 'agent',
  /** Backtalk's automatic answer to STOP, START or HELP. */
  KeywordReply = 'keyword_reply',
  /** Sent by a system through the notification API (`POST /api/v1/messages`). */
  Notification = 'notification',
  /** An automation rule answered on its own (FAQ match). */
  AutoReply = 'auto_reply',
  /** A private note by an agent. */
  Note = 'note',
  /** Backtalk's satisfaction survey after a resolve, and its thank-you to the customer's rating. */
  Survey = 'survey',
}

export interface MediaView {
  url: string;
  contentType: string | null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  kind: MessageKind;
  /** The agent who wrote an outbound message. */
  authorId: string | null;
  status: MessageStatus;
  body: string;
  encoding: SmsEncoding;
  segments: number;
  media: MediaView[];
  providerMessageId: string | null;
  /** When the customer or the provider says it was sent; threads are ordered by it. */
  sentAt: string;
  /** True for a multipart message whose parts never all arrived. */
  incomplete: boolean;
  error: { code: string; reason: string; category: string } | null;
  /** For a scheduled message: when it will be sent. */
  sendAt: string | null;
  /** Segments × the channel's price per segment at the time of sending, in the channel's currency unit. */
  estimatedCost: number | null;
  /** Notification API: the caller's own reference and metadata. */
  externalReference: string | null;
  metadata: Record<string, string> | null;
  /**
   * Set when the text (`body`, now empty) or the media links (`media`, now empty) were removed: by the customer's
   * erasure or by the team's retention window. Optional only for older fixtures.
   */
  removed?: MessageRemoval | null;
  createdAt: string;
}

/** Why a message's content is gone: the customer was erased, or it was past the team's retention window. */
export type ContentRemovalCause = 'erasure' | 'retention';

export interface MessageRemoval {
  body: boolean;
  media: boolean;
  by: ContentRemovalCause;
}

export interface ContactView {
  id: string;
  phone: string;
  name: string;
  /** The notes of the conversation's team about the contact (each team keeps its own). */
  notes: string;
  /**
   * The language answers use for this contact whatever their messages look like; null: detected from their messages.
   * Sent by `PATCH /api/contacts/:id`; optional because conversation views do not carry it.
   */
  language?: RoutingLanguage | null;
  /** When the customer was erased (their number, name and notes are gone, `phone` is empty); optional for older fixtures. */
  erasedAt?: string | null;
}

export interface ConversationView {
  id: string;
  channelId: string;
  teamId: string;
  contact: ContactView;
  status: ConversationStatus;
  /** The agent working on it; null while it waits in its team's queue. */
  assigneeId: string | null;
  unreadCount: number;
  lastMessageAt: string;
  lastInboundAt: string | null;
  waitingSince: string | null;
  snoozedUntil: string | null;
  resolvedAt: string | null;
  priority: ConversationPriority;
  /** Detected from the customer's messages; null until one could be recognised. */
  language: RoutingLanguage | null;
  /** When the current SLA target (first or next response) falls due; null when none runs. */
  slaDueAt: string | null;
  slaKind: SlaKind | null;
  optedOut: boolean;
  /** The labels on it, by id (`GET /api/labels` names and colors them), in the order they were put on. */
  labelIds: string[];
  lastMessage: Pick<MessageView, 'id' | 'direction' | 'kind' | 'body' | 'status' | 'sentAt' | 'removed'> | null;
  createdAt: string;
  /** Changes whenever anything shown in the inbox changes: the console keeps the newer of two copies. */
  updatedAt: string;
}

/** Inbox views: whose conversations a list shows. `team` needs `teamId`. */
export type InboxView = 'mine' | 'unassigned' | 'team' | 'all';
export type InboxSort = 'recent' | 'waiting';

/** Where a conversation's running SLA target stands: less than a quarter of it left, or past its due time. */
export type SlaState = 'at_risk' | 'breached';
export const SLA_STATES: readonly SlaState[] = ['at_risk', 'breached'];

/**
 * What narrows the inbox list; every filter given must hold. A list of values (`labelId`, `priority`, `language`)
 * matches any of them; in a query string the parameter is repeated.
 */
export interface ConversationFilters {
  view?: InboxView;
  teamId?: string;
  /** Left out: every status (a search's default). */
  status?: ConversationStatus;
  sort?: InboxSort;
  /** Matches the contact's number or name, or a message's text. */
  q?: string;
  channelId?: string;
  /** Only conversations with any of these labels (`labelId=…&labelId=…`). */
  labelId?: string | string[];
  /** Assigned to this person; `view=mine` and `view=unassigned` say the viewer and nobody. */
  assigneeId?: string;
  priority?: ConversationPriority | ConversationPriority[];
  /** The customer's detected language. */
  language?: RoutingLanguage | RoutingLanguage[];
  sla?: SlaState;
  /** True: the customer opted out on the conversation's channel; false: they did not. */
  optedOut?: boolean;
  /** True: has messages nobody has read yet; false: has none. */
  unread?: boolean;
  /** Started at or after this instant (ISO 8601). */
  createdFrom?: string;
  /** Started before this instant. */
  createdTo?: string;
  /** Last message at or after this instant. */
  activeFrom?: string;
  /** Last message before this instant. */
  activeTo?: string;
}

export interface ConversationListQuery extends ConversationFilters {
  cursor?: string;
  limit?: number;
}

export interface InboxCounts {
  mine: number;
  unassigned: number;
  all: number;
  teams: Record<string, number>;
}

/** `POST /api/conversations/:id/messages`; an `Idempotency-Key` header makes a retry return the first result. */
export interface SendReplyRequest {
  body: string;
  /** Replace look-alike characters (curly quotes, long dashes) so the text stays GSM-7. Default: the channel's setting. */
  smartEncode?: boolean;
  /** ISO time; omitted = now. */
  sendAt?: string;
  /** Send when the conversation's team opens next (now, if it is open); instead of `sendAt`. */
  sendAtNextOpening?: boolean;
  /** The canned answer the agent started from, so the customer's question can be suggested as an example of its FAQ. */
  cannedAnswerId?: string;
  /**
   * The event sequence (realtime `seq`) the agent's console had applied when they opened or last read the thread. If
   * another person took or answered the conversation after it, nothing is sent: 409 REPLY_COLLISION with
   * `ReplyCollisionDetails`. Omitted: no check.
   */
  seenThrough?: number;
  /** Send even though a colleague took or answered the conversation since `seenThrough` ("Send anyway"). */
  force?: boolean;
}

/** `details` of 409 REPLY_COLLISION: who got there first, and what they sent. */
export interface ReplyCollisionDetails {
  /** The person the conversation was assigned to since the agent's `seenThrough`, when it is not them. */
  takenBy: { id: string; name: string } | null;
  /** The last colleague who replied since then. */
  repliedBy: { id: string; name: string } | null;
  /** Colleagues' replies since then, oldest first. */
  replies: Array<{ id: string; body: string; sentAt: string; authorName: string }>;
}

/** `POST /api/conversations/:id/notes` */
export interface AddNoteRequest {
  body: string;
}

/** `POST /api/conversations`: an agent texts a number that may never have written in. */
export interface StartConversationRequest {
  channelId: string;
  /** Any reasonable format; normalised to E.164 using the channel's country. */
  phone: string;
  body: string;
  sendAt?: string;
}

export interface StartConversationResponse {
  conversation: ConversationView;
  message: MessageView;
}

/** `POST /api/conversations/:id/assign`: `assigneeId` null unassigns; `teamId` transfers to another team. */
export interface AssignConversationRequest {
  assigneeId: string | null;
  teamId?: string;
  /** Optional private note explaining the transfer. */
  note?: string;
}

/** `POST /api/conversations/:id/snooze` */
export interface SnoozeConversationRequest {
  /** Omitted: snoozed until the customer writes again. */
  until?: string;
}

/** `PATCH /api/contacts/:id` */
export interface UpdateContactRequest {
  name?: string;
  /** The notes of team `teamId` (required with notes): notes belong to the team that writes them. */
  notes?: string;
  teamId?: string;
  /** Custom attribute values by key, shared by every team; null clears one. Keys not named stay as they are. */
  attributes?: Record<string, ContactAttributeValue | null>;
  /** The language answers (auto-replies, canned answers) use for this contact, over detection; null: detect again. */
  language?: RoutingLanguage | null;
}

/** `POST /api/v1/messages` (API key with the `messages:send` scope). */
export interface SendNotificationRequest {
  channelId: string;
  to: string;
  body: string;
  /** Values for `{{name}}` placeholders in `body`. */
  variables?: Record<string, string>;
  externalReference?: string;
  metadata?: Record<string, string>;
  sendAt?: string;
}

export interface SendNotificationResponse {
  messageId: string;
  conversationId: string;
  status: MessageStatus;
  segments: number;
  encoding: SmsEncoding;
  externalReference: string | null;
}

export interface ConsentEventView {
  action: 'opt_out' | 'opt_in';
  /**
   * `erased_customer`: carried over to a new contact from an erased customer who had the same number;
   * `merged_contact`: from a contact that had the number before it was merged into another.
   */
  source: 'keyword' | 'agent' | 'provider' | 'api' | 'import' | 'erased_customer' | 'merged_contact';
  keyword: string | null;
  actorUserId: string | null;
  channelId: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}
