import { Role, type ContactAttributeView, type ContactListItem } from '@backtalk/contracts';
import { describeError, useChannels, useContactAttributes, useContactDirectory, useDownloadContactCsv, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import {
  Avatar,
  Badge,
  Banner,
  Button,
  Chip,
  EmptyState,
  formatDateTime,
  formatShortAgo,
  Icon,
  Menu,
  PageHeader,
  Spinner,
  summarizeList,
  useNow,
  type MenuEntry,
} from '@backtalk/console/ui';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  CONSENT_LABELS,
  dayBefore,
  describeAttributeFilter,
  describeLastContact,
  directoryQuery,
  EMPTY_FILTER,
  filterFromSearchParams,
  filterToSearchParams,
  isFiltered,
  SORT_LABELS,
  type DirectoryFilter,
} from './directory-filter';
import { ContactImportDialog } from './ContactImportDialog';
import { LastContactDialog } from './LastContactDialog';
import { contactTitle, displayPhone } from './phone';

const SEARCH_DEBOUNCE_MS = 250;
/** Rows on a desktop; on a phone the same row stacks into two lines of the same height. */
const ROW_HEIGHT = 64;
/** Start fetching the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 15;

function useDirectoryFilter(): [DirectoryFilter, (changes: Partial<DirectoryFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromSearchParams(params), [params]);
  const update = (changes: Partial<DirectoryFilter>) => setParams(filterToSearchParams({ ...filter, ...changes }), { replace: true });
  return [filter, update];
}

/** Searches as the agent types, after a short pause; Enter searches at once and Esc clears. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [typed, setTyped] = useState(value);
  // The address changed under the box (back button, "Clear"): show what is searched for.
  if (value !== typed) {
    setTyped(value);
    setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => {
      setTyped(text.trim());
      onSearch(text.trim());
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  const search = (q: string) => {
    setTyped(q);
    onSearch(q);
  };
  return (
    <div className="bt-contacts-search">
      <Icon name="search" size={14} className="bt-contacts-search__icon" />
      <input
        type="search"
        className="bt-input bt-contacts-search__input"
        placeholder="Search by number or name"
        aria-label="Search contacts"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setText('');
            search('');
          }
          if (event.key === 'Enter') search(text.trim());
        }}
      />
    </div>
  );
}

function ContactRow({ contact, teamNames, now, active, onOpen }: { contact: ContactListItem; teamNames: Map<string, string>; now: number; active: boolean; onOpen: () => void }) {
  const named = contact.name.trim() !== '';
  const teams = contact.teamIds.map((teamId) => teamNames.get(teamId)).filter((name): name is string => !!name);
  return (
    // The list box handles the keyboard (arrows and Enter); a click opens the contact like Enter does.
    <div className={`bt-contact-row${active ? ' bt-contact-row--active' : ''}`} onClick={onOpen}>
      <Avatar name={named ? contact.name : '#'} />
      <div className="bt-contact-row__who">
        <span className="bt-contact-row__name">{contactTitle(contact)}</span>
        {named ? <span className="bt-contact-row__phone bt-mono">{displayPhone(contact.phone)}</span> : null}
      </div>
      <div className="bt-contact-row__meta">
        {contact.optedOut ? (
          <Badge tone="danger">Opted out</Badge>
        ) : (
          <span className="bt-contact-row__consent">
            <Icon name="circle-check" size={12} /> Can receive texts
          </span>
        )}
        {teams.length > 0 ? <span className="bt-contact-row__teams">{summarizeList(teams, 2)}</span> : null}
      </div>
      <time className="bt-contact-row__when" dateTime={contact.lastContactAt} title={`Last contact ${formatDateTime(contact.lastContactAt)}`}>
        {formatShortAgo(contact.lastContactAt, now)}
      </time>
    </div>
  );
}

function FilterChips({
  filter,
  update,
  teamNames,
  channelNames,
  attributes,
}: {
  filter: DirectoryFilter;
  update: (changes: Partial<DirectoryFilter>) => void;
  teamNames: Map<string, string>;
  channelNames: Map<string, string>;
  attributes: readonly ContactAttributeView[];
}) {
  const lastContact = describeLastContact(filter.from, filter.to);
  const chips = [
    filter.teamId ? { key: 'team', label: `Team: ${teamNames.get(filter.teamId) ?? 'unknown team'}`, clear: { teamId: null } } : null,
    filter.channelId ? { key: 'channel', label: `Channel: ${channelNames.get(filter.channelId) ?? 'unknown channel'}`, clear: { channelId: null } } : null,
    filter.consent ? { key: 'consent', label: CONSENT_LABELS[filter.consent], clear: { consent: null } } : null,
    lastContact ? { key: 'last', label: lastContact, clear: { from: null, to: null } } : null,
    filter.attribute ? { key: 'attribute', label: describeAttributeFilter(filter.attribute, attributes), clear: { attribute: null } } : null,
  ].filter((chip) => chip !== null);
  if (chips.length === 0) return null;
  return (
    <div className="bt-contacts-chips" aria-label="Filters">
      {chips.map((chip) => (
        <Chip key={chip.key} tone="neutral" removeLabel={`Remove filter ${chip.label}`} onRemove={() => update(chip.clear)}>
          {chip.label}
        </Chip>
      ))}
      {chips.length > 1 ? (
        <Button size="sm" variant="ghost" onClick={() => update({ teamId: null, channelId: null, consent: null, from: null, to: null, attribute: null })}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** The customer directory: search, filters and order in the address bar, and a list that pages as it scrolls. */
