import type { ReportName } from '@backtalk/contracts';
import type { ReportByName } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { cx, PageHeader } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router-dom';
import { AgentsTab } from './AgentsTab';
import { AutomationTab } from './AutomationTab';
import { ConversationsTab } from './ConversationsTab';
import { CsatTab } from './CsatTab';
import { DeliveryTab } from './DeliveryTab';
import { OverviewTab } from './OverviewTab';
import { ReportBody } from './ReportBody';
import { ReportControls } from './ReportControls';
import { ResponseTimesTab } from './ResponseTimesTab';
import { SlaTab } from './SlaTab';
import { TodayStrip } from './TodayStrip';
import { useReportView, type ReportView } from './report-params';
import './reports.css';

interface ReportTab {
  /** The path under /reports; the overview is /reports itself. */
  slug: string;
  report: ReportName;
  /** Its name's key in the reports catalogue. */
  labelKey: string;
  render: (view: ReportView) => ReactNode;
}

const body = <N extends ReportName>(name: N, view: ReportView, render: (report: ReportByName[N]) => ReactNode) => (
  <ReportBody name={name} view={view}>
    {render}
  </ReportBody>
);

/** Every report the API serves, in the order a lead reads them. */
export const REPORT_TABS: readonly ReportTab[] = [
  {
    slug: '',
    report: 'overview',
    labelKey: 'tabs.overview',
    render: (v) => (
      <>
        <TodayStrip view={v} />
        {body('overview', v, (r) => <OverviewTab report={r} compare={v.compare} />)}
      </>
    ),
  },
  { slug: 'conversations', report: 'conversations', labelKey: 'tabs.conversations', render: (v) => body('conversations', v, (r) => <ConversationsTab report={r} compare={v.compare} />) },
  { slug: 'response-times', report: 'response-times', labelKey: 'tabs.responseTimes', render: (v) => body('response-times', v, (r) => <ResponseTimesTab report={r} compare={v.compare} />) },
  { slug: 'sla', report: 'sla', labelKey: 'tabs.sla', render: (v) => body('sla', v, (r) => <SlaTab report={r} compare={v.compare} />) },
  { slug: 'automation', report: 'automation', labelKey: 'tabs.automation', render: (v) => body('automation', v, (r) => <AutomationTab report={r} compare={v.compare} />) },
  { slug: 'delivery', report: 'delivery', labelKey: 'tabs.delivery', render: (v) => body('delivery', v, (r) => <DeliveryTab report={r} compare={v.compare} />) },
  { slug: 'agents', report: 'agents', labelKey: 'tabs.agents', render: (v) => body('agents', v, (r) => <AgentsTab report={r} />) },
  { slug: 'csat', report: 'csat', labelKey: 'tabs.csat', render: (v) => body('csat', v, (r) => <CsatTab report={r} compare={v.compare} />) },
];

/** The Reports area: range and filters on top, one tab per report, each downloadable as CSV. */
export function ReportsPage() {
  const { t: translate } = useTranslation('reports');
  const slug = useParams()['*'] ?? '';
  const { search } = useLocation();
  const [view, update] = useReportView();
  const tab = REPORT_TABS.find((t) => t.slug === slug);
  if (!tab) return <Navigate to={{ pathname: '/reports', search }} replace />;
  return (
    <div className="bt-reports">
      <PageHeader title={tab.slug ? translate('page.titleWithTab', { tab: translate(tab.labelKey) }) : translate('page.title')} description={translate('page.description')} />
      <ReportControls view={view} update={update} report={tab.report} />
      <nav className="bt-report-tabs" aria-label={translate('page.tabsLabel')}>
        {REPORT_TABS.map((t) => (
          <Link
            key={t.slug}
            to={{ pathname: t.slug ? `/reports/${t.slug}` : '/reports', search }}
            className={cx('bt-report-tabs__tab', t === tab && 'bt-report-tabs__tab--current')}
            aria-current={t === tab ? 'page' : undefined}
          >
            {translate(t.labelKey)}
          </Link>
        ))}
      </nav>
      {tab.render(view)}
    </div>
  );
}
