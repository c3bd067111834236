import type { BusinessHours } from '@backtalk/contracts';
import { businessSeconds } from '../metrics/timeline';
import { type ConversationTimeline, conversationFacts } from './conversation-facts';

const at = (time: string) => new Date(`2026-03-02T${time}:00.000Z`); // a Monday
const AGENT = '00000000-0000-4000-8000-00000000000a';
const FAQ = '00000000-0000-4000-8000-0000000000f1';
let sequence = 0;
const message = (time: string, kind: 'customer' | 'agent' | 'auto_reply' | 'notification', extra: { authorId?: string; faqId?: string; day?: string } = {}) => ({
  id: `m${++sequence}`,
  at: extra.day ? new Date(`${extra.day}T${time}:00.000Z`) : at(time),
  direction: kind === 'customer' ? ('inbound' as const) : ('outbound' as const),
  kind,
  authorId: extra.authorId ?? null,
  faqId: extra.faqId ?? null,
});

function timeline(overrides: Partial<ConversationTimeline>): ConversationTimeline {
  return { conversationId: 'c1', teamId: 't1', channelId: 'ch1', assigneeId: AGENT, createdAt: at('09:00'), messages: [], statusChanges: [], breaches: [], ...overrides };
}

describe('the facts reports keep per conversation', () => {
  it('credits the first response to the automatic reply and the later human answer to nobody’s first response', () => {
    const facts = conversationFacts(
      timeline({ messages: [message('09:00', 'customer'), message('09:01', 'auto_reply', { faqId: FAQ }), message('09:05', 'agent', { authorId: AGENT }), message('09:10', 'customer'), message('09:30', 'agent', { authorId: AGENT })] }),
    );
    expect(facts.conversation).toMatchObject({ firstReplyAt: at('09:01'), firstResponseSeconds: 60, firstReplyByAgent: false, firstReplyAuthorId: null, autoReplied: true, agentReplied: true, wroteAgainAfterReply: true });
    expect(facts.waits.map((wait) => [wait.kind, wait.seconds, wait.responderId])).toEqual([
      ['first_response', 60, null],
      ['next_response', 20 * 60, AGENT],
    ]);
    expect(facts.autoReplies).toEqual([expect.objectContaining({ faqId: FAQ, sentAt: at('09:01'), wroteAgain: true })]);
  });

  it('measures a conversation reopened twice as three resolutions, each credited to whoever resolved it', () => {
    const facts = conversationFacts(
      timeline({
        messages: [message('09:00', 'customer'), message('09:05', 'agent', { authorId: AGENT })],
        statusChanges: [
          { at: at('09:30'), type: 'resolved', by: AGENT },
          { at: at('10:00'), type: 'reopened', by: null },
          { at: at('11:00'), type: 'resolved', by: null },
          { at: at('12:00'), type: 'reopened', by: null },
          { at: at('12:15'), type: 'resolved', by: AGENT },
        ],
      }),
    );
    expect(facts.waits.filter((wait) => wait.kind === 'resolution').map((wait) => [wait.startedAt, wait.seconds / 60, wait.responderId])).toEqual([
      [at('09:30'), 30, AGENT],
      [at('11:00'), 60, null],
      [at('12:15'), 15, AGENT],
    ]);
  });

  it('counts waits in business time only while the team is open, and never more than calendar time', () => {
    const hours: BusinessHours = { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] }, holidays: [] };
    // The customer writes at 16:30 on Monday; the agent answers at 09:30 on Tuesday: 17 hours, one of them open.
    const facts = conversationFacts(
      timeline({ createdAt: at('16:30'), messages: [message('16:30', 'customer'), message('09:30', 'agent', { authorId: AGENT, day: '2026-03-03' })] }),
      businessSeconds(hours),
    );
    expect(facts.conversation.firstResponseSeconds).toBe(17 * 3600);
    expect(facts.conversation.firstResponseBusinessSeconds).toBe(3600);
    expect(facts.waits[0]).toMatchObject({ kind: 'first_response', seconds: 17 * 3600, businessSeconds: 3600, responderId: AGENT });
  });

  it('does not count a notification as a reply, nor a customer message more than 24 hours after an auto-reply as writing again', () => {
    const facts = conversationFacts(
      timeline({
        messages: [message('08:00', 'notification'), message('09:00', 'customer'), message('09:01', 'auto_reply'), message('09:02', 'customer', { day: '2026-03-03' })],
        breaches: ['next_response'],
      }),
    );
    expect(facts.conversation).toMatchObject({ firstCustomerAt: at('09:00'), firstReplyAt: at('09:01'), firstBreached: false, nextBreached: true, wroteAgainAfterReply: true });
    expect(facts.autoReplies[0].wroteAgain).toBe(false);
    expect(facts.autoReplies[0].faqId).toBeNull();
  });

  it('leaves a conversation nobody answered without a first response', () => {
    const facts = conversationFacts(timeline({ messages: [message('09:00', 'customer')], breaches: ['first_response'] }));
    expect(facts.conversation).toMatchObject({ firstReplyAt: null, firstResponseSeconds: null, firstResponseBusinessSeconds: null, firstBreached: true, wroteAgainAfterReply: false });
    expect(facts.waits).toEqual([]);
  });
});
