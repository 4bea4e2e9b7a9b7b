// Jobs whose work the host drives itself (HostJobSpec), over a real SQLite file: they run in a
// lane of their own beside worker jobs, report progress and messages, end with their summary or
// their error, stop on cancel (or are given up on after the grace period), and are interrupted by
// close().
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isFinished, StudioError, type Job } from '../../shared/api';
import { openDatabase, type Db } from '../db/database';
import { createJobsRepo, type JobsRepo } from '../db/jobs-repo';
import { createEventBus, type EventBus } from '../services/event-bus';
import { tempHome } from '../test/temp-home';
import { JobManager, type HostJobContext, type HostJobSpec, type JobSpec } from './job-manager';

const workerSpec: JobSpec = { kind: 'benchmark', title: 'Benchmark', params: {}, task: { task: 'probe' }, complete: () => ({}) };

/** A host job that waits for the test to end it, and tells the test its context. */
function controlled(title = 'Transcribe') {
  let context: HostJobContext | undefined;
  let settle: { resolve(v: Record<string, unknown>): void; reject(e: unknown): void } | undefined;
  const spec: HostJobSpec = {
    kind: 'transcribe',
    title,
    params: {},
    run: (ctx) => {
      context = ctx;
      return new Promise((resolve, reject) => {
        settle = { resolve, reject };
        ctx.signal.addEventListener('abort', () => reject(new StudioError('cancelled', 'Transcription cancelled.')));
      });
    },
  };
  return { spec, context: () => context, settle: () => settle };
}

describe('JobManager host jobs', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db;
  let repo: JobsRepo;
  let bus: EventBus;
  const open = (opts: { cancelGraceMs?: number } = {}): JobManager => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    repo = createJobsRepo(db);
    bus = createEventBus();
    // No worker job can start (maxConcurrent 0): host jobs must not wait for that lane.
    return new JobManager({ repo, bus, workerEntry: '/nonexistent/worker.js', maxConcurrent: 0, log: () => undefined, ...opts });
  };
  const finished = (jobs: JobManager, id: string): Promise<Job> =>
    new Promise((resolve) => {
      const check = (job: Job): void => {
        if (job.id !== id || !isFinished(job.status)) return;
        off();
        resolve(job);
      };
      const off = bus.on('onJobChanged', check);
      check(jobs.get(id));
    });
  afterEach(() => {
    db?.close();
    home?.remove();
  });

  it('runs beside a queued worker job, one host job at a time, with progress, messages and the summary', async () => {
    const jobs = open();
    const worker = jobs.submit(workerSpec);
    const first = controlled('first');
    const second = controlled('second');
    const a = jobs.submit(first.spec);
    const b = jobs.submit(second.spec);
    expect(jobs.get(worker.id).status).toBe('queued');
    expect(jobs.get(a.id).status).toBe('running');
    expect(jobs.get(b.id).status).toBe('queued');
    first.context()!.progress(0.5, 'Recognising… 50 %');
    first.context()!.message('Recognising with pocketsphinx.');
    expect(jobs.get(a.id)).toMatchObject({ progress: 0.5, progressText: 'Recognising… 50 %' });
    expect(jobs.get(a.id).messages.map((m) => m.text)).toContain('Recognising with pocketsphinx.');
    first.settle()!.resolve({ words: 4 });
    const done = await finished(jobs, a.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, result: { words: 4 } });
    expect(repo.get(a.id)).toMatchObject({ status: 'succeeded', result: { words: 4 } });
    // The next host job starts as the first ends; the worker job still waits for its own lane.
    expect(jobs.get(b.id).status).toBe('running');
    expect(jobs.get(worker.id).status).toBe('queued');
    second.settle()!.reject(new StudioError('invalid-argument', '“x.wav” looks like WAV audio but cannot be decoded.'));
    expect(await finished(jobs, b.id)).toMatchObject({ status: 'failed', error: { code: 'invalid-argument', message: '“x.wav” looks like WAV audio but cannot be decoded.' } });
    jobs.close();
  });

  it('cancels through the signal, gives up on work that does not stop, and interrupts on close', async () => {
    const jobs = open({ cancelGraceMs: 50 });
    const one = controlled();
    const a = jobs.submit(one.spec);
    jobs.cancel(a.id);
    expect(one.context()!.signal.aborted).toBe(true);
    expect(await finished(jobs, a.id)).toMatchObject({ status: 'cancelled' });

    // Work that ignores its signal: the job is cancelled after the grace period anyway.
    const stubborn: HostJobSpec = { kind: 'transcribe', title: 'stubborn', params: {}, run: () => new Promise(() => undefined) };
    const b = jobs.submit(stubborn);
    jobs.cancel(b.id);
    expect(await finished(jobs, b.id)).toMatchObject({ status: 'cancelled' });

    const third = controlled();
    const c = jobs.submit(third.spec);
    jobs.close();
    expect(third.context()!.signal.aborted).toBe(true);
    expect(repo.get(c.id)).toMatchObject({ status: 'interrupted' });
  });

  it('fails a job whose run throws at once, and goes on', async () => {
    const jobs = open();
    const broken: HostJobSpec = {
      kind: 'transcribe',
      title: 'broken',
      params: {},
      run: () => {
        throw new Error('boom');
      },
    };
    const a = jobs.submit(broken);
    expect(await finished(jobs, a.id)).toMatchObject({ status: 'failed', error: { code: 'internal', message: 'Unexpected error: boom' } });
    const next = controlled();
    expect(jobs.submit(next.spec).status).toBe('running');
    jobs.close();
  });
});
