import { filterFromSearchParams, filterToSearchParams, useConversation, useRealtimeStatus, type InboxFilter } from '@backtalk/console/data-access';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { cx, EmptyState, useDocumentTitle } from '@backtalk/console/ui';
import { useCallback, useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ContactPanel } from './contact/ContactPanel';
import { ConversationPane } from './conversation/ConversationPane';
import { useInboxUi, useInboxUiActions } from './inbox-ui.store';
import { ConversationListPane } from './list/ConversationListPane';
import { NewConversationDialog } from './new-conversation/NewConversationDialog';
import { ShortcutsDialog } from './shortcuts/ShortcutsDialog';
import { useInboxShortcuts } from './shortcuts/use-inbox-shortcuts';
import { usePhoneFormat } from './phone';
import { contactLabel } from './thread/message-display';
import './inbox.css';

/** Shown across the panes while changes are not arriving live, so nobody mistakes a quiet inbox for an empty one. */
function RealtimeBanner() {
  const status = useRealtimeStatus();
  const { t } = useTranslation('inbox');
  if (status === 'live' || status === 'idle' || status === 'connecting' || status === 'catching_up') return null;
  return (
    <div className={`bt-inbox__banner bt-inbox__banner--${status}`} role="status" data-testid="realtime-banner">
      {status === 'offline' ? t('list.page.offline') : t('list.page.reconnecting')}
    </div>
  );
}

function NothingOpen() {
  const { t } = useTranslation('inbox');
  return (
    <section className="bt-conversation bt-conversation--empty" aria-label={t('list.page.conversation')}>
      <EmptyState compact icon="message" title={t('list.page.nothingOpenTitle')}>
        <p>
          <Trans t={t} i18nKey="list.page.nothingOpenBody" components={{ key: <kbd className="bt-kbd" /> }} />
        </p>
      </EmptyState>
    </section>
  );
}

function OpenConversation({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId);
  const format = usePhoneFormat();
  const { t } = useTranslation('inbox');
  useDocumentTitle(conversation ? t('list.page.conversationTitle', { contact: contactLabel(conversation, format) }) : t('list.page.title'));
  return (
    <>
      <ConversationPane key={conversationId} conversationId={conversationId} />
      {conversation ? <ContactPanel conversation={conversation} /> : <aside className="bt-contact" aria-label={t('list.page.contact')} />}
    </>
  );
}

/** The three-pane inbox: conversations, the open one, and its contact. */
export function InboxPage() {
  const [params] = useSearchParams();
  const { conversationId = null, pane } = useParams();
  const contactOpen = !!conversationId && pane === 'contact';
  const navigate = useNavigate();
  const filter = useMemo(() => filterFromSearchParams(params), [params]);
  const search = useMemo(() => filterToSearchParams(filter).toString(), [filter]);
  const helpOpen = useInboxUi((s) => s.helpOpen);
  const newOpen = useInboxUi((s) => s.newConversationOpen);
  const { helpToggled, newConversationToggled } = useInboxUiActions();
  const { t } = useTranslation('inbox');
  useDocumentTitle(t('list.page.title'));

  const hrefFor = useCallback((id: string) => `/inbox/${id}${search ? `?${search}` : ''}`, [search]);
  const openConversation = useCallback((id: string) => navigate(hrefFor(id)), [navigate, hrefFor]);
  const changeFilter = useCallback(
    (next: InboxFilter) => {
      const query = filterToSearchParams(next).toString();
      navigate({ pathname: conversationId ? `/inbox/${conversationId}` : '/inbox', search: query }, { replace: next.q !== filter.q });
    },
    [navigate, conversationId, filter.q],
  );

  useInboxShortcuts(filter, openConversation);

  return (
    <div className="bt-inbox">
      <RealtimeBanner />
      <div className={cx('bt-inbox__panes', contactOpen && 'bt-inbox__panes--contact')}>
        <ConversationListPane filter={filter} selectedId={conversationId} onFilterChange={changeFilter} hrefFor={hrefFor} />
        {conversationId ? <OpenConversation conversationId={conversationId} /> : <NothingOpen />}
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => helpToggled(false)} />
      <NewConversationDialog
        open={newOpen}
        onClose={() => newConversationToggled(false)}
        onStarted={(id) => {
          newConversationToggled(false);
          navigate(`/inbox/${id}`);
        }}
      />
    </div>
  );
}
