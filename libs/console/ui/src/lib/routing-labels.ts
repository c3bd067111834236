import { AssignmentPolicy, ConversationPriority, type PresenceStatus, type RoutingLanguage } from '@backtalk/contracts';

// Names for routing, shared by the inbox, the queue view and the team settings.

export const POLICY_LABELS: Record<AssignmentPolicy, string> = {
  [AssignmentPolicy.Manual]: 'Manual',
  [AssignmentPolicy.RoundRobin]: 'Round robin',
  [AssignmentPolicy.LeastLoaded]: 'Least loaded',
};

export const LANGUAGE_LABELS: Record<RoutingLanguage, string> = {
  en: 'English',
  uk: 'Ukrainian',
  ru: 'Russian',
};

export const PRIORITY_LABELS: Record<ConversationPriority, string> = {
  [ConversationPriority.Urgent]: 'Urgent',
  [ConversationPriority.High]: 'High',
  [ConversationPriority.Normal]: 'Normal',
  [ConversationPriority.Low]: 'Low',
};

export const PRESENCE_LABELS: Record<PresenceStatus, string> = {
  online: 'Online',
  away: 'Away',
  offline: 'Offline',
};

/** Most urgent first: the order the queue serves them in. */
export const PRIORITIES_BY_URGENCY: readonly ConversationPriority[] = [
  ConversationPriority.Urgent,
  ConversationPriority.High,
  ConversationPriority.Normal,
  ConversationPriority.Low,
];
