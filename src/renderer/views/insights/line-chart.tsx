// The Insights line charts on the shared uPlot hook (components/use-uplot.ts): activity per day
// (a UTC date axis, as the day buckets are UTC) and training loss per step (a log scale when the
// curves span more than a factor of 20, so a small model's curve is not flattened against a large
// one's). Built when the set of series changes; data goes in place.
import { useEffect } from 'react';
import uPlot from 'uplot';
import { chartAxis, useUplot } from '../../components/use-uplot';
import type { LineSeries } from './insights-logic';

const stepIncrements = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];
const countIncrements = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

interface LineChartProps {
  xs: number[];
  series: LineSeries[];
  /** 'days': xs are UTC midnights in seconds; 'steps': training steps. */
  x: 'days' | 'steps';
  yLabel: string;
  height?: number;
  /** Points on each value (short spans). */
  points?: boolean;
  log?: boolean;
  testId?: string;
  label: string;
}

/** One-line UTC dates under the day axis: "Nov 27", or "Nov 25" (month and year) over long spans. */
function dayValues(span: number): uPlot.Axis['values'] {
  const format = new Intl.DateTimeFormat('en-US', span > 120 ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (_u, splits) => splits.map((s) => format.format(new Date(s * 1000)));
}

function options(width: number, p: LineChartProps, height: number): uPlot.Options {
  const axis = chartAxis(11, 4);
  const days = p.x === 'days';
  return {
    width,
    height,
    legend: { show: false },
    ...(days ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: days },
      y: p.log ? { distr: 3 } : days ? { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } : {},
    },
    series: [
      { label: days ? 'day' : 'step' },
      ...p.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: true, points: { show: p.points === true, size: 4, fill: s.color } })),
    ],
    axes: [
      { ...axis, size: 30, ...(days ? { values: dayValues(p.xs.length), space: 56 } : { incrs: stepIncrements }) },
      { ...axis, size: 46, label: p.yLabel, labelSize: 16, labelFont: '11px system-ui, sans-serif', ...(days ? { incrs: countIncrements } : {}) },
    ],
  };
}

export function LineChart(props: LineChartProps) {
  const { xs, series, height = 210, testId, label } = props;
  const shape = `${props.x}|${props.x === 'days' ? xs.length : ''}|${props.log ? 1 : 0}|${props.points ? 1 : 0}|${series.map((s) => `${s.label}:${s.color}`).join('|')}`;
  const { hostRef, plotRef } = useUplot((width) => options(width, props, height), [[], ...series.map(() => [])], 240, height, [shape, height]);

  useEffect(() => {
    plotRef.current?.setData([xs, ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [plotRef, xs, series, shape]);

  return <div ref={hostRef} className="line-chart" data-testid={testId} data-points={xs.length} role="img" aria-label={label} />;
}
