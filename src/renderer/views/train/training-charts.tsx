// Live charts of a training job: loss (train and held-out), KL, accuracy (train and held-out),
// from the jobs store's series for the job, which onJobProgress keeps growing. A scene model's
// job (its points carry perplexity) shows loss and perplexity instead.
import { useEffect, useMemo } from 'react';
import type { MetricPoint } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { setSeries, useJobsStore } from '../../stores/jobs-store';
import { MetricChart } from './metric-chart';
import { isScenePoints, latestSceneFigures, sceneTrainingSeries, type PhaseSeries } from './scene-train-logic';
import { latestFigures, trainingSeries } from './train-logic';

const noPoints: MetricPoint[] = [];

export const chartColors = { train: '#4fb3ff', heldOut: '#f5a524', kl: '#b48cff', draft: '#5fd3a0', draftHeldOut: '#ff7a90' } as const;

export function TrainingCharts({ jobId, compact = false, scenes }: { jobId: string; compact?: boolean; scenes?: boolean }) {
  const client = useStudioClient();
  const points = useJobsStore((s) => s.series[jobId] ?? noPoints);
  const known = useJobsStore((s) => jobId in s.series);
  // A finished job's series is not fetched at connect: fetch it when its charts are shown.
  useEffect(() => {
    if (known) return;
    let live = true;
    client.jobs
      .series({ id: jobId })
      .then((fetched) => live && setSeries(jobId, fetched))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, jobId, known]);
  const height = compact ? 90 : 130;
  if (scenes ?? isScenePoints(points)) return <SceneCharts jobId={jobId} points={points} height={height} compact={compact} />;
  return <MusicCharts points={points} height={height} compact={compact} />;
}

function SceneCharts({ points, height, compact }: { jobId: string; points: MetricPoint[]; height: number; compact: boolean }) {
  const data = useMemo(() => sceneTrainingSeries(points), [points]);
  // The next-scene model trains first, then the draft model: each has its own lines.
  const bothPhases = (train: PhaseSeries, heldOut: PhaseSeries) => [
    { label: 'next scene', color: chartColors.train, values: train.outline },
    { label: 'next scene, held-out', color: chartColors.heldOut, values: heldOut.outline, sparse: true },
    { label: 'draft', color: chartColors.draft, values: train.draft },
    { label: 'draft, held-out', color: chartColors.draftHeldOut, values: heldOut.draft, sparse: true },
  ];
  const lossSeries = useMemo(() => bothPhases(data.loss, data.heldOutLoss), [data]);
  const pplSeries = useMemo(() => bothPhases(data.perplexity, data.heldOutPerplexity), [data]);
  return (
    <div className={`training-charts is-scenes${compact ? ' is-compact' : ''}`} data-testid="training-charts" data-points={points.length}>
      <MetricChart title="Loss" steps={data.steps} series={lossSeries} height={height} testId="chart-loss" />
      <MetricChart title="Perplexity" steps={data.steps} series={pplSeries} height={height} testId="chart-perplexity" />
      <p className="training-figures" data-testid="training-figures">
        {latestSceneFigures(points)}
      </p>
    </div>
  );
}

function MusicCharts({ points, height, compact }: { points: MetricPoint[]; height: number; compact: boolean }) {
  const data = useMemo(() => trainingSeries(points), [points]);
  const lossSeries = useMemo(
    () => [
      { label: 'train', color: chartColors.train, values: data.loss },
      { label: 'held-out', color: chartColors.heldOut, values: data.heldOutLoss, sparse: true },
    ],
    [data],
  );
  const klSeries = useMemo(() => [{ label: 'KL', color: chartColors.kl, values: data.kl }], [data]);
  const accSeries = useMemo(
    () => [
      { label: 'train', color: chartColors.train, values: data.accuracy },
      { label: 'held-out', color: chartColors.heldOut, values: data.heldOutAccuracy, sparse: true },
    ],
    [data],
  );
  return (
    <div className={`training-charts${compact ? ' is-compact' : ''}`} data-testid="training-charts" data-points={points.length}>
      <MetricChart title="Loss" steps={data.steps} series={lossSeries} height={height} testId="chart-loss" />
      <MetricChart title="KL (nats)" steps={data.steps} series={klSeries} height={height} testId="chart-kl" />
      <MetricChart title="Accuracy" steps={data.steps} series={accSeries} height={height} testId="chart-accuracy" range={[0, 1]} />
      <p className="training-figures" data-testid="training-figures">
        {latestFigures(points)}
      </p>
    </div>
  );
}
