// The ratings-file run against a stand-in client: chunks sent in order, the job followed in the
// jobs mirror to its result, Cancel during the upload (the host told to drop it) and during the job
// (the earlier result kept), and the host's refusal said with the file's name.
import { beforeEach, describe, expect, it } from 'vitest';
import { StudioError, type Job, type RatingsEvaluation } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import { receiveJob } from '../../stores/jobs-store';
import type { RatingsSetup } from './ratings-evaluation-logic';
import { cancelRatingsEvaluation, chooseRatingsFile, resetRatingsEvaluation, startRatingsEvaluation, useRatingsEvalStore } from './ratings-evaluation-store';

// A fresh job id per test: the jobs mirror keeps finished jobs, and a finished job never goes back.
let jobId = '';
let nextJob = 0xa0;
const setup: RatingsSetup = { format: 'movielens-csv', columns: { user: '', item: '', time: '' }, delimiter: ',', models: ['popularity', 'itemknn'], seed: '' };
const file = (size = 100, name = 'ratings.csv') => new File(['userId,movieId,rating,timestamp\n'.padEnd(size, '1')], name);
const evaluation: RatingsEvaluation = {
  protocol: { users: 2, items: 3, interactions: 6, evaluatedUsers: 2, negatives: 2, seed: 1, k: 10 },
  rows: [{ name: 'popularity', hr10: 0.5, ndcg10: 0.3, fitSeconds: 0 }],
  import: { rowsRead: 7, rowsImported: 6, rowsSkipped: 1, skipped: [{ reason: 'bad', count: 1, lines: [4] }] },
  file: 'ratings.csv',
};
const job = (patch: Partial<Job>): Job =>
  ({ id: jobId, kind: 'evaluate-recommenders', title: 'Evaluate ratings.csv', status: 'running', progress: 0, progressText: '', messages: [], backend: null, createdAt: 1, startedAt: 1, finishedAt: null, error: null, result: null, ...patch }) as Job;

function fakeClient(opts: { gate?: () => Promise<void>; evaluate?: () => Promise<Job> } = {}) {
  const calls: string[] = [];
  const client = {
    call: async (service: string, method: string, args: Record<string, unknown>) => {
      expect(service).toBe('recommend');
      if (method === 'beginRatingsUpload') {
        calls.push(`begin ${String(args.bytes)}`);
        return { uploadId: 'up1', chunkBytes: 40 };
      }
      if (method === 'uploadRatingsChunk') {
        calls.push(`chunk ${String(args.index)}`);
        await opts.gate?.();
        return { received: 0 };
      }
      if (method === 'cancelRatingsUpload') {
        calls.push('cancel upload');
        return { uploadId: 'up1' };
      }
      if (method === 'evaluateRatings') {
        calls.push(`evaluate ${JSON.stringify(args)}`);
        return opts.evaluate ? opts.evaluate() : job({ status: 'queued' });
      }
      throw new Error(`unexpected ${method}`);
    },
    jobs: {
      cancel: async () => {
        calls.push('cancel job');
        return job({ status: 'cancelled', finishedAt: 2 });
      },
    },
  } as unknown as StudioClient;
  return { client, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  resetRatingsEvaluation();
  jobId = `00000000-0000-4000-8000-000000000${(nextJob++).toString(16)}`;
});

