import type { ConversationPriority } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { Icon, PRIORITY_LABELS } from '@backtalk/console/ui';
import { isRaisedPriority } from './priority-display';

/** A small flag next to a high or urgent conversation's name; nothing for the others. */
export function PriorityMarker({ priority }: { priority: ConversationPriority }) {
  const { t } = useTranslation('inbox');
  if (!isRaisedPriority(priority)) return null;
  return (
    <span className={`bt-priority-marker bt-priority-marker--${priority}`} title={t('list.routing.priorityTitle', { priority: PRIORITY_LABELS[priority] })} data-testid="priority-marker">
      <Icon name="flag" size={10} />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
