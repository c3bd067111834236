import { EXTRA_FILTER_KEYS, normalizeFilter, useChannels, withoutFilter, type InboxFilter } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Chip } from '@backtalk/console/ui';
import { usePeople } from '../directory';
import { describeFilter, type FilterNames } from './filter-describe';

/** Each active filter as a removable chip above the list, so nobody wonders why conversations are missing. */
export function InboxFilterChips({ filter, onChange }: { filter: InboxFilter; onChange: (filter: InboxFilter) => void }) {
  const { data: channels = [] } = useChannels();
  const people = usePeople();
  const { t } = useTranslation('inbox');
  const normal = normalizeFilter(filter);
  // Labels keep their own colored chips beside these.
  const active = EXTRA_FILTER_KEYS.filter((key) => key !== 'labelIds' && normal[key] !== undefined);
  if (active.length === 0) return null;
  const names: FilterNames = {
    label: () => undefined,
    channel: (id) => channels.find((channel) => channel.id === id)?.name,
    person: (id) => people.get(id)?.name,
  };
  return (
    <div className="bt-inbox-filter-chips" role="group" aria-label={t('list.filters.active')}>
      {active.map((key) => {
        const text = describeFilter(normal, key, names);
        return (
          <Chip key={key} tone="neutral" removeLabel={t('list.filters.remove', { filter: text })} onRemove={() => onChange(withoutFilter(filter, key))}>
            {text}
          </Chip>
        );
      })}
      {active.length > 1 ? (
        <button type="button" className="bt-inbox-filter-chips__clear" onClick={() => onChange(active.reduce(withoutFilter, filter))}>
          {t('list.filters.clearAll')}
        </button>
      ) : null}
    </div>
  );
}
