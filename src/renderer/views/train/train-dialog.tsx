// "Train on my music": choose what to learn (2-bar or 4-bar melodies, 2-bar drums) and from what
// (this project's songs or single tracks, or MIDI files), see what would be extracted before
// starting (a live preview from training.preview), name it, choose the steps, and start. The
// dialog then follows the job: progress, live loss / KL / accuracy charts, Cancel, and where the
// model went.
import { useEffect, useMemo, useRef, useState } from 'react';
import { StudioError, isFinished, type Job, type MusicModelConfigName, type TrainingCorpusSummary, type TrainingSource } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ModalDialog } from '../../components/modal-dialog';
import { ProgressBar } from '../../components/progress-bar';
import { StatusBadge } from '../../components/status-badge';
import { cancelJob } from '../../stores/job-actions';
import { receiveJob, useJobsStore } from '../../stores/jobs-store';
import { navigate, setJobsPanelOpen } from '../../stores/ui-store';
import { SceneTrainSetup } from './scene-train-setup';
import { TrainingCharts } from './training-charts';
import {
  bytesToBase64,
  configChoices,
  defaultSteps,
  isTrackTicked,
  parseSteps,
  previewBlocker,
  previewLine,
  songsSource,
  toggleSong,
  toggleTrack,
  uploadProblem,
  type SongChoice,
  type SongSelection,
} from './train-logic';
import { closeTrainDialog, resumeTraining, useResumable, useTrainDialogStore } from './train-store';
import './train.css';

type SourceKind = 'songs' | 'files';
type Preview = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; summary: TrainingCorpusSummary } | { state: 'error'; message: string };

const message = (err: unknown): string => StudioError.from(err).message;

export function TrainDialog() {
  const projectId = useTrainDialogStore((s) => s.projectId);
  const kind = useTrainDialogStore((s) => s.kind);
  const [jobId, setJobId] = useState<string | null>(null);
  const setup = kind === 'scenes' ? <SceneTrainSetup projectId={projectId} onStarted={setJobId} /> : <TrainSetup projectId={projectId} onStarted={setJobId} />;
  return (
    <ModalDialog title={jobId ? 'Training' : kind === 'scenes' ? 'Train on my scripts' : 'Train on my music'} testId="train-dialog" className="train-dialog" onClose={closeTrainDialog}>
      {jobId ? <TrainingProgress key={jobId} jobId={jobId} scenes={kind === 'scenes'} onAnother={() => setJobId(null)} onResumed={setJobId} /> : setup}
    </ModalDialog>
  );
}

