import { ConversationStatus, type ConversationView } from '@backtalk/contracts';
import {
  markConversationRead,
  realtimeCommands,
  refreshConversation,
  useConversation,
  useSignedInUser,
  useChannel,
  useThreadLoader,
  useViewingAgents,
} from '@backtalk/console/data-access';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { Avatar, Badge, Banner, Button, EmptyState, formatDateTime, Icon, LoadingState, PRIORITY_LABELS, type BadgeTone, type MenuEntry } from '@backtalk/console/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { AssignMenu, PriorityMenu, SnoozeMenu, StatusActions } from '../actions/ConversationActions';
import { Composer, hasDraft } from '../composer/Composer';
import { useInboxUiActions } from '../inbox-ui.store';
import { ConversationLabelBar, LabelPicker } from '../labels/LabelPicker';
import { MacrosMenu } from '../macros/MacrosMenu';
import { usePhoneFormat } from '../phone';
import { usePhoneLayout } from '../phone-layout';
import { SlaTimer } from '../routing/SlaTimer';
import { contactLabel } from '../thread/message-display';
import { MessageThread } from '../thread/MessageThread';

const STATUS_TONES: Record<ConversationStatus, BadgeTone> = {
  [ConversationStatus.Open]: 'accent',
  [ConversationStatus.Pending]: 'warning',
  [ConversationStatus.Snoozed]: 'neutral',
  [ConversationStatus.Resolved]: 'success',
};

function Viewers({ conversationId }: { conversationId: string }) {
  const viewers = useViewingAgents(conversationId);
  const { t } = useTranslation('inbox');
  if (viewers.length === 0) return null;
  const names = viewers.map((viewer) => viewer.userName);
  const text = t(names.length === 1 ? 'thread.conversation.viewingOne' : 'thread.conversation.viewingMany', { names: names.join(', ') });
  return (
    <span className="bt-viewers" title={text} data-testid="viewing-indicator">
      <span className="bt-viewers__avatars" aria-hidden="true">
        {viewers.slice(0, 3).map((viewer) => (
          <Avatar key={viewer.userId} name={viewer.userName} size="xs" />
        ))}
      </span>
      <span className="bt-viewers__text">{text}</span>
    </span>
  );
}

function OptedOutBlock({ conversation, onWriteNote }: { conversation: ConversationView; onWriteNote: () => void }) {
  const { t } = useTranslation('inbox');
  return (
    <div className="bt-optout-block" role="note" data-testid="opted-out-block">
      <Icon name="block" size={18} className="bt-optout-block__icon" />
      {conversation.contact.erasedAt ? (
        <div className="bt-optout-block__text">
          <p className="bt-optout-block__title">{t('thread.conversation.erasedTitle')}</p>
          <p>{t('thread.conversation.erasedBody')}</p>
        </div>
      ) : (
        <div className="bt-optout-block__text">
          <p className="bt-optout-block__title">{t('thread.conversation.optedOutTitle', { contact: contactLabel(conversation) })}</p>
          <p>{t('thread.conversation.optedOutBody')}</p>
        </div>
      )}
      <Button size="sm" icon="lock" onClick={onWriteNote}>
        {t('thread.conversation.writeNote')}
      </Button>
    </div>
  );
}

/** Marks the conversation read when it is opened, and again when a message arrives while it is on screen. */
function useMarkRead(conversation: ConversationView | undefined): void {
  const id = conversation?.id;
  const unread = (conversation?.unreadCount ?? 0) > 0;
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');

  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);

  useEffect(() => {
    if (!id || !unread || !visible) return;
    const timer = setTimeout(() => void markConversationRead(id), 400);
    return () => clearTimeout(timer);
  }, [id, unread, visible]);
}

