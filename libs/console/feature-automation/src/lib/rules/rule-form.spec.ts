import { ConversationPriority, ConversationStatus, RuleTrigger, type RuleView } from '@backtalk/contracts';
import {
  emptyRuleForm,
  moveRule,
  newAction,
  newCondition,
  ruleFormFrom,
  toAction,
  toCreateRuleRequest,
  toUpdateRuleRequest,
  validateRuleForm,
  type ConditionDraft,
  type RuleFormValues,
} from './rule-form';
import { loadPatternCheck } from './pattern-check';
import { setConsoleLanguage } from '@backtalk/console/i18n';

const orderRule: RuleView = {
  id: 'r1',
  name: 'Order status FAQ',
  position: 0,
  channelId: null,
  teamId: 't1',
  trigger: RuleTrigger.InboundMessage,
  waitingMinutes: null,
  conditions: [
    { type: 'faq_match', minConfidence: 0.8, faqId: null },
    { type: 'keywords', any: ['order', 'замовлення'] },
    { type: 'contact', field: 'name', operator: 'is_empty' },
  ],
  actions: [
    { type: 'reply', cannedAnswerId: 'matched_faq' },
    { type: 'set_status', status: ConversationStatus.Pending },
  ],
  continueAfter: false,
  enabled: true,
  activeSince: null,
  answerAssigned: false,
  createdAt: '',
  updatedAt: '',
};

const named = (values: Partial<RuleFormValues> = {}): RuleFormValues => ({ ...emptyRuleForm(), name: 'Order status FAQ', ...values });

describe('emptyRuleForm', () => {
  it('starts as an FAQ auto-reply that leaves the conversation pending, and is valid once named', () => {
    const values = named();
    expect(validateRuleForm(values)).toEqual({});
    expect(toCreateRuleRequest(values)).toEqual({
      name: 'Order status FAQ',
      enabled: true,
      trigger: RuleTrigger.InboundMessage,
      waitingMinutes: null,
      channelId: null,
      teamId: null,
      conditions: [{ type: 'faq_match', minConfidence: 0.8, faqId: null }],
      actions: [
        { type: 'reply', cannedAnswerId: 'matched_faq' },
        { type: 'set_status', status: ConversationStatus.Pending },
      ],
      continueAfter: false,
      answerAssigned: false,
    });
  });
});

