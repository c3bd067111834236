import { type ContactAttributeOperator, ConversationStatus, RuleTrigger, type RuleAction, type RuleCondition, type RuleView } from '@backtalk/contracts';
import { formatConfidence, LANGUAGE_LABELS, PRIORITY_LABELS } from '@backtalk/console/ui';

// Rules read as sentences in the list, the editor and the test bench: "When a customer sends a message, if an FAQ
// matches at 80% or more: reply with the matched FAQ, set status to pending".

export const TRIGGER_LABELS: Record<RuleTrigger, string> = {
  [RuleTrigger.InboundMessage]: 'A customer sends a message',
  [RuleTrigger.FirstMessage]: 'A new conversation starts',
  [RuleTrigger.WaitingLongerThan]: 'A customer waits too long',
  [RuleTrigger.OutsideBusinessHours]: 'A message arrives after hours',
};

export const TRIGGER_DESCRIPTIONS: Record<RuleTrigger, string> = {
  [RuleTrigger.InboundMessage]: 'Every message a customer sends.',
  [RuleTrigger.FirstMessage]: 'Only the message that opens a conversation.',
  [RuleTrigger.WaitingLongerThan]: 'An open conversation still unanswered after some minutes.',
  [RuleTrigger.OutsideBusinessHours]: 'A message while the team is closed.',
};

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  [ConversationStatus.Open]: 'Open',
  [ConversationStatus.Pending]: 'Pending',
  [ConversationStatus.Snoozed]: 'Snoozed',
  [ConversationStatus.Resolved]: 'Resolved',
};

export const CONDITION_LABELS: Record<RuleCondition['type'], string> = {
  faq_match: 'FAQ matches',
  keywords: 'Message mentions',
  regex: 'Message matches a pattern',
  language: 'Language',
  contact: 'Contact',
  contact_attribute: 'Contact attribute',
  business_hours: 'Business hours',
  status: 'Conversation status',
};

export const ACTION_LABELS: Record<RuleAction['type'], string> = {
  reply: 'Reply with an answer',
  set_status: 'Set status',
  assign_team: 'Assign to a team',
  assign_agent: 'Assign to an agent',
  set_priority: 'Set priority',
  add_tag: 'Add a label',
};

export const CONTACT_FIELD_LABELS = { name: 'Name', phone: 'Phone number', notes: 'Notes' } as const;
export const CONTACT_ATTRIBUTE_OPERATOR_LABELS: Record<ContactAttributeOperator, string> = {
  equals: 'is',
  contains: 'contains',
  is_set: 'is set',
  greater: 'is more than',
  less: 'is less than',
};

export const CONTACT_OPERATOR_LABELS = {
  contains: 'contains',
  equals: 'is',
  starts_with: 'starts with',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
} as const;

/** Names for the ids rules hold; an id nobody can name (deleted, or another team's) reads as such. */
export interface RuleNames {
  answer: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
  user: (id: string) => string | undefined;
  label: (id: string) => string | undefined;
  channel: (id: string) => string | undefined;
}

const quoted = (text: string) => `“${text}”`;
const either = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

export function describeTrigger(rule: Pick<RuleView, 'trigger' | 'waitingMinutes'>): string {
  if (rule.trigger === RuleTrigger.WaitingLongerThan) {
    const minutes = rule.waitingMinutes ?? 0;
    return `A customer waits longer than ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  return TRIGGER_LABELS[rule.trigger];
}

export function describeScope(rule: Pick<RuleView, 'channelId' | 'teamId'>, names: RuleNames): string {
  if (rule.channelId) return `Channel ${names.channel(rule.channelId) ?? '(removed)'}`;
  if (rule.teamId) return `Team ${names.team(rule.teamId) ?? '(removed)'}`;
  return 'All channels';
}

export function describeCondition(condition: RuleCondition, names: RuleNames): string {
  switch (condition.type) {
    case 'faq_match': {
      const at = `at ${formatConfidence(condition.minConfidence) ?? '?'} or more`;
      return condition.faqId ? `FAQ ${quoted(names.answer(condition.faqId) ?? 'removed answer')} matches ${at}` : `An FAQ matches ${at}`;
    }
    case 'keywords':
      return `Message mentions ${either(condition.any.map(quoted))}`;
    case 'regex':
      return `Message matches /${condition.pattern}/`;
    case 'language':
      return `Language is ${either(condition.in.map((language) => LANGUAGE_LABELS[language]))}`;
    case 'contact': {
      const field = CONTACT_FIELD_LABELS[condition.field].toLowerCase();
      const operator = CONTACT_OPERATOR_LABELS[condition.operator];
      return condition.value !== undefined && condition.operator !== 'is_empty' && condition.operator !== 'is_not_empty'
        ? `Contact ${field} ${operator} ${quoted(condition.value)}`
        : `Contact ${field} ${operator}`;
    }
    case 'contact_attribute': {
      const operator = CONTACT_ATTRIBUTE_OPERATOR_LABELS[condition.operator];
      return condition.operator === 'is_set' || condition.value === undefined ? `Contact’s ${condition.key} ${operator}` : `Contact’s ${condition.key} ${operator} ${quoted(String(condition.value))}`;
    }
    case 'business_hours':
      return condition.state === 'open' ? 'The team is open' : 'The team is closed';
    case 'status':
      return `Conversation is ${either(condition.in.map((status) => STATUS_LABELS[status].toLowerCase()))}`;
  }
}

export function describeAction(action: RuleAction, names: RuleNames): string {
  switch (action.type) {
    case 'reply':
      return action.cannedAnswerId === 'matched_faq' ? 'Reply with the matched FAQ' : `Reply with ${quoted(names.answer(action.cannedAnswerId) ?? 'removed answer')}`;
    case 'assign_team':
      return `Assign to team ${names.team(action.teamId) ?? '(removed)'}`;
    case 'assign_agent':
      return `Assign to ${names.user(action.userId) ?? 'a removed agent'}`;
    case 'set_priority':
      return `Set priority to ${PRIORITY_LABELS[action.priority].toLowerCase()}`;
    case 'add_tag':
      return `Label ${quoted(names.label(action.labelId) ?? 'removed label')}`;
    case 'set_status':
      return `Set status to ${STATUS_LABELS[action.status].toLowerCase()}`;
  }
}

/** The actions as one sentence, in order: "Reply with the matched FAQ, set status to pending". */
export function describeActions(actions: readonly RuleAction[], names: RuleNames): string {
  return actions.map((action, index) => {
    const text = describeAction(action, names);
    return index === 0 ? text : `${text[0].toLowerCase()}${text.slice(1)}`;
  }).join(', ');
}
