// "This machine": which ML backend the workers use, a button to benchmark it, the loss curve of
// the running (or a picked past) benchmark, and the table of past runs. Speed is a product
// feature, so the numbers here are the ones a musician would compare across machines.
import { useMemo, useState } from 'react';
import { useStudioClient } from '../../client/client-context';
import { formatDateTime, formatLoss, formatRate } from '../../lib/format';
import { resolveLossCurve, type LossCurve } from '../../stores/benchmarks-logic';
import { selectChart, useBenchmarksStore } from '../../stores/benchmarks-store';
import { startBenchmark } from '../../stores/job-actions';
import { activeBenchmarkJob } from '../../stores/jobs-logic';
import { useJobsStore } from '../../stores/jobs-store';
import { useSystemStore } from '../../stores/system-store';
import { BenchmarkRunsTable } from './benchmark-runs-table';
import { LossChart } from './loss-chart';
import './machine.css';

function curveCaption(curve: LossCurve): string {
  const { source } = curve;
  if (source.kind === 'none') return 'No benchmark yet';
  if (source.kind === 'run') return `Run of ${formatDateTime(source.run.createdAt)} · ${source.run.backend}`;
  const outcome = { queued: 'Queued — waiting for a worker', running: 'Live run', succeeded: 'Latest run', failed: 'Latest run · failed', cancelled: 'Latest run · cancelled' };
  return outcome[source.job.status];
}

/** The numbers beside the curve: where the run is (or ended) and how fast it went. */
function curveStats(curve: LossCurve): { label: string; value: string }[] {
  const { source } = curve;
  if (source.kind === 'run') {
    const { run } = source;
    return [
      { label: 'Steps', value: String(run.loss.length) },
      { label: 'Loss', value: `${formatLoss(run.initialLoss, 2)} → ${formatLoss(run.finalLoss, 2)}` },
      { label: 'Steps/s', value: formatRate(run.stepsPerSec) },
      { label: 'Seq/s', value: formatRate(run.sequencesPerSec) },
    ];
  }
  if (source.kind === 'job' && source.latest) {
    const { latest } = source;
    const optional = (v: number | undefined, f: (n: number) => string) => (v === undefined ? '—' : f(v));
    return [
      { label: 'Step', value: String(latest.step) },
      { label: 'Loss', value: optional(latest.loss, (n) => formatLoss(n)) },
      { label: 'Steps/s', value: optional(latest.stepsPerSec, formatRate) },
      { label: 'Seq/s', value: optional(latest.sequencesPerSec, formatRate) },
    ];
  }
  return [];
}

export function MachineCard() {
  const client = useStudioClient();
  const backend = useSystemStore((s) => s.backend);
  const info = useSystemStore((s) => s.info);
  const connected = useSystemStore((s) => s.connection === 'connected');
  const jobs = useJobsStore((s) => s.jobs);
  const series = useJobsStore((s) => s.series);
  const runs = useBenchmarksStore((s) => s.runs);
  const selection = useBenchmarksStore((s) => s.selection);
  const [starting, setStarting] = useState(false);

  const curve = useMemo(() => resolveLossCurve(selection, jobs, series, runs), [selection, jobs, series, runs]);
  const active = useMemo(() => activeBenchmarkJob(jobs), [jobs]);
  const busy = starting || active !== null;
  const stats = curveStats(curve);

  return (
    <section className="card machine-card" aria-labelledby="machine-heading">
      <header className="card-header">
        <h2 id="machine-heading" className="card-title">
          This machine
        </h2>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="start-benchmark"
          disabled={busy || !connected}
          onClick={() => {
            setStarting(true);
            void startBenchmark(client).finally(() => setStarting(false));
          }}
        >
          {active ? 'Benchmark running…' : 'Benchmark this machine'}
        </button>
      </header>

      <dl className="facts">
        <dt>ML backend</dt>
        <dd>
          {backend ? (
            <>
              <strong className="backend-name">{backend.name}</strong>
              {backend.detail && <span className="text-dim"> · {backend.detail}</span>}
            </>
          ) : (
            <span className="text-dim">Waiting for the first worker to report…</span>
          )}
        </dd>
        {info && (
          <>
            <dt>Machine</dt>
            <dd>
              {info.platform} {info.arch} · {info.cpus} CPU{info.cpus === 1 ? '' : 's'} · Node {info.nodeVersion}
            </dd>
          </>
        )}
        {backend && (
          <>
            <dt>TensorFlow.js</dt>
            <dd>{backend.tfjsVersion}</dd>
          </>
        )}
      </dl>
      {backend && backend.skipped.length > 0 && (
        <details className="skipped">
          <summary>Why not a faster backend?</summary>
          <ul>
            {backend.skipped.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      )}

      <div className="chart-header">
        <h3 className="section-label">Training loss</h3>
        <span className={`chart-caption${curve.source.kind === 'job' && curve.source.job.status === 'running' ? ' is-live' : ''}`}>{curveCaption(curve)}</span>
        {active && selection?.kind === 'run' && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => selectChart({ kind: 'job', jobId: active.id })}>
            Show live run
          </button>
        )}
      </div>
      {stats.length > 0 && (
        <dl className="curve-stats">
          {stats.map((stat) => (
            <div key={stat.label} className="curve-stat">
              <dt>{stat.label}</dt>
              <dd>{stat.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <LossChart steps={curve.steps} loss={curve.loss} emptyText="Run a benchmark to see its loss curve here." />

      <h3 className="section-label">Past runs</h3>
      <BenchmarkRunsTable shownRunId={curve.source.kind === 'run' ? curve.source.run.id : null} />
    </section>
  );
}
