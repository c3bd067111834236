import { ConversationPriority } from '@backtalk/contracts';

export const PRIORITY_HINTS: Record<ConversationPriority, string> = {
  [ConversationPriority.Urgent]: 'Served before anything else',
  [ConversationPriority.High]: 'Ahead of normal ones',
  [ConversationPriority.Normal]: 'In order of waiting',
  [ConversationPriority.Low]: 'After everything else',
};

/** Only the priorities that change what an agent should pick next get a mark in the list. */
export function isRaisedPriority(priority: ConversationPriority): boolean {
  return priority === ConversationPriority.Urgent || priority === ConversationPriority.High;
}
