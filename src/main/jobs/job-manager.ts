// Queues jobs, runs each in its own worker process, mirrors their state into SQLite and onto the
// event bus, and supervises them: cancel asks the worker to stop and kills it after a grace period;
// a worker that dies fails its job with a clear message while the host carries on.
//
// SQLite writes never take the host down: progress writes that fail (another program holds the
// database locked, the disk is full) are skipped and the next one retries; a job's final state
// is retried asynchronously (retryStorageWrite), and if it still cannot be saved the job fails
// in memory with the reason and its row is saved again later. Queued jobs are capped per kind.
//
// A job may also run inside the host (HostJobSpec) when its heavy work already happens in a child
// process or thread of its own (speech recognition: pocketsphinx's program, the audio decoding
// thread). Those jobs queue in a lane of their own (maxConcurrentHost), so a transcription does not
// wait behind an hour of training, and cancel aborts their signal.
import { randomUUID } from 'node:crypto';
import { StudioError, isFinished, type Job, type JobKind, type MetricPoint, type SerializedStudioError } from '../../shared/api';
import type { JobId } from '../../shared/ids';
import type { WorkerResult, WorkerTask, WorkerToHost } from '../../shared/jobs/protocol';
import type { JobsRepo } from '../db/jobs-repo';
import { retryStorageWrite, StorageError } from '../db/storage-errors';
import type { EventBus } from '../services/event-bus';
import { describeWorkerDeath, startWorker, type WorkerHandle } from './worker-process';

export interface JobSpec {
  kind: JobKind;
  title: string;
  params: unknown;
  task: WorkerTask;
  /** Extra environment for the worker, e.g. MONTAGE_ML_BACKEND for a forced backend. */
  workerEnv?: Record<string, string>;
  /**
   * Stores the worker's result and returns the job's result summary (e.g. { runId }). It may be
   * async (a training job registers its model); the job is done once it settles.
   */
  complete(job: Job, result: WorkerResult): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** What a job running inside the host is given. */
export interface HostJobContext {
  /** Aborted when the job is cancelled or the host closes; the work must then stop and reject. */
  signal: AbortSignal;
  /** 0…1 and a line for the Jobs panel (sent and saved at the usual pace). */
  progress(fraction: number, text: string): void;
  message(text: string): void;
}

/**
 * A job whose work is driven from the host process rather than a worker process: for work that
 * already runs in a child process or thread of its own, where a worker would only add its start-up
 * (the tfjs import and the backend choice, about a second) and one more hop. `run` must keep the
 * event loop free, stop when the signal aborts (rejecting, e.g. with a 'cancelled' StudioError),
 * and resolve to the job's result summary once whatever it produced is stored.
 */
export interface HostJobSpec {
  kind: JobKind;
  title: string;
  params: unknown;
  run(context: HostJobContext): Promise<Record<string, unknown>>;
}

const runsInHost = (spec: JobSpec | HostJobSpec): spec is HostJobSpec => 'run' in spec;

interface Active {
  job: Job;
  spec: JobSpec | HostJobSpec;
  /** A host job's cancel signal. */
  abort?: AbortController;
  series: MetricPoint[];
  worker?: WorkerHandle;
  cancelRequested: boolean;
  killTimer?: NodeJS.Timeout;
  lastSavedAt: number;
  /** When onJobChanged last went out for a progress report, and the timer of the one held back. */
  lastEmittedAt: number;
  emitTimer?: NodeJS.Timeout;
  /** The worker sent its result and complete() is storing it; its exit must not fail the job. */
  completing?: boolean;
}

export interface JobManagerOptions {
  repo: JobsRepo;
  bus: EventBus;
  workerEntry: string;
  maxConcurrent?: number;
  /** Host jobs (HostJobSpec) that may run at once, beside the worker jobs (default 1). */
  maxConcurrentHost?: number;
  /** Jobs of one kind that may wait in the queue (a script calling start in a loop must not queue thousands). */
  maxQueuedPerKind?: number;
  cancelGraceMs?: number;
  /** Pause before saving again a finished job whose final state could not be written. */
  resaveAfterMs?: number;
  now?: () => number;
  /** Where problems the host survives are reported (default console.error). */
  log?: (message: string) => void;
}

const maxMessages = 50;
const saveEveryMs = 1000;
/**
 * Progress reports (a training step can take a millisecond) go out as onJobChanged at most this
 * often, the latest one last; every window redraws its Jobs panel on each. Status changes and
 * messages go out at once. The metric points themselves (onJobProgress) are all sent.
 */
const emitProgressEveryMs = 100;

export const interruptedByClose = 'Interrupted: Montage closed while this job was running. Run it again.';
export const interruptedBeforeStart = 'Interrupted: Montage closed before this job started. Run it again.';
export const interruptedByCrash = 'Interrupted: Montage stopped while this job was running (it was closed or crashed). Run it again.';

export class JobManager {
  private readonly active = new Map<string, Active>();
  /** Finished jobs whose final state is not in SQLite yet (storage failed); retried later. */
  private readonly unsaved = new Map<string, { active: Active; timer?: NodeJS.Timeout }>();
  private readonly queue: string[] = [];
  private readonly opts: Required<JobManagerOptions>;
  private closed = false;
  private lastStorageLog = '';