export function ContactDirectoryPage() {
  const [filter, update] = useDirectoryFilter();
  const query = useMemo(() => directoryQuery(filter), [filter]);
  const directory = useContactDirectory(query);
  const { data: teams } = useTeams();
  const { data: channels } = useChannels();
  const { data: attributes } = useContactAttributes();
  const teamNames = useMemo(() => new Map((teams ?? []).map((team) => [team.id, team.name])), [teams]);
  const channelNames = useMemo(() => new Map((channels ?? []).map((channel) => [channel.id, channel.name])), [channels]);
  const navigate = useNavigate();
  const now = useNow();
  const listId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [rangeOpen, setRangeOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const download = useDownloadContactCsv();
  const me = useSignedInUser();
  const canImport = me.role === Role.Admin || me.role === Role.Supervisor;

  const contacts = useMemo(() => directory.data?.pages.flatMap((page) => page.items) ?? [], [directory.data]);
  const hasMore = directory.hasNextPage;
  const onSearch = useMemo(() => (q: string) => update({ q }), [update]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer keeps its own state; nothing here is memoised around it.
  const virtualizer = useVirtualizer({
    count: contacts.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => contacts[index]?.id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;
  const { fetchNextPage, isFetchingNextPage } = directory;

  useEffect(() => {
    if (hasMore && !isFetchingNextPage && lastIndex >= contacts.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasMore, isFetchingNextPage, lastIndex, contacts.length, fetchNextPage]);

  const active = Math.min(activeIndex, Math.max(contacts.length - 1, 0));
  const open = (contact: ContactListItem | undefined) => {
    if (contact) navigate(`/contacts/${contact.id}`, { state: { from: filterToSearchParams(filter).toString() } });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = (to: number) => {
      event.preventDefault();
      const index = Math.max(0, Math.min(contacts.length - 1, to));
      setActiveIndex(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    };
    if (event.key === 'ArrowDown') move(active + 1);
    else if (event.key === 'ArrowUp') move(active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(contacts.length - 1);
    else if (event.key === 'PageDown') move(active + 10);
    else if (event.key === 'PageUp') move(active - 10);
    else if (event.key === 'Enter') {
      event.preventDefault();
      open(contacts[active]);
    }
  };

  const today = new Date(now);
  const filterEntries: MenuEntry[] = [
    { kind: 'heading', id: 'h-consent', label: 'Consent' },
    ...(Object.keys(CONSENT_LABELS) as Array<keyof typeof CONSENT_LABELS>).map((consent) => ({
      id: `consent-${consent}`,
      label: CONSENT_LABELS[consent],
      checked: filter.consent === consent,
      onSelect: () => update({ consent: filter.consent === consent ? null : consent }),
    })),
    { kind: 'heading', id: 'h-last', label: 'Last contact' },
    { id: 'last-today', label: 'Today', onSelect: () => update({ from: dayBefore(today, 0), to: null }) },
    { id: 'last-7', label: 'Last 7 days', onSelect: () => update({ from: dayBefore(today, 6), to: null }) },
    { id: 'last-30', label: 'Last 30 days', onSelect: () => update({ from: dayBefore(today, 29), to: null }) },
    { id: 'last-older', label: 'More than 30 days ago', onSelect: () => update({ from: null, to: dayBefore(today, 30) }) },
    { id: 'last-custom', label: 'Dates…', onSelect: () => setRangeOpen(true) },
  ];
  // Attributes with few values filter from the menu; any attribute filters by its value from the address (attr=key:value).
  for (const attribute of attributes ?? []) {
    const values = attribute.type === 'list' ? attribute.choices.map((choice) => ({ value: choice, label: choice })) : attribute.type === 'boolean' ? [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] : [];
    if (values.length === 0) continue;
    filterEntries.push(
      { kind: 'heading', id: `h-attribute-${attribute.key}`, label: attribute.label },
      ...values.map(({ value, label }) => {
        const chosen = `${attribute.key}:${value}`;
        return { id: `attribute-${attribute.key}-${value}`, label, checked: filter.attribute === chosen, onSelect: () => update({ attribute: filter.attribute === chosen ? null : chosen }) };
      }),
    );
  }
  if ((teams ?? []).length > 1) {
    filterEntries.push(
      { kind: 'heading', id: 'h-team', label: 'Team' },
      ...(teams ?? []).map((team) => ({ id: `team-${team.id}`, label: team.name, checked: filter.teamId === team.id, onSelect: () => update({ teamId: filter.teamId === team.id ? null : team.id }) })),
    );
  }
  if ((channels ?? []).length > 1) {
    filterEntries.push(
      { kind: 'heading', id: 'h-channel', label: 'Channel' },
      ...(channels ?? []).map((channel) => ({
        id: `channel-${channel.id}`,
        label: channel.name,
        checked: filter.channelId === channel.id,
        onSelect: () => update({ channelId: filter.channelId === channel.id ? null : channel.id }),
      })),
    );
  }

  const loaded = directory.isSuccess;
  const searching = directory.isPlaceholderData || (directory.isFetching && !isFetchingNextPage && loaded);
  const activeId = contacts[active] ? `${listId}-${contacts[active].id}` : undefined;

  return (
    <div className="bt-contacts">
      <PageHeader
        title="Contacts"
        description="Every customer who has texted your teams, with their consent, notes and conversations."
        actions={
          <>
            <Button pending={download.isPending} onClick={() => download.mutate({ directory: query })} title="Download the contacts this search and these filters show, as CSV">
              Export
            </Button>
            {canImport ? (
              <Button icon="plus" variant="primary" onClick={() => setImportOpen(true)}>
                Import
              </Button>
            ) : null}
          </>
        }
      />
      {download.error ? <Banner tone="danger">{describeError(download.error)}</Banner> : null}
      <ContactImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      <div className="bt-contacts-toolbar">
        <SearchBox value={filter.q} onSearch={onSearch} />
        <div className="bt-contacts-toolbar__menus">
          <Menu label="Filter" icon="flag" entries={filterEntries}>
            Filter
          </Menu>
          <Menu
            label={`Sort: ${SORT_LABELS[filter.sort]}`}
            icon="sort"
            align="end"
            entries={(Object.keys(SORT_LABELS) as Array<keyof typeof SORT_LABELS>).map((sort) => ({ id: sort, label: SORT_LABELS[sort], checked: filter.sort === sort, onSelect: () => update({ sort }) }))}
          >
            Sort: {SORT_LABELS[filter.sort]}
          </Menu>
        </div>
      </div>
      <FilterChips filter={filter} update={update} teamNames={teamNames} channelNames={channelNames} attributes={attributes ?? []} />
      <LastContactDialog open={rangeOpen} from={filter.from} to={filter.to} onClose={() => setRangeOpen(false)} onApply={(from, to) => update({ from, to })} />

      {directory.isError && !loaded ? (
        <Banner
          tone="danger"
          action={
            <Button size="sm" onClick={() => void directory.refetch()}>
              Retry
            </Button>
          }
        >
          {describeError(directory.error)}
        </Banner>
      ) : null}

      <p className="bt-contacts-status" role="status">
        {!loaded ? '' : searching ? 'Searching…' : isFiltered(filter) ? (contacts.length === 0 ? 'No matches' : `${hasMore ? `${contacts.length}+` : contacts.length} ${contacts.length === 1 && !hasMore ? 'contact matches' : 'contacts match'}`) : ''}
      </p>

      <div ref={scroller} className="bt-contacts-list" data-testid="contact-list">
        {!loaded ? (
          directory.isError ? null : (
            <div className="bt-contacts-list__loading" role="status">
              <Spinner /> Loading contacts…
            </div>
          )
        ) : contacts.length === 0 ? (
          isFiltered(filter) ? (
            <EmptyState
              compact
              icon="search"
              title="No contacts match"
              action={
                <Button size="sm" onClick={() => update({ ...EMPTY_FILTER, sort: filter.sort })}>
                  Clear search and filters
                </Button>
              }
            >
              <p>
                Nobody {filter.q ? `with “${filter.q}” in their number or name ` : ''}matches {isFiltered({ ...filter, q: '' }) ? 'these filters ' : ''}in your teams. A number can be typed in
                any format, with or without the country code.
              </p>
            </EmptyState>
          ) : (
            <EmptyState compact icon="contacts" title="No customers yet">
              <p>A contact is added the first time a customer texts one of your team's numbers, or when you text them first from the inbox.</p>
            </EmptyState>
          )
        ) : (
          <div
            role="listbox"
            tabIndex={0}
            aria-label={`Contacts, ${SORT_LABELS[filter.sort].toLowerCase()} order`}
            aria-activedescendant={activeId}
            className="bt-contacts-list__rows"
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={onKeyDown}
          >
            {items.map((item) => {
              const contact = contacts[item.index];
              return (
                <div
                  key={item.key}
                  id={contact ? `${listId}-${contact.id}` : undefined}
                  role="option"
                  aria-selected={contact ? item.index === active : false}
                  aria-setsize={hasMore ? -1 : contacts.length}
                  aria-posinset={item.index + 1}
                  aria-label={contact ? `${contactTitle(contact)}${contact.optedOut ? ', opted out' : ''}, last contact ${formatDateTime(contact.lastContactAt)}` : 'Loading more contacts'}
                  className="bt-contacts-list__row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  {contact ? (
                    <ContactRow
                      contact={contact}
                      teamNames={teamNames}
                      now={now}
                      active={item.index === active}
                      onOpen={() => {
                        setActiveIndex(item.index);
                        open(contact);
                      }}
                    />
                  ) : (
                    <div className="bt-contacts-list__more">
                      <Spinner size="sm" /> Loading more…
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
