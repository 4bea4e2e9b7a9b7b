// The job manager over a real SQLite file, without workers: with maxConcurrent 0 nothing leaves
// the queue, which is what the queue cap, close and clearing need.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/api';
import type { WorkerResult, WorkerTask } from '../../shared/jobs/protocol';
import { createBenchmarkRunsRepo } from '../db/benchmark-runs-repo';
import { openDatabase, type Db } from '../db/database';
import { createJobsRepo, type JobsRepo } from '../db/jobs-repo';
import { createEventBus } from '../services/event-bus';
import { tempHome } from '../test/temp-home';
import { JobManager, type JobSpec } from './job-manager';

const spec = (title = 'Benchmark'): JobSpec => ({
  kind: 'benchmark',
  title,
  params: {},
  task: { task: 'probe' },
  complete: () => ({}),
});

describe('JobManager (no workers)', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db;
  let repo: JobsRepo;
  const logs: string[] = [];
  const manager = (opts: { now?: () => number } = {}): JobManager =>
    new JobManager({ repo, bus: createEventBus(), workerEntry: '/nonexistent/worker.js', maxConcurrent: 0, log: (m) => logs.push(m), ...opts });

  const open = (): void => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    repo = createJobsRepo(db);
  };
  afterEach(() => {
    db?.close();
    home?.remove();
    logs.length = 0;
  });

  it('refuses the 21st queued job of a kind with a clear error, and accepts one again after a cancel', () => {
    open();
    const jobs = manager();
    const queued: Job[] = [];
    for (let i = 0; i < 20; i++) queued.push(jobs.submit(spec(`job ${i}`)));
    expect(() => jobs.submit(spec('one too many'))).toThrow(
      expect.objectContaining({ code: 'unavailable', message: 'There are already 20 benchmark jobs waiting; wait for them or cancel some.' }),
    );
    expect(jobs.list(100)).toHaveLength(20);
    jobs.cancel(queued[0]!.id);
    expect(jobs.submit(spec('fits again')).status).toBe('queued');
  });

  it('close() marks queued jobs interrupted, and so does the next start for rows left unfinished', () => {
    open();
    const jobs = manager();
    const a = jobs.submit(spec('closed while queued'));
    jobs.close();
    expect(repo.get(a.id)).toMatchObject({ status: 'interrupted', error: { message: expect.stringMatching(/^Interrupted: Montage closed before this job started/) } });

    // A crashed host leaves rows 'running' and 'queued'.
    const b = manager().submit(spec('running when the host died'));
    repo.save({ ...repo.get(b.id)!, status: 'running', startedAt: 1 });
    manager();
    expect(repo.get(b.id)).toMatchObject({
      status: 'interrupted',
      error: { code: 'unavailable', message: expect.stringMatching(/^Interrupted: Montage stopped while this job was running .*Run it again\./) },
    });
  });

  it('clearFinished removes finished jobs only, and benchmark runs survive their job', () => {
    open();
    const jobs = manager();
    const done = jobs.submit(spec('finishes'));
    const waiting = jobs.submit(spec('still queued'));
    jobs.cancel(done.id);
    const runs = createBenchmarkRunsRepo(db);
    const config = { steps: 2, batchSize: 1, sequenceLength: 4, hiddenUnits: 4, seed: 1 };
    runs.insert({ id: 'run-1' as never, jobId: done.id, createdAt: 1, config, backend: 'cpu', stepsPerSec: 1, sequencesPerSec: 1, initialLoss: 2, finalLoss: 1, durationMs: 1, loss: [2, 1] });
    expect(jobs.clearFinished()).toBe(1);
    expect(jobs.list(100).map((j) => j.id)).toEqual([waiting.id]);
    expect(() => jobs.get(done.id)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(runs.get('run-1')).toMatchObject({ jobId: done.id, loss: [2, 1] });
  });

  it('keeps the newest 200 finished jobs, pruning at start and after a job finishes', () => {
    open();
    const insert = db.prepare(
      "INSERT INTO jobs (id, kind, title, status, params_json, created_at) VALUES (?, 'benchmark', ?, 'succeeded', '{}', ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 250; i++) insert.run(`old-${String(i).padStart(3, '0')}`, `old ${i}`, 1000 + i);
    })();
    let t = 10_000;
    const jobs = manager({ now: () => t++ });
    const count = (): number => (db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status != 'queued'").get() as { n: number }).n;
    expect(count()).toBe(200);
    expect(repo.get('old-049')).toBeUndefined();
    expect(repo.get('old-050')).toBeDefined();
    const job = jobs.submit(spec('newest'));
    jobs.cancel(job.id);
    expect(count()).toBe(200);
    expect(repo.get('old-050')).toBeUndefined();
    expect(repo.get(job.id)?.status).toBe('cancelled');
  });

  it('stores a result of its own kind (typed arrays intact) and fails a job answered with another kind', async () => {
    open();
    const echo = fileURLToPath(new URL('./echo-worker.fixture.mjs', import.meta.url));
    const bus = createEventBus();
    const jobs = new JobManager({ repo, bus, workerEntry: echo, log: (m) => logs.push(m) });
    const finished = (id: string) =>
      new Promise<Job>((resolve) => bus.on('onJobChanged', (j) => j.id === id && ['succeeded', 'failed'].includes(j.status) && resolve(j)));
    const received: WorkerResult[] = [];
    const submit = (task: WorkerTask) => jobs.submit({ ...spec(), task, complete: (_job, result) => (received.push(result), { ok: true }) });

    const good = submit({ task: 'probe', payload: { samples: new Float32Array([0.5, -0.25]) } } as unknown as WorkerTask);
    expect(await finished(good.id)).toMatchObject({ status: 'succeeded', result: { ok: true } });
    expect((received[0] as unknown as { payload: { samples: unknown } }).payload.samples).toEqual(new Float32Array([0.5, -0.25]));

    const wrong = submit({ task: 'probe', answerAs: 'benchmark' } as unknown as WorkerTask);
    expect(await finished(wrong.id)).toMatchObject({ status: 'failed', error: { code: 'internal', message: 'The worker answered a probe job with a benchmark result.' } });
    expect(received).toHaveLength(1);
    jobs.close();
  });

  it('sends every metric point but coalesces a burst of progress into a few job updates, the final state last', async () => {
    open();
    const burst = fileURLToPath(new URL('./progress-worker.fixture.mjs', import.meta.url));
    const bus = createEventBus();
    const jobs = new JobManager({ repo, bus, workerEntry: burst, log: (m) => logs.push(m) });
    const changes: Job[] = [];
    let points = 0;
    bus.on('onJobProgress', () => points++);
    const done = new Promise<void>((resolve) =>
      bus.on('onJobChanged', (j) => {
        changes.push(j);
        if (j.status === 'succeeded') resolve();
      }),
    );
    jobs.submit(spec('burst'));
    await done;
    // Any update held back must not arrive after the final one.
    await new Promise((r) => setTimeout(r, 250));
    expect(points).toBe(50);
    const progressUpdates = changes.filter((j) => j.status === 'running' && j.progress > 0);
    expect(progressUpdates.length).toBeLessThan(10);
    expect(changes.at(-1)).toMatchObject({ status: 'succeeded', progress: 1 });
    jobs.close();
  });

  it('keeps the newest 200 benchmark runs', () => {
    open();
    const runs = createBenchmarkRunsRepo(db);
    const config = { steps: 2, batchSize: 1, sequenceLength: 4, hiddenUnits: 4, seed: 1 };
    for (let i = 0; i < 205; i++) {
      runs.insert({ id: `run-${i}` as never, jobId: 'gone' as never, createdAt: i, config, backend: 'cpu', stepsPerSec: 1, sequencesPerSec: 1, initialLoss: 2, finalLoss: 1, durationMs: 1, loss: [] });
    }
    expect(runs.prune()).toBe(5);
    expect(runs.list(500)).toHaveLength(200);
    expect(runs.get('run-4')).toBeUndefined();
    expect(runs.get('run-5')).toBeDefined();
  });
});
