// The host's side of the recommendation thread (src/workers/recommend/recommend-thread.ts): starts
// it, sends it events and requests, and matches the replies. One thread per recommend service,
// started on its first call and kept while the host runs (unref'd while idle, so it never keeps the
// process alive by itself). A thread that throws, exits or overruns `timeoutMs` fails the requests
// it had with a StudioError and is let go; the next call starts a new one, which the service sends
// every event again (`ensure` says when). The host ends them all when it closes
// (`stopRecommendThreads`).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StudioError } from '../../shared/api/errors';
import { EventBatchEncoder, eventBatchBuffers } from '../../shared/recommend/event-batch';
import type { LocalEvent } from '../../shared/recommend/local-history';
import type { RecommendReply, RecommendRequest, RecommendResult } from '../../workers/recommend/recommend-protocol';
import { packageRoot } from '../paths';

/** The built thread entry: <package>/dist/workers/recommend-thread.js. */
export const recommendThreadEntry = (root = packageRoot()): string => join(root, 'dist', 'workers', 'recommend-thread.js');

export const startRecommendThread = (entry = recommendThreadEntry()): Worker => new Worker(entry, { name: 'montage-recommend' });

/** Far longer than a fit of 200,000 events should take on a slow laptop (about 1.5 s on a 2-core server). */
export const defaultRecommendTimeoutMs = 120_000;

type Ask = { type: 'evaluate'; seed: number } | Omit<Extract<RecommendRequest, { type: 'rank' }>, 'id'>;

interface Pending {
  resolve(result: RecommendResult): void;
  reject(err: StudioError): void;
  timer: NodeJS.Timeout;
}

interface Running {
  worker: Worker;
  /** Its number among this client's threads: a new number means a thread with no events yet. */
  number: number;
  encoder: EventBatchEncoder;
  pending: Map<number, Pending>;
}

/** Every client with a thread running (the host ends them when it closes). */
const live = new Set<RecommendThreadClient>();

/** Ends every recommendation thread now; their requests fail as the host is closing. */
export function stopRecommendThreads(): void {
  for (const client of [...live]) client.close(new StudioError('unavailable', 'Montage is shutting down.'));
}

export class RecommendThreadClient {
  private running: Running | null = null;
  private closed: StudioError | null = null;
  private started = 0;
  private nextId = 1;

  constructor(private readonly options: { start: () => Worker; timeoutMs?: number }) {}

  /** Starts a thread unless one runs, and says which: when the number changes, the thread has no events. */
  ensure(): number {
    if (this.closed) throw this.closed;
    if (this.running) return this.running.number;
    let worker: Worker;
    try {
      worker = this.options.start();
    } catch (err) {
      throw new StudioError('internal', `The recommender could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    worker.unref();
    const running: Running = { worker, number: ++this.started, encoder: new EventBatchEncoder(), pending: new Map() };
    worker.on('message', (reply: RecommendReply) => {
      const pending = running.pending.get(reply.id);
      if (!pending) return;
      this.settle(running, reply.id);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new StudioError('internal', `Recommending failed: ${reply.message}`));
    });
    worker.on('error', (err) => this.fail(running, new StudioError('internal', `The recommender failed: ${err.message}`)));
    worker.on('exit', (code) => this.fail(running, new StudioError('unavailable', `The recommender stopped unexpectedly (exit code ${code}); the next try starts it again.`)));
    this.running = running;
    live.add(this);
    return running.number;
  }

  /** Sends events newer than the last batch, or (`reset`) the whole history again. Call `ensure` first. */
  sendEvents(events: readonly LocalEvent[], reset: boolean, maxEvents: number): void {
    const running = this.current();
    if (reset) running.encoder = new EventBatchEncoder();
    const batch = running.encoder.encode(events);
    this.post(running, { type: 'events', reset, batch, maxEvents }, eventBatchBuffers(batch));
  }

  /** Asks the running thread (see `ensure`); rejects with a StudioError when it fails, dies or overruns. */
  request(ask: Ask): Promise<RecommendResult> {
    const running = this.current();
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? defaultRecommendTimeoutMs;
    return new Promise<RecommendResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
        this.fail(running, new StudioError('unavailable', `The recommender took longer than ${limit}, so Montage stopped it; the next try starts it again.`));
      }, timeoutMs);
      running.pending.set(id, { resolve, reject, timer });
      if (running.pending.size === 1) running.worker.ref();
      this.post(running, { ...ask, id } as RecommendRequest);
    });
  }

  /** Ends the thread (if any); its requests fail with `reason`. The next `ensure` starts another. */
  stop(reason: StudioError): void {
    if (this.running) this.fail(this.running, reason);
  }

  /** Stops for good: later requests fail with `reason` instead of starting a thread. */
  close(reason: StudioError): void {
    this.closed = reason;
    this.stop(reason);
  }

  private current(): Running {
    if (!this.running) throw new StudioError('internal', 'The recommender is not started.');
    return this.running;
  }

  private post(running: Running, message: RecommendRequest, transfer: ArrayBuffer[] = []): void {
    try {
      running.worker.postMessage(message, transfer);
    } catch (err) {
      const failed = new StudioError('internal', `The recommender could not be sent its work: ${err instanceof Error ? err.message : String(err)}`);
      this.fail(running, failed);
      throw failed;
    }
  }

  private settle(running: Running, id: number): void {
    const pending = running.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    running.pending.delete(id);
    if (running.pending.size === 0) running.worker.unref();
  }

  /** Lets the thread go: terminated, forgotten, its requests rejected. */
  private fail(running: Running, err: StudioError): void {
    if (this.running === running) {
      this.running = null;
      live.delete(this);
    }
    const pending = [...running.pending.values()];
    for (const id of [...running.pending.keys()]) this.settle(running, id);
    for (const p of pending) p.reject(err);
    void running.worker.terminate();
  }
}
