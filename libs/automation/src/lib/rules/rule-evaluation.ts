import { type ContactAttributeOperator, type ContactAttributeValue, type ContactAttributeValues, type ConversationStatus, isCalendarDate, type RoutingLanguage, type RuleAction, type RuleCondition, RuleTrigger } from '@backtalk/contracts';
import { compileRulePattern, matchesRulePattern } from '@backtalk/patterns';
import { Logger } from '@nestjs/common';

/** What a rule looks at; FAQ matches are computed once per message, only when some rule asks for them. */
export interface RuleContext {
  trigger: RuleTrigger;
  /** The customer's message; empty for waiting-time triggers. */
  text: string;
  language: RoutingLanguage | null;
  faqs: ReadonlyArray<{ faqId: string; score: number }>;
  contact: { name: string; phone: string; notes: string; attributes: ContactAttributeValues };
  businessHoursOpen: boolean;
  status: ConversationStatus;
}

export interface EvaluableRule {
  id: string;
  name: string;
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
  continueAfter: boolean;
  /** A replying rule answers conversations a person has only with this on. */
  answerAssigned?: boolean;
}

export interface FiredRule {
  rule: EvaluableRule;
  /** The FAQ a `faq_match` condition accepted, for a `reply` with the matched FAQ. */
  faq: { faqId: string; score: number } | null;
}

/** Case, accents and repeated spaces do not matter to keyword and phrase conditions. */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function containsPhrase(text: string, phrase: string): boolean {
  const needle = normalizeText(phrase);
  if (!needle) return false;
  // Whole words only: "stop" is not found in "nonstop", but a phrase may span several words.
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

const logger = new Logger('AutomationRules');
const reportedPatterns = new Set<string>();

/**
 * A rule saved before patterns ran on RE2 may hold one RE2 cannot run (a backreference, say): it never matches, and
 * the log says so once per rule and pattern rather than on every message.
 */
function matchesPattern(rule: EvaluableRule, pattern: string, text: string): boolean {
  const compiled = compileRulePattern(pattern);
  if (compiled.ok) return matchesRulePattern(compiled.regex, text);
  const key = `${rule.id}\u0000${pattern}`;
  if (!reportedPatterns.has(key)) {
    reportedPatterns.add(key);
    logger.warn({ ruleId: rule.id, ruleName: rule.name, pattern, problem: compiled.problem }, 'automation rule has a regex condition that cannot run: it never matches until the rule is edited');
  }
  return false;
}

/** A trigger-specific rule applies to its trigger; a customer's first message also counts as an inbound message. */
function triggerApplies(rule: EvaluableRule, context: RuleContext): boolean {
  if (rule.trigger === context.trigger) return true;
  if (rule.trigger === RuleTrigger.InboundMessage && context.trigger === RuleTrigger.FirstMessage) return true;
  if (rule.trigger === RuleTrigger.OutsideBusinessHours) return (context.trigger === RuleTrigger.InboundMessage || context.trigger === RuleTrigger.FirstMessage) && !context.businessHoursOpen;
  return false;
}

/** Whether the condition holds; for `faq_match`, the FAQ it accepted. */
function check(rule: EvaluableRule, condition: RuleCondition, context: RuleContext, normalized: string): { holds: boolean; faq?: { faqId: string; score: number } } {
  switch (condition.type) {
    case 'keywords':
      return { holds: condition.any.some((phrase) => containsPhrase(normalized, phrase)) };
    case 'regex':
      return { holds: matchesPattern(rule, condition.pattern, context.text) };
    case 'faq_match': {
      const candidate = condition.faqId ? context.faqs.find((faq) => faq.faqId === condition.faqId) : context.faqs[0];
      const holds = candidate !== undefined && candidate.score >= condition.minConfidence;
      return holds ? { holds, faq: candidate } : { holds };
    }
    case 'language':
      return { holds: context.language !== null && condition.in.includes(context.language) };
    case 'contact': {
      const value = normalizeText(context.contact[condition.field] ?? '');
      const wanted = normalizeText(condition.value ?? '');
      switch (condition.operator) {
        case 'contains':
          return { holds: wanted !== '' && value.includes(wanted) };
        case 'equals':
          return { holds: value === wanted };
        case 'starts_with':
          return { holds: wanted !== '' && value.startsWith(wanted) };
        case 'is_empty':
          return { holds: value === '' };
        case 'is_not_empty':
          return { holds: value !== '' };
      }
      return { holds: false };
    }
    case 'contact_attribute':
      return { holds: attributeHolds(context.contact.attributes[condition.key], condition.operator, condition.value) };
    case 'business_hours':
      return { holds: (condition.state === 'open') === context.businessHoursOpen };
    case 'status':
      return { holds: condition.in.includes(context.status) };
  }
}

const YES = ['true', 'yes'];
const NO = ['false', 'no'];

/**
 * A `contact_attribute` condition on the contact's value (undefined: none). Text compares as keyword conditions do;
 * yes/no reads `true`/`yes` and `false`/`no`; greater and less hold only between two numbers or two dates, so a
 * number never compares with a date or a word.
 */
export function attributeHolds(stored: ContactAttributeValue | undefined, operator: ContactAttributeOperator, wanted: string | number | undefined): boolean {
  if (stored === undefined) return false;
  if (operator === 'is_set') return true;
  if (wanted === undefined) return false;
  if (typeof stored === 'boolean') {
    const text = normalizeText(String(wanted));
    return operator === 'equals' && (stored ? YES : NO).includes(text);
  }
  if (operator === 'greater' || operator === 'less') {
    const order = compare(stored, wanted);
    return order !== null && (operator === 'greater' ? order > 0 : order < 0);
  }
  const value = normalizeText(String(stored));
  const needle = normalizeText(String(wanted));
  if (operator === 'equals') return typeof stored === 'number' ? Number(wanted) === stored : value === needle;
  return needle !== '' && value.includes(needle);
}

/** Sign of stored − wanted for two numbers or two dates, else null. */
function compare(stored: string | number, wanted: string | number): number | null {
  if (typeof stored === 'number') {
    const number = typeof wanted === 'number' ? wanted : wanted.trim() === '' ? NaN : Number(wanted);
    return Number.isFinite(number) ? Math.sign(stored - number) : null;
  }
  if (isCalendarDate(stored) && typeof wanted === 'string' && isCalendarDate(wanted)) return stored === wanted ? 0 : stored > wanted ? 1 : -1;
  return null;
}

/** True when a rule's conditions could need FAQ scores, so they are computed only then. */
export function needsFaqMatch(rules: readonly EvaluableRule[]): boolean {
  return rules.some((rule) => rule.conditions.some((condition) => condition.type === 'faq_match') || rule.actions.some((action) => action.type === 'reply' && action.cannedAnswerId === 'matched_faq'));
}

/**
 * Runs the rules in order: the first whose trigger applies and whose conditions all hold fires, and ends the run
 * unless it says to continue.
 */
export function evaluateRules(rules: readonly EvaluableRule[], context: RuleContext): FiredRule[] {
  const normalized = normalizeText(context.text);
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    if (!triggerApplies(rule, context)) continue;
    let faq: FiredRule['faq'] = null;
    const holds = rule.conditions.every((condition) => {
      const result = check(rule, condition, context, normalized);
      if (result.faq) faq = result.faq;
      return result.holds;
    });
    if (!holds) continue;
    fired.push({ rule, faq });
    if (!rule.continueAfter) break;
  }
  return fired;
}
