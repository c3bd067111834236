import { AssignmentPolicy, ConversationPriority, type PresenceStatus, type RoutingLanguage } from '@backtalk/contracts';
import { translatedRecord } from './translated-record';

// Names for routing, shared by the inbox, the queue view and the team settings.

export const POLICY_LABELS = translatedRecord('policies', Object.values(AssignmentPolicy));

export const LANGUAGE_LABELS = translatedRecord<RoutingLanguage>('languages', ['en', 'uk', 'ru']);

export const LANGUAGE_CODES = translatedRecord<RoutingLanguage>('languageCodes', ['en', 'uk', 'ru']);

export const PRIORITY_LABELS = translatedRecord('priorities', Object.values(ConversationPriority));

export const PRESENCE_LABELS = translatedRecord<PresenceStatus>('presence', ['online', 'away', 'offline']);

/** Most urgent first: the order the queue serves them in. */
export const PRIORITIES_BY_URGENCY: readonly ConversationPriority[] = [
  ConversationPriority.Urgent,
  ConversationPriority.High,
  ConversationPriority.Normal,
  ConversationPriority.Low,
];
