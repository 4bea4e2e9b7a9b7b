// One "Evaluate on a ratings file…" run at a time, kept here rather than in the section so that it
// goes on (and its result is kept) while the user looks at another screen: the upload in chunks
// with its bytes sent and Cancel (the host drops what it received), then the evaluate-recommenders
// job followed in the jobs mirror (progress, Cancel), then its result. The last result stays until
// another run succeeds; a failed or cancelled run only says so.
import { create } from 'zustand';
import { StudioError, isFinished, type Job, type RatingsEvaluation } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import { cancelJob } from '../../stores/job-actions';
import { receiveJob, useJobsStore } from '../../stores/jobs-store';
import { sendChunks } from '../audio/upload-logic';
import {
  checkRatingsFile,
  evaluateArgs,
  failureText,
  firstLine,
  guessColumns,
  guessFormat,
  headerColumns,
  readRatingsEvaluation,
  type RatingsSetup,
} from './ratings-evaluation-logic';
import { evaluatedModels } from '../../../shared/api/recommend';
import { guessCsvDelimiter } from '../../../shared/recommend/ratings-import';

export type RatingsPhase = 'idle' | 'uploading' | 'starting' | 'running';

export interface RatingsOutcome {
  tone: 'error' | 'cancelled';
  text: string;
}

export interface ChosenRatingsFile {
  file: File;
  /** The file's first line (the header of a CSV). */
  line: string;
  /** The header's column names (what the column selects offer). */
  columns: string[];
  /** Why the file cannot be sent, said before any byte is. */
  refusal: string | null;
}

interface RatingsEvalState {
  /** The file picked or dropped, and how to read it. */
  chosen: ChosenRatingsFile | null;
  setup: RatingsSetup;
  phase: RatingsPhase;
  /** The file of the run in progress. */
  fileName: string;
  sent: number;
  total: number;
  /** The job of the run in progress (phase 'running'). */
  jobId: string | null;
  /** Cancel was pressed; the run stops at its next step. */
  cancelling: boolean;
  /** How the last run ended when it did not succeed. */
  outcome: RatingsOutcome | null;
  /** The last successful run's result, kept until another run succeeds. */
  result: RatingsEvaluation | null;
}

const initial: RatingsEvalState = {
  chosen: null,
  setup: { format: 'movielens-csv', columns: { user: '', item: '', time: '' }, delimiter: ',', models: [...evaluatedModels], seed: '' },
  phase: 'idle', fileName: '', sent: 0, total: 0, jobId: null, cancelling: false, outcome: null, result: null };

export const useRatingsEvalStore = create<RatingsEvalState>()(() => initial);

let run = 0;
let stopWatching: (() => void) | null = null;

const set = (patch: Partial<RatingsEvalState>): void => useRatingsEvalStore.setState(patch);
const end = (outcome: RatingsOutcome | null, result?: RatingsEvaluation): void => {
  stopWatching?.();
  stopWatching = null;
  set({ phase: 'idle', jobId: null, cancelling: false, outcome, ...(result ? { result } : {}) });
};
const cancelled = (text: string): RatingsOutcome => ({ tone: 'cancelled', text });
const failed = (text: string): RatingsOutcome => ({ tone: 'error', text });

