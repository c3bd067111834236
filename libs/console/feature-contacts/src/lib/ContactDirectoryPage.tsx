import { Role, type ContactAttributeView, type ContactListItem } from '@backtalk/contracts';
import { describeError, useChannels, useContactAttributes, useContactDirectory, useDownloadContactCsv, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import {
  Avatar,
  Badge,
  Banner,
  Button,
  Chip,
  DateRangeDialog,
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
import { useTranslation } from '@backtalk/console/i18n';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  CONSENT_FILTERS,
  consentFilterLabel,
  dayBefore,
  describeAttributeFilter,
  describeLastContact,
  directoryQuery,
  EMPTY_FILTER,
  filterFromSearchParams,
  filterToSearchParams,
  isFiltered,
  sortLabel,
  SORTS,
  type DirectoryFilter,
} from './directory-filter';
import { ContactImportDialog } from './ContactImportDialog';
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
  const { t } = useTranslation('contacts');
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
        placeholder={t('directory.searchPlaceholder')}
        aria-label={t('directory.searchLabel')}
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
  const { t } = useTranslation('contacts');
  const named = contact.name.trim() !== '';
  const teams = contact.teamIds.map((teamId) => teamNames.get(teamId)).filter((name): name is string => !!name);
  return (
    // The list box handles the keyboard (arrows and Enter); a click opens the contact like Enter does.
    <div className={`bt-contact-row${active ? ' bt-contact-row--active' : ''}`} onClick={onOpen}>
      <Avatar name={named ? contact.name : '#'} />
      <div className="bt-contact-row__who">
        {contact.erasedAt ? (
          <span className="bt-contact-row__name bt-contact-row__name--erased">{t('rights.erasedName')}</span>
        ) : (
          <span className="bt-contact-row__name" translate="no">{contactTitle(contact)}</span>
        )}
        {named ? <span className="bt-contact-row__phone bt-mono">{displayPhone(contact.phone)}</span> : null}
      </div>
      <div className="bt-contact-row__meta">
        {contact.optedOut ? (
          <Badge tone="danger">{t('directory.optedOut')}</Badge>
        ) : (
          <span className="bt-contact-row__consent">
            <Icon name="circle-check" size={12} /> {t('directory.canReceive')}
          </span>
        )}
        {teams.length > 0 ? <span className="bt-contact-row__teams">{summarizeList(teams, 2)}</span> : null}
      </div>
      <time className="bt-contact-row__when" dateTime={contact.lastContactAt} title={t('directory.rowLastContact', { when: formatDateTime(contact.lastContactAt) })}>
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
  const { t } = useTranslation('contacts');
  const lastContact = describeLastContact(filter.from, filter.to);
  const chips = [
    filter.teamId ? { key: 'team', label: t('filters.teamChip', { name: teamNames.get(filter.teamId) ?? t('filters.unknownTeam') }), clear: { teamId: null } } : null,
    filter.channelId ? { key: 'channel', label: t('filters.channelChip', { name: channelNames.get(filter.channelId) ?? t('filters.unknownChannel') }), clear: { channelId: null } } : null,
    filter.consent ? { key: 'consent', label: consentFilterLabel(filter.consent), clear: { consent: null } } : null,
    lastContact ? { key: 'last', label: lastContact, clear: { from: null, to: null } } : null,
    filter.attribute ? { key: 'attribute', label: describeAttributeFilter(filter.attribute, attributes), clear: { attribute: null } } : null,
  ].filter((chip) => chip !== null);
  if (chips.length === 0) return null;
  return (
    <div className="bt-contacts-chips" aria-label={t('filters.label')}>
      {chips.map((chip) => (
        <Chip key={chip.key} tone="neutral" removeLabel={t('filters.remove', { label: chip.label })} onRemove={() => update(chip.clear)}>
          {chip.label}
        </Chip>
      ))}
      {chips.length > 1 ? (
        <Button size="sm" variant="ghost" onClick={() => update({ teamId: null, channelId: null, consent: null, from: null, to: null, attribute: null })}>
          {t('filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}

/** The customer directory: search, filters and order in the address bar, and a list that pages as it scrolls. */
export function ContactDirectoryPage() {
  const { t } = useTranslation('contacts');
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
    { kind: 'heading', id: 'h-consent', label: t('filters.consent') },
    ...CONSENT_FILTERS.map((consent) => ({
      id: `consent-${consent}`,
      label: consentFilterLabel(consent),
      checked: filter.consent === consent,
      onSelect: () => update({ consent: filter.consent === consent ? null : consent }),
    })),
    { kind: 'heading', id: 'h-last', label: t('filters.lastContact') },
    { id: 'last-today', label: t('filters.today'), onSelect: () => update({ from: dayBefore(today, 0), to: null }) },
    { id: 'last-7', label: t('filters.last7'), onSelect: () => update({ from: dayBefore(today, 6), to: null }) },
    { id: 'last-30', label: t('filters.last30'), onSelect: () => update({ from: dayBefore(today, 29), to: null }) },
    { id: 'last-older', label: t('filters.older'), onSelect: () => update({ from: null, to: dayBefore(today, 30) }) },
    { id: 'last-custom', label: t('filters.dates'), onSelect: () => setRangeOpen(true) },
  ];
  // Attributes with few values filter from the menu; any attribute filters by its value from the address (attr=key:value).
  for (const attribute of attributes ?? []) {
    const values = attribute.type === 'list' ? attribute.choices.map((choice) => ({ value: choice, label: choice, isData: true })) : attribute.type === 'boolean' ? [{ value: 'true', label: t('filters.yes'), isData: false }, { value: 'false', label: t('filters.no'), isData: false }] : [];
    if (values.length === 0) continue;
    filterEntries.push(
      { kind: 'heading', id: `h-attribute-${attribute.key}`, label: attribute.label, isData: true },
      ...values.map(({ value, label, isData }) => {
        const chosen = `${attribute.key}:${value}`;
        return { id: `attribute-${attribute.key}-${value}`, label, isData, checked: filter.attribute === chosen, onSelect: () => update({ attribute: filter.attribute === chosen ? null : chosen }) };
      }),
    );
  }
  if ((teams ?? []).length > 1) {
    filterEntries.push(
      { kind: 'heading', id: 'h-team', label: t('filters.team') },
      ...(teams ?? []).map((team) => ({ id: `team-${team.id}`, label: team.name, isData: true, checked: filter.teamId === team.id, onSelect: () => update({ teamId: filter.teamId === team.id ? null : team.id }) })),
    );
  }
  if ((channels ?? []).length > 1) {
    filterEntries.push(
      { kind: 'heading', id: 'h-channel', label: t('filters.channel') },
      ...(channels ?? []).map((channel) => ({
        id: `channel-${channel.id}`,
        label: channel.name,
        isData: true,
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
        title={t('directory.title')}
        description={t('directory.description')}
        actions={
          <>
            <Button pending={download.isPending} onClick={() => download.mutate({ directory: query })} title={t('directory.exportTitle')}>
              {t('directory.export')}
            </Button>
            {canImport ? (
              <Button icon="plus" variant="primary" onClick={() => setImportOpen(true)}>
                {t('directory.import')}
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
          <Menu label={t('directory.filter')} icon="flag" entries={filterEntries}>
            {t('directory.filter')}
          </Menu>
          <Menu
            label={t('directory.sort', { order: sortLabel(filter.sort) })}
            icon="sort"
            align="end"
            entries={SORTS.map((sort) => ({ id: sort, label: sortLabel(sort), checked: filter.sort === sort, onSelect: () => update({ sort }) }))}
          >
            {t('directory.sort', { order: sortLabel(filter.sort) })}
          </Menu>
        </div>
      </div>
      <FilterChips filter={filter} update={update} teamNames={teamNames} channelNames={channelNames} attributes={attributes ?? []} />
      <DateRangeDialog
        open={rangeOpen}
        title={t('range.title')}
        description={t('range.description')}
        from={filter.from}
        to={filter.to}
        onClose={() => setRangeOpen(false)}
        onApply={({ from, to }) => update({ from, to })}
      />

      {directory.isError && !loaded ? (
        <Banner
          tone="danger"
          action={
            <Button size="sm" onClick={() => void directory.refetch()}>
              {t('directory.retry')}
            </Button>
          }
        >
          {describeError(directory.error)}
        </Banner>
      ) : null}

      <p className="bt-contacts-status" role="status">
        {!loaded
          ? ''
          : searching
            ? t('directory.searching')
            : isFiltered(filter)
              ? contacts.length === 0
                ? t('directory.noMatches')
                : hasMore
                  ? t('directory.matchesMore', { count: contacts.length })
                  : t('directory.matches', { count: contacts.length })
              : ''}
      </p>

      <div ref={scroller} className="bt-contacts-list" data-testid="contact-list">
        {!loaded ? (
          directory.isError ? null : (
            <div className="bt-contacts-list__loading" role="status">
              <Spinner /> {t('directory.loading')}
            </div>
          )
        ) : contacts.length === 0 ? (
          isFiltered(filter) ? (
            <EmptyState
              compact
              icon="search"
              title={t('directory.emptyFilteredTitle')}
              action={
                <Button size="sm" onClick={() => update({ ...EMPTY_FILTER, sort: filter.sort })}>
                  {t('directory.clearAll')}
                </Button>
              }
            >
              <p>
                {filter.q
                  ? isFiltered({ ...filter, q: '' })
                    ? t('directory.noMatchSearchAndFilters', { q: filter.q })
                    : t('directory.noMatchSearch', { q: filter.q })
                  : t('directory.noMatchFilters')}
              </p>
            </EmptyState>
          ) : (
            <EmptyState compact icon="contacts" title={t('directory.emptyTitle')}>
              <p>{t('directory.emptyBody')}</p>
            </EmptyState>
          )
        ) : (
          <div
            role="listbox"
            tabIndex={0}
            aria-label={t('directory.listLabel', { order: filter.sort })}
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
                  aria-label={
                    contact
                      ? t(contact.optedOut ? 'directory.rowLabelOptedOut' : 'directory.rowLabel', { contact: contact.erasedAt ? t('rights.erasedName') : contactTitle(contact), when: formatDateTime(contact.lastContactAt) })
                      : t('directory.loadingMoreLabel')
                  }
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
                      <Spinner size="sm" /> {t('directory.loadingMore')}
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
