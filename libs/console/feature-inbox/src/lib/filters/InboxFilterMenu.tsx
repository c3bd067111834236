import { type ConversationPriority, type RoutingLanguage, type SlaState } from '@backtalk/contracts';
import { extraFilterCount, useChannels, withDayRange, type DayRangeKey, type InboxFilter } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { DateRangeDialog, LANGUAGE_LABELS, Menu, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, type MenuEntry } from '@backtalk/console/ui';
import { useState } from 'react';
import { usePeople } from '../directory';
import { dayBefore, LANGUAGES, SLA_LABELS } from './filter-describe';

const toggled = <T,>(values: readonly T[] | undefined, value: T): T[] => ((values ?? []).includes(value) ? (values ?? []).filter((other) => other !== value) : [...(values ?? []), value]);
/** Picking the checked choice again turns a one-of filter off. */
const oneOf = <T,>(current: T | undefined, value: T): T | undefined => (current === value ? undefined : value);

const filtersCounted = (filter: InboxFilter) => extraFilterCount({ ...filter, labelIds: [] });

const RECENT_DAYS = [
  { id: 'today', labelKey: 'list.filters.today', days: 0 },
  { id: 'week', labelKey: 'list.filters.last7', days: 6 },
  { id: 'month', labelKey: 'list.filters.last30', days: 29 },
];

/**
 * Every filter of the list in one menu that stays open while several are ticked; each ticked one shows as a chip
 * above the list, where it is removed.
 */
export function InboxFilterMenu({ filter, onChange }: { filter: InboxFilter; onChange: (filter: InboxFilter) => void }) {
  const { data: channels = [] } = useChannels();
  const people = usePeople();
  const { t } = useTranslation('inbox');
  const [pickingDays, setPickingDays] = useState<DayRangeKey | null>(null);
  // Labels have their own menu and chips beside this one.
  const count = filtersCounted(filter);
  const set = (changes: Partial<InboxFilter>) => onChange({ ...filter, ...changes });
  const since = (days: number) => ({ from: dayBefore(days) });
  const isSince = (range: InboxFilter['active'], days: number) => range?.from === dayBefore(days) && !range.to;
  // Without a tick, so choosing it closes the menu for the dialog; a custom range shows as its chip.
  const customRange = (key: DayRangeKey): MenuEntry => ({ id: `${key}-custom`, label: t('list.filters.customRange'), onSelect: () => setPickingDays(key) });
  const picked = pickingDays ? filter[pickingDays] : undefined;

  const entries: MenuEntry[] = [
    { kind: 'heading', id: 'h-state', label: t('list.filters.state') },
    { id: 'unread', label: t('list.filters.unread'), checked: filter.unread === true, onSelect: () => set({ unread: oneOf(filter.unread, true) }) },
    ...(['at_risk', 'breached'] as SlaState[]).map((sla) => ({ id: `sla-${sla}`, label: SLA_LABELS[sla], checked: filter.sla === sla, onSelect: () => set({ sla: oneOf(filter.sla, sla) }) })),
    { id: 'opted-out', label: t('list.filters.optedOut'), checked: filter.optedOut === true, onSelect: () => set({ optedOut: oneOf(filter.optedOut, true) }) },
    { kind: 'heading', id: 'h-priority', label: t('list.filters.priority') },
    ...PRIORITIES_BY_URGENCY.map((priority: ConversationPriority) => ({
      id: `priority-${priority}`,
      label: PRIORITY_LABELS[priority],
      checked: filter.priorities?.includes(priority) ?? false,
      onSelect: () => set({ priorities: toggled(filter.priorities, priority) }),
    })),
    { kind: 'heading', id: 'h-active', label: t('list.filters.lastActivity') },
    ...RECENT_DAYS.map((range) => ({ id: `active-${range.id}`, label: t(range.labelKey), checked: isSince(filter.active, range.days), onSelect: () => set({ active: isSince(filter.active, range.days) ? undefined : since(range.days) }) })),
    customRange('active'),
    { kind: 'heading', id: 'h-created', label: t('list.filters.started') },
    ...RECENT_DAYS.map((range) => ({ id: `created-${range.id}`, label: t(range.labelKey), checked: isSince(filter.created, range.days), onSelect: () => set({ created: isSince(filter.created, range.days) ? undefined : since(range.days) }) })),
    customRange('created'),
  ];
  if (channels.length > 1) {
    entries.push({ kind: 'heading', id: 'h-channel', label: t('list.filters.channel') });
    for (const channel of channels) entries.push({ id: `channel-${channel.id}`, label: channel.name, isData: true, checked: filter.channelId === channel.id, onSelect: () => set({ channelId: oneOf(filter.channelId, channel.id) }) });
  }
  entries.push({ kind: 'heading', id: 'h-language', label: t('list.filters.language') });
  for (const language of LANGUAGES) {
    entries.push({ id: `language-${language}`, label: LANGUAGE_LABELS[language as RoutingLanguage], checked: filter.languages?.includes(language) ?? false, onSelect: () => set({ languages: toggled(filter.languages, language) }) });
  }
  if (people.size > 0) {
    entries.push({ kind: 'heading', id: 'h-assignee', label: t('list.filters.assignedTo') });
    for (const person of [...people.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      entries.push({ id: `assignee-${person.id}`, label: person.name, isData: true, checked: filter.assigneeId === person.id, onSelect: () => set({ assigneeId: oneOf(filter.assigneeId, person.id) }) });
    }
  }

  // An icon like the labels' menu beside it, with how many are on: the word "Filters" left the search box too narrow for its hint.
  return (
    <>
      <Menu
        label={count > 0 ? t('list.filters.menuOn', { count }) : t('list.filters.menu')}
        icon="filter"
        variant={count > 0 ? 'secondary' : 'ghost'}
        size="sm"
        align="end"
        selection="multiple"
        title={count > 0 ? t('list.filters.titleOn', { count }) : t('list.filters.title')}
        entries={entries}
      >
        {count > 0 ? String(count) : undefined}
      </Menu>
      <DateRangeDialog
        open={pickingDays !== null}
        title={pickingDays === 'created' ? t('list.filters.started') : t('list.filters.lastActivity')}
        description={pickingDays === 'created' ? t('list.filters.startedRangeDescription') : t('list.filters.activeRangeDescription')}
        from={picked?.from ?? null}
        to={picked?.to ?? null}
        onClose={() => setPickingDays(null)}
        onApply={({ from, to }) => {
          if (pickingDays) onChange(withDayRange(filter, pickingDays, { from: from ?? undefined, to: to ?? undefined }));
        }}
      />
    </>
  );
}
