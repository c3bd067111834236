import {
  type ContactAttributeOperator,
  ConversationPriority,
  ConversationStatus,
  RuleTrigger,
  type CreateRuleRequest,
  type RoutingLanguage,
  type RuleAction,
  type RuleCondition,
  type RuleView,
  type UpdateRuleRequest,
} from '@backtalk/contracts';
import { translateAutomation as t } from '../../i18n';
import type { RulePatternIssue } from '@backtalk/patterns';
import { patternProblem } from './pattern-check';

// The rule editor's values are what people type (numbers as text, keywords as one comma-separated line); they become
// the API's conditions and actions only when saved, so a half-typed rule never has to be a valid one.

export type ConditionType = RuleCondition['type'];
export type ActionType = RuleAction['type'];
type ContactCondition = Extract<RuleCondition, { type: 'contact' }>;
type StatusAction = Extract<RuleAction, { type: 'set_status' }>;

export type ConditionDraft = { key: string } & (
  | { type: 'keywords'; words: string }
  | { type: 'regex'; pattern: string }
  | { type: 'faq_match'; /** Whole percent, as the slider shows it. */ percent: number; faqId: string }
  | { type: 'language'; in: RoutingLanguage[] }
  | { type: 'contact'; field: ContactCondition['field']; operator: ContactCondition['operator']; value: string }
  /** `attributeKey`: the attribute's key ('' until one is picked); `key` is the editor's own. */
  | { type: 'contact_attribute'; attributeKey: string; operator: ContactAttributeOperator; value: string }
  | { type: 'business_hours'; state: 'open' | 'closed' }
  | { type: 'status'; in: ConversationStatus[] }
);

/** `cannedAnswerId` is '' until one is picked; `MATCHED_FAQ` replies with whatever FAQ the faq_match condition found. */
export type ActionDraft = { key: string } & (
  | { type: 'reply'; cannedAnswerId: string }
  | { type: 'assign_team'; teamId: string }
  | { type: 'assign_agent'; userId: string }
  | { type: 'set_priority'; priority: ConversationPriority }
  | { type: 'add_tag'; labelId: string }
  | { type: 'set_status'; status: StatusAction['status'] }
);

export const MATCHED_FAQ = 'matched_faq';
export type RuleScope = 'all' | 'team' | 'channel';

export interface RuleFormValues {
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  waitingMinutes: string;
  scope: RuleScope;
  teamId: string;
  channelId: string;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
  continueAfter: boolean;
  answerAssigned: boolean;
}

export type RuleFormError = 'name' | 'waitingMinutes' | 'scope' | 'conditions' | 'actions' | `condition:${string}` | `action:${string}`;
export type RuleFormErrors = Partial<Record<RuleFormError, string>>;
/** Fields the API may name in a validation error, placed next to their control. */
export const RULE_SERVER_FIELDS = ['name', 'waitingMinutes', 'channelId', 'teamId', 'conditions', 'actions'] as const;

/** The confidence a new FAQ condition starts at: high enough that a wrong answer is rare. */
export const DEFAULT_FAQ_PERCENT = 80;
export const FAQ_PERCENT_MIN = 50;
export const FAQ_PERCENT_MAX = 99;

let nextKey = 0;
const newKey = () => `k${++nextKey}`;

export function newCondition(type: ConditionType): ConditionDraft {
  const key = newKey();
  switch (type) {
    case 'keywords':
      return { key, type, words: '' };
    case 'regex':
      return { key, type, pattern: '' };
    case 'faq_match':
      return { key, type, percent: DEFAULT_FAQ_PERCENT, faqId: '' };
    case 'language':
      return { key, type, in: [] };
    case 'contact':
      return { key, type, field: 'name', operator: 'contains', value: '' };
    case 'contact_attribute':
      return { key, type, attributeKey: '', operator: 'equals', value: '' };
    case 'business_hours':
      return { key, type, state: 'closed' };
    case 'status':
      return { key, type, in: [ConversationStatus.Open] };
  }
}

export function newAction(type: ActionType): ActionDraft {
  const key = newKey();
  switch (type) {
    case 'reply':
      return { key, type, cannedAnswerId: '' };
    case 'assign_team':
      return { key, type, teamId: '' };
    case 'assign_agent':
      return { key, type, userId: '' };
    case 'set_priority':
      return { key, type, priority: ConversationPriority.High };
    case 'add_tag':
      return { key, type, labelId: '' };
    case 'set_status':
      return { key, type, status: ConversationStatus.Pending };
  }
}

/** A new rule starts as the one most people want first: answer the FAQ it is sure about, then wait for the customer. */
export function emptyRuleForm(): RuleFormValues {
  return {
    name: '',
    enabled: true,
    trigger: RuleTrigger.InboundMessage,
    waitingMinutes: '',
    scope: 'all',
    teamId: '',
    channelId: '',
    conditions: [newCondition('faq_match')],
    actions: [{ key: newKey(), type: 'reply', cannedAnswerId: MATCHED_FAQ }, newAction('set_status')],
    continueAfter: false,
    answerAssigned: false,
  };
}

const toPercent = (confidence: number) => Math.round(confidence * 100);

