import { ConversationStatus, type RuleCondition, RuleTrigger } from '@backtalk/contracts';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type EvaluableRule, evaluateRules, needsFaqMatch, type RuleContext } from './rule-evaluation';

const context = (overrides: Partial<RuleContext> = {}): RuleContext => ({
  trigger: RuleTrigger.InboundMessage,
  text: 'Where is my order?',
  language: 'en',
  faqs: [{ faqId: 'faq-order', score: 0.91 }, { faqId: 'faq-hours', score: 0.2 }],
  contact: { name: 'Olena Kovalenko', phone: '+380501234567', notes: '', attributes: { plan: 'Gold', orders: 12, renews_on: '2026-03-01', vip: true, website: 'https://shop.example/olena' } },
  businessHoursOpen: true,
  status: ConversationStatus.Open,
  ...overrides,
});
const rule = (id: string, overrides: Partial<EvaluableRule> = {}): EvaluableRule => ({ id, name: id, trigger: RuleTrigger.InboundMessage, conditions: [], actions: [{ type: 'add_tag', labelId: id }], continueAfter: false, ...overrides });
const firedIds = (rules: EvaluableRule[], ctx = context()) => evaluateRules(rules, ctx).map((fired) => fired.rule.id);

/**
 * Evaluates in a worker thread, so that an engine that backtracks for ages fails the test when the budget runs out
 * instead of freezing Jest itself; the budget starts once the worker has loaded the code.
 */
function evaluateInWorker(rules: EvaluableRule[], ctx: RuleContext, budgetMs: number): Promise<string[] | 'still running'> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     require('@swc-node/register');
     const { evaluateRules } = require(workerData.module);
     parentPort.on('message', ({ rules, context }) => parentPort.postMessage(evaluateRules(rules, context).map((fired) => fired.rule.id)));
     parentPort.postMessage('ready');`,
    { eval: true, workerData: { module: join(__dirname, 'rule-evaluation.ts') } },
  );
  let timer: NodeJS.Timeout | undefined;
  return new Promise<string[] | 'still running'>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: 'ready' | string[]) => {
      if (message === 'ready') {
        timer = setTimeout(() => resolve('still running'), budgetMs);
        worker.postMessage({ rules, context: ctx });
      } else {
        resolve(message);
      }
    });
  }).finally(() => {
    clearTimeout(timer);
    return worker.terminate();
  });
}

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

  it('checks the contact’s custom attributes: equals, contains, is set, and greater or less for numbers and dates', () => {
    const holds = (condition: Omit<Extract<RuleCondition, { type: 'contact_attribute' }>, 'type'>) => firedIds([rule('attr', { conditions: [{ type: 'contact_attribute', ...condition }] })]).length === 1;
    expect(holds({ key: 'plan', operator: 'equals', value: 'gold' })).toBe(true);
    expect(holds({ key: 'plan', operator: 'equals', value: 'Silver' })).toBe(false);
    expect(holds({ key: 'website', operator: 'contains', value: 'SHOP.example' })).toBe(true);
    expect(holds({ key: 'orders', operator: 'greater', value: 10 })).toBe(true);
    expect(holds({ key: 'orders', operator: 'less', value: '10' })).toBe(false);
    expect(holds({ key: 'orders', operator: 'equals', value: '12' })).toBe(true);
    expect(holds({ key: 'renews_on', operator: 'less', value: '2026-04-01' })).toBe(true);
    expect(holds({ key: 'renews_on', operator: 'greater', value: '2026-04-01' })).toBe(false);
    expect(holds({ key: 'vip', operator: 'equals', value: 'yes' })).toBe(true);
    expect(holds({ key: 'vip', operator: 'equals', value: 'false' })).toBe(false);
    expect(holds({ key: 'vip', operator: 'is_set' })).toBe(true);
  });

  it('never fires on an attribute the contact has no value for, nor compares a number with a date or a word', () => {
    const holds = (condition: Omit<Extract<RuleCondition, { type: 'contact_attribute' }>, 'type'>) => firedIds([rule('attr', { conditions: [{ type: 'contact_attribute', ...condition }] })]).length === 1;
    expect(holds({ key: 'order_id', operator: 'is_set' })).toBe(false);
    expect(holds({ key: 'order_id', operator: 'equals', value: '' })).toBe(false);
    expect(holds({ key: 'orders', operator: 'greater', value: '2026-01-01' })).toBe(false);
    expect(holds({ key: 'renews_on', operator: 'greater', value: 5 })).toBe(false);
    expect(holds({ key: 'plan', operator: 'greater', value: 'A' })).toBe(false);
  });

  it('decides a nested-repetition pattern over the longest SMS at once, where a backtracking engine would run for ages', async () => {
    const onlyA = rule('only-a', { conditions: [{ type: 'regex', pattern: '^(a+)+$' }] });
    expect(await evaluateInWorker([onlyA], context({ text: 'a'.repeat(1599) + '!' }), 2000)).toEqual([]);
    expect(firedIds([onlyA], context({ text: 'A'.repeat(1600) }))).toEqual(['only-a']);
    // Room for a slow start of the worker on a busy machine; the 2 s budget above starts only once it has loaded.
  }, 20_000);

  it('matches patterns case-insensitively over Unicode text, as supervisors wrote them', () => {
    expect(firedIds([rule('uk', { conditions: [{ type: 'regex', pattern: '^термін\\p{L}*!$' }] })], context({ text: 'ТЕРМІНОВО!' }))).toEqual(['uk']);
    expect(firedIds([rule('letter', { conditions: [{ type: 'regex', pattern: '\\u0416' }] })], context({ text: 'жук' }))).toEqual(['letter']);
  });

  it('runs a pattern over the first 1,600 characters of a message only, the most an SMS holds', () => {
    const refund = rule('refund', { conditions: [{ type: 'regex', pattern: 'refund' }] });
    expect(firedIds([refund], context({ text: `${'x'.repeat(1594)}refund` }))).toEqual(['refund']);
    expect(firedIds([refund], context({ text: `${'x'.repeat(1595)}refund` }))).toEqual([]);
  });

  it('does not fire a stored pattern that linear-time matching cannot run, and warns about it once', () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    try {
      const pattern = '\\b(\\w+) \\1\\b';
      const repeated = rule('repeated', { conditions: [{ type: 'regex', pattern }] });
      expect(firedIds([repeated], context({ text: 'hello hello' }))).toEqual([]);
      expect(firedIds([repeated], context({ text: 'bye bye' }))).toEqual([]);
      expect(warnings.mock.calls.filter(([details]) => (details as { pattern?: string } | undefined)?.pattern === pattern)).toHaveLength(1);
    } finally {
      warnings.mockRestore();
    }
  });

  it('asks for FAQ scores only when a rule uses them', () => {
    expect(needsFaqMatch([rule('a')])).toBe(false);
    expect(needsFaqMatch([rule('b', { conditions: [{ type: 'faq_match', minConfidence: 0.8 }] })])).toBe(true);
  });
});
