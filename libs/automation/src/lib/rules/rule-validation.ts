import {
  CONTACT_ATTRIBUTE_KEY_PATTERN,
  CONTACT_ATTRIBUTE_OPERATORS,
  ConversationPriority,
  ConversationStatus,
  isCalendarDate,
  LABEL_NAME_MAX,
  ROUTING_LANGUAGES,
  type RuleAction,
  type RuleCondition,
  RuleTrigger,
} from '@backtalk/contracts';
import { rulePatternProblem } from '@backtalk/patterns';

export interface RuleShape {
  trigger: RuleTrigger;
  waitingMinutes: number | null;
  conditions: unknown[];
  actions: unknown[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown, max: number): value is string[] => Array.isArray(value) && value.length > 0 && value.length <= max && value.every((item) => typeof item === 'string' && item.trim() !== '' && item.length <= 200);

function conditionProblem(condition: unknown): string | null {
  if (!isObject(condition)) return 'must be an object';
  switch (condition['type']) {
    case 'keywords':
      return isStringList(condition['any'], 100) ? null : 'keywords needs "any": a list of words or phrases';
    case 'regex': {
      if (typeof condition['pattern'] !== 'string' || !condition['pattern']) return 'regex needs a "pattern"';
      const problem = rulePatternProblem(condition['pattern']);
      return problem ? `regex pattern ${problem}` : null;
    }
    case 'faq_match': {
      const confidence = condition['minConfidence'];
      if (typeof confidence !== 'number' || confidence < 0 || confidence > 1) return 'faq_match needs "minConfidence" between 0 and 1';
      const faqId = condition['faqId'];
      return faqId === undefined || faqId === null || (typeof faqId === 'string' && UUID.test(faqId)) ? null : 'faq_match "faqId" must be a canned answer id';
    }
    case 'language':
      return Array.isArray(condition['in']) && condition['in'].length > 0 && condition['in'].every((language) => ROUTING_LANGUAGES.includes(language as never))
        ? null
        : `language needs "in": some of ${ROUTING_LANGUAGES.join(', ')}`;
    case 'contact': {
      if (!['name', 'phone', 'notes'].includes(condition['field'] as string)) return 'contact "field" must be name, phone or notes';
      const operator = condition['operator'] as string;
      if (!['contains', 'equals', 'starts_with', 'is_empty', 'is_not_empty'].includes(operator)) return 'contact "operator" must be contains, equals, starts_with, is_empty or is_not_empty';
      if (['contains', 'equals', 'starts_with'].includes(operator) && (typeof condition['value'] !== 'string' || condition['value'].length > 200)) return `contact ${operator} needs a "value"`;
      return null;
    }
    case 'contact_attribute': {
      if (typeof condition['key'] !== 'string' || !CONTACT_ATTRIBUTE_KEY_PATTERN.test(condition['key'])) return 'contact_attribute needs the attribute\'s "key"';
      const operator = condition['operator'] as string;
      if (!(CONTACT_ATTRIBUTE_OPERATORS as readonly string[]).includes(operator)) return `contact_attribute "operator" must be ${CONTACT_ATTRIBUTE_OPERATORS.join(', ')}`;
      const value = condition['value'];
      if (operator === 'is_set') return value === undefined || value === null || value === '' ? null : 'contact_attribute is_set takes no "value"';
      if (operator === 'greater' || operator === 'less') {
        const comparable = (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && (isCalendarDate(value.trim()) || (value.trim() !== '' && Number.isFinite(Number(value)))));
        return comparable ? null : `contact_attribute ${operator} needs a number or a date (YYYY-MM-DD) as "value"`;
      }
      const text = typeof value === 'number' ? String(value) : value;
      return typeof text === 'string' && text.trim() !== '' && text.length <= 200 ? null : `contact_attribute ${operator} needs a "value"`;
    }
    case 'business_hours':
      return ['open', 'closed'].includes(condition['state'] as string) ? null : 'business_hours "state" must be open or closed';
    case 'status':
      return Array.isArray(condition['in']) && condition['in'].length > 0 && condition['in'].every((status) => Object.values(ConversationStatus).includes(status as ConversationStatus))
        ? null
        : 'status needs "in": conversation statuses';
    default:
      return `unknown condition type ${JSON.stringify(condition['type'])}`;
  }
}

function actionProblem(action: unknown): string | null {
  if (!isObject(action)) return 'must be an object';
  switch (action['type']) {
    case 'reply':
      return action['cannedAnswerId'] === 'matched_faq' || (typeof action['cannedAnswerId'] === 'string' && UUID.test(action['cannedAnswerId'])) ? null : 'reply needs "cannedAnswerId": a canned answer id or "matched_faq"';
    case 'assign_team':
      return typeof action['teamId'] === 'string' && UUID.test(action['teamId']) ? null : 'assign_team needs a "teamId"';
    case 'assign_agent':
      return typeof action['userId'] === 'string' && UUID.test(action['userId']) ? null : 'assign_agent needs a "userId"';
    case 'set_priority':
      return Object.values(ConversationPriority).includes(action['priority'] as ConversationPriority) ? null : `set_priority "priority" must be one of ${Object.values(ConversationPriority).join(', ')}`;
    case 'add_tag':
      if (typeof action['labelId'] === 'string' && UUID.test(action['labelId'])) return null;
      // Rules written before labels name the label; the rules service turns the name into the label of the rule's scope.
      return typeof action['tag'] === 'string' && action['tag'].trim() !== '' && action['tag'].trim().length <= LABEL_NAME_MAX ? null : `add_tag needs a "labelId" (or a label's name as "tag", at most ${LABEL_NAME_MAX} characters)`;
    case 'set_status':
      return [ConversationStatus.Pending, ConversationStatus.Resolved].includes(action['status'] as ConversationStatus) ? null : 'set_status "status" must be pending or resolved';
    default:
      return `unknown action type ${JSON.stringify(action['type'])}`;
  }
}

/** Everything wrong with a rule, as "where: what" lines; empty when it can be saved. */
export function ruleProblems(rule: RuleShape): string[] {
  const problems: string[] = [];
  if (rule.trigger === RuleTrigger.WaitingLongerThan && !(Number.isInteger(rule.waitingMinutes) && rule.waitingMinutes! > 0)) problems.push('waitingMinutes: a waiting-time rule needs whole minutes above 0');
  if (rule.trigger !== RuleTrigger.WaitingLongerThan && rule.waitingMinutes !== null) problems.push('waitingMinutes: only waiting-time rules have one');
  if (rule.conditions.length > 20) problems.push('conditions: at most 20');
  rule.conditions.forEach((condition, index) => {
    const problem = conditionProblem(condition);
    if (problem) problems.push(`conditions[${index}]: ${problem}`);
  });
  if (rule.actions.length === 0) problems.push('actions: a rule needs at least one action');
  if (rule.actions.length > 10) problems.push('actions: at most 10');
  rule.actions.forEach((action, index) => {
    const problem = actionProblem(action);
    if (problem) problems.push(`actions[${index}]: ${problem}`);
  });
  const conditions = rule.conditions as RuleCondition[];
  const actions = rule.actions as RuleAction[];
  if (actions.some((action) => action?.type === 'reply' && action.cannedAnswerId === 'matched_faq') && !conditions.some((condition) => condition?.type === 'faq_match')) {
    problems.push('actions: replying with the matched FAQ needs an "FAQ match" condition, which sets the confidence it must reach');
  }
  if (actions.filter((action) => action?.type === 'reply').length > 1) problems.push('actions: one reply per rule');
  if (rule.trigger === RuleTrigger.WaitingLongerThan && conditions.some((condition) => ['keywords', 'regex', 'faq_match'].includes(condition?.type))) {
    problems.push('conditions: a waiting-time rule has no message to match words or FAQs against');
  }
  return problems;
}
