import { ConversationStatus, type InboxSort, type LabelView } from '@backtalk/contracts';
import {
  filterFromSavedView,
  filterToSearchParams,
  loadConversationList,
  sameFilter,
  searchFor,
  useConversationIds,
  useConversationList,
  useConversationListLoader,
  useLabels,
  useSavedViews,
  useTeams,
  useToastActions,
  type InboxFilter,
} from '@backtalk/console/data-access';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { Banner, Button, cx, EmptyState, Icon, Menu, Spinner, type MenuEntry } from '@backtalk/console/ui';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { notificationSupport, useAlertPreferences } from '../alerts/alert-preferences';
import { usePeople } from '../directory';
import { BulkBar } from '../bulk/BulkBar';
import { BulkCheckbox } from '../bulk/BulkCheckbox';
import { InboxFilterChips } from '../filters/InboxFilterChips';
import { InboxFilterMenu } from '../filters/InboxFilterMenu';
import { useInboxUi, useInboxUiActions } from '../inbox-ui.store';
import { LabelFilterChips, LabelFilterMenu } from '../labels/LabelFilter';
import { usePhoneLayout } from '../phone-layout';
import { TakeNextButton } from '../routing/TakeNextButton';
import { SaveViewButton } from '../views/SaveViewDialog';
import { ConversationRow, ROW_HEIGHT } from './ConversationRow';
import type { ListContext } from './list-context';
import './list.css';

const STATUS_TABS: ReadonlyArray<{ status: ConversationStatus | null; labelKey: string }> = [
  { status: null, labelKey: 'list.pane.tabs.any' },
  { status: ConversationStatus.Open, labelKey: 'list.pane.tabs.open' },
  { status: ConversationStatus.Pending, labelKey: 'list.pane.tabs.pending' },
  { status: ConversationStatus.Snoozed, labelKey: 'list.pane.tabs.snoozed' },
  { status: ConversationStatus.Resolved, labelKey: 'list.pane.tabs.resolved' },
];

const NO_LABELS: readonly LabelView[] = [];
const SORTS: readonly InboxSort[] = ['recent', 'waiting'];
/** Start fetching the next page this many rows before the end, so scrolling rarely meets the spinner. */
const PREFETCH_ROWS = 15;
const SEARCH_DEBOUNCE_MS = 300;

export interface ConversationListPaneProps {
  filter: InboxFilter;
  selectedId: string | null;
  onFilterChange: (filter: InboxFilter) => void;
  /** The address of a conversation, keeping the list's filter. */
  hrefFor: (conversationId: string) => string;
}

function useViewName(filter: InboxFilter): string {
  const { data: teams } = useTeams();
  const { t } = useTranslation('inbox');
  if (filter.view === 'mine') return t('list.views.mine');
  if (filter.view === 'unassigned') return t('list.views.unassigned');
  if (filter.view === 'all') return t('list.views.all');
  return teams?.find((team) => team.id === filter.teamId)?.name ?? t('list.views.team');
}

