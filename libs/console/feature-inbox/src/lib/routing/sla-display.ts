import { ConversationStatus, SLA_WARNING_FRACTION, type ConversationView, type SlaKind, type SlaTargets } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { formatDateTime, formatDuration } from '@backtalk/console/ui';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

export type SlaTone = 'ok' | 'warning' | 'breached';

export interface SlaDisplay {
  tone: SlaTone;
  /** For the conversation header: "First reply due in 12m", "SLA breached 5m ago". */
  label: string;
  /** For a list row: "12m left", "Overdue 5m". */
  short: string;
  /** The exact due time, for a tooltip. */
  title: string;
}

/**
 * Without the team's target the console cannot tell a quarter of it from the due time alone; a quarter of the most
 * common first-reply target (an hour) is a fair guess.
 */
export const FALLBACK_WARNING_MS = 15 * 60_000;

/** How long before the due time the timer turns amber: a quarter of the target, as the queue view counts "at risk". */
export function warningWindowMs(kind: SlaKind, targets: SlaTargets | undefined): number {
  const minutes = kind === 'first_response' ? targets?.firstResponseMinutes : targets?.nextResponseMinutes;
  return minutes ? minutes * 60_000 * SLA_WARNING_FRACTION : FALLBACK_WARNING_MS;
}

const span = (ms: number) => (ms < 60_000 ? `<${formatDuration(60_000)}` : formatDuration(ms));

/** The running SLA of an open conversation as it reads now; null when none runs. */
export function slaDisplay(
  conversation: Pick<ConversationView, 'slaDueAt' | 'slaKind' | 'status'>,
  now: number,
  targets?: SlaTargets,
): SlaDisplay | null {
  const { slaDueAt, slaKind } = conversation;
  if (!slaDueAt || !slaKind || conversation.status !== ConversationStatus.Open) return null;
  const due = Date.parse(slaDueAt);
  if (Number.isNaN(due)) return null;
  const first = slaKind === 'first_response';
  const left = due - now;
  if (left <= 0) {
    const over = -left;
    return {
      tone: 'breached',
      label: over < 60_000 ? t('list.routing.sla.breachedJustNow') : t('list.routing.sla.breachedAgo', { time: formatDuration(over) }),
      short: t('list.routing.sla.overdue', { time: span(over) }),
      title: t(first ? 'list.routing.sla.firstReplyWasDue' : 'list.routing.sla.replyWasDue', { when: formatDateTime(slaDueAt) }),
    };
  }
  return {
    tone: left < warningWindowMs(slaKind, targets) ? 'warning' : 'ok',
    label: t(first ? 'list.routing.sla.firstReplyDueIn' : 'list.routing.sla.replyDueIn', { time: span(left) }),
    short: t('list.routing.sla.left', { time: span(left) }),
    title: t(first ? 'list.routing.sla.firstReplyDue' : 'list.routing.sla.replyDue', { when: formatDateTime(slaDueAt) }),
  };
}
