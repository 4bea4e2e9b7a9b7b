// The Models screen (#/models): every music model in the registry, shipped with Montage or trained
// here, with what it was trained on and how well it did. Tick two or more to compare their metrics
// and training curves side by side; evaluate one against music it never trained on
// (model-evaluation.tsx); rename any; delete a trained one (after a confirmation; a
// shipped one cannot be, and the host refuses with 'conflict' too).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { StudioError, type ModelInfo } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { InlineRename } from '../../components/inline-rename';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../stores/ui-store';
import { MetricChart } from '../train/metric-chart';
import { openTrainDialog } from '../train/train-store';
import { ModelEvaluation } from './model-evaluation';
import { SceneEvaluation } from './scene-evaluation';
import { alignCurves, compareColors, compareMetrics, deleteRefusal, examplesOf, heldOutAccuracy } from './models-logic';
import './models.css';

export function ModelsView() {
  const client = useStudioClient();
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ModelInfo | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState<string | null>(null);

  const refresh = useCallback(
    () =>
      client.call('models', 'list', {}).then(
        (list) => {
          setModels(list);
          setError(null);
        },
        (err: unknown) => setError(StudioError.from(err).message),
      ),
    [client],
  );

  useEffect(() => {
    let live = true;
    const load = () => {
      if (live) void refresh();
    };
    const timer = setTimeout(load, 0);
    const off = client.on('onModelsChanged', load);
    const offConn = client.onConnection((state) => state === 'connected' && load());
    return () => {
      live = false;
      clearTimeout(timer);
      off();
      offConn();
    };
  }, [client, refresh]);

  const evaluatedModel = models?.find((m) => m.id === evaluating) ?? null;
  const compared = useMemo(() => (models ?? []).filter((m) => chosen.has(m.id)), [models, chosen]);

  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await client.call('models', 'delete', { id: deleting.id });
      notify(`Deleted the model “${deleting.name}”.`);
      setChosen((s) => {
        const next = new Set(s);
        next.delete(deleting.id);
        return next;
      });
      setDeleting(null);
      await refresh();
    } catch (err) {
      setDeleteError(StudioError.from(err).message);
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <div className="models-screen" data-testid="models-view">
      <nav className="breadcrumb">
        <a className="back-link" href="#/" data-testid="home-link" title="Back to Projects">
          ← Projects
        </a>
      </nav>
      <header className="models-header">
        <h1 className="screen-title">Models</h1>
        <span className="status-spacer" />
        <button type="button" className="btn btn-primary btn-small" data-testid="models-train" onClick={() => openTrainDialog(null)}>
          Train on my music…
        </button>
      </header>
      <p className="text-faint models-intro">Music and scene models that came with Montage and the ones you trained. Tick two or more to compare them.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {models === null ? (
        !error && <p className="empty-note">Loading models…</p>
      ) : models.length === 0 ? (
        <p className="empty-note">No models yet. Train one on your music.</p>
      ) : (
        <div className="models-scroll">
          <table className="data-table models-table" data-testid="models-table">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th>Name</th>
                <th>Kind</th>
                <th>Configuration</th>
                <th>Origin</th>
                <th className="num">Examples</th>
                <th className="num">Held-out accuracy</th>
                <th>Created</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {models.map((m) => {
                const refusal = deleteRefusal(m);
                const examples = examplesOf(m);
                return (
                  <tr key={m.id} data-testid="model-row" data-model-id={m.id} data-origin={m.origin} className={chosen.has(m.id) ? 'is-chosen' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={`Compare ${m.name}`} checked={chosen.has(m.id)} onChange={() => toggle(m.id)} data-testid="model-compare" />
                    </td>
                    <td className="model-name">
                      {renaming === m.id ? (
                        <InlineRename
                          initial={m.name}
                          label="Model name"
                          onSave={async (name) => {
                            try {
                              await client.call('models', 'rename', { id: m.id, name });
                              await refresh();
                              return null;
                            } catch (err) {
                              return StudioError.from(err).message;
                            }
                          }}
                          onDone={() => setRenaming(null)}
                        />
                      ) : (
                        <span data-testid="model-name" title={m.data.summary || undefined}>
                          {m.name}
                        </span>
                      )}
                    </td>
                    <td>{m.kind}</td>
                    <td>{m.configName}</td>
                    <td>
                      <span className={`origin-pill origin-${m.origin}`}>{m.origin}</span>
                    </td>
                    <td className="num">{examples === null ? '—' : examples.toLocaleString('en-US')}</td>
                    <td className="num" data-testid="model-accuracy">
                      {heldOutAccuracy(m)}
                    </td>
                    <td>
                      <time dateTime={new Date(m.createdAt).toISOString()}>{formatDateTime(m.createdAt)}</time>
                    </td>
                    <td className="model-actions">
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        title={`Measure “${m.name}” against music it never trained on`}
                        onClick={() => setEvaluating(m.id)}
                        data-testid="model-evaluate"
                      >
                        Evaluate
                      </button>
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => setRenaming(m.id)} data-testid="model-rename">
                        Rename
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-ghost btn-ghost-danger"
                        disabled={refusal !== null}
                        title={refusal ?? `Delete “${m.name}” and its files`}
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(m);
                        }}
                        data-testid="model-delete"
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {evaluatedModel &&
        (evaluatedModel.kind === 'scenes' ? (
          <SceneEvaluation key={evaluatedModel.id} model={evaluatedModel} onClose={() => setEvaluating(null)} />
        ) : (
          <ModelEvaluation key={evaluatedModel.id} model={evaluatedModel} onClose={() => setEvaluating(null)} />
        ))}
      {compared.length === 1 && <p className="text-faint">Tick one more model to compare.</p>}
      {compared.length >= 2 && <ModelComparison models={compared} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel={deleteBusy ? 'Deleting…' : 'Delete model'}
          confirmTestId="model-delete-confirm"
          danger
          busy={deleteBusy}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>The model and its files are removed from this computer. This cannot be undone; you can train it again.</p>
          {deleteError && (
            <p className="field-error" role="alert">
              {deleteError}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

function ModelComparison({ models }: { models: ModelInfo[] }) {
  const rows = useMemo(() => compareMetrics(models), [models]);
  const loss = useMemo(() => alignCurves(models, 'loss'), [models]);
  const accuracy = useMemo(() => alignCurves(models, 'accuracy'), [models]);
  const lossSeries = useMemo(() => models.map((m, i) => ({ label: m.name, color: compareColors[i % compareColors.length]!, values: loss.values[i]! })), [models, loss]);
  const accSeries = useMemo(() => models.map((m, i) => ({ label: m.name, color: compareColors[i % compareColors.length]!, values: accuracy.values[i]! })), [models, accuracy]);
  return (
    <section className="card models-compare" data-testid="models-compare" aria-label="Comparison">
      <h2 className="card-title">Comparing {models.length} models</h2>
      <div className="models-scroll">
        <table className="data-table compare-table">
          <thead>
            <tr>
              <th>Metric</th>
              {models.map((m, i) => (
                <th key={m.id} className="num">
                  <i className="compare-key" style={{ background: compareColors[i % compareColors.length] }} />
                  {m.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="compare-row" data-metric={r.key}>
                <td>{r.label}</td>
                {r.values.map((v, i) => (
                  <td key={models[i]!.id} className={`num${r.best === i ? ' is-best' : ''}`}>
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="compare-charts">
        <MetricChart title="Training loss" steps={loss.steps} series={lossSeries} testId="compare-loss" emptyText="No curve stored." />
        <MetricChart title="Training accuracy" steps={accuracy.steps} series={accSeries} testId="compare-accuracy" range={[0, 1]} emptyText="No accuracy curve stored." />
      </div>
    </section>
  );
}
