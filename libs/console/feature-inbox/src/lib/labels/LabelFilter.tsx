import type { LabelView } from '@backtalk/contracts';
import { useLabels, type InboxFilter } from '@backtalk/console/data-access';
import { LabelChip } from '@backtalk/console/feature-labels';
import { useTranslation } from '@backtalk/console/i18n';
import { Menu } from '@backtalk/console/ui';
import './inbox-labels.css';

const toggled = (ids: readonly string[], id: string) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]);

/** The list's label filter: a menu of every label the agent may use, checked ones narrowing the list to any of them. */
export function LabelFilterMenu({ filter, onChange }: { filter: InboxFilter; onChange: (filter: InboxFilter) => void }) {
  const { data: labels = [] } = useLabels();
  const chosen = filter.labelIds ?? [];
  const { t } = useTranslation('inbox');
  if (labels.length === 0) return null;
  return (
    <Menu
      label={chosen.length > 0 ? t('thread.labels.filterChosen', { count: chosen.length }) : t('thread.labels.filter')}
      icon="tag"
      variant={chosen.length > 0 ? 'secondary' : 'ghost'}
      size="sm"
      align="end"
      selection="multiple"
      title={t('thread.labels.filter')}
      entries={[
        { kind: 'heading', id: 'heading', label: t('thread.labels.withAnyOf') },
        ...labels.map((label) => ({
          id: label.id,
          label: label.name,
          isData: true,
          checked: chosen.includes(label.id),
          decoration: <span className={`bt-label-swatch bt-label-chip--${label.color}`} aria-hidden="true" />,
          onSelect: () => onChange({ ...filter, labelIds: toggled(chosen, label.id) }),
        })),
      ]}
    />
  );
}

/** The label filter as removable chips above the list, so nobody wonders why conversations are missing. */
export function LabelFilterChips({ filter, onChange }: { filter: InboxFilter; onChange: (filter: InboxFilter) => void }) {
  const { data: labels = [] } = useLabels();
  const chosen = filter.labelIds ?? [];
  const { t } = useTranslation('inbox');
  if (chosen.length === 0) return null;
  const byId = new Map<string, LabelView>(labels.map((label) => [label.id, label]));
  return (
    <div className="bt-inbox-filter-chips" role="group" aria-label={t('thread.labels.filterGroup')}>
      <span className="bt-inbox-filter-chips__lead">{t('thread.labels.labelled')}</span>
      {chosen.map((id) => {
        const label = byId.get(id) ?? { name: t('thread.labels.removedLabel'), color: 'gray' as const, description: null };
        return <LabelChip key={id} label={label} removeLabel={t('thread.labels.stopFiltering', { name: label.name })} onRemove={() => onChange({ ...filter, labelIds: chosen.filter((other) => other !== id) })} />;
      })}
      {chosen.length > 1 ? (
        <button type="button" className="bt-inbox-filter-chips__clear" onClick={() => onChange({ ...filter, labelIds: [] })}>
          {t('thread.labels.clear')}
        </button>
      ) : null}
    </div>
  );
}
