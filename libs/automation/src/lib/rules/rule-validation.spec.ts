import { RuleTrigger } from '@backtalk/contracts';
import { ruleProblems } from './rule-validation';

const ANSWER = '0b7e4a8e-8c1f-4c56-9a41-1f0a3f3c2b10';

describe('checking a rule before it is saved', () => {
  it('accepts an FAQ rule that replies with the matched FAQ and leaves the conversation pending', () => {
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [{ type: 'faq_match', minConfidence: 0.8 }], actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }, { type: 'set_status', status: 'pending' }] })).toEqual([]);
  });

  it('says where each problem is', () => {
    const problems = ruleProblems({
      trigger: RuleTrigger.InboundMessage,
      waitingMinutes: null,
      conditions: [{ type: 'regex', pattern: '(' }, { type: 'faq_match', minConfidence: 1.5 }, { type: 'colour', value: 'red' }],
      actions: [{ type: 'set_status', status: 'open' }, { type: 'assign_team', teamId: 'billing' }],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^conditions\[0\]: regex pattern does not compile/),
      'conditions[1]: faq_match needs "minConfidence" between 0 and 1',
      'conditions[2]: unknown condition type "colour"',
      'actions[0]: set_status "status" must be pending or resolved',
      'actions[1]: assign_team needs a "teamId"',
    ]);
  });

  it('refuses backreferences and lookaround, which linear-time matching cannot run, with a sentence saying why', () => {
    const problems = ruleProblems({
      trigger: RuleTrigger.InboundMessage,
      waitingMinutes: null,
      conditions: [{ type: 'regex', pattern: '(\\w+) \\1' }, { type: 'regex', pattern: 'refund(?! later)' }, { type: 'regex', pattern: '(?<=order )\\d+' }],
      actions: [{ type: 'add_tag', tag: 'repeat' }],
    });
    expect(problems).toEqual([
      'conditions[0]: regex pattern uses a backreference (\\1), which patterns cannot have: they are matched in linear time (RE2 syntax) so that no message can stall the server',
      'conditions[1]: regex pattern uses a lookahead ((?!), which patterns cannot have: they are matched in linear time (RE2 syntax) so that no message can stall the server',
      'conditions[2]: regex pattern uses a lookbehind ((?<=), which patterns cannot have: they are matched in linear time (RE2 syntax) so that no message can stall the server',
    ]);
  });

  it('accepts nested repetition such as ^(a+)+$, which linear-time matching runs safely', () => {
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [{ type: 'regex', pattern: '^(a+)+$' }], actions: [{ type: 'add_tag', tag: 'only-a' }] })).toEqual([]);
  });

  it('refuses a pattern longer than 500 characters, or one too costly to run on every message', () => {
    const problems = ruleProblems({
      trigger: RuleTrigger.InboundMessage,
      waitingMinutes: null,
      conditions: [{ type: 'regex', pattern: 'a'.repeat(501) }, { type: 'regex', pattern: '(?:.{0,1000}a)z' }],
      actions: [{ type: 'add_tag', tag: 'long' }],
    });
    expect(problems).toEqual(['conditions[0]: regex pattern is longer than 500 characters', expect.stringMatching(/^conditions\[1\]: regex pattern is too complex to run on every message/)]);
  });

  it('takes a label by id, or by name as rules were written before labels, and says what it needs otherwise', () => {
    const withAction = (action: unknown) => ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [], actions: [action] });
    expect(withAction({ type: 'add_tag', labelId: ANSWER })).toEqual([]);
    expect(withAction({ type: 'add_tag', tag: 'Refund asked' })).toEqual([]);
    const needs = 'actions[0]: add_tag needs a "labelId" (or a label\'s name as "tag", at most 40 characters)';
    expect(withAction({ type: 'add_tag', labelId: 'urgent' })).toEqual([needs]);
    expect(withAction({ type: 'add_tag', tag: '   ' })).toEqual([needs]);
    expect(withAction({ type: 'add_tag', tag: 'x'.repeat(41) })).toEqual([needs]);
  });

  it('requires an FAQ match condition for a reply with the matched FAQ, since it sets the confidence to reach', () => {
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [], actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }] })).toEqual([
      'actions: replying with the matched FAQ needs an "FAQ match" condition, which sets the confidence it must reach',
    ]);
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [], actions: [{ type: 'reply', cannedAnswerId: ANSWER }] })).toEqual([]);
  });

  it('ties waiting minutes to waiting-time rules, which have no message to match', () => {
    expect(ruleProblems({ trigger: RuleTrigger.WaitingLongerThan, waitingMinutes: null, conditions: [], actions: [{ type: 'set_priority', priority: 'high' }] })).toEqual(['waitingMinutes: a waiting-time rule needs whole minutes above 0']);
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: 10, conditions: [], actions: [{ type: 'set_priority', priority: 'high' }] })).toEqual(['waitingMinutes: only waiting-time rules have one']);
    expect(ruleProblems({ trigger: RuleTrigger.WaitingLongerThan, waitingMinutes: 30, conditions: [{ type: 'keywords', any: ['refund'] }], actions: [{ type: 'set_priority', priority: 'high' }] })).toEqual([
      'conditions: a waiting-time rule has no message to match words or FAQs against',
    ]);
  });

  it('takes a contact attribute condition by key, and says what its operator needs', () => {
    const problems = (condition: Record<string, unknown>) => ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [{ type: 'contact_attribute', ...condition }], actions: [{ type: 'set_status', status: 'pending' }] });
    expect(problems({ key: 'plan', operator: 'equals', value: 'Gold' })).toEqual([]);
    expect(problems({ key: 'orders', operator: 'greater', value: 10 })).toEqual([]);
    expect(problems({ key: 'renews_on', operator: 'less', value: '2026-04-01' })).toEqual([]);
    expect(problems({ key: 'order_id', operator: 'is_set' })).toEqual([]);
    expect(problems({ key: 'Order ID', operator: 'is_set' })).toEqual(['conditions[0]: contact_attribute needs the attribute\'s "key"']);
    expect(problems({ key: 'plan', operator: 'starts_with', value: 'G' })).toEqual(['conditions[0]: contact_attribute "operator" must be equals, contains, is_set, greater, less']);
    expect(problems({ key: 'plan', operator: 'equals' })).toEqual(['conditions[0]: contact_attribute equals needs a "value"']);
    expect(problems({ key: 'orders', operator: 'greater', value: 'many' })).toEqual(['conditions[0]: contact_attribute greater needs a number or a date (YYYY-MM-DD) as "value"']);
    expect(problems({ key: 'vip', operator: 'is_set', value: 'yes' })).toEqual(['conditions[0]: contact_attribute is_set takes no "value"']);
  });

  it('needs at least one action, and one reply at most', () => {
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [], actions: [] })).toEqual(['actions: a rule needs at least one action']);
    expect(ruleProblems({ trigger: RuleTrigger.InboundMessage, waitingMinutes: null, conditions: [], actions: [{ type: 'reply', cannedAnswerId: ANSWER }, { type: 'reply', cannedAnswerId: ANSWER }] })).toEqual(['actions: one reply per rule']);
  });
});
