import { ConversationStatus, MessageDirection, type ConversationView } from '@backtalk/contracts';
import { useChannel, useConversation, useMessageAuthorId, usePresence, useSignedInUser } from '@backtalk/console/data-access';
import { useFormat, useTranslation } from '@backtalk/console/i18n';
import { Avatar, Badge, cx, formatDuration, formatShortAgo, Icon, useNow, type BadgeTone } from '@backtalk/console/ui';
import { LabelChips, sortedLabels } from '@backtalk/console/feature-labels';
import { memo } from 'react';
import { Link } from 'react-router-dom';
import { firstName } from '../directory';
import { usePhoneFormat } from '../phone';
import { PriorityMarker } from '../routing/PriorityMarker';
import { SlaTimer } from '../routing/SlaTimer';
import { contactLabel, deliveryState, lastMessagePreview } from '../thread/message-display';

const STATUS_TONES: Record<ConversationStatus, BadgeTone> = {
  [ConversationStatus.Open]: 'accent',
  [ConversationStatus.Pending]: 'warning',
  [ConversationStatus.Snoozed]: 'neutral',
  [ConversationStatus.Resolved]: 'success',
};
import { Highlighted } from './Highlighted';
import type { ListContext } from './list-context';

export const ROW_HEIGHT = 78;

interface ConversationRowProps {
  id: string;
  href: string;
  selected: boolean;
  highlighted: boolean;
  context: ListContext;
}

function WaitingTime({ conversation, now }: { conversation: ConversationView; now: number }) {
  const { t } = useTranslation('inbox');
  if (!conversation.waitingSince || conversation.status !== ConversationStatus.Open) return null;
  const waited = now - Date.parse(conversation.waitingSince);
  const long = waited >= 60 * 60_000;
  return (
    <span className={cx('bt-conv-row__waiting', long && 'bt-conv-row__waiting--long')} title={t('list.row.waitingTitle')}>
      <Icon name="hourglass" size={11} />
      {waited < 60_000 ? `<${formatDuration(60_000)}` : formatDuration(waited)}
    </span>
  );
}

/** One conversation in the list: who, what was said last, how long they have waited, whose it is. */
export const ConversationRow = memo(function ConversationRow({ id, href, selected, highlighted, context }: ConversationRowProps) {
  const conversation = useConversation(id);
  const user = useSignedInUser();
  const now = useNow();
  const lastAuthorId = useMessageAuthorId(conversation?.lastMessage?.id);
  const channel = useChannel(conversation?.channelId);
  const format = usePhoneFormat();
  const presence = usePresence(conversation?.assigneeId);
  const { t } = useTranslation('inbox');
  const dates = useFormat();
  if (!conversation) return null;

  const name = contactLabel(conversation, format);
  const preview = lastMessagePreview(conversation, () => (lastAuthorId === null ? null : lastAuthorId === user.id ? t('list.row.you') : firstName(context.people.get(lastAuthorId)?.name ?? t('list.row.agent'))));
  const last = conversation.lastMessage;
  const tick = last && last.direction === MessageDirection.Outbound ? deliveryState(last.status) : null;
  const assignee = conversation.assigneeId ? context.people.get(conversation.assigneeId) : undefined;
  const unread = conversation.unreadCount > 0;

  return (
    <Link
      to={href}
      className={cx('bt-conv-row', unread && 'bt-conv-row--unread', selected && 'bt-conv-row--selected', highlighted && 'bt-conv-row--cursor')}
      aria-current={selected ? 'page' : undefined}
      data-conversation-id={id}
    >
      <span className="bt-conv-row__line">
        <span className="bt-conv-row__name" translate="no">
          <Highlighted text={name} query={context.query} />
        </span>
        <PriorityMarker priority={conversation.priority} />
        {conversation.optedOut ? (
          <span className="bt-conv-row__optout" title={t('list.row.optedOutTitle')}>
            {t('list.row.optedOut')}
          </span>
        ) : null}
        <time className="bt-conv-row__time" dateTime={conversation.lastMessageAt} title={dates.dateTime(conversation.lastMessageAt)}>
          {formatShortAgo(conversation.lastMessageAt, now)}
        </time>
      </span>
      <span className="bt-conv-row__line">
        <span className="bt-conv-row__preview">
          {tick ? <Icon name={tick.icon} size={12} className={`bt-tick bt-tick--${tick.tone}`} /> : null}
          {preview.prefix ? <span className="bt-conv-row__prefix">{preview.prefix}</span> : null}
          <span className="bt-conv-row__text" translate="no">
            <Highlighted text={preview.text} query={context.query} />
          </span>
        </span>
        {unread ? (
          <span className="bt-conv-row__unread" aria-label={t('list.row.unread', { count: conversation.unreadCount })}>
            {conversation.unreadCount > 99 ? '99+' : conversation.unreadCount}
          </span>
        ) : null}
      </span>
      <span className="bt-conv-row__line bt-conv-row__meta">
        <span className="bt-conv-row__channel" translate={channel ? 'no' : undefined}>
          {channel?.name ?? '\u00a0'}
        </span>
        {/* Two fit beside the channel on a phone; the rest are counted. */}
        <LabelChips className="bt-conv-row__labels" labels={sortedLabels(context.labels, conversation.labelIds)} max={2} size="sm" />
        {context.showStatus && conversation.status !== ConversationStatus.Open ? <Badge tone={STATUS_TONES[conversation.status]}>{t(`list.row.status.${conversation.status}`)}</Badge> : null}
        {/* A running SLA says more than the wait it is counted from. */}
        {conversation.slaDueAt ? <SlaTimer conversation={conversation} variant="row" /> : <WaitingTime conversation={conversation} now={now} />}
        <span className="bt-conv-row__assignee">
          {assignee ? (
            <Avatar
              name={assignee.name}
              size="xs"
              presence={assignee.id === user.id ? undefined : presence?.status}
              title={
                assignee.id === user.id
                  ? t('list.row.assignedToYou')
                  : presence
                    ? t('list.row.assignedToPresence', { name: assignee.name, presence: presence.status })
                    : t('list.row.assignedTo', { name: assignee.name })
              }
            />
          ) : conversation.assigneeId || conversation.status !== ConversationStatus.Open ? null : (
            <span className="bt-conv-row__unassigned" title={t('list.row.unassignedTitle')}>
              {t('list.row.unassigned')}
            </span>
          )}
        </span>
      </span>
    </Link>
  );
});
