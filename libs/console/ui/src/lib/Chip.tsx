import type { ReactNode } from 'react';
import './chip.css';
import { cx } from './cx';
import { Icon } from './Icon';

export interface ChipProps {
  children: ReactNode;
  /** Read out for the remove button, e.g. "Remove keyword tracking". */
  removeLabel: string;
  onRemove: () => void;
  /** Accent for what the user is typing into a field; neutral for a list kept beside a form. */
  tone?: 'accent' | 'neutral';
}

/** A short value in a pill, removable with its own small button. */
export function Chip({ children, removeLabel, onRemove, tone = 'accent' }: ChipProps) {
  return (
    <span className={cx('bt-chip', `bt-chip--${tone}`)}>
      {children}
      <button type="button" className="bt-chip__remove" aria-label={removeLabel} onClick={onRemove}>
        <Icon name="close" size={11} />
      </button>
    </span>
  );
}
