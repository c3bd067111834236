import { autoReplyBlockers, type AutoReplyHistory, looksLikeAutoResponder, wantsHuman } from './auto-reply-safety';

const now = new Date('2026-11-25T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const quiet: AutoReplyHistory = { previousInbound: [], lastOutboundKind: null, lastAutoReplyAt: null };

describe('when Backtalk must not answer automatically', () => {
  it('lets a first question of a new conversation be answered', () => {
    expect(autoReplyBlockers('Where is my order?', quiet, now)).toEqual([]);
  });

  it('hands over to a person when the customer asks for one, in English, Ukrainian or Russian', () => {
    expect(wantsHuman('I need a HUMAN please')).toBe(true);
    expect(wantsHuman('З’єднайте з оператором')).toBe(true);
    expect(wantsHuman('Оператор')).toBe(true);
    expect(wantsHuman('Позовіть людину')).toBe(true);
    expect(wantsHuman('Дайте человека')).toBe(true);
    expect(wantsHuman('The agent said my parcel is coming')).toBe(true);
    expect(wantsHuman('Where is my order?')).toBe(false);
  });

  it('recognises other systems’ automatic messages', () => {
    expect(looksLikeAutoResponder('Auto-reply: I am out of the office until Monday')).toBe(true);
    expect(looksLikeAutoResponder('This is an automated message, please do not reply')).toBe(true);
    expect(looksLikeAutoResponder('Автовідповідь: я за кермом')).toBe(true);
    expect(looksLikeAutoResponder('Where is my order?')).toBe(false);
  });

  it('lets a person take over once the customer answers an auto-reply', () => {
    expect(autoReplyBlockers('Thanks, and when exactly?', { ...quiet, lastOutboundKind: 'auto_reply' }, now)).toEqual(['the customer answered an auto-reply, so a person takes over']);
    expect(autoReplyBlockers('Thanks, and when exactly?', { ...quiet, lastOutboundKind: 'agent' }, now)).toEqual([]);
  });

  it('sends at most one auto-reply per conversation within the window', () => {
    expect(autoReplyBlockers('Where is my order?', { ...quiet, lastAutoReplyAt: minutesAgo(30) }, now, { windowMinutes: 60, burstLimit: 5 })).toHaveLength(1);
    expect(autoReplyBlockers('Where is my order?', { ...quiet, lastAutoReplyAt: minutesAgo(61) }, now, { windowMinutes: 60, burstLimit: 5 })).toEqual([]);
  });

  it('stays quiet on a repeated identical text and on a burst of messages', () => {
    expect(autoReplyBlockers('Where is my order?', { ...quiet, previousInbound: [{ body: 'where is my  ORDER?', at: minutesAgo(120) }] }, now)).toEqual(['the customer sent the same text before']);
    const burst = Array.from({ length: 5 }, (_, index) => ({ body: `message ${index}`, at: minutesAgo(index) }));
    expect(autoReplyBlockers('Where is my order?', { ...quiet, previousInbound: burst }, now)).toEqual(['more than 5 messages in ten minutes']);
  });
});
