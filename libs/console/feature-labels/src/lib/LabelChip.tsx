import type { LabelView } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { cx, Icon } from '@backtalk/console/ui';
import './labels.css';

export interface LabelChipProps {
  label: Pick<LabelView, 'name' | 'color' | 'description'>;
  size?: 'sm' | 'md';
  /** With it, the chip has its own small remove button, read out as `removeLabel` ("Remove label VIP" by default). */
  onRemove?: () => void;
  removeLabel?: string;
}

/** A label as a colored pill: its name in dark text on a light tint of its color, which keeps AA contrast. */
export function LabelChip({ label, size = 'md', onRemove, removeLabel }: LabelChipProps) {
  const { t } = useTranslation('labels');
  return (
    <span className={cx('bt-label-chip', `bt-label-chip--${label.color}`, `bt-label-chip--${size}`)} title={label.description ?? undefined} data-label={label.name}>
      <span className="bt-label-chip__dot" aria-hidden="true" />
      <span translate="no" className="bt-label-chip__name">{label.name}</span>
      {onRemove ? (
        <button type="button" className="bt-label-chip__remove" aria-label={removeLabel ?? t('chip.remove', { name: label.name })} onClick={onRemove}>
          <Icon name="close" size={10} />
        </button>
      ) : null}
    </span>
  );
}

export interface LabelChipsProps {
  labels: readonly LabelView[];
  /** Show at most this many and "+n" for the rest (list rows have room for two or three). */
  max?: number;
  size?: 'sm' | 'md';
  className?: string;
  onRemove?: (label: LabelView) => void;
}

export function LabelChips({ labels, max, size = 'md', className, onRemove }: LabelChipsProps) {
  const { t } = useTranslation('labels');
  if (labels.length === 0) return null;
  const shown = max === undefined ? labels : labels.slice(0, max);
  const hidden = labels.length - shown.length;
  return (
    <span className={cx('bt-label-chips', className)} aria-label={t('chip.group', { names: labels.map((label) => label.name).join(', ') })} role="group">
      {shown.map((label) => (
        <LabelChip key={label.id} label={label} size={size} onRemove={onRemove ? () => onRemove(label) : undefined} />
      ))}
      {hidden > 0 ? (
        <span className="bt-label-chips__more" title={labels.slice(shown.length).map((label) => label.name).join(', ')}>
          +{hidden}
        </span>
      ) : null}
    </span>
  );
}
