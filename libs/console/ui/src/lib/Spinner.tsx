import type { ReactNode } from 'react';
import { cx } from './cx';
import './spinner.css';

export interface SpinnerProps {
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

export function Spinner({ size = 'md', className }: SpinnerProps) {
  return <span className={cx('bt-spinner', `bt-spinner--${size}`, className)} aria-hidden="true" />;
}

export interface LoadingStateProps {
  label: string;
  /** Fill the viewport, for the moments before the app knows who is signed in. */
  fullScreen?: boolean;
  children?: ReactNode;
}

export function LoadingState({ label, fullScreen = false, children }: LoadingStateProps) {
  return (
    <div className={cx('bt-loading', fullScreen && 'bt-loading--screen')} role="status" aria-live="polite">
      <Spinner size={fullScreen ? 'lg' : 'md'} />
      <span className="bt-loading__label">{label}</span>
      {children}
    </div>
  );
}
