import { MessageDirection, MessageKind, MessageStatus } from '@backtalk/contracts';
import { automationLabel, autoReplyDetails, bubbleSide, contactLabel, deliveryState, lastMessagePreview, withDaySeparators } from './message-display';

const last = (overrides: Partial<{ direction: MessageDirection; kind: MessageKind; body: string }>) => ({
  lastMessage: { id: 'm1', direction: MessageDirection.Outbound, kind: MessageKind.Agent, body: 'Hello', status: MessageStatus.Sent, sentAt: '2025-01-01T10:00:00Z', ...overrides },
});

describe('deliveryState', () => {
  it('shows a clock while a message is on its way, one tick once sent and two once delivered', () => {
    expect([MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Sent, MessageStatus.Delivered].map((s) => deliveryState(s)?.icon)).toEqual([
      'clock',
      'clock',
      'check',
      'check-double',
    ]);
  });

  it('offers a resend only for failed sends and sends nobody can confirm', () => {
    const resendable = Object.values(MessageStatus).filter((status) => deliveryState(status)?.canResend);

    expect(resendable.sort()).toEqual([MessageStatus.Failed, MessageStatus.Unknown].sort());
  });

  it('marks an unconfirmed send as a warning, not as a failure', () => {
    expect(deliveryState(MessageStatus.Unknown)).toMatchObject({ tone: 'warning', label: 'Not confirmed' });
    expect(deliveryState(MessageStatus.Undelivered)?.tone).toBe('danger');
  });

  it('shows nothing for received messages and notes', () => {
    expect(deliveryState(MessageStatus.Received)).toBeNull();
    expect(deliveryState(MessageStatus.Note)).toBeNull();
  });
});

describe('automationLabel', () => {
  it('names what sent a message no agent typed', () => {
    expect(automationLabel({ kind: MessageKind.AutoReply, externalReference: null })).toBe('Auto-reply');
    expect(automationLabel({ kind: MessageKind.KeywordReply, externalReference: null })).toBe('Keyword reply');
    expect(automationLabel({ kind: MessageKind.Notification, externalReference: 'order-42' })).toBe('Notification · order-42');
    expect(automationLabel({ kind: MessageKind.Survey, externalReference: null })).toBe('Satisfaction survey');
    expect(automationLabel({ kind: MessageKind.Agent, externalReference: null })).toBeNull();
  });
});

describe('autoReplyDetails', () => {
  const titles = (id: string) => (id === 'faq-1' ? 'Where is my order' : undefined);
  const autoReply = (metadata: Record<string, string> | null) => ({ kind: MessageKind.AutoReply, metadata });

  it('names the rule, the FAQ and the confidence of an FAQ auto-reply', () => {
    expect(autoReplyDetails(autoReply({ automation: 'rule', ruleName: 'Order status FAQ', faqId: 'faq-1', confidence: '0.9213' }), titles)).toBe(
      'rule “Order status FAQ” · FAQ “Where is my order” · 92%',
    );
  });

  it('leaves out an FAQ it cannot name and a confidence it cannot read', () => {
    expect(autoReplyDetails(autoReply({ automation: 'rule', ruleName: 'Hours', faqId: 'gone', confidence: 'n/a' }), titles)).toBe('rule “Hours”');
  });

  it('says which language the answer went out in, and which one it had no text for', () => {
    expect(autoReplyDetails(autoReply({ automation: 'rule', ruleName: 'Hours', language: 'uk' }), titles)).toBe('rule “Hours” · in Ukrainian');
    expect(autoReplyDetails(autoReply({ automation: 'rule', ruleName: 'Hours', language: 'en', languageFallbackFrom: 'ru' }), titles)).toBe('rule “Hours” · in English (no Russian version)');
  });

  it('says out of office for the closed-hours reply', () => {
    expect(autoReplyDetails(autoReply({ automation: 'out_of_office' }), titles)).toBe('out of office');
  });

  it('has nothing to add for other messages or an auto-reply without metadata', () => {
    expect(autoReplyDetails(autoReply(null), titles)).toBeNull();
    expect(autoReplyDetails({ kind: MessageKind.Agent, metadata: { ruleName: 'x' } }, titles)).toBeNull();
  });
});

describe('bubbleSide', () => {
  it('puts notes apart from both sides of the conversation', () => {
    expect([MessageDirection.Inbound, MessageDirection.Outbound, MessageDirection.Internal].map((direction) => bubbleSide({ direction }))).toEqual([
      'inbound',
      'outbound',
      'note',
    ]);
  });
});

