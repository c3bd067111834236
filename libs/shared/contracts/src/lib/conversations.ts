export enum ConversationStatus {
  Open = 'open',
  Pending = 'pending',
  Snoozed = 'snoozed',
  Resolved = 'resolved',
}

export enum MessageDirection {
  Inbound = 'inbound',
  Outbound = 'outbound',
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
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Who or what produced a message. */
export enum MessageKind {
  Customer = 'customer',
  Agent = 'agent',
  /** Backtalk's automatic answer to STOP, START or HELP. */
  KeywordReply = 'keyword_reply',
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
  createdAt: string;
}

export interface ContactView {
  id: string;
  phone: string;
  name: string;
  notes: string;
}

export interface ConversationView {
  id: string;
  channelId: string;
  teamId: string;
  contact: ContactView;
  status: ConversationStatus;
  unreadCount: number;
  lastMessageAt: string;
  waitingSince: string | null;
  optedOut: boolean;
  lastMessage: Pick<MessageView, 'id' | 'direction' | 'body' | 'status' | 'sentAt'> | null;
  createdAt: string;
}

export interface ConsentEventView {
  action: 'opt_out' | 'opt_in';
  source: 'keyword' | 'agent' | 'provider' | 'api';
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
