// The studio's evaluation of an interactions file (recommend.beginRatingsUpload … evaluateRatings):
// the file arrives in chunks into a private folder of the data folder (<data>/uploads/ratings, 0700;
// files 0600, created exclusively), with the same per-client caps and idle expiry as audio uploads
// (assets/upload-registry.ts); once whole it is read by an evaluate-recommenders job in a worker
// (progress, cancel: the Jobs panel), and removed when that job ends, however it ends.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluatedModels, isFinished, maxChunkBytes, StudioError, type Job, type RecommendService } from '../../shared/api';
import { UploadRegistry, type Upload } from '../assets/upload-registry';
import type { JobManager } from '../jobs/job-manager';
import type { CallContext } from './call-context';
import { uploadIdleMs } from './assets-service';
import { appendChunk, fileProblem, openUploadFile } from '../assets/upload-files';
import type { EventBus } from './event-bus';

type Api = Pick<RecommendService, 'beginRatingsUpload' | 'uploadRatingsChunk' | 'cancelRatingsUpload' | 'evaluateRatings'>;
type WithContext<F> = F extends (args: infer A) => infer R ? (args: A, context?: CallContext) => R : never;

export type RatingsEvaluationService = { [K in keyof Api]: WithContext<Api[K]> } & {
  sweepIdle(): Promise<number>;
  dropClient(clientId: string): void;
  close(): Promise<void>;
};

interface UploadFile {
  path: string;
  handle: FileHandle;
}

export function createRatingsEvaluation(deps: { jobs: JobManager; bus: EventBus; dataRoot: string; now?: () => number; idleMs?: number }): RatingsEvaluationService {
  const dir = join(deps.dataRoot, 'uploads', 'ratings');
  // Files a previous run left (a crash, a power cut) go at start.
  rmSync(dir, { recursive: true, force: true });
  const uploads = new UploadRegistry<UploadFile>({ perClient: 2, idleMs: deps.idleMs ?? uploadIdleMs }, deps.now);
  const clientOf = (context?: CallContext): string => context?.clientId ?? 'host';
  const remove = (path: string): Promise<void> => rm(path, { force: true }).catch((err: unknown) => console.error(`montage: could not remove ${path}: ${String(err)}`));
  const discard = async (u: Upload<UploadFile>): Promise<void> => {
    await u.file.handle.close().catch(() => undefined);
    await remove(u.file.path);
  };

  return {
    async beginRatingsUpload({ name, bytes }, context) {
      const clientId = clientOf(context);
      uploads.checkRoom(clientId);
      const id = randomUUID();
      const { path, handle } = await openUploadFile(dir, id);
      uploads.add({ id, clientId, projectId: '', name, bytes, file: { path, handle } });
      return { uploadId: id, chunkBytes: maxChunkBytes };
    },

    async uploadRatingsChunk({ uploadId, index, data }, context) {
      return appendChunk(uploads, uploads.get(uploadId, clientOf(context)), index, data, discard);
    },

    async cancelRatingsUpload({ uploadId }, context) {
      const u = uploads.get(uploadId, clientOf(context));
      uploads.remove(u.id);
      await discard(u);
      return { uploadId };
    },

    async evaluateRatings({ uploadId, format, columns, delimiter, models, seed }, context) {
      const u = uploads.get(uploadId, clientOf(context));
      if (u.busy) throw new StudioError('conflict', 'A chunk of this upload is still being written; start the evaluation after it.');
      if (u.received !== u.bytes) throw new StudioError('invalid-argument', `Only ${u.received} of the ${u.bytes} bytes announced have arrived.`);
      uploads.remove(u.id);
      try {
        await u.file.handle.close();
      } catch (err) {
        await remove(u.file.path);
        throw fileProblem(err, u.file.path, `save “${u.name}”`);
      }
      let job: Job;
      try {
        job = deps.jobs.submit({
          kind: 'evaluate-recommenders',
          title: `Evaluate recommenders on “${u.name}”`,
          // NeuMF's small matrices train fastest on one WebAssembly thread (two were 1.9× slower);
          // the classical models run in plain JavaScript either way.
          workerEnv: { MONTAGE_WASM_THREADS: '1' },
          params: { file: u.name, bytes: u.bytes, format, ...(columns ? { columns } : {}), ...(delimiter ? { delimiter } : {}), models: models ?? [...evaluatedModels], seed: seed ?? 1 },
          task: {
            task: 'evaluate-recommenders',
            config: { path: u.file.path, name: u.name, format, ...(columns ? { columns } : {}), ...(delimiter ? { delimiter } : {}), models: models ?? [...evaluatedModels], seed: seed ?? 1 },
          },
          complete(_job, result) {
            if (result.task !== 'evaluate-recommenders') throw new StudioError('internal', 'The worker answered with the wrong kind of result.');
            const { task: _task, ...evaluation } = result;
            return { ...evaluation, file: u.name };
          },
        });
      } catch (err) {
        await remove(u.file.path);
        throw err;
      }
      // The file goes when the job ends, however it ends.
      const off = deps.bus.on('onJobChanged', (changed) => {
        if (changed.id !== job.id || !isFinished(changed.status)) return;
        off();
        void remove(u.file.path);
      });
      if (isFinished(deps.jobs.get(job.id).status)) {
        off();
        void remove(u.file.path);
      }
      return job;
    },

    async sweepIdle() {
      const idle = uploads.takeIdle();
      await Promise.all(idle.map(discard));
      return idle.length;
    },

    dropClient(clientId) {
      for (const u of uploads.takeClient(clientId)) void discard(u);
    },

    async close() {
      await Promise.all(uploads.takeAll().map(discard));
    },
  };
}