  constructor(options: JobManagerOptions) {
    this.opts = {
      maxConcurrent: 1,
      maxConcurrentHost: 1,
      maxQueuedPerKind: 20,
      cancelGraceMs: 3000,
      resaveAfterMs: 5000,
      now: Date.now,
      log: (m) => console.error(m),
      ...options,
    };
    this.recoverInterrupted();
    this.prune();
  }

  submit(spec: JobSpec | HostJobSpec): Job {
    if (this.closed) throw new StudioError('unavailable', 'Montage is shutting down; the job was not started.');
    const waiting = [...this.active.values()].filter((x) => x.job.kind === spec.kind && x.job.status === 'queued').length;
    if (waiting >= this.opts.maxQueuedPerKind) {
      throw new StudioError('unavailable', `There are already ${waiting} ${spec.kind} jobs waiting; wait for them or cancel some.`);
    }
    const job: Job = {
      id: randomUUID() as JobId,
      kind: spec.kind,
      title: spec.title,
      status: 'queued',
      progress: 0,
      progressText: 'Waiting for a free worker…',
      messages: [],
      backend: null,
      createdAt: this.opts.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    };
    this.opts.repo.insert(job, spec.params);
    this.active.set(job.id, { job, spec, series: [], cancelRequested: false, lastSavedAt: 0, lastEmittedAt: 0 });
    this.queue.push(job.id);
    this.opts.bus.emit('onJobChanged', job);
    this.pump();
    return this.get(job.id);
  }

  private inMemory(id: string): Active | undefined {
    return this.active.get(id) ?? this.unsaved.get(id)?.active;
  }

  get(id: string): Job {
    const live = this.inMemory(id)?.job ?? this.opts.repo.get(id);
    if (!live) throw new StudioError('not-found', 'No such job.');
    return { ...live };
  }

  list(limit: number): Job[] {
    return this.opts.repo.list(limit).map((stored) => ({ ...(this.inMemory(stored.id)?.job ?? stored) }));
  }

  series(id: string): MetricPoint[] {
    const live = this.inMemory(id);
    if (live) return [...live.series];
    this.get(id);
    return this.opts.repo.series(id);
  }

  cancel(id: string): Job {
    const a = this.active.get(id);
    if (!a) return this.get(id);
    if (a.job.status === 'queued') {
      this.queue.splice(this.queue.indexOf(id), 1);
      this.finish(a, 'cancelled', null, null, 'Cancelled before it started.');
    } else if (!a.cancelRequested) {
      a.cancelRequested = true;
      this.note(a, 'Cancelling…');
      if (a.abort) {
        a.abort.abort();
        // Work that does not stop in time is left to finish unheard.
        a.killTimer = setTimeout(() => this.finish(a, 'cancelled', null, null, 'Cancelled.'), this.opts.cancelGraceMs);
      } else {
        a.worker?.send({ type: 'cancel', id });
        a.killTimer = setTimeout(() => a.worker?.kill('SIGKILL'), this.opts.cancelGraceMs);
      }
    }
    return this.get(id);
  }

