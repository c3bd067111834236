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
import { Avatar, Badge, Banner, Button, EmptyState, formatDateTime, Icon, LoadingState, type BadgeTone } from '@backtalk/console/ui';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { AssignMenu, PriorityMenu, SnoozeMenu, StatusActions } from '../actions/ConversationActions';
import { Composer, hasDraft } from '../composer/Composer';
import { useInboxUiActions } from '../inbox-ui.store';
import { ConversationLabelBar, LabelPicker } from '../labels/LabelPicker';
import { MacrosMenu } from '../macros/MacrosMenu';
import { usePhoneFormat } from '../phone';
import { SlaTimer } from '../routing/SlaTimer';
import { contactLabel } from '../thread/message-display';
import { MessageThread } from '../thread/MessageThread';

const STATUS_BADGES: Record<ConversationStatus, { tone: BadgeTone; label: string }> = {
  [ConversationStatus.Open]: { tone: 'accent', label: 'Open' },
  [ConversationStatus.Pending]: { tone: 'warning', label: 'Pending' },
  [ConversationStatus.Snoozed]: { tone: 'neutral', label: 'Snoozed' },
  [ConversationStatus.Resolved]: { tone: 'success', label: 'Resolved' },
};

function Viewers({ conversationId }: { conversationId: string }) {
  const viewers = useViewingAgents(conversationId);
  if (viewers.length === 0) return null;
  const names = viewers.map((viewer) => viewer.userName);
  const text = `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} viewing`;
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
  return (
    <div className="bt-optout-block" role="note" data-testid="opted-out-block">
      <Icon name="block" size={18} className="bt-optout-block__icon" />
      <div className="bt-optout-block__text">
        <p className="bt-optout-block__title">{contactLabel(conversation)} opted out of messages from this number</p>
        <p>
          They replied with an opt-out keyword such as STOP, so nothing can be sent to them until they text START. The consent history is in the contact
          panel.
        </p>
      </div>
      <Button size="sm" icon="lock" onClick={onWriteNote}>
        Write a private note
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
  const [missing, setMissing] = useState<string | null>(null);
  const channel = useChannel(conversation?.channelId);
  const formatPhone = usePhoneFormat();
  const location = useLocation();

  useThreadLoader(conversationId);
  useMarkRead(conversation);

  // A conversation opened from a link may not be in any loaded list yet. (The pane is keyed by id, so `missing`
  // starts empty for each conversation.)
  const known = !!conversation;
  useEffect(() => {
    if (known) return;
    refreshConversation(conversationId).catch(() => setMissing("This conversation doesn't exist, or it belongs to a team you're not in."));
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
      <section className="bt-conversation bt-conversation--empty" aria-label="Conversation">
        {missing ? (
          <EmptyState compact icon="alert" title="Conversation not found">
            <p>{missing}</p>
          </EmptyState>
        ) : (
          <LoadingState label="Loading conversation…" />
        )}
      </section>
    );
  }

  const name = contactLabel(conversation, formatPhone);
  const badge = STATUS_BADGES[conversation.status];
  const hasName = !!conversation.contact.name.trim();

  return (
    <section className="bt-conversation" aria-label={`Conversation with ${name}`}>
      <header className="bt-conversation__header">
        {/* Phones show one pane at a time; the filter stays in the query string, so the list comes back as it was. */}
        <Link className="bt-conversation__back" to={{ pathname: '/inbox', search: location.search }} aria-label="Back to the conversations" title="Back to the conversations">
          <Icon name="chevron" size={16} />
        </Link>
        <div className="bt-conversation__who">
          <h2 className="bt-conversation__name">{name}</h2>
          <p className="bt-conversation__sub">
            {hasName ? <span className="bt-mono">{formatPhone(conversation.contact.phone)}</span> : null}
            {channel ? <span>via {channel.name}</span> : null}
            <Badge tone={badge.tone}>{badge.label}</Badge>
            {conversation.status === ConversationStatus.Snoozed ? (
              <span className="bt-muted">{conversation.snoozedUntil ? `until ${formatDateTime(conversation.snoozedUntil)}` : 'until the customer replies'}</span>
            ) : null}
            <SlaTimer conversation={conversation} variant="header" />
            {conversation.optedOut ? <Badge tone="danger">Opted out</Badge> : null}
            <Viewers conversationId={conversation.id} />
          </p>
          <ConversationLabelBar conversation={conversation} />
        </div>
        <div className="bt-conversation__actions">
          <MacrosMenu conversation={conversation} />
          <LabelPicker conversation={conversation} />
          <PriorityMenu conversation={conversation} />
          <AssignMenu conversation={conversation} compact />
          {conversation.status !== ConversationStatus.Resolved ? <SnoozeMenu conversation={conversation} /> : null}
          <StatusActions conversation={conversation} />
        </div>
      </header>
      {conversation.status === ConversationStatus.Resolved ? (
        <Banner tone="success" className="bt-conversation__banner">
          Resolved{conversation.resolvedAt ? ` ${formatDateTime(conversation.resolvedAt)}` : ''}. A new message from the customer reopens it.
        </Banner>
      ) : null}
      <MessageThread conversation={conversation} selfId={user.id} />
      {/* Text drafted before the customer opted out stays in the composer (Send blocked), never swapped away. */}
      {conversation.optedOut && !noteOnOptOut && !hasDraft(conversation.id) ? (
        <OptedOutBlock conversation={conversation} onWriteNote={() => setNoteOnOptOut(true)} />
      ) : (
        <Composer key={conversation.id} conversation={conversation} channel={channel} optedOut={conversation.optedOut} />
      )}
    </section>
  );
}
