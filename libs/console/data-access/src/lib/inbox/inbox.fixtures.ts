import {
  ConversationPriority,
  ConversationStatus,
  MessageDirection,
  MessageKind,
  MessageStatus,
  Role,
  type ConversationView,
  type MessageView,
} from '@backtalk/contracts';
import type { InboxViewer } from './inbox-filter';

// Builders for specs: a plausible view with only what a test is about overridden.

export const SUPPORT = 'team-support';
export const BILLING = 'team-billing';
export const ME = 'user-me';

export const agentViewer: InboxViewer = { userId: ME, role: Role.Agent, teamIds: [SUPPORT] };

export function conversation(id: string, overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id,
    channelId: 'channel-1',
    teamId: SUPPORT,
    contact: { id: `contact-${id}`, phone: '+380501234567', name: '', notes: '' },
    status: ConversationStatus.Open,
    assigneeId: null,
    unreadCount: 0,
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastInboundAt: '2025-01-01T10:00:00.000Z',
    waitingSince: null,
    snoozedUntil: null,
    resolvedAt: null,
    priority: ConversationPriority.Normal,
    language: null,
    slaDueAt: null,
    slaKind: null,
    optedOut: false,
    labelIds: [],
    lastMessage: null,
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function message(id: string, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id,
    conversationId: 'c1',
    direction: MessageDirection.Inbound,
    kind: MessageKind.Customer,
    authorId: null,
    status: MessageStatus.Received,
    body: `Message ${id}`,
    encoding: 'GSM-7',
    segments: 1,
    media: [],
    providerMessageId: null,
    sentAt: '2025-01-01T10:00:00.000Z',
    incomplete: false,
    error: null,
    sendAt: null,
    estimatedCost: null,
    externalReference: null,
    metadata: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** `2025-01-01T10:MM:00Z`: easy to read in a test, and sorts the way the minutes do. */
export const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
