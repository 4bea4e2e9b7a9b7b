// A small uPlot chart of one or more series over training steps (loss and held-out loss, KL,
// accuracy…), built once and fed new data in place, as the machine view's loss chart is. Held-out
// series have values only on the steps that evaluated; their gaps are spanned.
import { useEffect } from 'react';
import type uPlot from 'uplot';
import { chartAxis, useUplot } from '../../components/use-uplot';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
  /** Dashed line with points (held-out figures on evaluation steps). */
  sparse?: boolean;
}

interface MetricChartProps {
  title: string;
  steps: number[];
  series: ChartSeries[];
  height?: number;
  testId?: string;
  /** Fixed y range (accuracy: 0…1). */
  range?: [number, number];
  emptyText?: string;
}

const stepIncrements = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];

function options(width: number, height: number, series: ChartSeries[], range?: [number, number]): uPlot.Options {
  const axis = chartAxis(10, 3);
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 5 } },
    scales: { x: { time: false }, ...(range ? { y: { range } } : {}) },
    series: [
      { label: 'step' },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        spanGaps: true,
        ...(s.sparse ? { dash: [4, 3], points: { show: true, size: 4, fill: s.color } } : { points: { show: false } }),
      })),
    ],
    axes: [
      { ...axis, incrs: stepIncrements, size: 24 },
      { ...axis, size: 40 },
    ],
  };
}

export function MetricChart({ title, steps, series, height = 120, testId, range, emptyText = 'No steps yet.' }: MetricChartProps) {
  const shape = series.map((s) => `${s.label}:${s.color}:${s.sparse ? 1 : 0}`).join('|');
  // Rebuilt only when the set of series changes; data goes in below.
  const { hostRef, plotRef } = useUplot((width) => options(width, height, series, range), [[], ...series.map(() => [])], 160, height, [shape, height]);

  useEffect(() => {
    plotRef.current?.setData([steps, ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [plotRef, steps, series]);

  const points = steps.length;
  return (
    <figure className="metric-chart" data-testid={testId} data-points={points} aria-label={`${title}, ${points} points`}>
      <figcaption className="metric-chart-head">
        <span className="metric-chart-title">{title}</span>
        <span className="metric-chart-legend">
          {series.map((s) => (
            <span key={s.label} className="metric-chart-key">
              <i style={{ background: s.color }} className={s.sparse ? 'is-sparse' : undefined} />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div ref={hostRef} className="metric-chart-plot" />
      {points === 0 && <p className="metric-chart-empty">{emptyText}</p>}
    </figure>
  );
}