function TrainSetup({ projectId, onStarted }: { projectId: string | null; onStarted: (jobId: string) => void }) {
  const client = useStudioClient();
  const [configName, setConfigName] = useState<MusicModelConfigName>('melody-2bar');
  const [sourceKind, setSourceKind] = useState<SourceKind>(projectId ? 'songs' : 'files');
  const [songs, setSongs] = useState<SongChoice[] | null>(null);
  const [songsError, setSongsError] = useState<string | null>(null);
  const [selection, setSelection] = useState<SongSelection>({});
  const [files, setFiles] = useState<{ name: string; base64: string }[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [stepsText, setStepsText] = useState(String(defaultSteps));
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const previewSeq = useRef(0);

  // The project's songs and their tracks (opened to read the tracks, closed again).
  useEffect(() => {
    if (!projectId) return;
    let live = true;
    void (async () => {
      try {
        const docs = (await client.documents.list({ projectId })).filter((d) => d.kind === 'song').slice(0, 100);
        const loaded: SongChoice[] = [];
        for (const doc of docs) {
          const opened = await client.documents.open({ id: doc.id });
          void client.documents.close({ id: doc.id }).catch(() => undefined);
          loaded.push({
            docId: doc.id,
            name: doc.name,
            tracks: opened.content.tracks.map((t, i) => ({ id: t.id, name: t.name || `Track ${i + 1}`, isDrum: t.isDrum, notes: t.notes.length })),
          });
        }
        if (!live) return;
        setSongs(loaded);
        setSelection(Object.fromEntries(loaded.map((s) => [s.docId, 'all' as const])));
      } catch (err) {
        if (live) setSongsError(message(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [client, projectId]);

  const source: TrainingSource | null = useMemo(() => {
    if (sourceKind === 'songs') return projectId ? songsSource(projectId, selection) : null;
    return files.length > 0 ? { kind: 'files', files } : null;
  }, [sourceKind, projectId, selection, files]);

  // The live preview: what would be extracted, asked again (debounced) on every change. An answer
  // is kept with the source and configuration it was for, so a stale one is never shown.
  const [answer, setAnswer] = useState<{ source: TrainingSource | null; configName: MusicModelConfigName; value: Preview } | null>(null);
  useEffect(() => {
    const seq = ++previewSeq.current;
    if (!source) return;
    const timer = setTimeout(() => {
      client
        .call('training', 'preview', { configName, source })
        .then((summary) => seq === previewSeq.current && setAnswer({ source, configName, value: { state: 'ready', summary } }))
        .catch((err: unknown) => seq === previewSeq.current && setAnswer({ source, configName, value: { state: 'error', message: message(err) } }));
    }, 250);
    return () => clearTimeout(timer);
  }, [client, configName, source]);
  const preview: Preview = !source ? { state: 'idle' } : answer && answer.source === source && answer.configName === configName ? answer.value : { state: 'loading' };

  const chooseFiles = async (list: FileList | null) => {
    const chosen = list ? [...list] : [];
    setFilesError(null);
    const problem = uploadProblem(chosen.map((f) => ({ name: f.name, size: f.size })));
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
  const blocker = preview.state === 'ready' ? previewBlocker(preview.summary) : null;
  const canStart = source !== null && 'steps' in steps && !starting && preview.state === 'ready' && blocker === null;

  const start = async () => {
    if (!source || !('steps' in steps)) return;
    setStarting(true);
    setStartError(null);
    try {
      const { job } = await client.call('training', 'start', { configName, source, steps: steps.steps, ...(name.trim() ? { name: name.trim() } : {}) });
      receiveJob(job);
      setJobsPanelOpen(true);
      onStarted(job.id);
    } catch (err) {
      setStartError(message(err));
    } finally {
      setStarting(false);
    }
  };

  return (
    <form
      className="train-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canStart) void start();
      }}
    >
      <fieldset className="train-fieldset">
        <legend className="section-label">Learn</legend>
        <div className="train-choices" role="radiogroup" aria-label="What to learn">
          {configChoices.map((c) => (
            <label key={c.name} className={`train-choice${configName === c.name ? ' is-chosen' : ''}`} title={c.hint}>
              <input type="radio" name="train-config" value={c.name} checked={configName === c.name} onChange={() => setConfigName(c.name)} data-testid={`train-config-${c.name}`} />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="train-fieldset">
        <legend className="section-label">From</legend>
        <div className="train-choices" role="radiogroup" aria-label="Train on">
          <label className={`train-choice${sourceKind === 'songs' ? ' is-chosen' : ''}`} title={projectId ? undefined : 'Open a project to train on its songs'}>
            <input type="radio" name="train-source" checked={sourceKind === 'songs'} disabled={!projectId} onChange={() => setSourceKind('songs')} data-testid="train-source-songs" />
            <span>This project’s songs</span>
          </label>
          <label className={`train-choice${sourceKind === 'files' ? ' is-chosen' : ''}`}>
            <input type="radio" name="train-source" checked={sourceKind === 'files'} onChange={() => setSourceKind('files')} data-testid="train-source-files" />
            <span>MIDI files</span>
          </label>
        </div>
        {sourceKind === 'songs' ? (
          songsError ? (
            <p className="field-error" role="alert">
              {songsError}
            </p>
          ) : songs === null ? (
            <p className="empty-note">Reading the songs…</p>
          ) : songs.length === 0 ? (
            <p className="empty-note">This project has no songs yet. Import a MIDI file into it, or choose MIDI files here.</p>
          ) : (
            <ul className="train-songs" data-testid="train-songs">
              {songs.map((song) => (
                <li key={song.docId}>
                  <label className="train-song">
                    <input
                      type="checkbox"
                      checked={selection[song.docId] === 'all'}
                      ref={(el) => {
                        if (el) el.indeterminate = Array.isArray(selection[song.docId]);
                      }}
                      onChange={() => setSelection((s) => toggleSong(s, song.docId))}
                      data-testid="train-song"
                    />
                    <span className="train-song-name">{song.name}</span>
                    <span className="text-faint">
                      {song.tracks.length} track{song.tracks.length === 1 ? '' : 's'}
                    </span>
                  </label>
                  {song.tracks.length > 1 && (
                    <ul className="train-tracks">
                      {song.tracks.map((t) => (
                        <li key={t.id}>
                          <label className="train-track">
                            <input type="checkbox" checked={isTrackTicked(selection, song.docId, t.id)} onChange={() => setSelection((s) => toggleTrack(s, song, t.id))} data-testid="train-track" />
                            <span>{t.name}</span>
                            <span className="text-faint">
                              {t.isDrum ? 'drums · ' : ''}
                              {t.notes} notes
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )
        ) : (
          <div className="train-files">
            <label className="btn btn-small">
              {files.length > 0 ? 'Choose other files…' : 'Choose MIDI files…'}
              <input
                type="file"
                multiple
                hidden
                accept=".mid,.midi,audio/midi,audio/x-midi"
                data-testid="train-files"
                onChange={(e) => {
                  void chooseFiles(e.currentTarget.files);
                  // The same files chosen again still count as a change.
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
        {preview.state === 'idle' && <span className="text-faint">Choose songs, tracks or files to see what can be learned from them.</span>}
        {preview.state === 'loading' && <span className="text-faint">Looking for examples…</span>}
        {preview.state === 'error' && (
          <span className="field-error" role="alert">
            {preview.message}
          </span>
        )}
        {preview.state === 'ready' && (
          <>
            <span data-testid="train-preview-line" data-examples={preview.summary.examples}>
              {previewLine(preview.summary)}
            </span>
            {preview.summary.unreadable.length > 0 && (
              <span className="text-faint">
                {' '}
                Unreadable: {preview.summary.unreadable.slice(0, 3).map((u) => u.name).join(', ')}
                {preview.summary.unreadable.length > 3 ? ` and ${preview.summary.unreadable.length - 3} more` : ''}.
              </span>
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
          <input className="input" value={name} maxLength={120} placeholder={`${configName} from …`} onChange={(e) => setName(e.target.value)} data-testid="train-name" />
        </label>
        <label className="train-field train-steps">
          <span className="section-label">Steps</span>
          <input
            className="input"
            inputMode="numeric"
            value={stepsText}
            aria-invalid={'error' in steps}
            aria-describedby={'error' in steps ? 'train-steps-error' : undefined}
            onChange={(e) => setStepsText(e.target.value)}
            data-testid="train-steps"
          />
        </label>
      </div>
      {'error' in steps && (
        <p className="field-error" id="train-steps-error">
          {steps.error}
        </p>
      )}
      <p className="dialog-footnote">Training stops early when the held-out loss stops improving. It runs as a job: you can keep working, and cancel it from the Jobs panel.</p>
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

function TrainingProgress({ jobId, scenes, onAnother, onResumed }: { jobId: string; scenes: boolean; onAnother: () => void; onResumed: (jobId: string) => void }) {
  const client = useStudioClient();
  const [resuming, setResuming] = useState(false);
  const [resumeError, setResumeError] = useState<string | null>(null);
  const job: Job | undefined = useJobsStore((s) => s.jobs[jobId]);
  const canResume = useResumable(client, job ?? { id: jobId, kind: 'train-music', status: 'running' });
  if (!job) return <p className="empty-note">Starting…</p>;
  const finished = isFinished(job.status);
  const modelName = typeof job.result?.name === 'string' ? job.result.name : null;
  return (
    <div className="train-progress" data-testid="train-progress" data-status={job.status}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <StatusBadge status={job.status} />
      </div>
      <ProgressBar value={job.status === 'succeeded' ? 1 : job.progress} label="Training progress" tone={job.status === 'running' ? 'active' : job.status === 'succeeded' ? 'done' : job.status === 'failed' ? 'failed' : 'muted'} testId="train-progress-bar" />
      <p className="job-progress-text">{job.status === 'failed' ? (job.error?.message ?? 'The training failed.') : job.progressText}</p>
      <TrainingCharts jobId={jobId} scenes={scenes} />
      {resumeError && (
        <p className="field-error" role="alert" data-testid="train-resume-error">
          {resumeError}
        </p>
      )}
      {job.status === 'succeeded' && <p data-testid="train-done">Saved as the model “{modelName ?? 'new model'}”.</p>}
      <div className="dialog-actions">
        {!finished && (
          <button type="button" className="btn btn-danger" data-testid="train-cancel" onClick={() => void cancelJob(client, jobId)}>
            Cancel training
          </button>
        )}
        {canResume && (
          <button
            type="button"
            className="btn"
            data-testid="train-resume"
            disabled={resuming}
            title="Continue from the last checkpoint"
            onClick={() => {
              setResuming(true);
              setResumeError(null);
              void resumeTraining(client, jobId).then((outcome) => {
                setResuming(false);
                if ('job' in outcome) onResumed(outcome.job.id);
                else setResumeError(outcome.error);
              });
            }}
          >
            {resuming ? 'Resuming…' : 'Resume'}
          </button>
        )}
        {finished && (
          <button type="button" className="btn" onClick={onAnother}>
            Train another
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="train-open-models"
          onClick={() => {
            closeTrainDialog();
            navigate({ name: 'models' });
          }}
        >
          Models
        </button>
        <button type="button" className="btn btn-primary" onClick={closeTrainDialog}>
          {finished ? 'Close' : 'Hide'}
        </button>
      </div>
    </div>
  );
}
