import type { AutomationReport } from '@backtalk/contracts';
import { holdKindLabel } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Table } from '@backtalk/console/ui';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent } from './report-format';
import { useDefinitions } from './use-definitions';

type FaqRow = AutomationReport['byFaq'][number];

export function AutomationTab({ report, compare }: { report: AutomationReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const { metrics } = report;
  const define = useDefinitions();
  const showDelta = compare && !!report.previousRange;
  const none = (metrics.autoReplies.value ?? 0) === 0;
  return (
    <>
      <div className="bt-kpis bt-kpis--three">
        <KpiCard label={t('metrics.answeredAutomatically')} metric={metrics.autoAnsweredPercent} format={formatPercent} kind="percent" better="higher" definition={define('autoAnsweredPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.automaticReplies')} metric={metrics.autoReplies} format={(v) => formatCount(v)} kind="count" better="neither" definition={define('autoReplies')} showDelta={showDelta} />
        <KpiCard label={t('metrics.wroteAgain')} metric={metrics.wroteAgainPercent} format={formatPercent} kind="percent" better="lower" definition={define('wroteAgainPercent')} showDelta={showDelta} />
      </div>
      <ChartCard
        wide
        title={t('automation.byDay')}
        subtitle={t('chart.countPerDay', { zone: report.range.timeZone })}
        definition={define('autoReplies')}
        empty={none ? { title: t('automation.none'), body: t('automation.noneBody'), icon: 'bolt' } : null}
      >
        <DayChart
          data={report.byDay}
          yLabel={t('chart.count')}
          summary={t('automation.summary')}
          series={[
            { key: 'conversationsCreated', name: t('metrics.conversationsStarted'), color: CHART.primarySoft, type: 'bar' },
            { key: 'autoReplies', name: t('metrics.automaticReplies'), color: CHART.secondary, type: 'line' },
          ]}
        />
      </ChartCard>
      <div className="bt-report-grid">
        <ChartCard title={t('automation.byFaq')} definition={define('byFaq')} empty={report.byFaq.length === 0 ? { title: t('automation.noFaq'), body: t('automation.noFaqBody') } : null}>
          <Table<FaqRow>
            caption={t('automation.byFaqCaption')}
            rows={[...report.byFaq].sort((a, b) => b.autoReplies - a.autoReplies)}
            rowKey={(r) => r.faqId ?? ''}
            columns={[
              { id: 'q', header: t('automation.faq'), cell: (r) => (r.question === null ? t(r.faqId ? 'automation.deletedFaq' : 'automation.notFaq') : <span translate="no">{r.question}</span>), grow: true },
              { id: 'n', header: t('automation.replies'), cell: (r) => formatCount(r.autoReplies), align: 'end' },
              { id: 'again', header: t('automation.wroteAgain'), cell: (r) => formatPercent(r.autoReplies ? (r.wroteAgain / r.autoReplies) * 100 : null), align: 'end' },
            ]}
          />
        </ChartCard>
        <ChartCard title={t('automation.heldBack')} subtitle={t('automation.heldBackSubtitle')} definition={define('heldBack')} empty={report.heldBack.length === 0 ? { title: t('automation.nothingHeld'), body: t('automation.nothingHeldBody') } : null}>
          <Table
            caption={t('automation.heldCaption')}
            rows={[...report.heldBack].sort((a, b) => b.count - a.count)}
            rowKey={(r) => `${r.kind ?? ''}:${r.reason ?? ''}`}
            columns={[
              // Rows from before holds had kinds quote the English sentence the thread showed then.
              { id: 'reason', header: t('chart.reason'), cell: (r) => (r.kind === null && r.reason ? <span translate="no">{r.reason}</span> : holdKindLabel(r.kind, { unrecorded: true })), grow: true },
              { id: 'count', header: t('chart.messages'), cell: (r) => formatCount(r.count), align: 'end' },
            ]}
          />
        </ChartCard>
      </div>
    </>
  );
}
