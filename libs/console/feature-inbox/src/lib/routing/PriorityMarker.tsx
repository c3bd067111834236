import type { ConversationPriority } from '@backtalk/contracts';
import { Icon, PRIORITY_LABELS } from '@backtalk/console/ui';
import { isRaisedPriority } from './priority-display';

/** A small flag next to a high or urgent conversation's name; nothing for the others. */
export function PriorityMarker({ priority }: { priority: ConversationPriority }) {
  if (!isRaisedPriority(priority)) return null;
  return (
    <span className={`bt-priority-marker bt-priority-marker--${priority}`} title={`${PRIORITY_LABELS[priority]} priority`} data-testid="priority-marker">
      <Icon name="flag" size={10} />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
