import { MessageDirection, Role, type RealtimeEvent } from '@backtalk/contracts';
import type { InboxViewer } from '@backtalk/console/data-access';
import { translatorFor } from '@backtalk/console/i18n';
import { INBOX_NAMESPACE } from '../../i18n';
import { contactLabel } from '../thread/message-display';

export interface InboxAlert {
  conversationId: string;
  title: string;
  body: string;
}

export interface AlertContext {
  viewer: InboxViewer;
  /** The conversation on screen, if any. */
  openConversationId: string | null;
  /** The tab is in front: a message in the open conversation needs no alert then. */
  visible: boolean;
}

const PREVIEW_LENGTH = 120;
const t = translatorFor(INBOX_NAMESPACE);

/**
 * New customer messages worth interrupting someone for: in conversations assigned to them or waiting unassigned in
 * their teams (Mine and Unassigned), unless they are looking at that very conversation.
 */
export function alertsFor(events: readonly RealtimeEvent[], context: AlertContext): InboxAlert[] {
  const { viewer } = context;
  const alerts: InboxAlert[] = [];
  for (const event of events) {
    const { conversation, message } = event;
    if (event.type !== 'message.received' || !conversation || !message || message.direction !== MessageDirection.Inbound) continue;
    const mine = conversation.assigneeId === viewer.userId;
    const unassignedInMyTeam = conversation.assigneeId === null && (viewer.role === Role.Admin || viewer.teamIds.includes(conversation.teamId));
    if (!mine && !unassignedInMyTeam) continue;
    if (context.visible && context.openConversationId === conversation.id) continue;
    const text = message.body.replace(/\s+/g, ' ').trim() || t('list.alerts.attachment');
    alerts.push({
      conversationId: conversation.id,
      title: contactLabel(conversation),
      body: text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text,
    });
  }
  return alerts;
}

/** Many messages at once (after a reconnect) make one notification, not a flood. */
export function summarise(alerts: readonly InboxAlert[]): InboxAlert | null {
  if (alerts.length === 0) return null;
  if (alerts.length === 1) return alerts[0];
  const senders = [...new Set(alerts.map((alert) => alert.title))];
  return {
    conversationId: alerts[alerts.length - 1].conversationId,
    title: t('list.alerts.manyTitle', { count: alerts.length }),
    body: senders.length <= 3 ? t('list.alerts.from', { senders: senders.join(', ') }) : t('list.alerts.fromMore', { senders: senders.slice(0, 3).join(', '), count: senders.length - 3 }),
  };
}
