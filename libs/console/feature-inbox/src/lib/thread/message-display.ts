import { MessageDirection, MessageKind, MessageStatus, type AutoReplyMetadata, type ConversationView, type MessageView } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { formatConfidence, type IconName } from '@backtalk/console/ui';
import { currentPhoneFormat, type PhoneFormat } from '../phone';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

export type DeliveryTone = 'pending' | 'sent' | 'delivered' | 'danger' | 'warning' | 'muted';

export interface DeliveryState {
  icon: IconName;
  label: string;
  tone: DeliveryTone;
  /** A failed or uncertain send an agent may deliberately send again. */
  canResend: boolean;
}

/** How an outbound message's progress reads: a clock while on its way, ticks once out, red when it did not arrive. */
export function deliveryState(status: MessageStatus): DeliveryState | null {
  switch (status) {
    case MessageStatus.Queued:
    case MessageStatus.Sending:
      return { icon: 'clock', label: t('thread.message.delivery.sending'), tone: 'pending', canResend: false };
    case MessageStatus.Sent:
      return { icon: 'check', label: t('thread.message.delivery.sent'), tone: 'sent', canResend: false };
    case MessageStatus.Delivered:
      return { icon: 'check-double', label: t('thread.message.delivery.delivered'), tone: 'delivered', canResend: false };
    case MessageStatus.Undelivered:
      return { icon: 'alert', label: t('thread.message.delivery.undelivered'), tone: 'danger', canResend: false };
    case MessageStatus.Failed:
      return { icon: 'alert', label: t('thread.message.delivery.failed'), tone: 'danger', canResend: true };
    case MessageStatus.Unknown:
      return { icon: 'alert', label: t('thread.message.delivery.unknown'), tone: 'warning', canResend: true };
    case MessageStatus.Scheduled:
      return { icon: 'clock', label: t('thread.message.delivery.scheduled'), tone: 'pending', canResend: false };
    case MessageStatus.Cancelled:
      return { icon: 'block', label: t('thread.message.delivery.cancelled'), tone: 'muted', canResend: false };
    case MessageStatus.Received:
    case MessageStatus.Note:
      return null;
  }
}

/** What sent a message that no agent typed, said next to it so nobody mistakes it for a colleague's reply. */
export function automationLabel(message: Pick<MessageView, 'kind' | 'externalReference'>): string | null {
  switch (message.kind) {
    case MessageKind.AutoReply:
      return t('thread.message.autoReply');
    case MessageKind.KeywordReply:
      return t('thread.message.keywordReply');
    case MessageKind.Notification:
      return message.externalReference ? t('thread.message.notificationFor', { reference: message.externalReference }) : t('thread.message.notification');
    case MessageKind.Survey:
      return t('thread.message.survey');
    case MessageKind.Customer:
    case MessageKind.Agent:
    case MessageKind.Note:
      return null;
  }
}

/**
 * What an auto-reply's metadata says about it, for the marker after "Auto-reply": `rule “Order status FAQ” · FAQ
 * “Where is my order” · 92%`, or `out of office`, so an agent can tell at a glance why the customer got it and how sure
 * the matcher was. Null for other messages, and for auto-replies that carry no details.
 */
export function autoReplyDetails(message: Pick<MessageView, 'kind' | 'metadata'>, faqTitle: (faqId: string) => string | undefined): string | null {
  if (message.kind !== MessageKind.AutoReply || !message.metadata) return null;
  // Stored as plain strings: read each field for what it is rather than trusting the shape.
  const { automation, ruleName, faqId, confidence: score } = message.metadata as Partial<Record<keyof AutoReplyMetadata, string>>;
  const parts: string[] = [];
  if (automation === 'out_of_office') parts.push(t('thread.message.outOfOffice'));
  if (ruleName) parts.push(t('thread.message.rule', { name: ruleName }));
  const title = faqId ? faqTitle(faqId) : undefined;
  if (title) parts.push(t('thread.message.faq', { title }));
  const confidence = formatConfidence(score);
  if (confidence) parts.push(confidence);
  const { language, languageFallbackFrom } = message.metadata as Partial<Record<keyof AutoReplyMetadata, string>>;
  if (language) parts.push(languageFallbackFrom ? t('thread.message.inLanguageFallback', { language, wanted: languageFallbackFrom }) : t('thread.message.inLanguage', { language }));
  return parts.length > 0 ? parts.join(' · ') : null;
}

export type BubbleSide = 'inbound' | 'outbound' | 'note';

export function bubbleSide(message: Pick<MessageView, 'direction'>): BubbleSide {
  if (message.direction === MessageDirection.Internal) return 'note';
  return message.direction === MessageDirection.Inbound ? 'inbound' : 'outbound';
}

/** The contact's name, or their number written for people. */
export function contactLabel(conversation: Pick<ConversationView, 'contact'>, format: PhoneFormat = currentPhoneFormat()): string {
  if (conversation.contact.erasedAt) return t('thread.contact.erased');
  return conversation.contact.name.trim() || format(conversation.contact.phone);
}