describe('ruleFormFrom and toCreateRuleRequest', () => {
  it('give back the same conditions and actions for a saved rule', () => {
    const request = toCreateRuleRequest(ruleFormFrom(orderRule));
    expect(request.conditions).toEqual(orderRule.conditions);
    expect(request.actions).toEqual(orderRule.actions);
    expect(request.teamId).toBe('t1');
    expect(request.channelId).toBeNull();
  });

  it('show the confidence as a whole percent and keywords as one line', () => {
    const values = ruleFormFrom(orderRule);
    expect(values.conditions[0]).toMatchObject({ type: 'faq_match', percent: 80, faqId: '' });
    expect(values.conditions[1]).toMatchObject({ type: 'keywords', words: 'order, замовлення' });
    expect(values.scope).toBe('team');
  });

  it('send waiting minutes only for the waiting trigger, as a number', () => {
    expect(toCreateRuleRequest(named({ trigger: RuleTrigger.WaitingLongerThan, waitingMinutes: '15' })).waitingMinutes).toBe(15);
    expect(toCreateRuleRequest(named({ trigger: RuleTrigger.FirstMessage, waitingMinutes: '15' })).waitingMinutes).toBeNull();
  });

  it('send only the id that matches the scope', () => {
    expect(toCreateRuleRequest(named({ scope: 'channel', channelId: 'c1', teamId: 't1' }))).toMatchObject({ channelId: 'c1', teamId: null });
  });

  it('send a contact value only for operators that compare with one', () => {
    const condition = { ...(newCondition('contact') as Extract<ConditionDraft, { type: 'contact' }>), operator: 'is_not_empty' as const, value: 'left over' };
    expect(toCreateRuleRequest(named({ conditions: [condition] })).conditions).toEqual([{ type: 'contact', field: 'name', operator: 'is_not_empty' }]);
  });

  it('send a contact attribute condition by the attribute’s key, with a value unless it only asks whether one is set', () => {
    const condition = { ...(newCondition('contact_attribute') as Extract<ConditionDraft, { type: 'contact_attribute' }>), attributeKey: 'orders', operator: 'greater' as const, value: ' 10 ' };
    expect(toCreateRuleRequest(named({ conditions: [condition] })).conditions).toEqual([{ type: 'contact_attribute', key: 'orders', operator: 'greater', value: '10' }]);
    expect(toCreateRuleRequest(named({ conditions: [{ ...condition, operator: 'is_set' }] })).conditions).toEqual([{ type: 'contact_attribute', key: 'orders', operator: 'is_set' }]);
    const saved = ruleFormFrom({ ...toCreateRuleRequest(named({ conditions: [condition] })), id: 'r1', position: 0, enabled: true } as unknown as RuleView);
    expect(saved.conditions[0]).toMatchObject({ type: 'contact_attribute', attributeKey: 'orders', operator: 'greater', value: '10' });
  });

  it('asks for the attribute and a value greater and less can compare', () => {
    const condition = newCondition('contact_attribute') as Extract<ConditionDraft, { type: 'contact_attribute' }>;
    expect(validateRuleForm(named({ conditions: [condition] }))[`condition:${condition.key}`]).toBe('Choose the attribute.');
    expect(validateRuleForm(named({ conditions: [{ ...condition, attributeKey: 'orders', operator: 'less', value: 'many' }] }))[`condition:${condition.key}`]).toBe('Greater and less compare a number or a date (YYYY-MM-DD).');
    expect(validateRuleForm(named({ conditions: [{ ...condition, attributeKey: 'renews_on', operator: 'less', value: '2026-04-01' }] }))[`condition:${condition.key}`]).toBeUndefined();
  });
});

