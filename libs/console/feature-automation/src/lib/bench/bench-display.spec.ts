import { ConversationPriority, ConversationStatus, MessageDirection, MessageKind, MessageStatus, type ConversationView, type RuleView } from '@backtalk/contracts';
import { autoReplyThreshold, formatShare, recentCustomerMessages, scoreBar } from './bench-display';

describe('scoreBar', () => {
  it('draws the score as the bar’s length, green from the threshold on', () => {
    expect(scoreBar(0.92, 0.8)).toEqual({ width: '92.0%', tone: 'above' });
    expect(scoreBar(0.8, 0.8).tone).toBe('above');
    expect(scoreBar(0.41, 0.8)).toEqual({ width: '41.0%', tone: 'below' });
  });

  it('keeps odd scores inside the track and never green without a threshold', () => {
    expect(scoreBar(1.3, null)).toEqual({ width: '100.0%', tone: 'below' });
    expect(scoreBar(Number.NaN, 0.5).width).toBe('0.0%');
  });
});

const rule = (enabled: boolean, ...confidences: number[]): Pick<RuleView, 'enabled' | 'conditions'> => ({
  enabled,
  conditions: confidences.map((minConfidence) => ({ type: 'faq_match' as const, minConfidence })),
});

describe('autoReplyThreshold', () => {
  it('is the lowest confidence any enabled rule answers at', () => {
    expect(autoReplyThreshold([rule(true, 0.85), rule(false, 0.5), rule(true, 0.7)])).toBe(0.7);
  });

  it('is null when no enabled rule answers FAQs', () => {
    expect(autoReplyThreshold([rule(false, 0.8), { enabled: true, conditions: [{ type: 'keywords', any: ['x'] }] }])).toBeNull();
  });
});

describe('formatShare', () => {
  it('rounds to a whole percentage', () => {
    expect(formatShare(34, 200)).toBe('17%');
    expect(formatShare(0, 200)).toBe('0%');
    expect(formatShare(200, 200)).toBe('100%');
  });

  it('does not round a few answered messages down to nothing, or almost all up to all', () => {
    expect(formatShare(1, 500)).toBe('<1%');
    expect(formatShare(499, 500)).toBe('>99%');
  });

  it('shows a dash when nothing was replayed', () => {
    expect(formatShare(0, 0)).toBe('—');
  });
});

const conversation = (id: string, body: string, direction: MessageDirection): ConversationView => ({
  id,
  channelId: `channel-${id}`,
  teamId: 't1',
  contact: { id: 'k', phone: '+380671234567', name: '', notes: '' },
  status: ConversationStatus.Open,
  assigneeId: null,
  unreadCount: 0,
  lastMessageAt: '',
  lastInboundAt: null,
  waitingSince: null,
  snoozedUntil: null,
  resolvedAt: null,
  priority: ConversationPriority.Normal,
  language: null,
  slaDueAt: null,
  slaKind: null,
  optedOut: false,
  labelIds: [],
  lastMessage: { id: `m-${id}`, direction, kind: MessageKind.Customer, body, status: MessageStatus.Received, sentAt: '' },
  createdAt: '',
  updatedAt: '',
});

describe('recentCustomerMessages', () => {
  it('takes customers’ last messages and then the replay’s samples, each text once, with its channel', () => {
    const recent = recentCustomerMessages(
      [conversation('1', 'Де моє\nзамовлення?', MessageDirection.Inbound), conversation('2', 'Thanks, on its way', MessageDirection.Outbound)],
      {
        messages: 2,
        autoAnswered: 1,
        byFaq: [],
        samples: [
          { messageId: 'x', conversationId: '1', text: 'де моє замовлення?', ruleName: null, faqTitle: null, confidence: null, wouldReply: false },
          { messageId: 'y', conversationId: '9', text: 'How do I reset my PIN?', ruleName: 'PIN', faqTitle: 'Reset PIN', confidence: 0.9, wouldReply: true },
        ],
      },
    );
    expect(recent).toEqual([
      { key: 'm-1', text: 'Де моє замовлення?', channelId: 'channel-1' },
      { key: 'y', text: 'How do I reset my PIN?', channelId: null },
    ]);
  });
});
