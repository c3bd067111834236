import type { CsatBreakdownRow, CsatComment, CsatReport } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { formatDateTime } from '@backtalk/console/ui';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { AXIS_TICK, CHART } from './chart-theme';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent } from './report-format';
import { useDefinitions } from './use-definitions';

const RATING_COLORS = ['#b93a2f', '#e08a1e', '#a3aab5', '#7fb08f', '#1e7444'];
const csatColumns = (t: (key: string) => string): BreakdownColumn<CsatBreakdownRow>[] => [
  { id: 'csat', header: t('metrics.csat'), value: (r) => r.csatPercent, format: formatPercent, bar: true },
  { id: 'responses', header: t('csat.responses'), value: (r) => r.responses, format: (v) => formatCount(v) },
];

export function CsatTab({ report, compare }: { report: CsatReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const { metrics } = report;
  const define = useDefinitions();
  const columns = csatColumns(t);
  const showDelta = compare && !!report.previousRange;
  const count = (v: number | null) => formatCount(v);
  const noResponses = (metrics.responses.value ?? 0) === 0;
  const none = { title: t('csat.none'), body: t('csat.noneBody') };
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({ rating: String(rating), count: report.distribution.find((d) => d.rating === rating)?.count ?? 0 }));
  return (
    <>
      <div className="bt-kpis">
        <KpiCard label={t('metrics.csat')} metric={metrics.csatPercent} format={formatPercent} kind="percent" better="higher" definition={define('csatPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.responseRate')} metric={metrics.responseRatePercent} format={formatPercent} kind="percent" better="higher" definition={define('responseRatePercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.answers')} metric={metrics.responses} format={count} kind="count" better="neither" definition={define('csatResponses')} showDelta={showDelta} />
        <KpiCard label={t('metrics.surveysSent')} metric={metrics.surveysSent} format={count} kind="count" better="neither" definition={define('surveysSent')} showDelta={showDelta} />
      </div>
      <div className="bt-report-grid">
        <ChartCard title={t('csat.ratings')} subtitle={t('csat.ratingsSubtitle')} definition={define('csatDistribution')} empty={noResponses ? none : null}>
          <figure className="bt-chart" aria-label={t('csat.ratingsLabel', { list: distribution.map((d) => t('csat.ratedCount', { count: d.count, rating: d.rating })).join(', ') })} style={{ height: 240 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={distribution} margin={{ top: 8, right: 8, bottom: 22, left: 8 }}>
                <CartesianGrid vertical={false} stroke={CHART.grid} />
                <XAxis dataKey="rating" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} label={{ value: t('csat.rating'), position: 'insideBottom', offset: -14, fill: CHART.axis, fontSize: 12 }} />
                <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} allowDecimals={false} label={{ value: t('metrics.answers'), angle: -90, position: 'insideLeft', offset: 4, fill: CHART.axis, fontSize: 12, style: { textAnchor: 'middle' } }} />
                <Tooltip cursor={{ fill: CHART.grid }} formatter={(value) => [String(value), t('metrics.answers')]} labelFormatter={(r) => t('csat.rated', { rating: String(r) })} />
                <Bar dataKey="count" name={t('metrics.answers')} maxBarSize={48} isAnimationActive={false}>
                  {distribution.map((d, i) => (
                    <Cell key={d.rating} fill={RATING_COLORS[i]} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </ChartCard>
        <ChartCard title={t('csat.comments')} subtitle={t('csat.commentsSubtitle')} definition={define('csatComments')} empty={report.comments.length === 0 ? { title: t('csat.noComments'), body: t('csat.noCommentsBody') } : null}>
          <ul className="bt-csat-comments">
            {[...report.comments]
              .sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))
              .map((c: CsatComment) => (
                <li key={`${c.conversationId}:${c.respondedAt}`} className="bt-csat-comment">
                  <span className={`bt-csat-comment__rating bt-csat-comment__rating--${c.rating}`} aria-label={t('csat.ratedOf', { rating: c.rating })}>
                    {c.rating}
                  </span>
                  <span className="bt-csat-comment__text">{c.comment}</span>
                  <Link className="bt-csat-comment__link" to={`/inbox/${encodeURIComponent(c.conversationId)}`}>
                    {formatDateTime(c.respondedAt)}
                  </Link>
                </li>
              ))}
          </ul>
        </ChartCard>
        <ChartCard title={t('chart.byTeam')} definition={define('csatPercent')} empty={noResponses ? none : null}>
          <BreakdownTable caption={t('csat.byTeamCaption')} nameHeader={t('chart.team')} noneLabel={t('chart.noTeam')} rows={report.byTeam} columns={columns} />
        </ChartCard>
        <ChartCard title={t('chart.byAgent')} definition={define('csatPercent')} empty={noResponses ? none : null}>
          <BreakdownTable caption={t('csat.byAgentCaption')} nameHeader={t('chart.agent')} noneLabel={t('chart.noAgent')} rows={report.byAgent} columns={columns} />
        </ChartCard>
      </div>
    </>
  );
}
