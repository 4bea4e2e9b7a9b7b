// Past benchmark runs, newest first; picking one plots its loss curve above. The newest few show;
// the rest (the host keeps the latest 20 in the list) one click away, so the card stays short.
import { useState } from 'react';
import type { BenchmarkRun } from '../../../shared/api';
import { useNow } from '../../components/use-now';
import { formatDateTime, formatDuration, formatLoss, formatRate, formatStamp } from '../../lib/format';
import { selectChart, useBenchmarksStore } from '../../stores/benchmarks-store';
import { capList } from '../../stores/jobs-logic';

const runsShownAtFirst = 5;

export function BenchmarkRunsTable({ shownRunId }: { shownRunId: string | null }) {
  const runs = useBenchmarksStore((s) => s.runs);
  const loaded = useBenchmarksStore((s) => s.loaded);
  const now = useNow(3_600_000);
  const [expanded, setExpanded] = useState(false);

  if (!loaded) return <p className="empty-note">Loading past runs…</p>;
  if (runs.length === 0) return <p className="empty-note">No runs yet. Each run is kept here with its speed and loss curve.</p>;

  const show = (run: BenchmarkRun) => selectChart({ kind: 'run', runId: run.id });
  const { visible, hidden } = capList(runs, expanded ? runs.length : runsShownAtFirst);
  return (
    <div className="runs-scroll">
      <table className="data-table runs-table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Backend</th>
            <th scope="col" className="num">
              Steps/s
            </th>
            <th scope="col" className="num">
              Seq/s
            </th>
            <th scope="col" className="num">
              Loss
            </th>
            <th scope="col" className="num" title="Duration">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {visible.map((run) => (
            <tr
              key={run.id}
              data-testid="benchmark-run-row"
              aria-selected={run.id === shownRunId}
              className={run.id === shownRunId ? 'is-selected' : undefined}
              // The date button inside makes the row reachable by keyboard; its click bubbles here.
              onClick={() => show(run)}
            >
              <td>
                <button
                  type="button"
                  className="link-button"
                  title={formatDateTime(run.createdAt)}
                  aria-label={`Show the loss curve of the run of ${formatDateTime(run.createdAt)}`}
                >
                  {formatStamp(run.createdAt, now)}
                </button>
              </td>
              <td>{run.backend}</td>
              <td className="num">{formatRate(run.stepsPerSec)}</td>
              <td className="num">{formatRate(run.sequencesPerSec)}</td>
              <td className="num">
                {formatLoss(run.initialLoss, 2)} → {formatLoss(run.finalLoss, 2)}
              </td>
              <td className="num">{formatDuration(run.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(hidden > 0 || expanded) && runs.length > runsShownAtFirst && (
        <div className="list-more">
          <button type="button" className="btn btn-small btn-ghost" data-testid="runs-show-more" onClick={() => setExpanded((e) => !e)}>
            {expanded ? 'Show fewer' : `Show ${hidden} older run${hidden === 1 ? '' : 's'}`}
          </button>
        </div>
      )}
    </div>
  );
}
