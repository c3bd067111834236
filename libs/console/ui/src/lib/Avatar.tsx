import { cx } from './cx';
import { initialsOf } from './format';
import './avatar.css';

export interface AvatarProps {
  name: string;
  size?: 'xs' | 'sm' | 'md';
  /** A presence dot in the corner; read out through `title`, since the dot alone says nothing to a screen reader. */
  presence?: 'online' | 'away' | 'offline';
  /** Shown on hover, e.g. "Assigned to Maria Agent". */
  title?: string;
}

export function Avatar({ name, size = 'md', presence, title }: AvatarProps) {
  return (
    <span className={cx('bt-avatar', `bt-avatar--${size}`)} translate="no" aria-hidden={title ? undefined : 'true'} title={title} role={title ? 'img' : undefined} aria-label={title}>
      {initialsOf(name)}
      {presence ? <span className={cx('bt-avatar__presence', `bt-avatar__presence--${presence}`)} /> : null}
    </span>
  );
}
