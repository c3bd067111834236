import type { ReactNode } from 'react';
import { cx } from './cx';
import { Icon, type IconName } from './Icon';
import './empty-state.css';

export interface EmptyStateProps {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** A compact variant for inside tables and panels. */
  compact?: boolean;
  /** The heading level that fits the page outline: h1 when the empty state is the page. */
  headingLevel?: 1 | 2 | 3;
}

export function EmptyState({ icon, title, children, action, compact = false, headingLevel = 2 }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className={cx('bt-empty', compact && 'bt-empty--compact')}>
      {icon ? (
        <span className="bt-empty__icon">
          <Icon name={icon} size={compact ? 18 : 22} />
        </span>
      ) : null}
      <Heading className="bt-empty__title">{title}</Heading>
      {children ? <div className="bt-empty__body">{children}</div> : null}
      {action ? <div className="bt-empty__action">{action}</div> : null}
    </section>
  );
}
