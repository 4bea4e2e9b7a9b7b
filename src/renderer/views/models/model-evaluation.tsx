// The Models screen's evaluation card: runs evaluation.music on one model (128 generated examples
// against the held-out sample its folder keeps) and shows the figures side by side with an overlap
// bar each, the pitch-class (or drum-class) and inter-onset histograms as paired bars, the VAE's
// reconstruction of held-out sequences, and whether asked-for keys and densities were reached.
import { useEffect, useState } from 'react';
import { StudioError, type ModelInfo } from '../../../shared/api';
import type { EvaluationHistogram, MusicEvaluation } from '../../../shared/api/evaluation';
import { useStudioClient } from '../../client/client-context';
import { densityLine, figureRows, histogramBars, histogramLabels, keyLine, reconstructionLine } from './evaluation-logic';

/** Generated examples per evaluation, and variations per asked key or density: ~10 s on a laptop. */
const generatedCount = 128;
const attributeCount = 16;

type State = { kind: 'running' } | { kind: 'done'; evaluation: MusicEvaluation } | { kind: 'failed'; message: string };

export function ModelEvaluation({ model, onClose }: { model: ModelInfo; onClose: () => void }) {
  const client = useStudioClient();
  const [state, setState] = useState<State>({ kind: 'running' });
  const [run, setRun] = useState(0);

  useEffect(() => {
    let live = true;
    client.call('evaluation', 'music', { modelId: model.id, count: generatedCount, attributeCount }).then(
      (evaluation) => live && setState({ kind: 'done', evaluation }),
      (err: unknown) => live && setState({ kind: 'failed', message: StudioError.from(err).message }),
    );
    return () => {
      live = false;
    };
  }, [client, model.id, run]);

  return (
    <section className="card model-evaluation" data-testid="model-evaluation" data-state={state.kind} aria-label={`Evaluation of ${model.name}`}>
      <header className="card-header">
        <h2 className="card-title">Evaluation · {model.name}</h2>
        <span className="status-spacer" />
        {state.kind !== 'running' && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => {
              setState({ kind: 'running' });
              setRun((n) => n + 1);
            }} data-testid="evaluation-again">
            Run again
          </button>
        )}
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label="Close the evaluation">
          ✕
        </button>
      </header>
      {state.kind === 'running' && (
        <p className="text-dim" role="status">
          <span className="spinner" aria-hidden /> Drawing {generatedCount} {model.kind === 'drums' ? 'drum patterns' : 'melodies'} and comparing them with the
          held-out examples the model never trained on…
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && <EvaluationReport evaluation={state.evaluation} />}
    </section>
  );
}

function EvaluationReport({ evaluation: e }: { evaluation: MusicEvaluation }) {
  const unit = e.kind === 'drums' ? 'hits' : 'notes';
  return (
    <div className="evaluation-report">
      <p className="text-faint">
        {e.generated.examples} generated (seed {e.seed}, temperature {e.temperature}) against {e.heldOut.description} · {(e.ms / 1000).toFixed(1)} s
      </p>
      <table className="data-table evaluation-table" data-testid="evaluation-figures">
        <thead>
          <tr>
            <th>Figure</th>
            <th className="num">Generated</th>
            <th className="num">Held-out</th>
            <th>Overlap</th>
            <th className="num">KL (bits)</th>
          </tr>
        </thead>
        <tbody>
          {figureRows(e).map((r) => (
            <tr key={r.name} data-testid="evaluation-figure" data-figure={r.name}>
              <td>{r.label}</td>
              <td className="num">{r.generated}</td>
              <td className="num">{r.heldOut}</td>
              <td>
                <span className="overlap-bar" title={`Overlap ${r.overlap} (1 = the same distribution)`}>
                  <i style={{ width: `${r.overlapShare * 100}%` }} />
                </span>{' '}
                {r.overlap}
              </td>
              <td className="num">{r.kl}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="evaluation-histograms">
        {e.histograms.map((h) => (
          <Histogram key={h.name} histogram={h} />
        ))}
      </div>
      <dl className="facts evaluation-facts">
        <dt>Reconstruction</dt>
        <dd data-testid="evaluation-reconstruction">{reconstructionLine(e)}</dd>
        {e.keys.length > 0 && (
          <>
            <dt>Asked-for keys</dt>
            <dd>
              {e.keys.map((k) => {
                const line = keyLine(k, e.keyTarget);
                return (
                  <p key={k.name} className={line.reached ? 'target-met' : 'target-missed'} data-testid="evaluation-key">
                    {line.reached ? '✓' : '✗'} {line.text}
                  </p>
                );
              })}
            </dd>
          </>
        )}
        {e.densities.length > 0 && (
          <>
            <dt>Asked-for densities</dt>
            <dd>
              {e.densities.map((d) => (
                <p key={d.asked} data-testid="evaluation-density">
                  {densityLine(d, unit)}
                </p>
              ))}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Histogram({ histogram: h }: { histogram: EvaluationHistogram }) {
  const labels = histogramLabels(h);
  const bars = histogramBars(h);
  const width = 22;
  const height = 70;
  return (
    <figure className="evaluation-histogram" data-testid="evaluation-histogram" data-histogram={h.name}>
      <figcaption>
        {h.label} <span className="text-faint">· overlap {h.overlap.toFixed(2)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${labels.length * width} ${height + 14}`} role="img" aria-label={`${h.label}: generated against held-out`}>
        {labels.map((label, i) => {
          const g = (bars.generated[i] ?? 0) * height;
          const r = (bars.heldOut[i] ?? 0) * height;
          return (
            <g key={label} transform={`translate(${i * width},0)`}>
              <rect className="bar-generated" x={3} y={height - g} width={8} height={g} />
              <rect className="bar-heldout" x={11} y={height - r} width={8} height={r} />
              <text x={width / 2} y={height + 11} textAnchor="middle">
                {label.length > 4 ? label.slice(0, 4) : label}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="histogram-key text-faint">
        <i className="bar-generated" /> generated <i className="bar-heldout" /> held-out
      </p>
    </figure>
  );
}
