// "How For you ranks": runs the evaluation harness on this machine's history on demand
// (recommend.evaluate: each context's latest item held out and ranked among sampled others) and
// shows each model's hit rate and NDCG at 10 and its fitting time, the model chosen and why. Below
// it, the same harness on a ratings file picked or dropped on the section (ratings-file-evaluation).
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { StudioError, type LocalEvaluation, type LocalModelName } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { modelLabels } from '../foryou/foryou-logic';
import { chooseRatingsFile, useRatingsEvalStore } from './ratings-evaluation-store';
import { RatingsFileEvaluation } from './ratings-file-evaluation';
import { RankingTable } from './ranking-table';

const modelLabel = (name: string): string => modelLabels[name as LocalModelName] ?? name;
/** The host's reason as a sentence (it ends without a full stop). */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const carriesFiles = (e: DragEvent | globalThis.DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;

/** A file dropped on the section goes to "Evaluate on a ratings file"; one dropped elsewhere on the screen is not opened by the browser. */
function useRatingsDrop(): { over: boolean; handlers: Record<'onDragEnter' | 'onDragOver' | 'onDragLeave' | 'onDrop', (e: DragEvent) => void> } {
  const [depth, setDepth] = useState(0);
  const busy = useRatingsEvalStore((s) => s.phase !== 'idle');
  useEffect(() => {
    const stray = (e: globalThis.DragEvent) => {
      if (!carriesFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      if (e.dataTransfer && e.type === 'dragover') e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', stray);
    window.addEventListener('drop', stray);
    return () => {
      window.removeEventListener('dragover', stray);
      window.removeEventListener('drop', stray);
    };
  }, []);
  return {
    over: depth > 0 && !busy,
    handlers: {
      onDragEnter: (e) => {
        if (carriesFiles(e)) setDepth((d) => d + 1);
      },
      onDragOver: (e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
      },
      onDragLeave: (e) => {
        if (carriesFiles(e)) setDepth((d) => Math.max(0, d - 1));
      },
      onDrop: (e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setDepth(0);
        const file = e.dataTransfer.files[0];
        if (file && !busy) void chooseRatingsFile(file);
      },
    },
  };
}

export function RankingEvaluation() {
  const client = useStudioClient();
  const [state, setState] = useState<{ running: boolean; result: LocalEvaluation | null; error: string | null }>({ running: false, result: null, error: null });
  const drop = useRatingsDrop();
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = async () => {
    setState((s) => ({ ...s, running: true, error: null }));
    try {
      const result = await client.call('recommend', 'evaluate', {});
      if (alive.current) setState({ running: false, result, error: null });
    } catch (err) {
      if (alive.current) setState((s) => ({ ...s, running: false, error: StudioError.from(err).message }));
    }
  };

  const { running, result, error } = state;
  const best = result ? Math.max(...result.rows.map((r) => r.ndcg10)) : 0;
  const bestNames = new Set(result && best > 0 ? result.rows.filter((r) => r.ndcg10 === best).map((r) => r.name) : []);
  return (
    <section className={`insight-card is-wide ranking${drop.over ? ' is-drop-target' : ''}`} data-testid="ranking-evaluation" aria-labelledby="ranking-title" {...drop.handlers}>
      {drop.over && (
        <div className="ranking-drop-hint" aria-hidden="true">
          <span>Drop a ratings file to evaluate the models on it</span>
        </div>
      )}
      <header className="insight-head">
        <div className="insight-titles">
          <h2 id="ranking-title" className="card-title">
            How For you ranks
          </h2>
          <p className="insight-note text-faint">
            Compares the ranking models on your own history: for each studio session and project, its latest item is hidden and each model tries to put it in its top 10.
          </p>
        </div>
        <span className="insight-actions">
          <button type="button" className="btn btn-small" data-testid="ranking-run" disabled={running} onClick={() => void run()}>
            {running ? 'Comparing…' : result ? 'Compare again' : 'Compare the models'}
          </button>
        </span>
      </header>
      {running && (
        <p className="ranking-progress text-dim" role="status" data-testid="ranking-progress">
          Fitting {Object.values(modelLabels).join(', ')} on your history and scoring each one… This takes a few seconds.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="ranking-error">
          The comparison could not run: {error}
        </p>
      )}
      {result && (
        <>
          <RankingTable rows={result.rows} best={bestNames} marked={result.chosen} badge={{ label: 'In use', className: 'ranking-chosen' }} testId="ranking-table" rowTestId="ranking-row" />
          <p className="ranking-reason" data-testid="ranking-reason">
            <strong>{modelLabel(result.chosen)}</strong> ranks For you: {sentence(result.reason)}
          </p>
          {result.protocol.evaluatedUsers === 0 && (
            <p className="text-dim ranking-protocol" data-testid="ranking-too-little">
              No studio session or project has enough history yet to hide an item and still learn from the rest, so every model scores 0 for now. The figures fill in as you use Montage.
            </p>
          )}
          <p className="text-faint ranking-protocol">
            {result.protocol.evaluatedUsers} of {result.protocol.users} sessions and projects evaluated · {result.protocol.items} items · {result.protocol.interactions} interactions
            {result.protocol.evaluatedUsers > 0 && ` · each hidden item ranked among ${result.protocol.negatives} others`} · seed {result.protocol.seed}
          </p>
        </>
      )}
      {!result && !running && !error && <p className="insight-empty">Press Compare the models to see how well each one would have guessed what you used next.</p>}
      <RatingsFileEvaluation />
    </section>
  );
}
