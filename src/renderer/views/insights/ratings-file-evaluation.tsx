// "Evaluate on a ratings file…" inside "How For you ranks": the same comparison on an interactions
// file the user picks or drops on the section (MovieLens ratings.csv, MovieLens 100k u.data, or any
// CSV with a header and its columns chosen here). The file is checked and its first line read in
// the window; then it is uploaded in chunks (bytes sent, Cancel) and evaluated by a job (progress,
// Cancel); the result table, the protocol and what the import skipped stay until another run.
import { useRef } from 'react';
import { evaluatedModels, isFinished, maxRatingsBytes, ratingsFormats, type Job, type RatingsEvaluation } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ProgressBar } from '../../components/progress-bar';
import { StatusBadge } from '../../components/status-badge';
import { useJobsStore } from '../../stores/jobs-store';
import { formatBytes } from '../audio/upload-logic';
import { downloadCsv } from './chart-export';
import { RankingTable } from './ranking-table';
import {
  bestRows,
  evaluatedModelLabels,
  formatLabels,
  formatWarning,
  importLine,
  protocolLine,
  ratingsAccept,
  ratingsCsv,
  ratingsCsvFileName,
  setupBlocker,
  skipWhere,
  slowModels,
  toggleModel,
  uploadLine,
  type RatingsFormat,
} from './ratings-evaluation-logic';
import { cancelRatingsEvaluation, chooseRatingsFile, patchRatingsSetup, startRatingsEvaluation, useRatingsEvalStore } from './ratings-evaluation-store';


