import type { ConversationView } from '@backtalk/contracts';
import { useSlaTargets } from '@backtalk/console/data-access';
import { cx, Icon, useNow } from '@backtalk/console/ui';
import { slaDisplay } from './sla-display';

/** The running SLA: a short countdown in a list row, a sentence in the conversation header. */
export function SlaTimer({ conversation, variant }: { conversation: ConversationView; variant: 'row' | 'header' }) {
  const targets = useSlaTargets(conversation.slaDueAt ? conversation.teamId : null);
  const now = useNow();
  const sla = slaDisplay(conversation, now, targets);
  if (!sla) return null;
  return (
    <span className={cx('bt-sla', `bt-sla--${variant}`, `bt-sla--${sla.tone}`)} title={sla.title} data-testid="sla-timer" data-tone={sla.tone}>
      <Icon name="timer" size={variant === 'row' ? 11 : 13} />
      {variant === 'row' ? sla.short : sla.label}
    </span>
  );
}
