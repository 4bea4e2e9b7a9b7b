// The loss curve plot (uPlot). uPlot draws to a canvas and owns its DOM, so React only gives it a
// host element: the plot is built once, resized with its container, and fed new data in place,
// which keeps a live run redrawing cheaply at every step.
import { useEffect } from 'react';
import type uPlot from 'uplot';
import { chartAxis, useUplot } from '../../components/use-uplot';

interface LossChartProps {
  steps: number[];
  loss: number[];
  emptyText: string;
}

const height = 190;
/** Steps are whole numbers: without this a two-point curve gets ticks at 1.2, 1.4… */
const stepIncrements = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];

function chartOptions(width: number): uPlot.Options {
  const axis = chartAxis(11, 4);
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: { x: { time: false } },
    series: [
      { label: 'step' },
      { label: 'loss', stroke: '#4fb3ff', width: 1.5, fill: 'rgba(79,179,255,0.08)', points: { show: false } },
    ],
    axes: [
      { ...axis, label: 'step', labelSize: 18, labelFont: '11px system-ui, sans-serif', incrs: stepIncrements },
      { ...axis, label: 'loss', labelSize: 18, labelFont: '11px system-ui, sans-serif', size: 44 },
    ],
  };
}

export function LossChart({ steps, loss, emptyText }: LossChartProps) {
  const { hostRef, plotRef } = useUplot(chartOptions, [[], []], 200, height, []);

  useEffect(() => {
    plotRef.current?.setData([steps, loss]);
  }, [plotRef, steps, loss]);

  return (
    <div className="loss-chart" data-testid="loss-chart" data-points={steps.length} role="img" aria-label={`Loss per training step, ${steps.length} points`}>
      <div ref={hostRef} className="loss-chart-plot" />
      {steps.length === 0 && <p className="loss-chart-empty">{emptyText}</p>}
    </div>
  );
}
