import type { ReportName } from '@backtalk/contracts';
import { describeError, useReport, type ReportByName } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
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
  const { t } = useTranslation('reports');
  const report = useReport(name, view.query);
  if (!view.query) {
    return (
      <Banner tone="warning" title={t('body.chooseRange')}>
        {t('body.chooseRangeBody')}
      </Banner>
    );
  }
  if (report.error && !report.data) {
    return (
      <Banner
        tone="danger"
        title={t('body.loadFailed')}
        action={
          <Button size="sm" onClick={() => void report.refetch()}>
            {t('body.tryAgain')}
          </Button>
        }
      >
        {describeError(report.error)}
      </Banner>
    );
  }
  if (!report.data) return <LoadingState label={t('body.loading')} />;
  return (
    <div className="bt-report-body" aria-busy={report.isPlaceholderData || undefined} data-stale={report.isPlaceholderData || undefined}>
      {children(report.data)}
    </div>
  );
}
