import type { ReportName } from '@backtalk/contracts';
import { describeError, useReport, type ReportByName } from '@backtalk/console/data-access';
import { Banner, Button, LoadingState } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import type { ReportView } from './report-params';

/** Loads one report for the view and renders it, with the loading and error states every tab shares. */
export function ReportBody<N extends ReportName>({
  name,
  view,
  children,
}: {
  name: N;
  view: ReportView;
  children: (report: ReportByName[N]) => ReactNode;
}) {
  const report = useReport(name, view.query);
  if (!view.query) {
    return (
      <Banner tone="warning" title="Choose a range.">
        Pick a first and a last day, the last on or after the first.
      </Banner>
    );
  }
  if (report.error && !report.data) {
    return (
      <Banner
        tone="danger"
        title="Couldn't load this report."
        action={
          <Button size="sm" onClick={() => void report.refetch()}>
            Try again
          </Button>
        }
      >
        {describeError(report.error)}
      </Banner>
    );
  }
  if (!report.data) return <LoadingState label="Loading the report…" />;
  return (
    <div className="bt-report-body" aria-busy={report.isPlaceholderData || undefined} data-stale={report.isPlaceholderData || undefined}>
      {children(report.data)}
    </div>
  );
}
