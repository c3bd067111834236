import { type ContactAttributeOperator, ConversationStatus, RuleTrigger, type RuleAction, type RuleCondition, type RuleView } from '@backtalk/contracts';
import { formatConfidence, LANGUAGE_LABELS, PRIORITY_LABELS } from '@backtalk/console/ui';
import { translateAutomation as t, translatedLabels } from '../../i18n';

type ContactCondition = Extract<RuleCondition, { type: 'contact' }>;
type ContactField = ContactCondition['field'];
type ContactOperator = ContactCondition['operator'];

// Rules read as sentences in the list, the editor and the test bench: "When a customer sends a message, if an FAQ
// matches at 80% or more: reply with the matched FAQ, set status to pending".

export const TRIGGER_LABELS = translatedLabels<RuleTrigger>('summary.triggers', Object.values(RuleTrigger));

export const TRIGGER_DESCRIPTIONS = translatedLabels<RuleTrigger>('summary.triggerDescriptions', Object.values(RuleTrigger));

export const STATUS_LABELS = translatedLabels<ConversationStatus>('summary.statuses', Object.values(ConversationStatus));

export const CONDITION_LABELS = translatedLabels<RuleCondition['type']>('summary.conditions', [
  'faq_match',
  'keywords',
  'regex',
  'language',
  'contact',
  'contact_attribute',
  'business_hours',
  'status',
]);

export const ACTION_LABELS = translatedLabels<RuleAction['type']>('summary.actions', ['reply', 'set_status', 'assign_team', 'assign_agent', 'set_priority', 'add_tag']);

export const CONTACT_FIELD_LABELS = translatedLabels<ContactField>('summary.contactFields', ['name', 'phone', 'notes']);

export const CONTACT_ATTRIBUTE_OPERATOR_LABELS = translatedLabels<ContactAttributeOperator>('summary.attributeOperators', ['equals', 'contains', 'is_set', 'greater', 'less']);

export const CONTACT_OPERATOR_LABELS = translatedLabels<ContactOperator>('summary.contactOperators', ['contains', 'equals', 'starts_with', 'is_empty', 'is_not_empty']);

/** Names for the ids rules hold; an id nobody can name (deleted, or another team's) reads as such. */
export interface RuleNames {
  answer: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
  user: (id: string) => string | undefined;
  label: (id: string) => string | undefined;
  channel: (id: string) => string | undefined;
}

const quoted = (text: string) => t('common.quoted', { text });
const either = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : t('common.listOr', { items: items.slice(0, -1).join(', '), last: items[items.length - 1] }));

export function describeTrigger(rule: Pick<RuleView, 'trigger' | 'waitingMinutes'>): string {
  if (rule.trigger === RuleTrigger.WaitingLongerThan) return t('summary.waitingLongerThan', { minutes: rule.waitingMinutes ?? 0 });
  return TRIGGER_LABELS[rule.trigger];
}

export function describeScope(rule: Pick<RuleView, 'channelId' | 'teamId'>, names: RuleNames): string {
  if (rule.channelId) return t('summary.scopeChannel', { name: names.channel(rule.channelId) ?? t('summary.removedName') });
  if (rule.teamId) return t('summary.scopeTeam', { name: names.team(rule.teamId) ?? t('summary.removedName') });
  return t('summary.allChannels');
}

export function describeCondition(condition: RuleCondition, names: RuleNames): string {
  switch (condition.type) {
    case 'faq_match': {
      const confidence = formatConfidence(condition.minConfidence) ?? '?';
      return condition.faqId
        ? t('summary.faqMatchesOne', { faq: quoted(names.answer(condition.faqId) ?? t('summary.removedAnswer')), confidence })
        : t('summary.faqMatchesAny', { confidence });
    }
    case 'keywords':
      return t('summary.mentions', { words: either(condition.any.map(quoted)) });
    case 'regex':
      return t('summary.matchesPattern', { pattern: condition.pattern });
    case 'language':
      return t('summary.languageIs', { languages: either(condition.in.map((language) => LANGUAGE_LABELS[language])) });
    case 'contact': {
      const field = CONTACT_FIELD_LABELS[condition.field].toLocaleLowerCase();
      const operator = CONTACT_OPERATOR_LABELS[condition.operator];
      return condition.value !== undefined && condition.operator !== 'is_empty' && condition.operator !== 'is_not_empty'
        ? t('summary.contactTest', { field, operator, value: quoted(condition.value) })
        : t('summary.contactTestNoValue', { field, operator });
    }
    case 'contact_attribute': {
      const operator = CONTACT_ATTRIBUTE_OPERATOR_LABELS[condition.operator];
      return condition.operator === 'is_set' || condition.value === undefined
        ? t('summary.attributeTestNoValue', { key: condition.key, operator })
        : t('summary.attributeTest', { key: condition.key, operator, value: quoted(String(condition.value)) });
    }
    case 'business_hours':
      return condition.state === 'open' ? t('summary.teamOpen') : t('summary.teamClosed');
    case 'status':
      return t('summary.statusIs', { statuses: either(condition.in.map((status) => STATUS_LABELS[status].toLocaleLowerCase())) });
  }
}

export function describeAction(action: RuleAction, names: RuleNames): string {
  switch (action.type) {
    case 'reply':
      return action.cannedAnswerId === 'matched_faq'
        ? t('summary.replyMatched')
        : t('summary.replyWith', { answer: quoted(names.answer(action.cannedAnswerId) ?? t('summary.removedAnswer')) });
    case 'assign_team':
      return t('summary.assignTeam', { team: names.team(action.teamId) ?? t('summary.removedName') });
    case 'assign_agent':
      return t('summary.assignAgent', { agent: names.user(action.userId) ?? t('summary.removedAgent') });
    case 'set_priority':
      return t('summary.setPriority', { priority: PRIORITY_LABELS[action.priority].toLocaleLowerCase() });
    case 'add_tag':
      return t('summary.addLabel', { label: quoted(names.label(action.labelId) ?? t('summary.removedLabel')) });
    case 'set_status':
      return t('summary.setStatus', { status: STATUS_LABELS[action.status].toLocaleLowerCase() });
  }
}

/** The actions as one sentence, in order: "Reply with the matched FAQ, set status to pending". */
export function describeActions(actions: readonly RuleAction[], names: RuleNames): string {
  return actions.map((action, index) => {
    const text = describeAction(action, names);
    return index === 0 ? text : `${text[0].toLocaleLowerCase()}${text.slice(1)}`;
  }).join(', ');
}
