import { cx } from './cx';
import { initialsOf } from './format';
import './avatar.css';

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  return (
    <span className={cx('bt-avatar', `bt-avatar--${size}`)} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