function conditionDraft(condition: RuleCondition): ConditionDraft {
  const key = newKey();
  switch (condition.type) {
    case 'keywords':
      return { key, type: 'keywords', words: condition.any.join(', ') };
    case 'regex':
      return { key, type: 'regex', pattern: condition.pattern };
    case 'faq_match':
      return { key, type: 'faq_match', percent: toPercent(condition.minConfidence), faqId: condition.faqId ?? '' };
    case 'language':
      return { key, type: 'language', in: [...condition.in] };
    case 'contact':
      return { key, type: 'contact', field: condition.field, operator: condition.operator, value: condition.value ?? '' };
    case 'contact_attribute':
      return { key, type: 'contact_attribute', attributeKey: condition.key, operator: condition.operator, value: condition.value === undefined ? '' : String(condition.value) };
    case 'business_hours':
      return { key, type: 'business_hours', state: condition.state };
    case 'status':
      return { key, type: 'status', in: [...condition.in] };
  }
}

function actionDraft(action: RuleAction): ActionDraft {
  return { key: newKey(), ...action } as ActionDraft;
}

export function ruleFormFrom(rule: RuleView): RuleFormValues {
  return {
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger,
    waitingMinutes: rule.waitingMinutes === null ? '' : String(rule.waitingMinutes),
    scope: rule.channelId ? 'channel' : rule.teamId ? 'team' : 'all',
    teamId: rule.teamId ?? '',
    channelId: rule.channelId ?? '',
    conditions: rule.conditions.map(conditionDraft),
    actions: rule.actions.map(actionDraft),
    continueAfter: rule.continueAfter,
    answerAssigned: rule.answerAssigned,
  };
}

const splitWords = (text: string) => [...new Set(text.split(',').map((word) => word.trim()).filter(Boolean))];
const needsValue = (operator: ContactCondition['operator']) => operator !== 'is_empty' && operator !== 'is_not_empty';

export function toCondition(draft: ConditionDraft): RuleCondition {
  switch (draft.type) {
    case 'keywords':
      return { type: 'keywords', any: splitWords(draft.words) };
    case 'regex':
      return { type: 'regex', pattern: draft.pattern.trim() };
    case 'faq_match':
      return { type: 'faq_match', minConfidence: draft.percent / 100, faqId: draft.faqId || null };
    case 'language':
      return { type: 'language', in: draft.in };
    case 'contact':
      return needsValue(draft.operator)
        ? { type: 'contact', field: draft.field, operator: draft.operator, value: draft.value.trim() }
        : { type: 'contact', field: draft.field, operator: draft.operator };
    case 'contact_attribute':
      return draft.operator === 'is_set' ? { type: 'contact_attribute', key: draft.attributeKey, operator: draft.operator } : { type: 'contact_attribute', key: draft.attributeKey, operator: draft.operator, value: draft.value.trim() };
    case 'business_hours':
      return { type: 'business_hours', state: draft.state };
    case 'status':
      return { type: 'status', in: draft.in };
  }
}

export function toAction(draft: ActionDraft): RuleAction {
  // Drops the editor's key; everything else already has the API's shape.
  const { key: _key, ...action } = draft;
  return action;
}

const isWholeNumber = (text: string) => /^\d+$/.test(text.trim());

/** Conditions that read the customer's message: a waiting-time rule fires on a clock, with no message to read. */
export const MESSAGE_CONDITIONS: ReadonlySet<ConditionType> = new Set<ConditionType>(['keywords', 'regex', 'faq_match']);

/** Why the pattern cannot be used, in the console's language, quoting the part RE2 stopped at. */
export function patternIssueText(issue: RulePatternIssue): string {
  switch (issue.code) {
    case 'too_long':
      return t('ruleForm.pattern.tooLong', { max: issue.max });
    case 'unsupported':
      return t(`ruleForm.pattern.${issue.construct}`, { at: issue.at });
    case 'syntax': {
      const problem = t(`ruleForm.pattern.syntax.${issue.syntax}`);
      return issue.at ? t('ruleForm.pattern.syntaxAt', { problem, at: issue.at }) : t('ruleForm.pattern.syntaxProblem', { problem });
    }
    case 'too_complex':
      return t('ruleForm.pattern.tooComplex', { steps: issue.steps, max: issue.max });
  }
}

function conditionError(draft: ConditionDraft): string | null {
  switch (draft.type) {
    case 'keywords':
      return splitWords(draft.words).length === 0 ? t('ruleForm.wordsRequired') : null;
    case 'regex': {
      if (!draft.pattern.trim()) return t('ruleForm.patternRequired');
      const issue = patternProblem(draft.pattern.trim());
      return issue ? patternIssueText(issue) : null;
    }
    case 'faq_match':
      return draft.percent < FAQ_PERCENT_MIN || draft.percent > FAQ_PERCENT_MAX ? t('ruleForm.percentRange', { min: FAQ_PERCENT_MIN, max: FAQ_PERCENT_MAX }) : null;
    case 'language':
      return draft.in.length === 0 ? t('ruleForm.languageRequired') : null;
    case 'contact':
      return needsValue(draft.operator) && !draft.value.trim() ? t('ruleForm.textRequired') : null;
    case 'contact_attribute': {
      if (!draft.attributeKey) return t('ruleForm.attributeRequired');
      if (draft.operator === 'is_set') return null;
      const value = draft.value.trim();
      if (!value) return t('ruleForm.valueRequired');
      const comparable = /^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isFinite(Number(value));
      return (draft.operator === 'greater' || draft.operator === 'less') && !comparable ? t('ruleForm.comparableRequired') : null;
    }
    case 'status':
      return draft.in.length === 0 ? t('ruleForm.statusRequired') : null;
    case 'business_hours':
      return null;
  }
}

