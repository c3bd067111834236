import { isHttpUrl, MessageKind, MessageStatus, type MessageView, type UserView } from '@backtalk/contracts';
import { describeDeliveryError, describeError, useCancelScheduled, useCannedAnswers, useResendMessage, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, cx, formatDateTime, formatTime, Icon } from '@backtalk/console/ui';
import { memo } from 'react';
import { automationLabel, autoReplyDetails, bubbleSide, deliveryState } from './message-display';

export interface MessageBubbleProps {
  message: MessageView;
  author: UserView | undefined;
  selfId: string;
  /** Last of a run of messages from the same sender: only it shows the time, unless a message needs attention. */
  lastInRun: boolean;
}

function DeliveryProblem({ message }: { message: MessageView }) {
  const resend = useResendMessage();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  const state = deliveryState(message.status);
  if (!state || (state.tone !== 'danger' && state.tone !== 'warning')) return null;

  const unknown = message.status === MessageStatus.Unknown;
  const words = describeDeliveryError(message.error);
  const reason = unknown ? (
    t('thread.message.unknownReason')
  ) : (
    <>
      {words.sentence}
      {words.sentence && words.carrierText ? ' ' : null}
      {words.carrierText ? <span translate="no">{words.carrierText}</span> : null}
    </>
  );

  return (
    <div className={cx('bt-msg__problem', unknown && 'bt-msg__problem--warning')} role="note">
      <Icon name="alert" size={14} className="bt-msg__problem-icon" />
      <span className="bt-msg__problem-text">
        <strong>{unknown ? t('thread.message.notConfirmed') : message.status === MessageStatus.Undelivered ? t('thread.message.notDelivered') : t('thread.message.notSent')}</strong> {reason}
        {message.error?.code && !unknown ? <span className="bt-msg__problem-code">{t('thread.message.code', { code: message.error.code })}</span> : null}
      </span>
      {state.canResend ? (
        <Button
          size="sm"
          icon="refresh"
          pending={resend.isPending}
          onClick={() =>
            resend.mutate(message.id, {
              onSuccess: () => toastShown('success', t('thread.message.sentAgain')),
              onError: (error) => toastShown('danger', describeError(error)),
            })
          }
        >
          {t('thread.message.resend')}
        </Button>
      ) : null}
    </div>
  );
}

function ScheduledNotice({ message }: { message: MessageView }) {
  const cancel = useCancelScheduled();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  if (message.status !== MessageStatus.Scheduled || !message.sendAt) return null;
  return (
    <div className="bt-msg__scheduled">
      <Icon name="clock" size={13} />
      <span>{t('thread.message.sends', { when: formatDateTime(message.sendAt) })}</span>
      <Button
        size="sm"
        variant="ghost"
        pending={cancel.isPending}
        onClick={() => cancel.mutate(message.id, { onError: (error) => toastShown('danger', describeError(error)) })}
      >
        {t('thread.message.cancelSending')}
      </Button>
    </div>
  );
}

/** "Auto-reply · rule … · FAQ … · 92%": the FAQ is named from the canned answers, fetched only for an auto-reply that names one. */
function AutomationMarker({ message, label }: { message: MessageView; label: string }) {
  const faqId = message.kind === MessageKind.AutoReply ? message.metadata?.['faqId'] : undefined;
  const { data: answers } = useCannedAnswers({ enabled: !!faqId });
  const { t } = useTranslation('inbox');
  const details = autoReplyDetails(message, (id) => answers?.find((answer) => answer.id === id)?.title);
  return (
    <span
      className={cx('bt-msg__marker', details && 'bt-msg__marker--detailed')}
      data-testid="automation-marker"
      title={message.kind === MessageKind.AutoReply ? t('thread.message.automationTitle') : undefined}
    >
      <Icon name="bolt" size={11} />
      {label}
      {details ? <span className="bt-msg__marker-details"> · {details}</span> : null}
    </span>
  );
}

/** One message: the customer's on the left, ours on the right, private notes in yellow across. */
export const MessageBubble = memo(function MessageBubble({ message, author, selfId, lastInRun }: MessageBubbleProps) {
  const { t } = useTranslation('inbox');
  const side = bubbleSide(message);
  const delivery = side === 'outbound' ? deliveryState(message.status) : null;
  const automation = automationLabel(message);
  const authorName = author ? (author.id === selfId ? t('thread.message.you') : author.name) : null;
  // Inside a run, a message still shows its line when its delivery is anything but plainly on its way or done.
  const showMeta = lastInRun || (delivery !== null && delivery.tone !== 'sent' && delivery.tone !== 'delivered');

  return (
    <article
      className={cx('bt-msg', `bt-msg--${side}`, message.status === MessageStatus.Cancelled && 'bt-msg--cancelled')}
      data-message-id={message.id}
      data-status={message.status}
      aria-label={side === 'inbound' ? t('thread.message.customerMessage') : side === 'note' ? t('thread.message.privateNote') : (automation ?? t('thread.message.reply'))}
    >
      {side === 'note' ? (
        <div className="bt-msg__note-head">
          <Icon name="lock" size={12} />
          <span>{t('thread.message.noteHead')}</span>
        </div>
      ) : null}
      <div className="bt-msg__bubble">
        {automation ? <AutomationMarker message={message} label={automation} /> : null}
        {message.body ? <p translate="no" className="bt-msg__body">{message.body}</p> : null}
        {message.removed ? (
          <p className="bt-msg__removed">
            <Icon name="lock" size={12} />
            <span>{t(message.removed.by === 'erasure' ? 'thread.message.contentErased' : message.removed.body ? 'thread.message.textExpired' : 'thread.message.mediaExpired')}</span>
          </p>
        ) : null}
        {message.media.length > 0 ? (
          <ul className="bt-msg__media">
            {message.media.map((media, index) => {
              const label = (
                <>
                  <Icon name="link" size={12} />
                  {media.contentType?.startsWith('image/') ? t('thread.message.image') : t('thread.message.attachment')} {message.media.length > 1 ? index + 1 : ''}
                  {media.contentType ? <span className="bt-msg__media-type">{media.contentType}</span> : null}
                </>
              );
              return (
                <li key={`${index}:${media.url}`}>
                  {/* The API stores only http(s) media, but older rows or another writer may not have: never link anything else. */}
                  {isHttpUrl(media.url) ? (
                    <a href={media.url} target="_blank" rel="noreferrer noopener">
                      {label}
                    </a>
                  ) : (
                    <span className="bt-msg__media-blocked" title={t('thread.message.blockedLink')}>
                      {label}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
        {message.incomplete ? <p className="bt-msg__incomplete">{t('thread.message.incomplete')}</p> : null}
      </div>
      <div className={cx('bt-msg__meta', !showMeta && 'bt-sr-only')}>
        {authorName ? <span translate="no" className="bt-msg__author">{authorName}</span> : null}
        <time dateTime={message.sentAt} title={formatDateTime(message.sentAt)}>
          {formatTime(message.sentAt)}
        </time>
        {delivery ? (
          <span className={`bt-tick bt-tick--${delivery.tone}`} data-testid="delivery-state">
            <Icon name={delivery.icon} size={13} />
            {delivery.label}
          </span>
        ) : null}
        {side === 'outbound' && message.segments > 1 ? <span className="bt-msg__segments">{t('thread.message.segments', { count: message.segments })}</span> : null}
      </div>
      {side === 'outbound' ? <DeliveryProblem message={message} /> : null}
      {side === 'outbound' ? <ScheduledNotice message={message} /> : null}
    </article>
  );
});
