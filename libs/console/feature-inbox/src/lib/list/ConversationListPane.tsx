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
import { Banner, Button, cx, EmptyState, Icon, Menu, Spinner } from '@backtalk/console/ui';
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
import { TakeNextButton } from '../routing/TakeNextButton';
import { SaveViewButton } from '../views/SaveViewDialog';
import { ConversationRow, ROW_HEIGHT } from './ConversationRow';
import type { ListContext } from './list-context';

const STATUS_TABS: ReadonlyArray<{ status: ConversationStatus | null; label: string }> = [
  { status: null, label: 'Any' },
  { status: ConversationStatus.Open, label: 'Open' },
  { status: ConversationStatus.Pending, label: 'Pending' },
  { status: ConversationStatus.Snoozed, label: 'Snoozed' },
  { status: ConversationStatus.Resolved, label: 'Resolved' },
];

const NO_LABELS: readonly LabelView[] = [];
const SORT_LABELS: Record<InboxSort, string> = { recent: 'Latest activity', waiting: 'Longest waiting' };
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
  if (filter.view === 'mine') return 'Mine';
  if (filter.view === 'unassigned') return 'Unassigned';
  if (filter.view === 'all') return 'All';
  return teams?.find((team) => team.id === filter.teamId)?.name ?? 'Team';
}

