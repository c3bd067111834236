import { ConversationStatus, RuleTrigger } from '@backtalk/contracts';
import { type EvaluableRule, evaluateRules, needsFaqMatch, type RuleContext } from './rule-evaluation';

const context = (overrides: Partial<RuleContext> = {}): RuleContext => ({
  trigger: RuleTrigger.InboundMessage,
  text: 'Where is my order?',
  language: 'en',
  faqs: [{ faqId: 'faq-order', score: 0.91 }, { faqId: 'faq-hours', score: 0.2 }],
  contact: { name: 'Olena Kovalenko', phone: '+380501234567', notes: '' },
  businessHoursOpen: true,
  status: ConversationStatus.Open,
  ...overrides,
});
const rule = (id: string, overrides: Partial<EvaluableRule> = {}): EvaluableRule => ({ id, name: id, trigger: RuleTrigger.InboundMessage, conditions: [], actions: [{ type: 'add_tag', tag: id }], continueAfter: false, ...overrides });
const firedIds = (rules: EvaluableRule[], ctx = context()) => evaluateRules(rules, ctx).map((fired) => fired.rule.id);

describe('evaluating automation rules', () => {
  it('fires the first matching rule only, unless it says to continue', () => {
    expect(firedIds([rule('a'), rule('b')])).toEqual(['a']);
    expect(firedIds([rule('a', { continueAfter: true }), rule('b'), rule('c')])).toEqual(['a', 'b']);
  });

  it('needs every condition of a rule to hold', () => {
    const both = rule('both', { conditions: [{ type: 'keywords', any: ['order'] }, { type: 'language', in: ['uk'] }] });
    expect(firedIds([both])).toEqual([]);
    expect(firedIds([both], context({ language: 'uk' }))).toEqual(['both']);
  });

  it('matches keywords as whole words or phrases, ignoring case and accents', () => {
    const stop = rule('refund', { conditions: [{ type: 'keywords', any: ['money back', 'REFUND'] }] });
    expect(firedIds([stop], context({ text: 'I want my MONEY   back' }))).toEqual(['refund']);
    expect(firedIds([stop], context({ text: 'Refúnd please' }))).toEqual(['refund']);
    expect(firedIds([stop], context({ text: 'nonrefundable?' }))).toEqual([]);
    expect(firedIds([rule('uk', { conditions: [{ type: 'keywords', any: ['терміново'] }] })], context({ text: 'ТЕРМІНОВО!' }))).toEqual(['uk']);
  });

  it('accepts the best FAQ only at or above the rule’s confidence, and remembers which FAQ it was', () => {
    const faqRule = rule('faq', { conditions: [{ type: 'faq_match', minConfidence: 0.9 }] });
    expect(evaluateRules([faqRule], context())[0].faq).toEqual({ faqId: 'faq-order', score: 0.91 });
    expect(firedIds([faqRule], context({ faqs: [{ faqId: 'faq-order', score: 0.89 }] }))).toEqual([]);
    expect(firedIds([rule('hours', { conditions: [{ type: 'faq_match', minConfidence: 0.5, faqId: 'faq-hours' }] })])).toEqual([]);
  });

  it('treats a conversation’s first message as an inbound message too, but not the other way round', () => {
    expect(firedIds([rule('any')], context({ trigger: RuleTrigger.FirstMessage }))).toEqual(['any']);
    expect(firedIds([rule('first', { trigger: RuleTrigger.FirstMessage })])).toEqual([]);
  });

  it('fires outside-business-hours rules only for messages that arrive while the team is closed', () => {
    const closed = rule('closed', { trigger: RuleTrigger.OutsideBusinessHours });
    expect(firedIds([closed])).toEqual([]);
    expect(firedIds([closed], context({ businessHoursOpen: false }))).toEqual(['closed']);
  });

  it('checks contact fields, business hours, status and regular expressions', () => {
    expect(firedIds([rule('vip', { conditions: [{ type: 'contact', field: 'notes', operator: 'is_empty' }, { type: 'contact', field: 'phone', operator: 'starts_with', value: '+38050' }] })])).toEqual(['vip']);
    expect(firedIds([rule('open', { conditions: [{ type: 'business_hours', state: 'closed' }] })])).toEqual([]);
    expect(firedIds([rule('pending', { conditions: [{ type: 'status', in: [ConversationStatus.Pending] }] })])).toEqual([]);
    expect(firedIds([rule('re', { conditions: [{ type: 'regex', pattern: 'order\\s*#?\\d+' }] })], context({ text: 'ORDER #123 late' }))).toEqual(['re']);
    expect(firedIds([rule('broken', { conditions: [{ type: 'regex', pattern: '(' }] })])).toEqual([]);
  });

  it('asks for FAQ scores only when a rule uses them', () => {
    expect(needsFaqMatch([rule('a')])).toBe(false);
    expect(needsFaqMatch([rule('b', { conditions: [{ type: 'faq_match', minConfidence: 0.8 }] })])).toBe(true);
  });
});
