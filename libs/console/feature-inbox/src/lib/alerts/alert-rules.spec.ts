import { ConversationPriority, ConversationStatus, MessageDirection, MessageKind, MessageStatus, Role, type ConversationView, type MessageView, type RealtimeEvent } from '@backtalk/contracts';
import { alertsFor, summarise, type AlertContext } from './alert-rules';

const ME = 'me';
const context: AlertContext = { viewer: { userId: ME, role: Role.Agent, teamIds: ['support'] }, openConversationId: null, visible: true };

function received(conversation: Partial<ConversationView>, message: Partial<MessageView> = {}, type: RealtimeEvent['type'] = 'message.received'): RealtimeEvent {
  const id = conversation.id ?? 'c1';
  return {
    seq: 1,
    type,
    teamId: 'support',
    conversationId: id,
    payload: { messageId: 'm1', conversationId: id, channelId: 'ch', contactId: 'k1' },
    createdAt: '2025-01-01T10:00:00Z',
    conversation: {
      id,
      channelId: 'ch',
      teamId: 'support',
      contact: { id: 'k1', phone: '+380501234567', name: 'Olena', notes: '' },
      status: ConversationStatus.Open,
      assigneeId: null,
      unreadCount: 1,
      lastMessageAt: '2025-01-01T10:00:00Z',
      lastInboundAt: '2025-01-01T10:00:00Z',
      waitingSince: '2025-01-01T10:00:00Z',
      snoozedUntil: null,
      resolvedAt: null,
      priority: ConversationPriority.Normal,
      language: null,
      slaDueAt: null,
      slaKind: null,
      optedOut: false,
      labelIds: [],
      lastMessage: null,
      createdAt: '2025-01-01T10:00:00Z',
      updatedAt: '2025-01-01T10:00:00Z',
      ...conversation,
    },
    message: {
      id: 'm1',
      conversationId: id,
      direction: MessageDirection.Inbound,
      kind: MessageKind.Customer,
      authorId: null,
      status: MessageStatus.Received,
      body: 'Where is my order?',
      encoding: 'GSM-7',
      segments: 1,
      media: [],
      providerMessageId: 'p1',
      sentAt: '2025-01-01T10:00:00Z',
      incomplete: false,
      error: null,
      sendAt: null,
      estimatedCost: null,
      externalReference: null,
      metadata: null,
      createdAt: '2025-01-01T10:00:00Z',
      ...message,
    },
  };
}

describe('alertsFor', () => {
  it('alerts on a customer message waiting unassigned in my team', () => {
    expect(alertsFor([received({})], context)).toEqual([{ conversationId: 'c1', title: 'Olena', body: 'Where is my order?' }]);
  });

  it('alerts on a customer message in a conversation assigned to me, whatever its team', () => {
    expect(alertsFor([received({ assigneeId: ME, teamId: 'billing' })], context)).toHaveLength(1);
  });

  it('stays quiet about conversations a colleague is handling', () => {
    expect(alertsFor([received({ assigneeId: 'colleague' })], context)).toEqual([]);
  });

  it('stays quiet about the conversation I am looking at, but not when the tab is in the background', () => {
    expect(alertsFor([received({})], { ...context, openConversationId: 'c1' })).toEqual([]);
    expect(alertsFor([received({})], { ...context, openConversationId: 'c1', visible: false })).toHaveLength(1);
  });

  it('ignores everything but new customer messages', () => {
    expect(alertsFor([received({}, {}, 'conversation.updated')], context)).toEqual([]);
    expect(alertsFor([received({}, { direction: MessageDirection.Outbound })], context)).toEqual([]);
  });

  it('shortens a long message', () => {
    const [alert] = alertsFor([received({}, { body: 'x'.repeat(500) })], context);

    expect(alert.body).toHaveLength(120);
    expect(alert.body.endsWith('…')).toBe(true);
  });
});

describe('summarise', () => {
  const alert = (title: string) => ({ conversationId: title, title, body: 'hi' });

  it('passes a single alert through', () => {
    expect(summarise([alert('Olena')])).toEqual(alert('Olena'));
  });

  it('folds several into one that counts them and names the senders', () => {
    expect(summarise([alert('Olena'), alert('Ivan'), alert('Olena')])).toMatchObject({ title: '3 new messages', body: 'From Olena, Ivan' });
  });

  it('has nothing to say about nothing', () => {
    expect(summarise([])).toBeNull();
  });
});