/** On narrow screens the sidebar shows icons only, so the views, saved ones too, move into the list header. */
function ViewSelect({ filter, onChange }: { filter: InboxFilter; onChange: (filter: InboxFilter) => void }) {
  const { data: teams } = useTeams();
  const { data: savedViews = [] } = useSavedViews();
  const saved = savedViews.map((view) => ({ view, filter: filterFromSavedView(view.filters) }));
  const current = saved.find((entry) => sameFilter(entry.filter, filter));
  const value = current ? `saved:${current.view.id}` : filter.view === 'team' ? `team:${filter.teamId}` : filter.view;
  return (
    <select
      className="bt-input bt-select bt-inbox-list__view-select"
      aria-label="Inbox view"
      value={value}
      onChange={(event) => {
        const [view, id] = event.target.value.split(':') as [InboxFilter['view'] | 'saved', string | undefined];
        const chosen = view === 'saved' ? saved.find((entry) => entry.view.id === id)?.filter : undefined;
        if (chosen) onChange(chosen);
        else if (view !== 'saved') onChange({ ...filter, view, teamId: id ?? null, q: '' });
      }}
    >
      <option value="mine">Mine</option>
      <option value="unassigned">Unassigned</option>
      {(teams ?? []).map((team) => (
        <option key={team.id} value={`team:${team.id}`}>
          {team.name}
        </option>
      ))}
      <option value="all">All</option>
      {saved.length > 0 ? (
        <optgroup label="Saved views">
          {saved.map(({ view }) => (
            <option key={view.id} value={`saved:${view.id}`}>
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
        placeholder="Search number, name or text"
        aria-label="Search conversations"
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

function AlertsMenu() {
  const { desktop, sound, changed } = useAlertPreferences();
  const { toastShown } = useToastActions();
  const support = notificationSupport();

  const toggleDesktop = () => {
    if (desktop) {
      changed({ desktop: false });
      return;
    }
    if (support === 'unsupported') {
      toastShown('danger', "This browser can't show desktop notifications.");
      return;
    }
    // Browsers only ask for permission in answer to a click, which this is.
    void Notification.requestPermission().then((permission) => {
      if (permission === 'granted') {
        changed({ desktop: true });
        toastShown('success', 'Desktop notifications on for new messages in Mine and Unassigned.');
      } else {
        toastShown('danger', 'Notifications are blocked for this site. Allow them in the browser’s site settings.');
      }
    });
  };

  const desktopOn = desktop && support === 'granted';
  const summary = desktopOn || sound ? `on: ${[desktopOn && 'desktop', sound && 'sound'].filter(Boolean).join(' and ')}` : 'off';
  return (
    <Menu
      label={`Alerts for new messages (${summary})`}
      icon="bell"
      variant="ghost"
      size="sm"
      align="end"
      title={`Alerts for new messages: ${summary}`}
      entries={[
        { kind: 'heading', id: 'h', label: 'New messages in Mine and Unassigned' },
        { id: 'desktop', label: 'Desktop notifications', checked: desktopOn, onSelect: toggleDesktop },
        { id: 'sound', label: 'Play a sound', checked: sound, onSelect: () => changed({ sound: !sound }) },
      ]}
    />
  );
}

function EmptyList({ filter }: { filter: InboxFilter }) {
  if (filter.labelIds?.length && !filter.q) {
    return (
      <EmptyState compact icon="tag" title="No conversations with these labels">
        <p>Nothing {filter.status ?? ''} here carries {filter.labelIds.length === 1 ? 'this label' : 'any of these labels'}. Remove the label filter above to see the rest.</p>
      </EmptyState>
    );
  }
  if (filter.q) {
    return (
      <EmptyState compact icon="search" title="No matches">
        <p>
          No {filter.status ?? ''} conversation matches “{filter.q}”. Try the number without spaces{filter.status ? ', or another tab' : ''}.
        </p>
      </EmptyState>
    );
  }
  if (filter.status !== ConversationStatus.Open) {
    return <EmptyState compact icon="inbox" title={`Nothing ${filter.status}`} />;
  }
  if (filter.view === 'mine') {
    return (
      <EmptyState compact icon="inbox" title="Nothing assigned to you">
        <p>
          Press <strong>Take next</strong> (<kbd className="bt-kbd">t</kbd>) for the customer who has waited longest, or pick one from{' '}
          <Link to="/inbox?view=unassigned">Unassigned</Link>.
        </p>
      </EmptyState>
    );
  }
  if (filter.view === 'unassigned') {
    return (
      <EmptyState compact icon="circle-check" title="Nobody is waiting">
        <p>New customer messages land here until someone takes them.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState compact icon="inbox" title="No open conversations">
      <p>Conversations appear here when customers text one of your team's numbers.</p>
    </EmptyState>
  );
}

/** The left pane: which conversations, in which order, with a list that stays smooth however long it gets. */
export function ConversationListPane({ filter, selectedId, onFilterChange, hrefFor }: ConversationListPaneProps) {
  useConversationListLoader(filter);
  const list = useConversationList(filter);
  const ids = useConversationIds(filter);
  const viewName = useViewName(filter);
  const people = usePeople();
  const showStatus = filter.status === null;
  const { data: labels = NO_LABELS } = useLabels();
  const context = useMemo<ListContext>(() => ({ people, showStatus, labels, query: filter.q }), [people, showStatus, labels, filter.q]);
  const cursorId = useInboxUi((s) => s.cursorId);
  const { newConversationToggled } = useInboxUiActions();
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
    <section className="bt-inbox-list" aria-label="Conversations">
      <header className="bt-inbox-list__header">
        <div className="bt-inbox-list__title-row">
          <h1 className="bt-inbox-list__title">Inbox</h1>
          <span className="bt-inbox-list__view" aria-hidden="true">
            {viewName}
          </span>
          <ViewSelect filter={filter} onChange={onFilterChange} />
          <span className="bt-inbox-list__tools">
            <AlertsMenu />
            {/* Icon only: "Take next" needs the room, and c opens it from anywhere in the inbox. */}
            <Button size="sm" icon="plus" className="bt-inbox-list__new" onClick={() => newConversationToggled(true)} title="New conversation (c)" aria-label="New conversation" />
            <TakeNextButton />
          </span>
        </div>
        <div className="bt-inbox-tabs" role="tablist" aria-label="Status">
          {tabs.map((tab) => (
            <Link
              key={tab.status ?? 'any'}
              role="tab"
              aria-label={tab.status ? undefined : 'Any status'}
              aria-selected={filter.status === tab.status}
              className={cx('bt-inbox-tabs__tab', filter.status === tab.status && 'bt-inbox-tabs__tab--active')}
              to={{ pathname, search: filterToSearchParams({ ...filter, status: tab.status }).toString() }}
            >
              {tab.label}
            </Link>
          ))}
        </div>
        <div className="bt-inbox-list__filters">
          <SearchBox value={filter.q} onSearch={onSearch} />
          <Menu
            label={`Sort: ${SORT_LABELS[filter.sort]}`}
            icon="sort"
            variant="ghost"
            size="sm"
            align="end"
            title={`Sorted by ${SORT_LABELS[filter.sort].toLowerCase()}`}
            entries={(Object.keys(SORT_LABELS) as InboxSort[]).map((sort) => ({
              id: sort,
              label: SORT_LABELS[sort],
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
              Retry
            </Button>
          }
        >
          {list.error}
        </Banner>
      ) : null}

      {filter.q && list?.loaded ? (
        <p className="bt-inbox-list__results" role="status">
          {ids.length === 0 ? 'No matches' : `${hasMore ? `${ids.length}+` : ids.length} ${ids.length === 1 ? 'match' : 'matches'} for “${filter.q}”`}
          <Link to={{ pathname, search: filterToSearchParams(searchFor(filter, '')).toString() }}>Clear</Link>
        </p>
      ) : null}
      <div ref={scroller} className="bt-inbox-list__scroller" data-testid="conversation-list">
        {!list?.loaded ? (
          list?.error ? null : (
            <div className="bt-inbox-list__loading" role="status">
              <Spinner /> Loading conversations…
            </div>
          )
        ) : ids.length === 0 ? (
          <EmptyList filter={filter} />
        ) : (
          <div role="list" aria-label={`${viewName}, ${filter.status ?? 'any status'}`} className="bt-inbox-list__rows" style={{ height: virtualizer.getTotalSize() }}>
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
                      <Spinner size="sm" /> Loading more…
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