export function RatingsFileEvaluation() {
  const client = useStudioClient();
  const input = useRef<HTMLInputElement>(null);
  const { chosen, setup, phase, fileName, sent, total, jobId, cancelling, outcome, result } = useRatingsEvalStore();
  const job: Job | undefined = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const busy = phase !== 'idle';
  const blocker = chosen ? (chosen.refusal ?? setupBlocker(setup)) : null;
  const warning = chosen && !chosen.refusal ? formatWarning(setup.format, chosen.line) : null;
  const columnsId = 'ratings-columns';

  return (
    <div className="ratings-file" data-testid="ratings-file" data-phase={phase}>
      <div className="ratings-file-head">
        <div className="insight-titles">
          <h3 className="ratings-file-title">Evaluate on a ratings file</h3>
          <p className="insight-note text-faint">
            The same comparison on an interactions file: a MovieLens <code>ratings.csv</code>, a MovieLens 100k <code>u.data</code>, or any CSV with a header. Each user’s latest item is held out.
            Choose a file or drop it on this section; up to {formatBytes(maxRatingsBytes)}.
          </p>
        </div>
        <span className="insight-actions">
          <button type="button" className="btn btn-small" data-testid="ratings-choose" disabled={busy} onClick={() => input.current?.click()}>
            {chosen ? 'Choose another file…' : 'Evaluate on a ratings file…'}
          </button>
          <input
            ref={input}
            type="file"
            hidden
            accept={ratingsAccept}
            data-testid="ratings-file-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void chooseRatingsFile(file);
            }}
          />
        </span>
      </div>

      {chosen && (
        <fieldset className="ratings-setup" disabled={busy} data-testid="ratings-setup">
          <legend className="visually-hidden">How to read and evaluate “{chosen.file.name}”</legend>
          <p className="ratings-chosen">
            <span className="ratings-chosen-name" data-testid="ratings-chosen-name">
              {chosen.file.name}
            </span>
            <span className="text-faint"> · {formatBytes(chosen.file.size)}</span>
          </p>
          {chosen.refusal ? (
            <p className="field-error" role="alert" data-testid="ratings-refusal">
              {chosen.refusal}
            </p>
          ) : (
            <>
              <div className="ratings-row">
                <label className="ratings-field">
                  <span className="section-label">Format</span>
                  <select className="input" value={setup.format} data-testid="ratings-format" onChange={(e) => patchRatingsSetup({ format: e.currentTarget.value as RatingsFormat })}>
                    {ratingsFormats.map((f) => (
                      <option key={f} value={f}>
                        {formatLabels[f]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="ratings-field ratings-seed">
                  <span className="section-label">Seed</span>
                  <input
                    className="input"
                    inputMode="numeric"
                    placeholder="default"
                    value={setup.seed}
                    aria-invalid={setup.seed.trim() !== '' && !/^\d+$/.test(setup.seed.trim())}
                    data-testid="ratings-seed"
                    title="The seed of the sampled negatives and the models' initialisation; the same seed gives the same figures"
                    onChange={(e) => patchRatingsSetup({ seed: e.currentTarget.value })}
                  />
                </label>
              </div>
              {warning && (
                <p className="field-hint ratings-warning" data-testid="ratings-format-warning">
                  {warning}
                </p>
              )}
              {setup.format === 'csv' && (
                <div className="ratings-row" role="group" aria-labelledby={columnsId}>
                  <span id={columnsId} className="visually-hidden">
                    Columns
                  </span>
                  {(['user', 'item', 'time'] as const).map((role) => (
                    <label key={role} className="ratings-field">
                      <span className="section-label">{role === 'user' ? 'User column' : role === 'item' ? 'Item column' : 'Time column (optional)'}</span>
                      <select
                        className="input"
                        value={setup.columns[role]}
                        data-testid={`ratings-column-${role}`}
                        onChange={(e) => patchRatingsSetup({ columns: { ...setup.columns, [role]: e.currentTarget.value } })}
                      >
                        <option value="">{role === 'time' ? 'None: the order of the rows' : 'Choose…'}</option>
                        {chosen.columns.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </label>
                  ))}
                </div>
              )}
              <div className="ratings-models" role="group" aria-label="Models to compare">
                <span className="section-label">Models</span>
                <span className="ratings-model-list">
                  {evaluatedModels.map((m) => (
                    <label key={m} className="ratings-model">
                      <input type="checkbox" checked={setup.models.includes(m)} data-testid={`ratings-model-${m}`} onChange={(e) => patchRatingsSetup({ models: toggleModel(setup.models, m, e.currentTarget.checked) })} />
                      {evaluatedModelLabels[m]}
                      {slowModels.has(m) && <span className="text-faint ratings-slow"> (slow)</span>}
                    </label>
                  ))}
                </span>
                <span className="text-faint ratings-models-note">NeuMF and EASE take the longest on a large file.</span>
              </div>
            </>
          )}
          <div className="ratings-run-row">
            <button type="button" className="btn btn-primary btn-small" data-testid="ratings-run" disabled={busy || blocker !== null} onClick={() => void startRatingsEvaluation(client, chosen.file, setup)}>
              Evaluate
            </button>
            {blocker && !chosen.refusal && (
              <span className="field-error" data-testid="ratings-blocker">
                {blocker}
              </span>
            )}
          </div>
        </fieldset>
      )}

      {busy && (
        <div className="ratings-progress" data-testid="ratings-progress" data-phase={phase} aria-live="polite">
          {phase === 'uploading' || phase === 'starting' ? (
            <>
              <div className="ratings-progress-head">
                <span className="ratings-progress-title">{phase === 'uploading' ? `Uploading “${fileName}”` : `Starting the evaluation of “${fileName}”…`}</span>
              </div>
              <ProgressBar value={total > 0 ? sent / total : 0} label="Upload progress" testId="ratings-upload-bar" />
              <p className="ratings-progress-text" data-testid="ratings-upload-text">
                {cancelling ? 'Cancelling…' : `${uploadLine(sent, total)} sent`}
              </p>
            </>
          ) : (
            <>
              <div className="ratings-progress-head">
                <span className="ratings-progress-title">{job?.title ?? `Evaluating “${fileName}”`}</span>
                <StatusBadge status={job?.status ?? 'queued'} />
              </div>
              <ProgressBar value={job?.progress ?? 0} label="Evaluation progress" testId="ratings-job-bar" />
              <p className="ratings-progress-text" data-testid="ratings-job-text">
                {cancelling ? 'Cancelling…' : job?.progressText || 'Waiting for the job to start…'}
              </p>
            </>
          )}
          <button type="button" className="btn btn-small btn-danger" data-testid="ratings-cancel" disabled={cancelling || (job !== undefined && isFinished(job.status))} onClick={() => void cancelRatingsEvaluation(client)}>
            Cancel
          </button>
        </div>
      )}

      {outcome && (
        <p className={outcome.tone === 'error' ? 'field-error' : 'text-dim ratings-cancelled'} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="ratings-outcome" data-tone={outcome.tone}>
          {outcome.text}
          {outcome.tone === 'cancelled' && result && ' The result below is from the previous run.'}
        </p>
      )}

      {result && <RatingsResult result={result} />}
    </div>
  );
}

function RatingsResult({ result }: { result: RatingsEvaluation }) {
  const best = bestRows(result.rows);
  const imp = result.import;
  return (
    <div className="ratings-result" data-testid="ratings-result">
      <div className="ratings-result-head">
        <h4 className="ratings-result-title" data-testid="ratings-result-title">
          Results on “{result.file}”
        </h4>
        <button type="button" className="btn btn-small btn-ghost" data-testid="ratings-export-csv" title="Save this table as a CSV file" onClick={() => downloadCsv(ratingsCsvFileName(result.file, Date.now()), ratingsCsv(result))}>
          Export CSV
        </button>
      </div>
      <RankingTable rows={result.rows} best={best} marked={[...best][0] ?? null} badge={{ label: 'Best', className: 'badge-succeeded ratings-best' }} testId="ratings-table" rowTestId="ratings-row" />
      {result.protocol.evaluatedUsers === 0 && (
        <p className="text-dim ranking-protocol" data-testid="ratings-too-little">
          No user had enough interactions to hold one out and still learn from the rest, so every model scores 0.
        </p>
      )}
      <p className="text-faint ranking-protocol" data-testid="ratings-protocol">
        {protocolLine(result.protocol)}
      </p>
      <div className="ratings-import" data-testid="ratings-import">
        <p className="ranking-protocol" data-testid="ratings-import-line">
          <span className="text-dim">Import: </span>
          {importLine(imp)}
        </p>
        {imp.skipped.length > 0 && (
          <ul className="ratings-skips">
            {imp.skipped.map((s) => (
              <li key={s.reason} data-testid="ratings-skip">
                <span className="ratings-skip-reason">{s.reason}</span>
                <span className="text-faint"> — {skipWhere(s)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
