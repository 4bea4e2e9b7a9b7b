// The Models screen's evaluation card for a scene model: runs scripts.evaluateScenes (held-out
// perplexities, valid-heading rate, character consistency, distinct-1/2 of drafts from the
// held-out scenes its folder keeps) and lists the figures in words.
import { useEffect, useState } from 'react';
import { StudioError, type ModelInfo } from '../../../shared/api';
import type { SceneModelEvaluation } from '../../../shared/api/scripts';
import { useStudioClient } from '../../client/client-context';
import { sceneMetricRows } from './scene-metrics-logic';

/** Proposals and drafts per evaluation: a few seconds on a laptop. */
const evaluatedCount = 16;

type State = { kind: 'running' } | { kind: 'done'; evaluation: SceneModelEvaluation } | { kind: 'failed'; message: string };

export function SceneEvaluation({ model, onClose }: { model: ModelInfo; onClose: () => void }) {
  const client = useStudioClient();
  const [state, setState] = useState<State>({ kind: 'running' });
  const [run, setRun] = useState(0);

  useEffect(() => {
    let live = true;
    client.scripts.evaluateScenes({ model: model.id, count: evaluatedCount }).then(
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
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              setState({ kind: 'running' });
              setRun((r) => r + 1);
            }}
          >
            Run again
          </button>
        )}
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label="Close the evaluation">
          ✕
        </button>
      </header>
      {state.kind === 'running' && (
        <p className="text-dim" role="status">
          <span className="spinner" aria-hidden /> Proposing {evaluatedCount} next scenes and drafting {evaluatedCount} scenes from held-out screenplays…
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div className="evaluation-report">
          <p className="text-faint">
            {state.evaluation.heldOut ? 'On scenes the model never trained on' : 'This model keeps no held-out scenes: the figures come from its own proposals only'} · temperature {state.evaluation.temperature} · {(state.evaluation.ms / 1000).toFixed(1)} s
          </p>
          <table className="data-table evaluation-table" data-testid="evaluation-figures">
            <tbody>
              {sceneMetricRows(state.evaluation.metrics).map((r) => (
                <tr key={r.key} title={r.hint}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