/** Uploads `file` and starts the evaluation job on it; resolves once the job has started (or the run ended before). */
export async function startRatingsEvaluation(client: StudioClient, file: File, setup: RatingsSetup): Promise<void> {
  if (useRatingsEvalStore.getState().phase !== 'idle') return;
  const mine = ++run;
  const current = () => run === mine && useRatingsEvalStore.getState().phase !== 'idle';
  const stopRequested = () => useRatingsEvalStore.getState().cancelling || run !== mine;
  set({ phase: 'uploading', fileName: file.name, sent: 0, total: file.size, jobId: null, cancelling: false, outcome: null });
  let uploadId: string | null = null;
  let handedOver = false;
  try {
    const begun = await client.call('recommend', 'beginRatingsUpload', { name: file.name.slice(0, 200), bytes: file.size });
    uploadId = begun.uploadId;
    const id = begun.uploadId;
    const complete =
      !stopRequested() &&
      (await sendChunks(file, begun.chunkBytes, (index, data) => client.call('recommend', 'uploadRatingsChunk', { uploadId: id, index, data }), {
        cancelled: stopRequested,
        onProgress: (sent) => {
          if (current()) set({ sent });
        },
      }));
    if (!complete) {
      await client.call('recommend', 'cancelRatingsUpload', { uploadId: id }).catch(() => undefined);
      if (run === mine) end(cancelled(`Upload of “${file.name}” cancelled; nothing was evaluated.`));
      return;
    }
    set({ phase: 'starting' });
    const job = await client.call('recommend', 'evaluateRatings', evaluateArgs(id, setup));
    handedOver = true;
    receiveJob(job);
    if (run !== mine) return;
    set({ phase: 'running', jobId: job.id });
    follow(job.id, mine);
    // Cancel pressed while the job was being started: cancel it now that it has an id.
    if (useRatingsEvalStore.getState().cancelling) await cancelJob(client, job.id);
  } catch (err) {
    if (uploadId && !handedOver) await client.call('recommend', 'cancelRatingsUpload', { uploadId }).catch(() => undefined);
    if (run !== mine) return;
    if (useRatingsEvalStore.getState().cancelling) end(cancelled(`Evaluation of “${file.name}” cancelled.`));
    else end(failed(failureText(file.name, StudioError.from(err).message)));
  }
}

/** Follows the job in the jobs mirror until it finishes. */
function follow(jobId: string, mine: number): void {
  const check = (job: Job | undefined): void => {
    if (!job || run !== mine || !isFinished(job.status)) return;
    const name = useRatingsEvalStore.getState().fileName;
    if (job.status === 'succeeded') {
      const result = readRatingsEvaluation(job.result);
      if (result) end(null, { ...result, file: result.file || name });
      else end(failed(`The evaluation of “${name}” finished without a result Montage can read.`));
    } else if (job.status === 'cancelled') end(cancelled(`Evaluation of “${name}” cancelled.`));
    else if (job.status === 'interrupted') end(failed(`The evaluation of “${name}” was interrupted (Montage stopped while it ran). Run it again.`));
    else end(failed(failureText(name, job.error?.message ?? '')));
  };
  stopWatching?.();
  stopWatching = useJobsStore.subscribe((s) => check(s.jobs[jobId]));
  check(useJobsStore.getState().jobs[jobId]);
}

/** Cancel: stops the upload after its current chunk (the host drops the file), or cancels the job. */
export async function cancelRatingsEvaluation(client: StudioClient): Promise<void> {
  const { phase, jobId, cancelling } = useRatingsEvalStore.getState();
  if (phase === 'idle' || cancelling) return;
  set({ cancelling: true });
  if (phase === 'running' && jobId) await cancelJob(client, jobId);
}

/** How many bytes are read in the browser to check the file and find its header. */
const headBytes = 64 * 1024;

/** Takes a picked or dropped file: checks it, reads its first line and guesses its format and columns. */
export async function chooseRatingsFile(file: File): Promise<void> {
  const head = new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
  const refusal = checkRatingsFile(file.name, file.size, head);
  const line = refusal ? '' : firstLine(new TextDecoder().decode(head));
  const delimiter = guessCsvDelimiter(line);
  const columns = headerColumns(line, delimiter);
  const { setup, phase } = useRatingsEvalStore.getState();
  const guessed = guessColumns(columns);
  set({
    chosen: { file, line, columns, refusal },
    setup: { ...setup, format: guessFormat(file.name, line), delimiter, columns: { user: guessed.user, item: guessed.item, time: guessed.time } },
    // The note of the last run goes with the file it was about (not while a run is going).
    ...(phase === 'idle' ? { outcome: null } : {}),
  });
}

export function patchRatingsSetup(patch: Partial<RatingsSetup>): void {
  set({ setup: { ...useRatingsEvalStore.getState().setup, ...patch } });
}

/** Back to the start (tests; a fresh window). */
export function resetRatingsEvaluation(): void {
  run++;
  stopWatching?.();
  stopWatching = null;
  useRatingsEvalStore.setState(initial, true);
}