/** On narrow screens the sidebar shows icons only, so the views, saved ones too, move into the list header. */
function ViewSelect({ filter, onChange }: { filter: InboxFilter; onChange: (filter: InboxFilter) => void }) {
  const { data: teams } = useTeams();
  const { data: savedViews = [] } = useSavedViews();
  const { t } = useTranslation('inbox');
  const saved = savedViews.map((view) => ({ view, filter: filterFromSavedView(view.filters) }));
  const current = saved.find((entry) => sameFilter(entry.filter, filter));
  const value = current ? `saved:${current.view.id}` : filter.view === 'team' ? `team:${filter.teamId}` : filter.view;
  return (
    <select
      className="bt-input bt-select bt-inbox-list__view-select"
      aria-label={t('list.views.select')}
      value={value}
      onChange={(event) => {
        const [view, id] = event.target.value.split(':') as [InboxFilter['view'] | 'saved', string | undefined];
        const chosen = view === 'saved' ? saved.find((entry) => entry.view.id === id)?.filter : undefined;
        if (chosen) onChange(chosen);
        else if (view !== 'saved') onChange({ ...filter, view, teamId: id ?? null, q: '' });
      }}
    >
      <option value="mine">{t('list.views.mine')}</option>
      <option value="unassigned">{t('list.views.unassigned')}</option>
      {(teams ?? []).map((team) => (
        <option key={team.id} value={`team:${team.id}`} translate="no">
          {team.name}
        </option>
      ))}
      <option value="all">{t('list.views.all')}</option>
      {saved.length > 0 ? (
        <optgroup label={t('list.savedViews.title')}>
          {saved.map(({ view }) => (
            <option key={view.id} value={`saved:${view.id}`} translate="no">
              {view.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const searchRequest = useInboxUi((s) => s.searchRequest);
  const { t } = useTranslation('inbox');

  // Another view or a link can change the search; the box follows it.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }

  useEffect(() => {
    if (searchRequest > 0) input.current?.focus();
  }, [searchRequest]);

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <div className="bt-inbox-search">
      <Icon name="search" size={14} className="bt-inbox-search__icon" />
      <input
        ref={input}
        type="search"
        className="bt-input bt-inbox-search__input"
        placeholder={t('list.search.placeholder')}
        aria-label={t('list.search.label')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setText('');
            onSearch('');
            event.currentTarget.blur();
          }
          if (event.key === 'Enter') onSearch(text.trim());
        }}
      />
    </div>
  );
}

/** The alerts for new messages, as menu entries: a menu of their own on a desk, part of the header's menu on a phone. */
function useAlertEntries(): { mode: 'both' | 'desktop' | 'sound' | 'off'; entries: MenuEntry[] } {
  const { desktop, sound, changed } = useAlertPreferences();
  const { toastShown } = useToastActions();
  const support = notificationSupport();
  const { t } = useTranslation('inbox');

  const toggleDesktop = () => {
    if (desktop) {
      changed({ desktop: false });
      return;
    }
    if (support === 'unsupported') {
      toastShown('danger', t('list.alerts.unsupported'));
      return;
    }
    // Browsers only ask for permission in answer to a click, which this is.
    void Notification.requestPermission().then((permission) => {
      if (permission === 'granted') {
        changed({ desktop: true });
        toastShown('success', t('list.alerts.enabled'));
      } else {
        toastShown('danger', t('list.alerts.blocked'));
      }
    });
  };

  const desktopOn = desktop && support === 'granted';
  const mode = desktopOn && sound ? 'both' : desktopOn ? 'desktop' : sound ? 'sound' : 'off';
  return {
    mode,
    entries: [
      { kind: 'heading', id: 'h', label: t('list.alerts.heading') },
      { id: 'desktop', label: t('list.alerts.desktop'), checked: desktopOn, onSelect: toggleDesktop },
      { id: 'sound', label: t('list.alerts.sound'), checked: sound, onSelect: () => changed({ sound: !sound }) },
    ],
  };
}

function AlertsMenu() {
  const { mode, entries } = useAlertEntries();
  const { t } = useTranslation('inbox');
  return <Menu label={t('list.alerts.label', { mode })} icon="bell" variant="ghost" size="sm" align="end" title={t('list.alerts.title', { mode })} entries={entries} />;
}

/**
 * A desk shows the alerts menu and a New conversation button beside Take next; a phone has room for one button
 * there, so both go into one menu and the view picker keeps its width.
 */
function ListTools() {
  const phone = usePhoneLayout();
  const { mode, entries } = useAlertEntries();
  const { newConversationToggled } = useInboxUiActions();
  const { t } = useTranslation('inbox');
  if (phone) {
    return (
      <Menu
        label={t('list.pane.phoneMenu', { mode })}
        icon="more"
        variant="ghost"
        size="sm"
        align="end"
        entries={[{ id: 'new', label: t('list.pane.newConversation'), icon: 'plus', onSelect: () => newConversationToggled(true) }, { kind: 'separator', id: 'sep' }, ...entries]}
      />
    );
  }
  return (
    <>
      <AlertsMenu />
      {/* Icon only: "Take next" needs the room, and c opens it from anywhere in the inbox. */}
      <Button size="sm" icon="plus" className="bt-inbox-list__new" onClick={() => newConversationToggled(true)} title={t('list.pane.newConversationTitle')} aria-label={t('list.pane.newConversation')} />
    </>
  );
}

function EmptyList({ filter }: { filter: InboxFilter }) {
  const { t } = useTranslation('inbox');
  const status = filter.status ?? 'any';
  if (filter.labelIds?.length && !filter.q) {
    return (
      <EmptyState compact icon="tag" title={t('list.empty.labelsTitle')}>
        <p>{t('list.empty.labelsBody', { status, count: filter.labelIds.length })}</p>
      </EmptyState>
    );
  }
  if (filter.q) {
    return (
      <EmptyState compact icon="search" title={t('list.empty.noMatchesTitle')}>
        <p>{t('list.empty.noMatchesBody', { status, q: filter.q })}</p>
      </EmptyState>
    );
  }
  if (filter.status !== ConversationStatus.Open) {
    return <EmptyState compact icon="inbox" title={t('list.empty.nothingInStatus', { status })} />;
  }
  if (filter.view === 'mine') {
    return (
      <EmptyState compact icon="inbox" title={t('list.empty.mineTitle')}>
        <p>
          <Trans t={t} i18nKey="list.empty.mineBody" components={{ strong: <strong />, key: <kbd className="bt-kbd" />, unassigned: <Link to="/inbox?view=unassigned" /> }} />
        </p>
      </EmptyState>
    );
  }
  if (filter.view === 'unassigned') {
    return (
      <EmptyState compact icon="circle-check" title={t('list.empty.unassignedTitle')}>
        <p>{t('list.empty.unassignedBody')}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState compact icon="inbox" title={t('list.empty.openTitle')}>
      <p>{t('list.empty.openBody')}</p>
    </EmptyState>
  );
}

/** The left pane: which conversations, in which order, with a list that stays smooth however long it gets. */
export function ConversationListPane({ filter, selectedId, onFilterChange, hrefFor }: ConversationListPaneProps) {
  useConversationListLoader(filter);
  const list = useConversationList(filter);
  const ids = useConversationIds(filter);
  const viewName = useViewName(filter);
  const { t } = useTranslation('inbox');
  const people = usePeople();
  const showStatus = filter.status === null;
  const { data: labels = NO_LABELS } = useLabels();
  const context = useMemo<ListContext>(() => ({ people, showStatus, labels, query: filter.q }), [people, showStatus, labels, filter.q]);
  const cursorId = useInboxUi((s) => s.cursorId);
  const scroller = useRef<HTMLDivElement>(null);
  const hasMore = !!list?.nextCursor;
  // Changing tabs keeps the open conversation open.
  const { pathname } = useLocation();

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer keeps its own state; nothing here is memoised around it.
  const virtualizer = useVirtualizer({
    count: ids.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => ids[index] ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !list?.loading && lastIndex >= ids.length - PREFETCH_ROWS) void loadConversationList(filter, false);
  }, [hasMore, list?.loading, lastIndex, ids.length, filter]);

  useEffect(() => {
    const index = cursorId ? ids.indexOf(cursorId) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [cursorId, ids, virtualizer]);

  const setFilter = (changes: Partial<InboxFilter>) => onFilterChange({ ...filter, ...changes });
  const onSearch = useMemo(() => (q: string) => onFilterChange(searchFor(filter, q)), [filter, onFilterChange]);
  // "Any status" is what a search starts with; without a search the tabs are the inbox's statuses.
  const tabs = filter.q ? STATUS_TABS : STATUS_TABS.filter((tab) => tab.status !== null);

  return (
    <section className="bt-inbox-list" aria-label={t('list.pane.region')}>
      <header className="bt-inbox-list__header">
        <div className="bt-inbox-list__title-row">
          <h1 className="bt-inbox-list__title">{t('list.pane.title')}</h1>
          <span className="bt-inbox-list__view" aria-hidden="true">
            {viewName}
          </span>
          <ViewSelect filter={filter} onChange={onFilterChange} />
          <span className="bt-inbox-list__tools">
            <ListTools />
            <TakeNextButton />
          </span>
        </div>
        <div className={cx('bt-inbox-tabs', tabs.length === STATUS_TABS.length && 'bt-inbox-tabs--with-any')} role="tablist" aria-label={t('list.pane.statusTabs')}>
          {tabs.map((tab) => (
            <Link
              key={tab.status ?? 'any'}
              role="tab"
              aria-label={tab.status ? undefined : t('list.pane.anyStatus')}
              aria-selected={filter.status === tab.status}
              className={cx('bt-inbox-tabs__tab', filter.status === tab.status && 'bt-inbox-tabs__tab--active')}
              to={{ pathname, search: filterToSearchParams({ ...filter, status: tab.status }).toString() }}
            >
              {t(tab.labelKey)}
            </Link>
          ))}
        </div>
        <div className="bt-inbox-list__filters">
          <SearchBox value={filter.q} onSearch={onSearch} />
          <Menu
            label={t('list.sort.menu', { sort: t(`list.sort.${filter.sort}`) })}
            icon="sort"
            variant="ghost"
            size="sm"
            align="end"
            title={t(`list.sort.${filter.sort}Title`)}
            entries={SORTS.map((sort) => ({
              id: sort,
              label: t(`list.sort.${sort}`),
              checked: filter.sort === sort,
              onSelect: () => setFilter({ sort }),
            }))}
          />
          <LabelFilterMenu filter={filter} onChange={onFilterChange} />
          <InboxFilterMenu filter={filter} onChange={onFilterChange} />
          <SaveViewButton filter={filter} />
        </div>
        <div className="bt-inbox-list__chips">
          <LabelFilterChips filter={filter} onChange={onFilterChange} />
          <InboxFilterChips filter={filter} onChange={onFilterChange} />
        </div>
      </header>
      <BulkBar filter={filter} ids={ids} hasMore={hasMore} />

      {list?.error ? (
        <Banner
          tone="danger"
          className="bt-inbox-list__error"
          action={
            <Button size="sm" onClick={() => void loadConversationList(filter, !list.loaded)}>
              {t('list.pane.retry')}
            </Button>
          }
        >
          {list.error}
        </Banner>
      ) : null}

      {filter.q && list?.loaded ? (
        <p className="bt-inbox-list__results" role="status">
          {ids.length === 0 ? t('list.pane.noMatches') : t(hasMore ? 'list.pane.moreMatches' : 'list.pane.matches', { count: ids.length, q: filter.q })}
          <Link to={{ pathname, search: filterToSearchParams(searchFor(filter, '')).toString() }}>{t('list.pane.clear')}</Link>
        </p>
      ) : null}
      <div ref={scroller} className="bt-inbox-list__scroller" data-testid="conversation-list">
        {!list?.loaded ? (
          list?.error ? null : (
            <div className="bt-inbox-list__loading" role="status">
              <Spinner /> {t('list.pane.loading')}
            </div>
          )
        ) : ids.length === 0 ? (
          <EmptyList filter={filter} />
        ) : (
          <div role="list" aria-label={t('list.pane.listLabel', { view: viewName, status: filter.status ?? 'any' })} className="bt-inbox-list__rows" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const id = ids[item.index];
              return (
                <div
                  key={item.key}
                  role="listitem"
                  aria-setsize={hasMore ? -1 : ids.length}
                  aria-posinset={item.index + 1}
                  className="bt-inbox-list__row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  {id ? (
                    <>
                      <BulkCheckbox id={id} />
                      <ConversationRow id={id} href={hrefFor(id)} selected={id === selectedId} highlighted={id === cursorId && id !== selectedId} context={context} />
                    </>
                  ) : (
                    <div className="bt-inbox-list__more">
                      <Spinner size="sm" /> {t('list.pane.loadingMore')}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
