import { calendarSeconds, type Elapsed, type Measured, measureTimeline, type TimelineEvent } from '../metrics/timeline';

/** One conversation as the facts are computed from it: its messages and its resolves and reopens, in time order. */
export interface ConversationTimeline {
  conversationId: string;
  teamId: string;
  channelId: string;
  assigneeId: string | null;
  createdAt: Date;
  /** Sent (or received) messages, notes and not-yet-sent scheduled or cancelled messages left out. */
  messages: Array<{ id: string; at: Date; direction: 'inbound' | 'outbound'; kind: string; authorId: string | null; faqId: string | null }>;
  /** `by` is the user who resolved; automation and the system resolve as nobody. */
  statusChanges: Array<{ at: Date; type: 'resolved' | 'reopened'; by: string | null }>;
  breaches: Array<'first_response' | 'next_response'>;
}

export interface ConversationFactRow {
  conversationId: string;
  createdAt: Date;
  teamId: string;
  channelId: string;
  assigneeId: string | null;
  firstCustomerAt: Date | null;
  firstReplyAt: Date | null;
  firstReplyAuthorId: string | null;
  firstReplyByAgent: boolean;
  firstResponseSeconds: number | null;
  firstResponseBusinessSeconds: number | null;
  autoReplied: boolean;
  agentReplied: boolean;
  firstBreached: boolean;
  nextBreached: boolean;
  wroteAgainAfterReply: boolean;
}

export type WaitKind = 'first_response' | 'next_response' | 'resolution';

export interface WaitRow {
  conversationId: string;
  kind: WaitKind;
  startedAt: Date;
  seconds: number;
  businessSeconds: number;
  responderId: string | null;
  teamId: string;
  channelId: string;
  assigneeId: string | null;
}

export interface AutoReplyRow {
  messageId: string;
  conversationId: string;
  sentAt: Date;
  faqId: string | null;
  wroteAgain: boolean;
  teamId: string;
  channelId: string;
  assigneeId: string | null;
}

export interface ConversationFacts {
  conversation: ConversationFactRow;
  waits: WaitRow[];
  autoReplies: AutoReplyRow[];
}

/** How long after an automatic reply a customer's next message suggests the answer did not help. */
export const WROTE_AGAIN_WITHIN_MS = 24 * 60 * 60 * 1000;

const REPLY_KINDS = new Set(['agent', 'auto_reply']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything reports measure about one conversation, by the definitions in measureTimeline: its first response (the
 * conversation's row), every wait and resolution (in calendar time and in the team's business time), and every
 * automatic reply with whether the customer wrote again within 24 hours.
 */
export function conversationFacts(timeline: ConversationTimeline, businessElapsed: Elapsed = calendarSeconds): ConversationFacts {
  const events = timelineEvents(timeline);
  const calendar = measureTimeline(events, calendarSeconds);
  const business = measureTimeline(events, businessElapsed);
  const where = { conversationId: timeline.conversationId, teamId: timeline.teamId, channelId: timeline.channelId, assigneeId: timeline.assigneeId };
  const waits: WaitRow[] = [];
  const add = (kind: WaitKind, inCalendar: readonly Measured[], inBusiness: readonly Measured[]) =>
    inCalendar.forEach((measured, index) =>
      waits.push({ ...where, kind, startedAt: measured.start, seconds: measured.seconds, businessSeconds: Math.min(inBusiness[index].seconds, measured.seconds), responderId: measured.by ?? null }),
    );
  add('first_response', calendar.firstResponse ? [calendar.firstResponse] : [], business.firstResponse ? [business.firstResponse] : []);
  add('next_response', calendar.nextResponses, business.nextResponses);
  add('resolution', calendar.resolutions, business.resolutions);

  const inbound = timeline.messages.filter((message) => message.direction === 'inbound');
  const first = calendar.firstResponse;
  const firstReplyAt = first ? new Date(first.start.getTime() + first.seconds * 1000) : null;
  const firstReply = firstReplyAt ? timeline.messages.find((message) => REPLY_KINDS.has(message.kind) && message.at.getTime() === firstReplyAt.getTime()) : undefined;
  const conversation: ConversationFactRow = {
    ...where,
    createdAt: timeline.createdAt,
    firstCustomerAt: inbound[0]?.at ?? null,
    firstReplyAt,
    firstReplyAuthorId: firstReply?.kind === 'agent' ? firstReply.authorId : null,
    firstReplyByAgent: firstReply?.kind === 'agent',
    firstResponseSeconds: first?.seconds ?? null,
    firstResponseBusinessSeconds: business.firstResponse ? Math.min(business.firstResponse.seconds, first?.seconds ?? 0) : null,
    autoReplied: timeline.messages.some((message) => message.kind === 'auto_reply'),
    agentReplied: timeline.messages.some((message) => message.kind === 'agent'),
    firstBreached: timeline.breaches.includes('first_response'),
    nextBreached: timeline.breaches.includes('next_response'),
    wroteAgainAfterReply: firstReplyAt !== null && inbound.some((message) => message.at > firstReplyAt),
  };
  const autoReplies = timeline.messages
    .filter((message) => message.kind === 'auto_reply')
    .map((reply) => ({
      ...where,
      messageId: reply.id,
      sentAt: reply.at,
      faqId: reply.faqId && UUID.test(reply.faqId) ? reply.faqId : null,
      wroteAgain: inbound.some((message) => message.at > reply.at && message.at.getTime() <= reply.at.getTime() + WROTE_AGAIN_WITHIN_MS),
    }));
  return { conversation, waits, autoReplies };
}

/** Creation first, then messages, then resolves and reopens at the same instant, as a thread shows them. */
function timelineEvents(timeline: ConversationTimeline): TimelineEvent[] {
  const events: Array<TimelineEvent & { tie: number }> = [{ at: timeline.createdAt, type: 'created', tie: 0 }];
  for (const message of timeline.messages) {
    if (message.direction === 'inbound') events.push({ at: message.at, type: 'customer', tie: 1 });
    else if (REPLY_KINDS.has(message.kind)) events.push({ at: message.at, type: 'reply', by: message.kind === 'agent' ? message.authorId : null, tie: 1 });
  }
  for (const change of timeline.statusChanges) events.push({ at: change.at, type: change.type, by: change.by, tie: 2 });
  // Stable sort keeps the messages' own order (sent_at, then created_at) among equal instants.
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.tie - b.tie);
}
