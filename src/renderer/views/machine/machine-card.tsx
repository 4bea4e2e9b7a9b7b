// "This machine": which ML backend the workers use, a button to benchmark it, what the latest run
// means in a musician's terms (technical figures one click away), the loss curve of the running
// (or a picked past) benchmark, and the table of past runs.
import { useMemo } from 'react';
import { useStudioClient } from '../../client/client-context';
import { formatDateTime, formatLoss, formatMachine, formatRate, formatRelative } from '../../lib/format';
import { chartEmptyText, resolveLossCurve, type LossCurve } from '../../stores/benchmarks-logic';
import { selectChart, useBenchmarksStore } from '../../stores/benchmarks-store';
import { startBenchmark } from '../../stores/job-actions';
import { activeBenchmarkJob, countByStatus } from '../../stores/jobs-logic';
import { useJobsStore } from '../../stores/jobs-store';
import { useSystemStore } from '../../stores/system-store';
import { BenchmarkRunsTable } from './benchmark-runs-table';
import { LossChart } from './loss-chart';
import { benchmarkButton, explainRun } from './machine-logic';
import { useNow } from '../../components/use-now';
import './machine.css';

function curveCaption(curve: LossCurve, connected: boolean, queuedBehind: number): string {
  const { source } = curve;
  if (source.kind === 'none') return 'No benchmark yet';
  if (source.kind === 'run') return `Run of ${formatDateTime(source.run.createdAt)} · ${source.run.backend}`;
  if (!connected && (source.job.status === 'running' || source.job.status === 'queued')) return 'Connection lost — status unknown';
  const outcome = {
    queued: 'Queued',
    running: 'Live run',
    succeeded: 'Latest run',
    failed: 'Latest run · failed',
    cancelled: 'Latest run · cancelled',
    interrupted: 'Latest run · interrupted',
  };
  const more = source.job.status === 'running' && queuedBehind > 0 ? ` · ${queuedBehind} more queued` : '';
  return outcome[source.job.status] + more;
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

function LatestRunSummary() {
  const latest = useBenchmarksStore((s) => s.runs[0] ?? null);
  const now = useNow(60_000);
  if (!latest) {
    return (
      <p className="run-summary text-dim" data-testid="benchmark-summary">
        Run the benchmark to find out how fast this machine trains music models. It trains a small melody model for a minute or two; you can keep working
        meanwhile.
      </p>
    );
  }
  const e = explainRun(latest);
  return (
    <div className="run-summary" data-testid="benchmark-summary">
      <p className="run-headline">{e.headline}</p>
      {e.lines.map((line) => (
        <p key={line} className="text-dim">
          {line}
        </p>
      ))}
      <details className="run-details" data-testid="benchmark-details">
        <summary>
          Details <span className="text-faint">· measured {formatRelative(latest.createdAt, now)}</span>
        </summary>
        <dl className="facts run-figures">
          {e.figures.map((f) => (
            <div key={f.label} className="fact-pair">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-faint">The benchmark measures training only; how fast this machine generates melodies is not measured yet.</p>
      </details>
    </div>
  );
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
  const starting = useBenchmarksStore((s) => s.starting);
  const startError = useBenchmarksStore((s) => s.startError);

  const curve = useMemo(() => resolveLossCurve(selection, jobs, series, runs), [selection, jobs, series, runs]);
  const active = useMemo(() => activeBenchmarkJob(jobs), [jobs]);
  const queued = useMemo(() => countByStatus(jobs, 'queued'), [jobs]);
  const button = benchmarkButton({ connected, starting, active });
  const stats = curveStats(curve);
  const live = connected && curve.source.kind === 'job' && curve.source.job.status === 'running';

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
          disabled={button.disabled}
          title={button.title}
          onClick={() => void startBenchmark(client)}
        >
          {button.label}
        </button>
      </header>
      {startError && (
        <p className="field-error" data-testid="benchmark-start-error" role="alert">
          The benchmark did not start: {startError}
        </p>
      )}

      <LatestRunSummary />
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
              {formatMachine(info)}
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
        <span className={`chart-caption${live ? ' is-live' : ''}`} data-testid="chart-caption">
          {curveCaption(curve, connected, queued)}
        </span>
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
      <LossChart steps={curve.steps} loss={curve.loss} emptyText={chartEmptyText(curve, jobs, { starting, connected })} />

      <h3 className="section-label">Past runs</h3>
      <BenchmarkRunsTable shownRunId={curve.source.kind === 'run' ? curve.source.run.id : null} />
    </section>
  );
}