  /** The worker's process id while it runs (diagnostics and tests). */
  pidOf(id: string): number | undefined {
    return this.active.get(id)?.worker?.pid;
  }

  runningCount(): number {
    return [...this.active.values()].filter((a) => a.job.status === 'running').length;
  }

  /**
   * Removes every finished job from the list (and from SQLite); queued and running ones stay.
   * Benchmark runs are kept: they do not depend on their job's row.
   */
  clearFinished(): number {
    let removed = this.opts.repo.deleteFinished();
    // A finished job whose final save is still pending is cleared too: forget it here.
    for (const [id, pending] of this.unsaved) {
      clearTimeout(pending.timer);
      this.unsaved.delete(id);
      removed += 1;
    }
    return removed;
  }

  /** Stops every worker; unfinished jobs end as interrupted. */
  close(): void {
    this.closed = true;
    for (const a of [...this.active.values()]) {
      a.worker?.kill('SIGKILL');
      a.abort?.abort();
      const text = a.job.status === 'queued' ? interruptedBeforeStart : interruptedByClose;
      this.finish(a, 'interrupted', { code: 'unavailable', message: text }, null, text);
    }
    // Last chance for final states that could not be written; otherwise the next start marks
    // those rows interrupted.
    for (const [id, pending] of this.unsaved) {
      clearTimeout(pending.timer);
      this.unsaved.delete(id);
      this.saveFinal(pending.active, false);
    }
  }

  /** Jobs a previous host left queued or running (it closed or crashed) become interrupted. */
  private recoverInterrupted(): void {
    try {
      for (const job of this.opts.repo.unfinished()) {
        const error: SerializedStudioError = { code: 'unavailable', message: job.status === 'queued' ? interruptedBeforeStart : interruptedByCrash };
        this.opts.repo.save({ ...job, status: 'interrupted', finishedAt: job.finishedAt ?? this.opts.now(), error, progressText: error.message });
      }
    } catch (err) {
      // Not fatal: the rows stay 'running' and the next start tries again.
      this.reportStorage(err, 'could not mark interrupted jobs');
    }
  }

  /** Keeps the job list bounded (repo.pruneFinished); best effort. */
  private prune(): void {
    try {
      this.opts.repo.pruneFinished();
    } catch (err) {
      this.reportStorage(err, 'could not prune old jobs');
    }
  }

  /** Logs a problem the host survives, once per distinct message (a lock would repeat it every second). */
  private reportStorage(err: unknown, what: string): void {
    const message = `montage: ${what}: ${err instanceof Error ? err.message : String(err)}`;
    if (message === this.lastStorageLog) return;
    this.lastStorageLog = message;
    this.opts.log(message);
  }

