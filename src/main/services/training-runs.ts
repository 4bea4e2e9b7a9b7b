// What music and scene training share about a run's staging folder: the kept run folders (each
// with the run.json that names its job) and the promise that settles when a run's job ends.
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StudioError, isFinished, type Job } from '../../shared/api';
import type { JobManager } from '../jobs/job-manager';
import type { EventBus } from './event-bus';
import type { HostModelsService } from './models-service';

export const runFile = 'run.json';

/** Every kept run folder named `prefix…` (newest first) with its run.json. */
export async function keptRunFolders<T extends { key: string }>(models: Pick<HostModelsService, 'stagingDir'>, prefix: string): Promise<(T & { mtime: number })[]> {
  const probe = models.stagingDir('probe');
  const root = dirname(probe);
  await rm(probe, { recursive: true, force: true }).catch(() => undefined);
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const runs: (T & { mtime: number })[] = [];
  for (const n of names) {
    try {
      const file = join(root, n, runFile);
      const stored = JSON.parse(await readFile(file, 'utf8')) as T;
      if (stored.key !== n) continue;
      runs.push({ ...stored, mtime: (await stat(file)).mtimeMs });
    } catch {
      // Not a run folder (or one being written): left alone.
    }
  }
  return runs.sort((a, b) => b.mtime - a.mtime);
}

export interface RunEnd<R> {
  /** Whether the run's folder holds a checkpoint to resume from. */
  hasCheckpoint: () => boolean;
  removeStaging: () => Promise<void>;
  /** What the job's completion registered, if it did. */
  registered: () => R | undefined;
  /** Called once, when the job ends. */
  onEnd: () => void;
}

/** Resolves with the job and what it registered when a training job succeeds; rejects when it ends any other way. */
export function trainingRunDone<R extends object>(deps: { jobs: JobManager; bus: EventBus }, job: Job, end: RunEnd<R>): Promise<{ job: Job } & R> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finished: Job): void => {
      if (settled) return;
      settled = true;
      off();
      end.onEnd();
      // A run that stopped with a checkpoint keeps its folder so it can be resumed; otherwise the
      // corpus (and a failed run's model folder) go before the caller hears of the end.
      const keep = finished.status !== 'succeeded' && end.hasCheckpoint();
      void (keep ? Promise.resolve() : end.removeStaging()).then(() => {
        const registered = end.registered();
        if (finished.status === 'succeeded' && registered) resolve({ job: finished, ...registered });
        else if (finished.status === 'succeeded') reject(new StudioError('internal', 'The training job finished without a model.'));
        else if (finished.error) reject(StudioError.fromJSON(finished.error));
        else reject(new StudioError(finished.status === 'cancelled' ? 'cancelled' : 'unavailable', finished.progressText || `The training job was ${finished.status}.`));
      });
    };
    const off = deps.bus.on('onJobChanged', (changed) => {
      if (changed.id === job.id && isFinished(changed.status)) settle(changed);
    });
    // It may have finished (failed to start) before we listened.
    const now = deps.jobs.get(job.id);
    if (isFinished(now.status)) settle(now);
  });
}
