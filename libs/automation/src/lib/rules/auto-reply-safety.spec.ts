import { RuleTrigger } from '@backtalk/contracts';
import { autoReplyBlockers, type AutoReplyHistory, looksLikeAutoResponder, unansweredReason, wantsHuman } from './auto-reply-safety';
import type { FiredRule } from './rule-evaluation';

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
    expect(autoReplyBlockers('Thanks, and when exactly?', { ...quiet, lastOutboundKind: 'auto_reply' }, now)).toEqual([{ kind: 'answered_auto_reply' }]);
    expect(autoReplyBlockers('Thanks, and when exactly?', { ...quiet, lastOutboundKind: 'agent' }, now)).toEqual([]);
  });

  it('sends at most one auto-reply per conversation within the window', () => {
    expect(autoReplyBlockers('Where is my order?', { ...quiet, lastAutoReplyAt: minutesAgo(30) }, now, { windowMinutes: 60, burstLimit: 5 })).toEqual([{ kind: 'recent_auto_reply', windowMinutes: 60 }]);
    expect(autoReplyBlockers('Where is my order?', { ...quiet, lastAutoReplyAt: minutesAgo(61) }, now, { windowMinutes: 60, burstLimit: 5 })).toEqual([]);
  });

  it('stays quiet on a repeated identical text and on a burst of messages', () => {
    expect(autoReplyBlockers('Where is my order?', { ...quiet, previousInbound: [{ body: 'where is my  ORDER?', at: minutesAgo(120) }] }, now)).toEqual([{ kind: 'repeated_text' }]);
    const burst = Array.from({ length: 5 }, (_, index) => ({ body: `message ${index}`, at: minutesAgo(index) }));
    expect(autoReplyBlockers('Where is my order?', { ...quiet, previousInbound: burst }, now)).toEqual([{ kind: 'burst', limit: 5 }]);
  });
});

describe('what the thread says when no automatic reply went out', () => {
  const faqReply = { conditions: [{ type: 'faq_match' as const, minConfidence: 0.7 }], actions: [{ type: 'reply' as const, cannedAnswerId: 'matched_faq' }] };
  const tagOnly = { conditions: [{ type: 'keywords' as const, any: ['urgent'] }], actions: [{ type: 'add_tag' as const, labelId: '5d1f0c1e-3b7a-4f8e-9c2d-6a4b8e0f1a23' }] };
  const fired = (rule: typeof faqReply | typeof tagOnly): FiredRule => ({ rule: { id: 'r', name: 'Rule', trigger: RuleTrigger.InboundMessage, continueAfter: false, ...rule }, faq: null });

  it('says no FAQ matched confidently when a reply rule applies and the best answer is below its threshold', () => {
    expect(unansweredReason([faqReply], { text: 'Can I pay by card?', faqs: [{ faqId: 'a', score: 0.4 }] }, [])).toEqual({ kind: 'no_faq_match' });
    expect(unansweredReason([faqReply], { text: 'Can I pay by card?', faqs: [] }, [])).toEqual({ kind: 'no_faq_match' });
  });

  it('says the customer asked for a person before anything about scores', () => {
    expect(unansweredReason([faqReply], { text: 'Give me a human', faqs: [{ faqId: 'a', score: 0.1 }] }, [])).toEqual({ kind: 'asked_for_person' });
  });

  it('says nothing when no reply rule applies, when a reply rule fired, or when the FAQ matched and another condition kept the rule quiet', () => {
    expect(unansweredReason([tagOnly], { text: 'Can I pay by card?', faqs: [] }, [])).toBeNull();
    expect(unansweredReason([], { text: 'Give me a human', faqs: [] }, [])).toBeNull();
    expect(unansweredReason([faqReply], { text: 'Where is my order?', faqs: [{ faqId: 'a', score: 0.9 }] }, [fired(faqReply)])).toBeNull();
    expect(unansweredReason([faqReply], { text: 'Where is my order?', faqs: [{ faqId: 'a', score: 0.9 }] }, [])).toBeNull();
  });

  it('still speaks when only a routing rule fired and the reply rule did not', () => {
    expect(unansweredReason([tagOnly, faqReply], { text: 'urgent: can I pay by card?', faqs: [{ faqId: 'a', score: 0.2 }] }, [fired(tagOnly)])).toEqual({ kind: 'no_faq_match' });
  });
});