describe('evaluating a ratings file', () => {
  it('uploads in chunks, starts the job and shows its result when it succeeds', async () => {
    const { client, calls } = fakeClient();
    await startRatingsEvaluation(client, file(100), setup);
    expect(calls).toEqual(['begin 100', 'chunk 0', 'chunk 1', 'chunk 2', 'evaluate {"uploadId":"up1","format":"movielens-csv","models":["popularity","itemknn"]}']);
    expect(useRatingsEvalStore.getState()).toMatchObject({ phase: 'running', jobId, sent: 100, total: 100 });
    receiveJob(job({ progress: 0.5, progressText: 'fitting itemknn' }));
    expect(useRatingsEvalStore.getState().phase).toBe('running');
    receiveJob(job({ status: 'succeeded', progress: 1, finishedAt: 3, result: { ...evaluation } as unknown as Record<string, unknown> }));
    expect(useRatingsEvalStore.getState()).toMatchObject({ phase: 'idle', jobId: null, outcome: null, result: evaluation });
  });

  it('Cancel during the upload stops after the current chunk and tells the host; the earlier result stays', async () => {
    useRatingsEvalStore.setState({ result: evaluation });
    let release: () => void = () => undefined;
    const { client, calls } = fakeClient({ gate: () => new Promise<void>((r) => (release = r)) });
    const done = startRatingsEvaluation(client, file(400), setup);
    for (let i = 0; i < 50 && !calls.includes('chunk 0'); i++) await tick();
    expect(useRatingsEvalStore.getState().phase).toBe('uploading');
    await cancelRatingsEvaluation(client);
    expect(useRatingsEvalStore.getState().cancelling).toBe(true);
    release();
    await done;
    expect(calls).toEqual(['begin 400', 'chunk 0', 'cancel upload']);
    expect(useRatingsEvalStore.getState()).toMatchObject({ phase: 'idle', cancelling: false, result: evaluation, outcome: { tone: 'cancelled' } });
    expect(useRatingsEvalStore.getState().outcome?.text).toBe('Upload of “ratings.csv” cancelled; nothing was evaluated.');
  });

  it('Cancel during the job cancels it; a cancelled job keeps the earlier result', async () => {
    useRatingsEvalStore.setState({ result: evaluation });
    const { client, calls } = fakeClient();
    await startRatingsEvaluation(client, file(30), setup);
    receiveJob(job({ progress: 0.2 }));
    await cancelRatingsEvaluation(client);
    expect(calls.at(-1)).toBe('cancel job');
    expect(useRatingsEvalStore.getState()).toMatchObject({ phase: 'idle', result: evaluation, outcome: { tone: 'cancelled', text: 'Evaluation of “ratings.csv” cancelled.' } });
  });

  it('says a failed job’s error, and a refused start with the file’s name (dropping the upload)', async () => {
    const first = fakeClient();
    await startRatingsEvaluation(first.client, file(30), setup);
    receiveJob(job({ status: 'failed', finishedAt: 2, error: { code: 'invalid-argument', message: 'ratings.csv is not a csv file: there is no column "user" (mapped as user)' } as Job['error'] }));
    expect(useRatingsEvalStore.getState().outcome).toEqual({ tone: 'error', text: '“ratings.csv” could not be evaluated: ratings.csv is not a csv file: there is no column "user" (mapped as user).' });

    const second = fakeClient({ evaluate: () => Promise.reject(new StudioError('not-found', 'No such method.')) });
    await startRatingsEvaluation(second.client, file(30), setup);
    expect(second.calls.slice(-1)).toEqual(['cancel upload']);
    expect(useRatingsEvalStore.getState()).toMatchObject({ phase: 'idle', outcome: { tone: 'error', text: '“ratings.csv” could not be evaluated: No such method.' } });
  });

  it('checks a chosen file and guesses how to read it', async () => {
    await chooseRatingsFile(new File(['customer,product,stars,day\n1,2,5,2020-01-01\n'], 'reviews.csv'));
    expect(useRatingsEvalStore.getState().chosen).toMatchObject({ line: 'customer,product,stars,day', columns: ['customer', 'product', 'stars', 'day'], refusal: null });
    expect(useRatingsEvalStore.getState().setup).toMatchObject({ format: 'csv', columns: { user: 'customer', item: 'product', time: 'day' } });
    await chooseRatingsFile(new File(['196\t242\t3\t881250949\n'], 'u.data'));
    expect(useRatingsEvalStore.getState().setup.format).toBe('udata');
    await chooseRatingsFile(new File([], 'empty.csv'));
    expect(useRatingsEvalStore.getState().chosen?.refusal).toBe('“empty.csv” is empty.');
  });
});
