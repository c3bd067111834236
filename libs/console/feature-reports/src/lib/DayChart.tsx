import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from '@backtalk/console/i18n';
import { AXIS_TICK, CHART } from './chart-theme';
import { formatDayTick } from './report-format';

export interface DaySeries {
  key: string;
  name: string;
  color: string;
  type: 'bar' | 'line';
  /** Bars with the same stack sit on top of each other. */
  stack?: string;
  dashed?: boolean;
}

/** The series in order, each with its colour as a swatch: series colours are too light to read as text. */
function DayChartLegend({ series }: { series: readonly DaySeries[] }) {
  return (
    <ul className="bt-chart__legend">
      {series.map((s) => (
        <li key={s.key} className="bt-chart__legend-item">
          <span className={s.type === 'line' ? 'bt-chart__legend-swatch bt-chart__legend-swatch--line' : 'bt-chart__legend-swatch'} style={{ background: s.color }} aria-hidden="true" />
          <span className="bt-chart__legend-label">{s.name}</span>
        </li>
      ))}
    </ul>
  );
}

export interface DayChartProps {
  data: ReadonlyArray<Record<string, number | string | null>>;
  series: readonly DaySeries[];
  /** The y axis's title with its unit, e.g. "Messages" or "Minutes". */
  yLabel: string;
  yTick?: (value: number) => string;
  tooltipValue?: (value: number) => string;
  /** A sentence for screen readers summarising the chart; the numbers are in the CSV. */
  summary: string;
  height?: number;
  /** Fractional ticks, for values such as minutes; counts stay whole. */
  allowDecimals?: boolean;
  /** `symlog` for durations, where a few long waits would flatten the typical ones against zero. */
  yScale?: 'linear' | 'symlog';
  yTicks?: number[];
  /** Room for the y tick labels; wider for labels with units such as "15 min". */
  yWidth?: number;
}

/** Values per local day of the report's range, as bars, lines or both. */
export function DayChart({ data, series, yLabel, yTick, tooltipValue, summary, height = 260, allowDecimals = false, yScale = 'linear', yTicks, yWidth = 56 }: DayChartProps) {
  const { t } = useTranslation('reports');
  return (
    <figure className="bt-chart" aria-label={summary} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data as Array<Record<string, unknown>>} margin={{ top: 8, right: 8, bottom: 22, left: 8 }} accessibilityLayer>
          <CartesianGrid vertical={false} stroke={CHART.grid} />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => formatDayTick(day)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={{ stroke: CHART.grid }}
            minTickGap={16}
            label={{ value: t('chart.day'), position: 'insideBottom', offset: -14, fill: CHART.axis, fontSize: 12 }}
          />
          <YAxis
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={yWidth}
            allowDecimals={allowDecimals}
            scale={yScale}
            ticks={yTicks}
            domain={yTicks ? [0, yTicks[yTicks.length - 1]] : undefined}
            tickFormatter={yTick ? (value: number) => yTick(value) : undefined}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 4, fill: CHART.axis, fontSize: 12, style: { textAnchor: 'middle' } }}
          />
          <Tooltip
            labelFormatter={(day) => formatDayTick(String(day))}
            formatter={(value, name) => [tooltipValue && typeof value === 'number' ? tooltipValue(value) : String(value ?? '—'), name]}
            cursor={{ fill: CHART.grid }}
          />
          {series.length > 1 ? (
            <Legend
              verticalAlign="top"
              wrapperStyle={{ fontSize: 12, paddingBottom: 8 }}
              // Recharts' own legend names each swatch "<series> legend icon" in English; the series name beside it says it all.
              content={() => <DayChartLegend series={series} />}
            />
          ) : null}
          {series.map((s) =>
            s.type === 'bar' ? (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={s.stack} maxBarSize={36} isAnimationActive={false} />
            ) : (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '5 4' : undefined}
                dot={data.length <= 14}
                connectNulls
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
