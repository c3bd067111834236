import type { CsatBreakdownRow, CsatComment, CsatReport } from '@backtalk/contracts';
import { formatDateTime } from '@backtalk/console/ui';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { AXIS_TICK, CHART } from './chart-theme';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent } from './report-format';

const RATING_COLORS = ['#b93a2f', '#e08a1e', '#a3aab5', '#7fb08f', '#1e7444'];
const CSAT_COLUMNS: BreakdownColumn<CsatBreakdownRow>[] = [
  { id: 'csat', header: 'CSAT', value: (r) => r.csatPercent, format: formatPercent, bar: true },
  { id: 'responses', header: 'Responses', value: (r) => r.responses, format: (v) => formatCount(v) },
];

export function CsatTab({ report, compare }: { report: CsatReport; compare: boolean }) {
  const { metrics, definitions } = report;
  const showDelta = compare && !!report.previousRange;
  const count = (v: number | null) => formatCount(v);
  const noResponses = (metrics.responses.value ?? 0) === 0;
  const none = { title: 'No survey answers in this period', body: 'Switch the survey on for a team (Settings → Teams), then customers rate resolved conversations by SMS. Try a longer range.' };
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({ rating: String(rating), count: report.distribution.find((d) => d.rating === rating)?.count ?? 0 }));
  return (
    <>
      <div className="bt-kpis">
        <KpiCard label="CSAT" metric={metrics.csatPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['csatPercent']} showDelta={showDelta} />
        <KpiCard label="Response rate" metric={metrics.responseRatePercent} format={formatPercent} kind="percent" better="higher" definition={definitions['responseRatePercent']} showDelta={showDelta} />
        <KpiCard label="Answers" metric={metrics.responses} format={count} kind="count" better="neither" definition={definitions['csatResponses']} showDelta={showDelta} />
        <KpiCard label="Surveys sent" metric={metrics.surveysSent} format={count} kind="count" better="neither" definition={definitions['surveysSent']} showDelta={showDelta} />
      </div>
      <div className="bt-report-grid">
        <ChartCard title="Ratings" subtitle="Answers per rating, 1 (bad) to 5 (great)" definition={definitions['csatDistribution']} empty={noResponses ? none : null}>
          <figure className="bt-chart" aria-label={`Ratings: ${distribution.map((d) => `${d.count} rated ${d.rating}`).join(', ')}.`} style={{ height: 240 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={distribution} margin={{ top: 8, right: 8, bottom: 22, left: 8 }}>
                <CartesianGrid vertical={false} stroke={CHART.grid} />
                <XAxis dataKey="rating" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} label={{ value: 'Rating', position: 'insideBottom', offset: -14, fill: CHART.axis, fontSize: 12 }} />
                <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} allowDecimals={false} label={{ value: 'Answers', angle: -90, position: 'insideLeft', offset: 4, fill: CHART.axis, fontSize: 12, style: { textAnchor: 'middle' } }} />
                <Tooltip cursor={{ fill: CHART.grid }} formatter={(value) => [String(value), 'Answers']} labelFormatter={(r) => `Rated ${String(r)}`} />
                <Bar dataKey="count" name="Answers" maxBarSize={48} isAnimationActive={false}>
                  {distribution.map((d, i) => (
                    <Cell key={d.rating} fill={RATING_COLORS[i]} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </ChartCard>
        <ChartCard title="Comments" subtitle="What customers wrote with their rating, newest first" definition={definitions['csatComments']} empty={report.comments.length === 0 ? { title: 'No comments in this period', body: 'Customers who reply with more than a number show here.' } : null}>
          <ul className="bt-csat-comments">
            {[...report.comments]
              .sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))
              .map((c: CsatComment) => (
                <li key={`${c.conversationId}:${c.respondedAt}`} className="bt-csat-comment">
                  <span className={`bt-csat-comment__rating bt-csat-comment__rating--${c.rating}`} aria-label={`Rated ${c.rating} of 5`}>
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
        <ChartCard title="By team" definition={definitions['csatPercent']} empty={noResponses ? none : null}>
          <BreakdownTable caption="CSAT by team" nameHeader="Team" rows={report.byTeam} columns={CSAT_COLUMNS} />
        </ChartCard>
        <ChartCard title="By agent" definition={definitions['csatPercent']} empty={noResponses ? none : null}>
          <BreakdownTable caption="CSAT by agent" nameHeader="Agent" rows={report.byAgent} columns={CSAT_COLUMNS} />
        </ChartCard>
      </div>
    </>
  );
}
