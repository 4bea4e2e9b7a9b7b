// "Train on my scripts…": the Train dialog's form for a scene model (the scene drafter's next-scene
// and draft models). Sources: this project's scripts (ticked), or .fountain / .fdx files sent as
// base64; a live preview says how many scenes were found and which files could not be read; then
// a name and the steps, and Start runs the job the dialog follows (TrainingProgress).
import { useEffect, useMemo, useRef, useState } from 'react';
import { StudioError, type DocumentInfo, type SceneTrainingSource, type SceneTrainingSummary } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { receiveJob } from '../../stores/jobs-store';
import { setJobsPanelOpen } from '../../stores/ui-store';
import { defaultSceneSteps, sceneBlocker, scenePreviewLine, scriptsSource, scriptUploadProblem } from './scene-train-logic';
import { bytesToBase64, parseSteps } from './train-logic';
import { closeTrainDialog } from './train-store';

type SourceKind = 'scripts' | 'files';
type Preview = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; summary: SceneTrainingSummary } | { state: 'error'; message: string };

const message = (err: unknown): string => StudioError.from(err).message;

export function SceneTrainSetup({ projectId, onStarted }: { projectId: string | null; onStarted: (jobId: string) => void }) {
  const client = useStudioClient();
  const [sourceKind, setSourceKind] = useState<SourceKind>(projectId ? 'scripts' : 'files');
  const [scripts, setScripts] = useState<DocumentInfo[] | null>(null);
  const [scriptsError, setScriptsError] = useState<string | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [files, setFiles] = useState<{ name: string; base64: string }[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [stepsText, setStepsText] = useState(String(defaultSceneSteps));
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const previewSeq = useRef(0);

  useEffect(() => {
    if (!projectId) return;
    let live = true;
    client.documents
      .list({ projectId })
      .then((docs) => {
        if (!live) return;
        const list = docs.filter((d) => d.kind === 'script');
        setScripts(list);
        setTicked(new Set(list.map((d) => d.id)));
      })
      .catch((err: unknown) => live && setScriptsError(message(err)));
    return () => {
      live = false;
    };
  }, [client, projectId]);

  const source: SceneTrainingSource | null = useMemo(() => {
    if (sourceKind === 'scripts') return projectId && scripts ? scriptsSource(projectId, scripts.map((d) => d.id), ticked) : null;
    return files.length > 0 ? { kind: 'script-files', files } : null;
  }, [sourceKind, projectId, scripts, ticked, files]);

  // The live preview, asked again (debounced) on every change; an answer is kept with its source so a stale one is never shown.
  const [answer, setAnswer] = useState<{ source: SceneTrainingSource; value: Preview } | null>(null);
  useEffect(() => {
    const seq = ++previewSeq.current;
    if (!source) return;
    const timer = setTimeout(() => {
      client
        .call('training', 'previewScenes', { source })
        .then((summary) => seq === previewSeq.current && setAnswer({ source, value: { state: 'ready', summary } }))
        .catch((err: unknown) => seq === previewSeq.current && setAnswer({ source, value: { state: 'error', message: message(err) } }));
    }, 250);
    return () => clearTimeout(timer);
  }, [client, source]);
  const preview: Preview = !source ? { state: 'idle' } : answer && answer.source === source ? answer.value : { state: 'loading' };

  const chooseFiles = async (list: FileList | null) => {
    const chosen = list ? [...list] : [];
    setFilesError(null);
    const problem = scriptUploadProblem(chosen.map((f) => ({ name: f.name, size: f.size })));
    if (problem) {
      setFiles([]);
      setFilesError(problem);
      return;
    }
    try {
      setFiles(await Promise.all(chosen.map(async (f) => ({ name: f.name, base64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) }))));
    } catch (err) {
      setFiles([]);
      setFilesError(`Could not read the files: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const steps = parseSteps(stepsText);
  const blocker = preview.state === 'ready' ? sceneBlocker(preview.summary) : null;
  const canStart = source !== null && 'steps' in steps && !starting && preview.state === 'ready' && blocker === null;

  const start = async () => {
    if (!source || !('steps' in steps)) return;
    setStarting(true);
    setStartError(null);
    try {
      const { job } = await client.call('training', 'startScenes', { source, steps: steps.steps, ...(name.trim() ? { name: name.trim() } : {}) });
      receiveJob(job);
      setJobsPanelOpen(true);
      onStarted(job.id);
    } catch (err) {
      setStartError(message(err));
    } finally {
      setStarting(false);
    }
  };

  const toggle = (id: string) =>
    setTicked((t) => {
      const next = new Set(t);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <form
      className="train-form"
      data-testid="train-scenes-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canStart) void start();
      }}
    >
      <p className="dialog-footnote train-intro">A scene model learns from screenplays how scenes follow one another (headings, who is in them, what happens) and how they are written, for the script screen’s ✦ Suggest.</p>
      <fieldset className="train-fieldset">
        <legend className="section-label">From</legend>
        <div className="train-choices" role="radiogroup" aria-label="Train on">
          <label className={`train-choice${sourceKind === 'scripts' ? ' is-chosen' : ''}`} title={projectId ? undefined : 'Open a project to train on its scripts'}>
            <input type="radio" name="train-source" checked={sourceKind === 'scripts'} disabled={!projectId} onChange={() => setSourceKind('scripts')} data-testid="train-source-scripts" />
            <span>This project’s scripts</span>
          </label>
          <label className={`train-choice${sourceKind === 'files' ? ' is-chosen' : ''}`}>
            <input type="radio" name="train-source" checked={sourceKind === 'files'} onChange={() => setSourceKind('files')} data-testid="train-source-script-files" />
            <span>Script files (.fountain, .fdx)</span>
          </label>
        </div>
        {sourceKind === 'scripts' ? (
          scriptsError ? (
            <p className="field-error" role="alert">
              {scriptsError}
            </p>
          ) : scripts === null ? (
            <p className="empty-note">Reading the scripts…</p>
          ) : scripts.length === 0 ? (
            <p className="empty-note">This project has no scripts yet. Write or import one, or choose script files here.</p>
          ) : (
            <ul className="train-songs" data-testid="train-scripts">
              {scripts.map((d) => (
                <li key={d.id}>
                  <label className="train-song">
                    <input type="checkbox" checked={ticked.has(d.id)} onChange={() => toggle(d.id)} data-testid="train-script" />
                    <span className="train-song-name">{d.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          )
        ) : (
          <div className="train-files">
            <label className="btn btn-small">
              {files.length > 0 ? 'Choose other files…' : 'Choose script files…'}
              <input
                type="file"
                multiple
                hidden
                accept=".fountain,.spmd,.fdx"
                data-testid="train-script-files"
                onChange={(e) => {
                  void chooseFiles(e.currentTarget.files);
                  e.currentTarget.value = '';
                }}
              />
            </label>
            {files.length > 0 && (
              <span className="text-faint train-file-names" title={files.map((f) => f.name).join('\n')}>
                {files.length <= 3 ? files.map((f) => f.name).join(', ') : `${files.slice(0, 2).map((f) => f.name).join(', ')} and ${files.length - 2} more`}
              </span>
            )}
            {filesError && (
              <p className="field-error" role="alert" data-testid="train-files-error">
                {filesError}
              </p>
            )}
          </div>
        )}
      </fieldset>

      <div className="train-preview" data-testid="train-preview" data-state={preview.state} aria-live="polite">
        {preview.state === 'idle' && <span className="text-faint">Choose scripts or files to see how many scenes they hold.</span>}
        {preview.state === 'loading' && <span className="text-faint">Reading the scenes…</span>}
        {preview.state === 'error' && (
          <span className="field-error" role="alert">
            {preview.message}
          </span>
        )}
        {preview.state === 'ready' && (
          <>
            <span data-testid="train-preview-line" data-scenes={preview.summary.scenes}>
              {scenePreviewLine(preview.summary)}
            </span>
            {preview.summary.unreadable.length > 0 && (
              <ul className="train-unreadable field-error" data-testid="train-unreadable">
                {preview.summary.unreadable.slice(0, 5).map((u) => (
                  <li key={u.name}>
                    {u.name}: {u.reason}
                  </li>
                ))}
                {preview.summary.unreadable.length > 5 && <li>and {preview.summary.unreadable.length - 5} more</li>}
              </ul>
            )}
            {blocker && (
              <p className="field-error" data-testid="train-preview-blocker">
                {blocker}
              </p>
            )}
          </>
        )}
      </div>

      <div className="train-row">
        <label className="train-field">
          <span className="section-label">Name</span>
          <input className="input" value={name} maxLength={120} placeholder="Scenes from …" onChange={(e) => setName(e.target.value)} data-testid="train-name" />
        </label>
        <label className="train-field train-steps">
          <span className="section-label">Steps</span>
          <input className="input" inputMode="numeric" value={stepsText} aria-invalid={'error' in steps} onChange={(e) => setStepsText(e.target.value)} data-testid="train-steps" />
        </label>
      </div>
      {'error' in steps && <p className="field-error">{steps.error}</p>}
      <p className="dialog-footnote">The next-scene model trains for half as many steps, then the draft model for these; each stops early when its held-out loss stops improving. It runs as a job: you can keep writing, and cancel it from the Jobs panel.</p>
      {startError && (
        <p className="field-error" role="alert" data-testid="train-start-error">
          {startError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={closeTrainDialog}>
          Close
        </button>
        <button type="submit" className="btn btn-primary" disabled={!canStart} data-testid="train-start">
          {starting ? 'Starting…' : 'Start training'}
        </button>
      </div>
    </form>
  );
}
