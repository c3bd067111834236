import { EmptyState, type IconName } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import { InfoTip } from './InfoTip';

export interface ChartCardProps {
  title: string;
  /** Units and what is counted, e.g. "Messages per day · Europe/Kyiv". */
  subtitle?: ReactNode;
  definition?: string;
  /** Said instead of the chart when there is nothing to draw, as a sentence that explains why. */
  empty?: { title: string; body: string; icon?: IconName } | null;
  wide?: boolean;
  children: ReactNode;
}

/** One chart or table of a report, with its title, units and definition. */
export function ChartCard({ title, subtitle, definition, empty, wide = false, children }: ChartCardProps) {
  return (
    <section className={wide ? 'bt-report-card bt-report-card--wide' : 'bt-report-card'} aria-label={title}>
      <header className="bt-report-card__header">
        <h2 className="bt-report-card__title">
          {title}
          <InfoTip label={title} text={definition} />
        </h2>
        {subtitle ? <p className="bt-report-card__subtitle">{subtitle}</p> : null}
      </header>
      <div className="bt-report-card__body">
        {empty ? (
          <EmptyState compact icon={empty.icon ?? 'reports'} title={empty.title} headingLevel={3}>
            <p>{empty.body}</p>
          </EmptyState>
        ) : (
          children
        )}
      </div>
    </section>
  );
}