describe('contactLabel', () => {
  const spaced = (e164: string) => e164.replace(/^(\+380)(\d{2})(\d{3})(\d{4})$/, '$1 $2 $3 $4');

  it('uses the name when there is one, else the number written for people', () => {
    expect(contactLabel({ contact: { id: 'k', phone: '+380501234567', name: 'Olena', notes: '' } }, spaced)).toBe('Olena');
    expect(contactLabel({ contact: { id: 'k', phone: '+380501234567', name: '  ', notes: '' } }, spaced)).toBe('+380 50 123 4567');
  });

  it('shows the number as stored until the formatter has loaded', () => {
    expect(contactLabel({ contact: { id: 'k', phone: '+380501234567', name: '', notes: '' } })).toBe('+380501234567');
  });
});

describe('lastMessagePreview', () => {
  const nobody = () => null;

  it('shows what the customer wrote as it is, on one line', () => {
    expect(lastMessagePreview(last({ direction: MessageDirection.Inbound, kind: MessageKind.Customer, body: 'Where is\nmy order?' }), nobody)).toEqual({
      prefix: null,
      text: 'Where is my order?',
    });
  });

  it('says who answered: me, a named agent, or just an agent when the console cannot tell', () => {
    expect(lastMessagePreview(last({}), () => 'You').prefix).toBe('You:');
    expect(lastMessagePreview(last({}), () => 'Maria').prefix).toBe('Maria:');
    expect(lastMessagePreview(last({}), nobody).prefix).toBe('Agent:');
  });

  it('marks automatic answers', () => {
    expect(lastMessagePreview(last({ kind: MessageKind.AutoReply }), nobody).prefix).toBe('Auto-reply:');
    expect(lastMessagePreview(last({ kind: MessageKind.KeywordReply }), nobody).prefix).toBe('Keyword reply:');
  });

  it('says so when there is no message or only an attachment', () => {
    expect(lastMessagePreview({ lastMessage: null }, nobody).text).toBe('No messages yet');
    expect(lastMessagePreview(last({ direction: MessageDirection.Inbound, body: '' }), nobody).text).toBe('Attachment');
  });
});

describe('withDaySeparators', () => {
  const local = (day: number, hour: number, minute = 0) => new Date(2025, 0, day, hour, minute).toISOString();
  const customer = (id: string, sentAt: string) => ({ id, sentAt, direction: MessageDirection.Inbound, kind: MessageKind.Customer, authorId: null });
  const agent = (id: string, sentAt: string, authorId = 'u1') => ({ id, sentAt, direction: MessageDirection.Outbound, kind: MessageKind.Agent, authorId });

  it('puts a day heading before the first message of each local day', () => {
    const items = withDaySeparators([customer('a', local(1, 9)), customer('b', local(1, 23)), customer('c', local(2, 8))]);

    expect(items.map((item) => item.kind)).toEqual(['day', 'message', 'message', 'day', 'message']);
  });

  it('runs together messages from the same sender a few minutes apart, the last one carrying the time', () => {
    const items = withDaySeparators([customer('a', local(1, 9)), customer('b', local(1, 9, 2)), customer('c', local(1, 9, 4))]).filter((i) => i.kind === 'message');

    expect(items.map((i) => [i.continued, i.lastInRun])).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
  });

  it('starts a new run for another sender, another agent, or after a pause', () => {
    const items = withDaySeparators([
      customer('a', local(1, 9)),
      agent('b', local(1, 9, 1)),
      agent('c', local(1, 9, 2), 'u2'),
      agent('d', local(1, 9, 30), 'u2'),
    ]).filter((i) => i.kind === 'message');

    expect(items.every((i) => !i.continued && i.lastInRun)).toBe(true);
  });

  it('places events between the messages at their time, with a day heading of their own on a new day, and ends a run', () => {
    const items = withDaySeparators(
      [customer('a', local(1, 9)), customer('b', local(1, 9, 2)), customer('c', local(2, 9))],
      [
        { id: 'e1', createdAt: local(1, 9, 1) },
        { id: 'e2', createdAt: local(2, 10) },
      ],
    );

    expect(items.map((item) => `${item.kind}:${item.kind === 'day' ? '' : item.value}`)).toEqual(['day:', 'message:a', 'event:e1', 'message:b', 'day:', 'message:c', 'event:e2']);
    expect(items.filter((i) => i.kind === 'message').map((i) => [i.continued, i.lastInRun])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
  });

  it('shows events on their own when there are no messages yet', () => {
    expect(withDaySeparators([], [{ id: 'e1', createdAt: local(1, 9) }]).map((item) => item.kind)).toEqual(['day', 'event']);
  });
});