/**
 * The last message as the list shows it, on one line, with who said it when it was not the customer: "You:", an
 * agent's first name, "Auto-reply:"… `authorOf` names the agent of a message the console has loaded ("You" for the
 * signed-in agent); the list's summary of a message does not say who wrote it, so otherwise it reads "Agent:".
 */
export function lastMessagePreview(conversation: Pick<ConversationView, 'lastMessage'>, authorOf: (messageId: string) => string | null): { prefix: string | null; text: string } {
  const message = conversation.lastMessage;
  if (!message) return { prefix: null, text: t('thread.message.noMessages') };
  const removed = message.removed?.body ? t(message.removed.by === 'erasure' ? 'thread.message.contentErased' : 'thread.message.textExpired') : null;
  const text = removed ?? (message.body.replace(/\s+/g, ' ').trim() || t('thread.message.attachment'));
  if (message.direction === MessageDirection.Inbound) return { prefix: null, text };
  switch (message.kind) {
    case MessageKind.AutoReply:
      return { prefix: t('thread.message.preview.autoReply'), text };
    case MessageKind.KeywordReply:
      return { prefix: t('thread.message.preview.keywordReply'), text };
    case MessageKind.Notification:
      return { prefix: t('thread.message.preview.notification'), text };
    case MessageKind.Note:
      return { prefix: t('thread.message.preview.note'), text };
    case MessageKind.Survey:
      return { prefix: t('thread.message.preview.survey'), text };
    case MessageKind.Agent:
    case MessageKind.Customer:
      return { prefix: t('thread.message.preview.author', { name: authorOf(message.id) ?? t('thread.message.preview.agent') }), text };
  }
}

export interface ThreadItem {
  /** A day heading, a message, or a line about the conversation itself (an assignment). */
  kind: 'day' | 'message' | 'event';
  key: string;
  /** The day's first instant (for `day`), or the message or event id. */
  value: string;
  /** Same sender as the message before, a few minutes apart: drawn close to it. */
  continued: boolean;
  /** The last of such a run: carries the time (and author) for the whole run. */
  lastInRun: boolean;
}

/** Messages this close together from the same sender read as one run. */
export const RUN_GAP_MS = 5 * 60_000;

type Groupable = Pick<MessageView, 'id' | 'sentAt' | 'direction' | 'kind' | 'authorId'>;

/** Something that happened to the conversation, shown between the messages at its time. */
export interface TimelineEvent {
  id: string;
  createdAt: string;
}

type Entry = { kind: 'message'; id: string; at: string; message: Groupable } | { kind: 'event'; id: string; at: string };

function sameSender(a: Groupable, b: Groupable): boolean {
  return a.direction === b.direction && a.kind === b.kind && a.authorId === b.authorId;
}

/** Both lists are already in time order; an event and a message at the same instant keep the message first. */
function merge(messages: readonly Groupable[], events: readonly TimelineEvent[]): Entry[] {
  const entries: Entry[] = [];
  let e = 0;
  for (const message of messages) {
    while (e < events.length && events[e].createdAt < message.sentAt) entries.push({ kind: 'event', id: events[e].id, at: events[e++].createdAt });
    entries.push({ kind: 'message', id: message.id, at: message.sentAt, message });
  }
  while (e < events.length) entries.push({ kind: 'event', id: events[e].id, at: events[e++].createdAt });
  return entries;
}

/**
 * Messages and events with a day heading wherever the local date changes, and runs of messages from the same sender
 * marked, so a burst of texts does not repeat the same time under every bubble. An event between two messages ends
 * their run: the line reads as a break in the conversation.
 */
export function withDaySeparators(messages: readonly Groupable[], events: readonly TimelineEvent[] = []): ThreadItem[] {
  const items: ThreadItem[] = [];
  const entries = merge(messages, events);
  let currentDay = '';
  const joins = (a: Entry | undefined, b: Entry | undefined) =>
    a?.kind === 'message' &&
    b?.kind === 'message' &&
    sameSender(a.message, b.message) &&
    Date.parse(b.at) - Date.parse(a.at) <= RUN_GAP_MS &&
    new Date(a.at).getDate() === new Date(b.at).getDate();
  entries.forEach((entry, index) => {
    const date = new Date(entry.at);
    const day = `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
    const newDay = day !== currentDay;
    if (newDay) {
      items.push({ kind: 'day', key: `day-${day}`, value: entry.at, continued: false, lastInRun: true });
      currentDay = day;
    }
    if (entry.kind === 'event') {
      items.push({ kind: 'event', key: `event-${entry.id}`, value: entry.id, continued: false, lastInRun: true });
      return;
    }
    items.push({ kind: 'message', key: entry.id, value: entry.id, continued: !newDay && joins(entries[index - 1], entry), lastInRun: !joins(entry, entries[index + 1]) });
  });
  return items;
}
