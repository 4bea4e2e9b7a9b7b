// Queues jobs, runs each in its own worker process, mirrors their state into SQLite and onto the
// event bus, and supervises them: cancel asks the worker to stop and kills it after a grace period;
// a worker that dies fails its job with a clear message while the host carries on.
import { randomUUID } from 'node:crypto';
import { StudioError, isFinished, type Job, type JobKind, type MetricPoint, type SerializedStudioError } from '../../shared/api';
import type { JobId } from '../../shared/ids';
import type { WorkerResult, WorkerTask, WorkerToHost } from '../../shared/jobs/protocol';
import type { JobsRepo } from '../db/jobs-repo';
import type { EventBus } from '../services/event-bus';
import { describeWorkerDeath, startWorker, type WorkerHandle } from './worker-process';

export interface JobSpec {
  kind: JobKind;
  title: string;
  params: unknown;
  task: WorkerTask;
  /** Extra environment for the worker, e.g. MONTAGE_ML_BACKEND for a forced backend. */
  workerEnv?: Record<string, string>;
  /** Stores the worker's result and returns the job's result summary (e.g. { runId }). */
  complete(job: Job, result: WorkerResult): Record<string, unknown>;
}

interface Active {
  job: Job;
  spec: JobSpec;
  series: MetricPoint[];
  worker?: WorkerHandle;
  cancelRequested: boolean;
  killTimer?: NodeJS.Timeout;
  lastSavedAt: number;
}

export interface JobManagerOptions {
  repo: JobsRepo;
  bus: EventBus;
  workerEntry: string;
  maxConcurrent?: number;
  cancelGraceMs?: number;
  now?: () => number;
}

const maxMessages = 50;
const saveEveryMs = 1000;

export class JobManager {
  private readonly active = new Map<string, Active>();
  private readonly queue: string[] = [];
  private readonly opts: Required<JobManagerOptions>;
  private closed = false;

  constructor(options: JobManagerOptions) {
    this.opts = { maxConcurrent: 1, cancelGraceMs: 3000, now: Date.now, ...options };
    this.recoverInterrupted();
  }

  submit(spec: JobSpec): Job {
    if (this.closed) throw new StudioError('unavailable', 'Montage is shutting down; the job was not started.');
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
    this.active.set(job.id, { job, spec, series: [], cancelRequested: false, lastSavedAt: 0 });
    this.queue.push(job.id);
    this.opts.bus.emit('onJobChanged', job);
    this.pump();
    return this.get(job.id);
  }

  get(id: string): Job {
    const live = this.active.get(id)?.job ?? this.opts.repo.get(id);
    if (!live) throw new StudioError('not-found', 'No such job.');
    return { ...live };
  }

  list(limit: number): Job[] {
    return this.opts.repo.list(limit).map((stored) => ({ ...(this.active.get(stored.id)?.job ?? stored) }));
  }

  series(id: string): MetricPoint[] {
    const live = this.active.get(id);
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
      a.worker?.send({ type: 'cancel', id });
      a.killTimer = setTimeout(() => a.worker?.kill('SIGKILL'), this.opts.cancelGraceMs);
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

  /** Stops every worker; unfinished jobs end as cancelled. */
  close(): void {
    this.closed = true;
    for (const a of [...this.active.values()]) {
      a.worker?.kill('SIGKILL');
      this.finish(a, 'cancelled', null, null, 'Montage was closed while this job was running.');
    }
  }

  private recoverInterrupted(): void {
    for (const job of this.opts.repo.unfinished()) {
      const error: SerializedStudioError = {
        code: 'unavailable',
        message: 'Montage closed before this job finished. Run it again to get a result.',
      };
      this.opts.repo.save({ ...job, status: 'failed', finishedAt: job.finishedAt ?? this.opts.now(), error });
    }
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0 && this.runningCount() < this.opts.maxConcurrent) {
      const a = this.active.get(this.queue.shift() as string);
      if (a) this.launch(a);
    }
  }

  private launch(a: Active): void {
    const { job } = a;
    job.status = 'running';
    job.startedAt = this.opts.now();
    job.progressText = 'Starting worker…';
    this.changed(a, true);
    try {
      a.worker = startWorker(this.opts.workerEntry, job.id, a.spec.task, {
        onMessage: (m) => this.onWorkerMessage(a, m),
        onExit: (code, signal, tail) => this.onWorkerExit(a, code, signal, tail),
      }, { ...process.env, ...a.spec.workerEnv });
    } catch (err) {
      this.finish(a, 'failed', StudioError.from(err).toJSON(), null);
    }
  }

  private onWorkerMessage(a: Active, m: WorkerToHost): void {
    if (this.closed || isFinished(a.job.status)) return;
    switch (m.type) {
      case 'ready':
        a.job.backend = m.backend.name;
        // A forced backend says nothing about what this machine would choose on its own.
        if (!a.spec.workerEnv?.MONTAGE_ML_BACKEND) this.opts.bus.emit('onBackendChanged', m.backend);
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
        try {
          const summary = a.spec.complete(a.job, m.result);
          this.finish(a, 'succeeded', null, summary);
        } catch (err) {
          this.finish(a, 'failed', StudioError.from(err).toJSON(), null);
        }
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
    if (this.closed || isFinished(a.job.status)) return;
    if (a.cancelRequested) {
      this.finish(a, 'cancelled', null, null, 'Cancelled (worker stopped).');
      return;
    }
    this.finish(a, 'failed', { code: 'internal', message: describeWorkerDeath(code, signal, tail) }, null);
  }

  private finish(a: Active, status: 'succeeded' | 'failed' | 'cancelled', error: SerializedStudioError | null, result: Record<string, unknown> | null, text?: string): void {
    const { job } = a;
    if (isFinished(job.status)) return;
    clearTimeout(a.killTimer);
    job.status = status;
    job.finishedAt = this.opts.now();
    job.error = error;
    job.result = result;
    if (status === 'succeeded') job.progress = 1;
    job.progressText = text ?? (status === 'succeeded' ? 'Done.' : (error?.message ?? status));
    if (text) job.messages = [...job.messages, { at: job.finishedAt, text }].slice(-maxMessages);
    this.opts.repo.saveSeries(job.id, a.series);
    this.changed(a, true);
    this.active.delete(job.id);
    // The worker has said its last word; make sure it goes away.
    const worker = a.worker;
    if (worker) setTimeout(() => worker.kill('SIGKILL'), status === 'succeeded' ? 2000 : 0).unref();
    this.pump();
  }

  private note(a: Active, text: string): void {
    a.job.messages = [...a.job.messages, { at: this.opts.now(), text }].slice(-maxMessages);
    this.changed(a, true);
  }

  /** Emits the job; writes it to SQLite on status changes and at most once a second otherwise. */
  private changed(a: Active, persist: boolean): void {
    const t = this.opts.now();
    if (persist || t - a.lastSavedAt >= saveEveryMs) {
      this.opts.repo.save(a.job);
      a.lastSavedAt = t;
    }
    this.opts.bus.emit('onJobChanged', { ...a.job });
  }
}