function actionError(draft: ActionDraft, hasFaqCondition: boolean): string | null {
  switch (draft.type) {
    case 'reply':
      if (!draft.cannedAnswerId) return t('ruleForm.answerRequired');
      return draft.cannedAnswerId === MATCHED_FAQ && !hasFaqCondition ? t('ruleForm.faqConditionRequired') : null;
    case 'assign_team':
      return draft.teamId ? null : t('ruleForm.teamRequired');
    case 'assign_agent':
      return draft.userId ? null : t('ruleForm.agentRequired');
    case 'add_tag':
      return draft.labelId ? null : t('ruleForm.labelRequired');
    case 'set_priority':
    case 'set_status':
      return null;
  }
}

export function validateRuleForm(values: RuleFormValues): RuleFormErrors {
  const errors: RuleFormErrors = {};
  if (!values.name.trim()) errors.name = t('ruleForm.nameRequired');
  if (values.trigger === RuleTrigger.WaitingLongerThan && (!isWholeNumber(values.waitingMinutes) || Number(values.waitingMinutes) < 1)) {
    errors.waitingMinutes = t('ruleForm.minutesRequired');
  }
  if (values.scope === 'team' && !values.teamId) errors.scope = t('ruleForm.teamRequired');
  if (values.scope === 'channel' && !values.channelId) errors.scope = t('ruleForm.channelRequired');
  const waiting = values.trigger === RuleTrigger.WaitingLongerThan;
  for (const draft of values.conditions) {
    const message = waiting && MESSAGE_CONDITIONS.has(draft.type) ? t('ruleForm.noMessageToCheck') : conditionError(draft);
    if (message) errors[`condition:${draft.key}`] = message;
  }
  if (values.actions.length === 0) errors.actions = t('ruleForm.actionRequired');
  const hasFaqCondition = values.conditions.some((draft) => draft.type === 'faq_match');
  const replies = values.actions.filter((draft) => draft.type === 'reply');
  for (const draft of values.actions) {
    const message = actionError(draft, hasFaqCondition);
    if (message) errors[`action:${draft.key}`] = message;
  }
  // Each rule sends at most one reply: a second would reach the customer as a burst of texts.
  if (replies.length > 1) errors[`action:${replies[1].key}`] = t('ruleForm.oneReply');
  return errors;
}

export function toCreateRuleRequest(values: RuleFormValues): CreateRuleRequest {
  return {
    name: values.name.trim(),
    enabled: values.enabled,
    trigger: values.trigger,
    waitingMinutes: values.trigger === RuleTrigger.WaitingLongerThan ? Number(values.waitingMinutes) : null,
    channelId: values.scope === 'channel' ? values.channelId : null,
    teamId: values.scope === 'team' ? values.teamId : null,
    conditions: values.conditions.map(toCondition),
    actions: values.actions.map(toAction),
    continueAfter: values.continueAfter,
    answerAssigned: values.answerAssigned,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so toggling a rule off from the list and editing its name elsewhere do not undo each other. */
export function toUpdateRuleRequest(original: RuleView, values: RuleFormValues): UpdateRuleRequest {
  const request = toCreateRuleRequest(values);
  const changes: UpdateRuleRequest = {};
  if (request.name !== original.name) changes.name = request.name;
  if (request.enabled !== original.enabled) changes.enabled = request.enabled;
  if (request.trigger !== original.trigger) changes.trigger = request.trigger;
  if ((request.waitingMinutes ?? null) !== original.waitingMinutes) changes.waitingMinutes = request.waitingMinutes;
  if ((request.channelId ?? null) !== original.channelId) changes.channelId = request.channelId;
  if ((request.teamId ?? null) !== original.teamId) changes.teamId = request.teamId;
  if (!same(request.conditions, original.conditions.map((condition) => toCondition(conditionDraft(condition))))) changes.conditions = request.conditions;
  if (!same(request.actions, original.actions)) changes.actions = request.actions;
  if (request.continueAfter !== original.continueAfter) changes.continueAfter = request.continueAfter;
  if (request.answerAssigned !== original.answerAssigned) changes.answerAssigned = request.answerAssigned;
  return changes;
}

/** The ids in their new order after moving one rule by `step` places; unchanged at either end. */
export function moveRule(ruleIds: readonly string[], ruleId: string, step: -1 | 1): string[] {
  const from = ruleIds.indexOf(ruleId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ruleIds.length) return [...ruleIds];
  const next = [...ruleIds];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}
