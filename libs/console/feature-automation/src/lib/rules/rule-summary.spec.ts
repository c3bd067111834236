import { ConversationPriority, ConversationStatus, RuleTrigger } from '@backtalk/contracts';
import { describeAction, describeActions, describeCondition, describeScope, describeTrigger, markSummaryData, summaryParts, type RuleNames } from './rule-summary';

const names: RuleNames = {
  answer: (id) => (id === 'a1' ? 'Where is my order' : undefined),
  team: (id) => (id === 't1' ? 'Support' : undefined),
  user: (id) => (id === 'u1' ? 'Maria Agent' : undefined),
  label: (id) => (id === 'l1' ? 'VIP' : undefined),
  channel: (id) => (id === 'c1' ? 'Support desk' : undefined),
};

describe('rule summaries', () => {
  it('name the label a rule adds, and say when it was deleted', () => {
    expect(describeAction({ type: 'add_tag', labelId: 'l1' }, names)).toBe('Label “VIP”');
    expect(describeAction({ type: 'add_tag', labelId: 'gone' }, names)).toBe('Label “removed label”');
  });

  it('read the trigger with its waiting time', () => {
    expect(describeTrigger({ trigger: RuleTrigger.WaitingLongerThan, waitingMinutes: 30 })).toBe('A customer waits longer than 30 minutes');
    expect(describeTrigger({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null })).toBe('A customer sends a message');
  });

  it('name the scope', () => {
    expect(describeScope({ channelId: 'c1', teamId: null }, names)).toBe('Channel Support desk');
    expect(describeScope({ channelId: null, teamId: 't1' }, names)).toBe('Team Support');
    expect(describeScope({ channelId: null, teamId: null }, names)).toBe('All channels');
  });

  it('read FAQ conditions with their confidence as a percentage', () => {
    expect(describeCondition({ type: 'faq_match', minConfidence: 0.8 }, names)).toBe('An FAQ matches at 80% or more');
    expect(describeCondition({ type: 'faq_match', minConfidence: 0.75, faqId: 'a1' }, names)).toBe('FAQ “Where is my order” matches at 75% or more');
  });

  it('read the other conditions as sentences', () => {
    expect(describeCondition({ type: 'keywords', any: ['refund', 'money back', 'повернення'] }, names)).toBe('Message mentions “refund”, “money back” or “повернення”');
    expect(describeCondition({ type: 'language', in: ['uk', 'ru'] }, names)).toBe('Language is Ukrainian or Russian');
    expect(describeCondition({ type: 'contact', field: 'notes', operator: 'contains', value: 'VIP' }, names)).toBe('Contact notes contains “VIP”');
    expect(describeCondition({ type: 'contact', field: 'name', operator: 'is_empty' }, names)).toBe('Contact name is empty');
    expect(describeCondition({ type: 'status', in: [ConversationStatus.Open, ConversationStatus.Pending] }, names)).toBe('Conversation is open or pending');
    expect(describeCondition({ type: 'business_hours', state: 'closed' }, names)).toBe('The team is closed');
    expect(describeCondition({ type: 'contact_attribute', key: 'orders', operator: 'greater', value: 10 }, names)).toBe('Contact’s orders is more than “10”');
    expect(describeCondition({ type: 'contact_attribute', key: 'vip', operator: 'is_set' }, names)).toBe('Contact’s vip is set');
  });

  it('read actions, naming what they point at', () => {
    expect(describeAction({ type: 'reply', cannedAnswerId: 'matched_faq' }, names)).toBe('Reply with the matched FAQ');
    expect(describeAction({ type: 'reply', cannedAnswerId: 'a1' }, names)).toBe('Reply with “Where is my order”');
    expect(describeAction({ type: 'assign_agent', userId: 'u1' }, names)).toBe('Assign to Maria Agent');
    expect(describeAction({ type: 'set_priority', priority: ConversationPriority.Urgent }, names)).toBe('Set priority to urgent');
    expect(describeAction({ type: 'set_status', status: ConversationStatus.Pending }, names)).toBe('Set status to pending');
  });

  it('join the actions into one sentence, in order', () => {
    expect(
      describeActions(
        [
          { type: 'reply', cannedAnswerId: 'matched_faq' },
          { type: 'set_status', status: ConversationStatus.Pending },
          { type: 'assign_agent', userId: 'u1' },
        ],
        names,
      ),
    ).toBe('Reply with the matched FAQ, set status to pending, assign to Maria Agent');
  });

  it('say so when what an action names is gone', () => {
    expect(describeAction({ type: 'reply', cannedAnswerId: 'gone' }, names)).toBe('Reply with “removed answer”');
    expect(describeAction({ type: 'assign_team', teamId: 'gone' }, names)).toBe('Assign to team (removed)');
  });
});

describe('rule summaries shown on screen', () => {
  it('set off the names and words they quote as data, and leave interface text and removed names outside it', () => {
    const summary = describeActions(
      [
        { type: 'reply', cannedAnswerId: 'a1' },
        { type: 'assign_team', teamId: 'gone' },
      ],
      names,
      markSummaryData,
    );
    expect(summaryParts(summary)).toEqual([
      { text: 'Reply with “', isData: false },
      { text: 'Where is my order', isData: true },
      { text: '”, assign to team (removed)', isData: false },
    ]);
    expect(summaryParts(describeCondition({ type: 'contact_attribute', key: 'orders', operator: 'greater', value: 10 }, names, markSummaryData))).toEqual([
      { text: 'Contact’s ', isData: false },
      { text: 'orders', isData: true },
      { text: ' is more than “', isData: false },
      { text: '10', isData: true },
      { text: '”', isData: false },
    ]);
    expect(summaryParts(describeScope({ channelId: 'c1', teamId: null }, names, markSummaryData))).toEqual([
      { text: 'Channel ', isData: false },
      { text: 'Support desk', isData: true },
    ]);
  });
});