describe('validateRuleForm', () => {
  beforeAll(() => loadPatternCheck());

  it('asks for a name, the waiting minutes and the scope’s team', () => {
    expect(validateRuleForm(named({ name: ' ', trigger: RuleTrigger.WaitingLongerThan, waitingMinutes: '0', scope: 'team', conditions: [], actions: [newAction('set_priority')] }))).toEqual({
      name: 'Name the rule, e.g. “Order status FAQ”.',
      waitingMinutes: 'Enter the minutes, 1 or more.',
      scope: 'Choose a team.',
    });
  });

  it('reports a broken regular expression on its condition', () => {
    const condition = { ...newCondition('regex'), pattern: '(order' };
    expect(validateRuleForm(named({ conditions: [...emptyRuleForm().conditions, condition] }))[`condition:${condition.key}`]).toBe('This pattern does not compile: a ) is missing.');
  });

  it('checks patterns with the engine the API runs them on: a backreference is refused with the reason, (?i) and \\x{…} are accepted', () => {
    const backreference = { ...newCondition('regex'), pattern: '(\\w+) \\1' };
    const re2Only = { ...newCondition('regex'), pattern: '(?i)\\x{0416}' };
    const errors = validateRuleForm(named({ conditions: [...emptyRuleForm().conditions, backreference, re2Only] }));
    expect(errors[`condition:${backreference.key}`]).toBe('Backreferences (\\1) can’t be used: patterns are matched in linear time (RE2 syntax), so that no message can stall the server.');
    expect(errors[`condition:${re2Only.key}`]).toBeUndefined();
  });

  it('words what the engine refuses in Ukrainian too, by its code, quoting only the pattern', () => {
    setConsoleLanguage('uk');
    try {
      const lookahead = { ...newCondition('regex'), pattern: 'refund(?!ed)' };
      const range = { ...newCondition('regex'), pattern: '[z-a]' };
      const errors = validateRuleForm(named({ conditions: [...emptyRuleForm().conditions, lookahead, range] }));
      expect(errors[`condition:${lookahead.key}`]).toBe('Перевірку наперед ((?!) не підтримано: вирази перевіряються за лінійний час (синтаксис RE2), щоб жодне повідомлення не загальмувало сервер.');
      expect(errors[`condition:${range.key}`]).toBe('Вираз не вдається розібрати: неправильний діапазон символів, місце: z-a.');
    } finally {
      setConsoleLanguage('en');
    }
  });

  it('does not reply with the matched FAQ when no condition finds one', () => {
    const values = named({ conditions: [] });
    const reply = values.actions[0];
    expect(validateRuleForm(values)[`action:${reply.key}`]).toBe('Add an “FAQ matches” condition: it finds the FAQ to send.');
  });

  it('needs at least one action, and at most one reply', () => {
    expect(validateRuleForm(named({ actions: [] })).actions).toBe('Add at least one action.');
    const second = { ...newAction('reply'), cannedAnswerId: 'a1' };
    expect(validateRuleForm(named({ actions: [...emptyRuleForm().actions, second] }))[`action:${second.key}`]).toBe('A rule sends one reply at most; remove this one.');
  });

  it('does not let a waiting-time rule check the message, since there is none', () => {
    const values = named({ trigger: RuleTrigger.WaitingLongerThan, waitingMinutes: '30', actions: [newAction('set_priority')] });
    const faq = values.conditions[0];
    expect(validateRuleForm(values)).toEqual({ [`condition:${faq.key}`]: 'A waiting-time rule has no message to check; remove this condition or pick another trigger.' });
  });

  it('asks for the team, agent or label an action names', () => {
    const team = newAction('assign_team');
    const label = newAction('add_tag');
    const errors = validateRuleForm(named({ actions: [team, label] }));
    expect(errors[`action:${team.key}`]).toBe('Choose a team.');
    expect(errors[`action:${label.key}`]).toBe('Choose a label.');
  });

  it('sends a chosen label by its id', () => {
    expect(toAction({ key: 'k', type: 'add_tag', labelId: 'label-vip' })).toEqual({ type: 'add_tag', labelId: 'label-vip' });
  });
});

describe('toUpdateRuleRequest', () => {
  it('sends nothing for an unchanged rule', () => {
    expect(toUpdateRuleRequest(orderRule, ruleFormFrom(orderRule))).toEqual({});
  });

  it('sends the whole condition list when the confidence slider moved', () => {
    const values = ruleFormFrom(orderRule);
    const [faq, ...rest] = values.conditions;
    const changes = toUpdateRuleRequest(orderRule, { ...values, conditions: [{ ...faq, percent: 90 } as typeof faq, ...rest] });
    expect(Object.keys(changes)).toEqual(['conditions']);
    expect(changes.conditions?.[0]).toEqual({ type: 'faq_match', minConfidence: 0.9, faqId: null });
  });

  it('sends a new priority action and the continue flag', () => {
    const values = ruleFormFrom(orderRule);
    const priority = { ...newAction('set_priority'), priority: ConversationPriority.Urgent };
    const changes = toUpdateRuleRequest(orderRule, { ...values, actions: [...values.actions, priority], continueAfter: true });
    expect(changes).toEqual({ actions: [...orderRule.actions, { type: 'set_priority', priority: ConversationPriority.Urgent }], continueAfter: true });
  });

  it('sends the switch that lets the rule reply in conversations a person has, alone', () => {
    expect(toUpdateRuleRequest(orderRule, { ...ruleFormFrom(orderRule), answerAssigned: true })).toEqual({ answerAssigned: true });
  });

  it('clears the team when the rule applies everywhere again', () => {
    expect(toUpdateRuleRequest(orderRule, { ...ruleFormFrom(orderRule), scope: 'all' })).toEqual({ teamId: null });
  });
});

describe('moveRule', () => {
  it('swaps a rule with its neighbour and leaves the ends alone', () => {
    expect(moveRule(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveRule(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveRule(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveRule(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});