  /** Runs a worker callback; whatever it throws is logged, never left to kill the host. */
  private guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.reportStorage(err, what);
    }
  }

  /** Starts queued jobs, in order, while their lane (worker or host) has room. */
  private pump(): void {
    for (const id of [...this.queue]) {
      if (this.closed) return;
      const a = this.active.get(id);
      const host = a ? runsInHost(a.spec) : false;
      if (a) {
        let running = 0;
        for (const x of this.active.values()) if (x.job.status === 'running' && runsInHost(x.spec) === host) running++;
        if (running >= (host ? this.opts.maxConcurrentHost : this.opts.maxConcurrent)) continue;
      }
      this.queue.splice(this.queue.indexOf(id), 1);
      if (a) this.launch(a);
    }
  }

  private launch(a: Active): void {
    const { job, spec } = a;
    job.status = 'running';
    job.startedAt = this.opts.now();
    job.progressText = runsInHost(spec) ? 'Starting…' : 'Starting worker…';
    this.changed(a, true);
    if (runsInHost(spec)) {
      this.runInHost(a, spec);
      return;
    }
    try {
      a.worker = startWorker(this.opts.workerEntry, job.id, spec.task, {
        onMessage: (m) => this.guarded(`job ${job.id}`, () => this.onWorkerMessage(a, spec, m)),
        onExit: (code, signal, tail) => this.guarded(`job ${job.id}`, () => this.onWorkerExit(a, code, signal, tail)),
      }, { ...process.env, ...spec.workerEnv });
    } catch (err) {
      this.finish(a, 'failed', StudioError.from(err).toJSON(), null);
    }
  }

  private runInHost(a: Active, spec: HostJobSpec): void {
    const abort = new AbortController();
    a.abort = abort;
    const live = (): boolean => !this.closed && !isFinished(a.job.status);
    const context: HostJobContext = {
      signal: abort.signal,
      progress: (fraction, text) =>
        this.guarded(`job ${a.job.id}`, () => {
          if (!live()) return;
          a.job.progress = Math.min(1, Math.max(0, fraction));
          a.job.progressText = text;
          this.changed(a, false);
        }),
      message: (text) =>
        this.guarded(`job ${a.job.id}`, () => {
          if (live()) this.note(a, text);
        }),
    };
    let running: Promise<Record<string, unknown>>;
    try {
      running = spec.run(context);
    } catch (err) {
      running = Promise.reject(err);
    }
    running.then(
      (summary) => this.finish(a, 'succeeded', null, summary),
      (err: unknown) => {
        const e = StudioError.from(err);
        if (a.cancelRequested || e.code === 'cancelled') this.finish(a, 'cancelled', null, null, 'Cancelled.');
        else this.finish(a, 'failed', e.toJSON(), null);
      },
    );
  }

  private onWorkerMessage(a: Active, spec: JobSpec, m: WorkerToHost): void {
    if (this.closed || isFinished(a.job.status)) return;
    switch (m.type) {
      case 'ready':
        a.job.backend = m.backend.name;
        // A forced backend says nothing about what this machine would choose on its own.
        if (!spec.workerEnv?.MONTAGE_ML_BACKEND) this.opts.bus.emit('onBackendChanged', m.backend);
        this.changed(a, false);
        return;
      case 'progress':
        a.job.progress = Math.min(1, Math.max(0, m.fraction));
        a.job.progressText = m.text;
        if (m.point) {
          a.series.push(m.point);
          this.opts.bus.emit('onJobProgress', { jobId: a.job.id, point: m.point });
        }
        this.changed(a, false);
        return;
      case 'message':
        this.note(a, m.text);
        return;
      case 'result':
        if (a.completing) return;
        if (m.result.task !== spec.task.task) {
          this.finish(a, 'failed', { code: 'internal', message: `The worker answered a ${spec.task.task} job with a ${String(m.result.task)} result.` }, null);
          return;
        }
        a.completing = true;
        // Storing the result may meet a locked database: retry without blocking the loop.
        // (The first then() unwraps an async complete(); a sync one is retried on a locked database.)
        retryStorageWrite(() => spec.complete(a.job, m.result))
          .then((summary) => summary)
          .then(
            (summary) => this.finish(a, 'succeeded', null, summary),
            (err: unknown) => this.finish(a, 'failed', StudioError.from(err).toJSON(), null),
          );
        return;
      case 'error':
        this.finish(a, 'failed', m.error, null);
        return;
      case 'cancelled':
        this.finish(a, 'cancelled', null, null, 'Cancelled.');
        return;
    }
  }

  private onWorkerExit(a: Active, code: number | null, signal: NodeJS.Signals | null, tail: string): void {
    if (this.closed || isFinished(a.job.status) || a.completing) return;
    if (a.cancelRequested) {
      this.finish(a, 'cancelled', null, null, 'Cancelled (worker stopped).');
      return;
    }
    this.finish(a, 'failed', { code: 'internal', message: describeWorkerDeath(code, signal, tail) }, null);
  }

  private finish(a: Active, status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted', error: SerializedStudioError | null, result: Record<string, unknown> | null, text?: string): void {
    const { job } = a;
    if (isFinished(job.status)) return;
    clearTimeout(a.killTimer);
    clearTimeout(a.emitTimer);
    job.status = status;
    job.finishedAt = this.opts.now();
    job.error = error;
    job.result = result;
    if (status === 'succeeded') job.progress = 1;
    job.progressText = text ?? (status === 'succeeded' ? 'Done.' : (error?.message ?? status));
    if (text) job.messages = [...job.messages, { at: job.finishedAt, text }].slice(-maxMessages);
    this.active.delete(job.id);
    const saved = this.saveFinal(a, !this.closed);
    this.opts.bus.emit('onJobChanged', { ...job });
    // The worker has said its last word; make sure it goes away.
    const worker = a.worker;
    if (worker) setTimeout(() => worker.kill('SIGKILL'), status === 'succeeded' ? 2000 : 0).unref();
    if (saved) this.prune();
    this.pump();
  }

  /**
   * Writes a finished job's final state and series. On a storage failure (and `retry`), the job
   * waits in `unsaved` while retryFinal tries again; returns whether it is saved now.
   */
  private saveFinal(a: Active, retry: boolean): boolean {
    try {
      this.opts.repo.saveSeries(a.job.id, a.series);
      this.opts.repo.save(a.job);
      return true;
    } catch (err) {
      this.reportStorage(err, `could not save job ${a.job.id}`);
      if (retry && !this.unsaved.has(a.job.id)) {
        this.unsaved.set(a.job.id, { active: a });
        void this.retryFinal(a);
      }
      return false;
    }
  }

  /**
   * Retries a final save for ~1.5 s without blocking; if it still fails, the job fails in memory
   * with the storage reason (the user sees why its result is not kept) and its row is saved again
   * every resaveAfterMs until it works or the host closes.
   */
  private async retryFinal(a: Active): Promise<void> {
    const { job } = a;
    try {
      await retryStorageWrite(() => {
        this.opts.repo.saveSeries(job.id, a.series);
        this.opts.repo.save(job);
      });
      if (this.unsaved.delete(job.id)) this.prune();
    } catch (err) {
      const pending = this.unsaved.get(job.id);
      if (!pending || this.closed) return;
      if (!(err instanceof StorageError)) this.reportStorage(err, `could not save job ${job.id}`);
      const reason = StudioError.from(err);
      if (job.status !== 'failed' || job.error?.message !== reason.message) {
        job.status = 'failed';
        job.error = reason.toJSON();
        job.progressText = reason.message;
        job.messages = [...job.messages, { at: this.opts.now(), text: reason.message }].slice(-maxMessages);
        this.opts.bus.emit('onJobChanged', { ...job });
      }
      pending.timer = setTimeout(() => void this.retryFinal(a), this.opts.resaveAfterMs);
      pending.timer.unref();
    }
  }

  private note(a: Active, text: string): void {
    a.job.messages = [...a.job.messages, { at: this.opts.now(), text }].slice(-maxMessages);
    this.changed(a, true);
  }

  /**
   * Emits the job (progress at most every emitProgressEveryMs, the latest state last); writes it
   * to SQLite on status changes and at most once a second otherwise. A write that fails is
   * skipped (a row is a snapshot): the next write, a second later or the final save at the latest,
   * carries the whole state.
   */
  private changed(a: Active, persist: boolean): void {
    const t = this.opts.now();
    if (persist || t - a.lastSavedAt >= saveEveryMs) {
      // Set before trying, so a locked database is tried at most once a second, not every step.
      a.lastSavedAt = t;
      try {
        this.opts.repo.save(a.job);
      } catch (err) {
        this.reportStorage(err, `could not save the progress of job ${a.job.id}`);
      }
    }
    if (persist || t - a.lastEmittedAt >= emitProgressEveryMs) {
      this.emitNow(a);
      return;
    }
    a.emitTimer ??= setTimeout(() => {
      a.emitTimer = undefined;
      if (this.active.get(a.job.id) === a && !isFinished(a.job.status)) this.emitNow(a);
    }, emitProgressEveryMs);
  }

  private emitNow(a: Active): void {
    clearTimeout(a.emitTimer);
    a.emitTimer = undefined;
    a.lastEmittedAt = this.opts.now();
    this.opts.bus.emit('onJobChanged', { ...a.job });
  }
}
