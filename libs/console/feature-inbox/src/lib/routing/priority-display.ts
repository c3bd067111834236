import { ConversationPriority } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

/** Each hint is read when looked up, so a menu built after a language switch speaks the new language. */
export const PRIORITY_HINTS: Readonly<Record<ConversationPriority, string>> = Object.defineProperties(
  {} as Record<ConversationPriority, string>,
  Object.fromEntries(Object.values(ConversationPriority).map((priority) => [priority, { enumerable: true, get: () => t(`list.routing.hints.${priority}`) }])),
);

/** Only the priorities that change what an agent should pick next get a mark in the list. */
export function isRaisedPriority(priority: ConversationPriority): boolean {
  return priority === ConversationPriority.Urgent || priority === ConversationPriority.High;
}
