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

/**
 * How a summary sets off the names and the customers' words it quotes: as they are by default (tests, accessible
 * names), or wrapped by `markSummaryData` so that `summaryParts` can show them as data.
 */
export type MarkData = (text: string) => string;

const asIs: MarkData = (text) => text;

// Private-use characters: no name or keyword a person types holds them, and the console never shows them.
const DATA_START = '\uE000';
const DATA_END = '\uE001';

export const markSummaryData: MarkData = (text) => `${DATA_START}${text}${DATA_END}`;

/** A summary written with `markSummaryData`, cut into interface text and the data inside it, in order. */
export function summaryParts(summary: string): { text: string; isData: boolean }[] {
  return summary
    .split(new RegExp(`(${DATA_START}[^${DATA_END}]*${DATA_END})`, 'u'))
    .filter((part) => part !== '')
    .map((part) => (part.startsWith(DATA_START) ? { text: part.slice(1, -1), isData: true } : { text: part, isData: false }));
}

const quoted = (text: string) => t('common.quoted', { text });
const either = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : t('common.listOr', { items: items.slice(0, -1).join(', '), last: items[items.length - 1] }));

export function describeTrigger(rule: Pick<RuleView, 'trigger' | 'waitingMinutes'>): string {
  if (rule.trigger === RuleTrigger.WaitingLongerThan) return t('summary.waitingLongerThan', { minutes: rule.waitingMinutes ?? 0 });
  return TRIGGER_LABELS[rule.trigger];
}

/** A name as `mark` sets off data, or `removed` (interface text) when nobody can name the id. */
const named = (name: string | undefined, removed: string, mark: MarkData) => (name === undefined ? removed : mark(name));

export function describeScope(rule: Pick<RuleView, 'channelId' | 'teamId'>, names: RuleNames, mark: MarkData = asIs): string {
  if (rule.channelId) return t('summary.scopeChannel', { name: named(names.channel(rule.channelId), t('summary.removedName'), mark) });
  if (rule.teamId) return t('summary.scopeTeam', { name: named(names.team(rule.teamId), t('summary.removedName'), mark) });
  return t('summary.allChannels');
}

export function describeCondition(condition: RuleCondition, names: RuleNames, mark: MarkData = asIs): string {
  switch (condition.type) {
    case 'faq_match': {
      const confidence = formatConfidence(condition.minConfidence) ?? '?';
      return condition.faqId
        ? t('summary.faqMatchesOne', { faq: quoted(named(names.answer(condition.faqId), t('summary.removedAnswer'), mark)), confidence })
        : t('summary.faqMatchesAny', { confidence });
    }
    case 'keywords':
      return t('summary.mentions', { words: either(condition.any.map((word) => quoted(mark(word)))) });
    case 'regex':
      return t('summary.matchesPattern', { pattern: mark(condition.pattern) });
    case 'language':
      return t('summary.languageIs', { languages: either(condition.in.map((language) => LANGUAGE_LABELS[language])) });
    case 'contact': {
      const field = CONTACT_FIELD_LABELS[condition.field].toLocaleLowerCase();
      const operator = CONTACT_OPERATOR_LABELS[condition.operator];
      return condition.value !== undefined && condition.operator !== 'is_empty' && condition.operator !== 'is_not_empty'
        ? t('summary.contactTest', { field, operator, value: quoted(mark(condition.value)) })
        : t('summary.contactTestNoValue', { field, operator });
    }
    case 'contact_attribute': {
      const operator = CONTACT_ATTRIBUTE_OPERATOR_LABELS[condition.operator];
      return condition.operator === 'is_set' || condition.value === undefined
        ? t('summary.attributeTestNoValue', { key: mark(condition.key), operator })
        : t('summary.attributeTest', { key: mark(condition.key), operator, value: quoted(mark(String(condition.value))) });
    }
    case 'business_hours':
      return condition.state === 'open' ? t('summary.teamOpen') : t('summary.teamClosed');
    case 'status':
      return t('summary.statusIs', { statuses: either(condition.in.map((status) => STATUS_LABELS[status].toLocaleLowerCase())) });
  }
}

export function describeAction(action: RuleAction, names: RuleNames, mark: MarkData = asIs): string {
  switch (action.type) {
    case 'reply':
      return action.cannedAnswerId === 'matched_faq'
        ? t('summary.replyMatched')
        : t('summary.replyWith', { answer: quoted(named(names.answer(action.cannedAnswerId), t('summary.removedAnswer'), mark)) });
    case 'assign_team':
      return t('summary.assignTeam', { team: named(names.team(action.teamId), t('summary.removedName'), mark) });
    case 'assign_agent':
      return t('summary.assignAgent', { agent: named(names.user(action.userId), t('summary.removedAgent'), mark) });
    case 'set_priority':
      return t('summary.setPriority', { priority: PRIORITY_LABELS[action.priority].toLocaleLowerCase() });
    case 'add_tag':
      return t('summary.addLabel', { label: quoted(named(names.label(action.labelId), t('summary.removedLabel'), mark)) });
    case 'set_status':
      return t('summary.setStatus', { status: STATUS_LABELS[action.status].toLocaleLowerCase() });
  }
}

/** The actions as one sentence, in order: "Reply with the matched FAQ, set status to pending". */
export function describeActions(actions: readonly RuleAction[], names: RuleNames, mark: MarkData = asIs): string {
  return actions.map((action, index) => {
    const text = describeAction(action, names, mark);
    return index === 0 ? text : `${text[0].toLocaleLowerCase()}${text.slice(1)}`;
  }).join(', ');
}
