import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx';
import './switch.css';

export interface SwitchProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange' | 'role' | 'aria-checked'> {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/**
 * An on/off toggle: a button with role="switch", so screen readers say "on" or "off" and Space or Enter flips it.
 * Name it with aria-label or aria-labelledby; the words beside it are for sighted readers.
 */
export function Switch({ checked, onChange, className, ...button }: SwitchProps) {
  return (
    <button type="button" role="switch" aria-checked={checked} className={cx('bt-switch', className)} onClick={() => onChange(!checked)} {...button}>
      <span className="bt-switch__thumb" aria-hidden="true" />
    </button>
  );
}