/** The middle pane: who this is, the thread, and the reply box. */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId);
  const user = useSignedInUser();
  const { conversationOpened } = useInboxUiActions();
  const [noteOnOptOut, setNoteOnOptOut] = useState(false);
  const [missing, setMissing] = useState(false);
  const channel = useChannel(conversation?.channelId);
  const formatPhone = usePhoneFormat();
  const location = useLocation();
  const { t } = useTranslation('inbox');
  const phone = usePhoneLayout();
  const actions = useRef<HTMLDivElement>(null);

  useThreadLoader(conversationId);
  useMarkRead(conversation);

  // A conversation opened from a link may not be in any loaded list yet. (The pane is keyed by id, so `missing`
  // starts empty for each conversation.)
  const known = !!conversation;
  useEffect(() => {
    if (known) return;
    refreshConversation(conversationId).catch(() => setMissing(true));
  }, [conversationId, known]);

  useEffect(() => {
    conversationOpened(conversationId);
    realtimeCommands.viewing(conversationId);
    return () => {
      conversationOpened(null);
      realtimeCommands.viewing(null);
    };
  }, [conversationId, conversationOpened]);

  if (!conversation) {
    return (
      <section className="bt-conversation bt-conversation--empty" aria-label={t('thread.conversation.region')}>
        {missing ? (
          <EmptyState compact icon="alert" title={t('thread.conversation.notFoundTitle')}>
            <p>{t('thread.conversation.notFound')}</p>
          </EmptyState>
        ) : (
          <LoadingState label={t('thread.conversation.loading')} />
        )}
      </section>
    );
  }

  const name = contactLabel(conversation, formatPhone);
  const hasName = !!conversation.contact.name.trim();
  const resolved = conversation.status === ConversationStatus.Resolved;

  // A phone's header is one row: back, who, Resolve, the contact and "More actions". The other menus keep their
  // triggers hidden there (inbox.css) and are opened from "More actions", which is why they stay rendered.
  const openMenu = (wrapper: string) => actions.current?.querySelector<HTMLButtonElement>(`.${wrapper} > button[aria-haspopup]`)?.click();
  const overflow: MenuEntry[] = phone
    ? [
        { id: 'assign', label: t('thread.actions.overflow.assign'), icon: 'user', onSelect: () => openMenu('bt-assign-menu') },
        ...(resolved ? [] : [{ id: 'snooze', label: t('thread.actions.overflow.snooze'), icon: 'snooze', onSelect: () => openMenu('bt-snooze-menu') } as const]),
        { id: 'priority', label: t('thread.actions.overflow.priority'), icon: 'flag', hint: PRIORITY_LABELS[conversation.priority], onSelect: () => openMenu('bt-priority-menu') },
        { id: 'labels', label: t('thread.actions.overflow.labels'), icon: 'tag', onSelect: () => openMenu('bt-label-picker') },
        { id: 'macros', label: t('thread.actions.overflow.macros'), icon: 'bolt', onSelect: () => openMenu('bt-macros-menu') },
      ]
    : [];

  return (
    <section className="bt-conversation" aria-label={t('thread.conversation.regionWith', { name })}>
      <header className="bt-conversation__header">
        {/* Phones show one pane at a time; the filter stays in the query string, so the list comes back as it was. */}
        <Link className="bt-conversation__back" to={{ pathname: '/inbox', search: location.search }} aria-label={t('thread.conversation.back')} title={t('thread.conversation.back')}>
          <Icon name="chevron" size={16} />
        </Link>
        <div className="bt-conversation__who">
          <h2 className="bt-conversation__name">{name}</h2>
          <p className="bt-conversation__sub">
            {hasName ? <span className="bt-mono">{formatPhone(conversation.contact.phone)}</span> : null}
            {channel ? (
              <span>
                <Trans t={t} i18nKey="thread.conversation.via" values={{ channel: channel.name }} components={{ channel: <span translate="no" /> }} />
              </span>
            ) : null}
            <Badge tone={STATUS_TONES[conversation.status]}>{t(`thread.conversation.status.${conversation.status}`)}</Badge>
            {conversation.status === ConversationStatus.Snoozed ? (
              <span className="bt-muted">{conversation.snoozedUntil ? t('thread.conversation.until', { when: formatDateTime(conversation.snoozedUntil) }) : t('thread.conversation.untilReply')}</span>
            ) : null}
            <SlaTimer conversation={conversation} variant="header" />
            {conversation.optedOut ? <Badge tone="danger">{t('thread.conversation.optedOut')}</Badge> : null}
            <Viewers conversationId={conversation.id} />
          </p>
          <ConversationLabelBar conversation={conversation} />
        </div>
        <div className="bt-conversation__actions" ref={actions}>
          <MacrosMenu conversation={conversation} />
          <LabelPicker conversation={conversation} />
          <PriorityMenu conversation={conversation} />
          <span className="bt-assign-menu">
            <AssignMenu conversation={conversation} compact />
          </span>
          {resolved ? null : (
            <span className="bt-snooze-menu">
              <SnoozeMenu conversation={conversation} />
            </span>
          )}
          <StatusActions conversation={conversation} moreEntries={overflow} />
          {/* Narrow screens have no room for the contact beside the thread: it opens as a screen (phone) or a drawer (tablet). */}
          <Link
            className="bt-conversation__contact-link"
            to={{ pathname: `/inbox/${conversation.id}/contact`, search: location.search }}
            state={{ fromConversation: true }}
            aria-label={t('thread.conversation.contactOpen')}
            title={t('thread.conversation.contactOpen')}
          >
            <Icon name="user" size={16} />
          </Link>
        </div>
      </header>
      {resolved ? (
        <Banner tone="success" className="bt-conversation__banner">
          {/* An erased customer's texts start a new contact: nothing they send reopens this conversation. */}
          {conversation.resolvedAt && conversation.contact.erasedAt
            ? t('thread.conversation.resolvedErasedAt', { when: formatDateTime(conversation.resolvedAt) })
            : conversation.resolvedAt
              ? t('thread.conversation.resolvedAt', { when: formatDateTime(conversation.resolvedAt) })
              : t('thread.conversation.resolved')}
        </Banner>
      ) : null}
      <MessageThread conversation={conversation} selfId={user.id} />
      {/* Text drafted before the customer opted out stays in the composer (Send blocked), never swapped away. */}
      {/* An erased customer has no number left: nothing can be sent, as after a STOP, and notes still can be written. */}
      {(conversation.optedOut || conversation.contact.erasedAt) && !noteOnOptOut && !hasDraft(conversation.id) ? (
        <OptedOutBlock conversation={conversation} onWriteNote={() => setNoteOnOptOut(true)} />
      ) : (
        <Composer key={conversation.id} conversation={conversation} channel={channel} optedOut={conversation.optedOut || Boolean(conversation.contact.erasedAt)} />
      )}
    </section>
  );
}
