// Long-lived model sessions: one process per (kind, spec) that loads its model once and answers
// requests (sample now; encode, decode, continue, transcribe later) with partial results and
// cancellation. Jobs (src/main/jobs) start a process per job, which suits training; generation
// needs answers in tens of milliseconds, not a fork and a model load per click.
//
// Lifecycle of a session:
// - `open(kind, spec)` validates the spec, reuses the warm process of an equal (kind, spec) or
//   starts one, and resolves once the model is loaded. Nothing starts before the first open.
// - `request(handle, method, args, {onPartial, signal})` validates the arguments against the
//   contract (src/shared/sessions/protocol.ts) and queues the request; a session runs one request
//   at a time, in order. Partials and the result are validated before they reach the caller.
//   Aborting the signal removes a waiting request, or asks the process to stop the running one
//   (it answers `cancelled` between steps; after cancelGraceMs it is killed, and the request ends
//   cancelled all the same).
// - A session with no request for idleMs (default 120 s) is unloaded: its process exits. So is one
//   whose last handle is released, the least recently used idle one when free memory is low or too
//   many are warm, and an idle one whose tensors grew past the cap. A later request starts it again.
// - A process that dies during a request fails that request with `unavailable` ("The next-token
//   LSTM model stopped unexpectedly (killed by SIGKILL); it has been restarted — try again") and is
//   started again at once; after three deaths in a minute it is started only by the next request.
// - `close()` (host shutdown) kills every session process and fails whatever was pending.
import { freemem } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StudioError, type BackendReport, type SerializedStudioError } from '../../shared/api';
import {
  parseSessionArgs,
  parseSessionPayload,
  parseSessionSpec,
  sessionKey,
  sessionTitle,
  type SessionArgsInput,
  type SessionKind,
  type SessionMemory,
  type SessionMethod,
  type SessionPartial,
  type SessionResult,
  type SessionSpec,
  type SessionSpecInput,
  type SessionToHost,
} from '../../shared/sessions/protocol';
import { dataPaths, packageRoot } from '../paths';
import { chooseEvictions, type Eviction, type EvictionLimits } from './eviction';
import { describeExit, startSessionProcess, type SessionProcess, type SessionProcessCallbacks, type StartSessionProcess } from './session-process';
import { SessionStandby } from './session-standby';

/** The built session program inside the installed package. */
export function sessionWorkerEntry(root = packageRoot()): string {
  return join(root, 'dist', 'workers', 'model-session.js');
}

export interface SessionManagerOptions {
  /** The session program; defaults to dist/workers/model-session.js of this package. */
  workerEntry?: string;
  /**
   * The data folder. When set, a spec's `checkpoint` is resolved inside its models/ folder and
   * refused outside it; without it a checkpoint must be an absolute path.
   */
  dataDir?: string;
  /** Unload a session after this long without requests (default 120 s). */
  idleMs?: number;
  /** Unload an idle session whose tensors use more than this (default 1 GiB). */
  maxSessionBytes?: number;
  /** Unload the least recently used idle session while free memory is below this (default 256 MiB). */
  minFreeBytes?: number;
  /** Session processes kept warm at most (default 3). */
  maxWarmSessions?: number;
  /** How often memory is checked while sessions run (default 10 s). */
  memoryCheckMs?: number;
  /** Requests that may wait per session (default 16). */
  maxQueuedPerSession?: number;
  /** How long a running request may take to stop after a cancel before its process is killed (default 3 s). */
  cancelGraceMs?: number;
  /** How long an unloading process may take to exit before it is killed (default 2 s). */
  unloadGraceMs?: number;
  /** How long a process may take to choose its backend and load its model (default 60 s). */
  loadTimeoutMs?: number;
  /** Environment of session processes, over process.env (e.g. MONTAGE_ML_BACKEND). */
  env?: Record<string, string>;
  /** Free system memory in bytes (default os.freemem). */
  freeMemory?: () => number;
  /** Starts a session process (default: fork; tests pass a fake). */
  startProcess?: StartSessionProcess;
  now?: () => number;
  /** Where problems the host survives are reported (default console.error). */
  log?: (message: string) => void;
}

/** An open session: pass it to request(); release() it when done (e.g. the editor closed). */
export interface SessionHandle<K extends SessionKind = SessionKind> {
  readonly kind: K;
  /** Equal (kind, spec) share one session and one key. */
  readonly key: string;
  readonly handleId: number;
}

export interface SessionRequestOptions<Partial> {
  /** Called with every partial result, in order, before the promise resolves. */
  onPartial?: (partial: Partial) => void;
  signal?: AbortSignal;
}

export interface SessionInfo {
  kind: SessionKind;
  key: string;
  state: 'cold' | 'loading' | 'idle' | 'busy' | 'stopping';
  pid: number | undefined;
  backend: BackendReport | null;
  parameters: number | null;
  /** How long the model took to load in its process (after the backend was chosen). */
  loadMs: number | null;
  /** tf.memory() of the process after its last request, and its resident size then. */
  tensors: number;
  bytes: number;
  rss: number;
  /** Requests waiting behind the running one. */
  queued: number;
  handles: number;
  /** Processes started for this session so far (restarts included). */
  processesStarted: number;
  /** Why its process was last unloaded on purpose, if it was. */
  lastUnload: string | null;
}

interface Pending {
  id: string;
  method: string;
  args: unknown;
  onPartial?: (partial: unknown) => void;
  resolve(value: unknown): void;
  reject(error: StudioError): void;
  signal?: AbortSignal;
  onAbort?: () => void;
  /** Handed to the process. */
  sent: boolean;
  cancelRequested: boolean;
  cancelTimer?: NodeJS.Timeout;
  settled: boolean;
}

interface Proc {
  process: SessionProcess;
  phase: 'loading' | 'loaded' | 'stopping';
  backend: BackendReport | null;
  parameters: number | null;
  loadMs: number | null;
  tensors: number;
  bytes: number;
  rss: number;
  /** The process said why it could not load (error with id null); its exit follows. */
  loadError?: SerializedStudioError;
  loadTimer?: NodeJS.Timeout;
  killTimer?: NodeJS.Timeout;
}

interface Session {
  key: string;
  kind: SessionKind;
  spec: unknown;
  refs: Set<number>;
  queue: Pending[];
  current: Pending | null;
  proc: Proc | null;
  /** open() calls waiting for a loaded process. */
  waiters: { resolve(): void; reject(error: StudioError): void }[];
  lastUsed: number;
  idleTimer?: NodeJS.Timeout;
  /** Times of recent unexpected exits, for the restart-loop guard. */
  crashes: number[];
  /** Why its process was last unloaded ("idle for 2 min", "free memory is low (180 MB)"). */
  lastUnload?: string;
  processesStarted: number;
}

const crashWindowMs = 60_000;
const crashesBeforeBackoff = 3;
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
const duration = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly opts: Required<Omit<SessionManagerOptions, 'dataDir'>> & { dataDir: string | undefined };
  private readonly env: NodeJS.ProcessEnv;
  private closed = false;
  private nextHandle = 0;
  private nextRequest = 0;
  private memoryTimer: NodeJS.Timeout | undefined;
  private readonly standby: SessionStandby;

  constructor(options: SessionManagerOptions = {}) {
    this.opts = {
      workerEntry: options.workerEntry ?? sessionWorkerEntry(),
      dataDir: options.dataDir,
      idleMs: 120_000,
      maxSessionBytes: 2 ** 30,
      minFreeBytes: 256 * 2 ** 20,
      maxWarmSessions: 3,
      memoryCheckMs: 10_000,
      maxQueuedPerSession: 16,
      cancelGraceMs: 3000,
      unloadGraceMs: 2000,
      loadTimeoutMs: 60_000,
      env: {},
      freeMemory: freemem,
      startProcess: startSessionProcess,
      now: Date.now,
      log: (m) => console.error(m),
      ...stripUndefined(options),
    };
    // Sampling is many tiny ops, which a wasm thread pool slows down (engine README), and an idle
    // warm session should not keep pool threads around: one thread unless the caller says otherwise.
    this.env = { MONTAGE_WASM_THREADS: '1', ...process.env, ...this.opts.env };
    this.standby = new SessionStandby({ start: this.opts.startProcess, entry: this.opts.workerEntry, env: this.env, idleMs: this.opts.idleMs });
  }

  /**
   * Starts a session process ahead of need (session-standby.ts): the next session to start takes
   * it and only loads its model. Resolves when it is ready; a standby left unused exits after the
   * idle time.
   */
  prepare(): Promise<void> {
    this.assertOpen();
    return this.standby.prepare();
  }

  /** Whether a standby process waits (for tests and `montage doctor`-style reports). */
  get standbyWaiting(): boolean {
    return this.standby.present;
  }

  /**
   * Opens a session of `kind` for `spec` (reusing a warm one) and resolves once its model is
   * loaded. Rejects with a StudioError: invalid-argument for a bad spec, or the reason the model
   * could not load.
   */
  async open<K extends SessionKind>(kind: K, spec: SessionSpecInput<K>): Promise<SessionHandle<K>> {
    this.assertOpen();
    const parsed = this.resolveSpec(kind, spec);
    const key = sessionKey(kind, parsed);
    let s = this.sessions.get(key);
    if (!s) {
      s = { key, kind, spec: parsed, refs: new Set(), queue: [], current: null, proc: null, waiters: [], lastUsed: this.opts.now(), crashes: [], processesStarted: 0 };
      this.sessions.set(key, s);
    }
    const handleId = ++this.nextHandle;
    s.refs.add(handleId);
    s.lastUsed = this.opts.now();
    try {
      await this.whenLoaded(s);
    } catch (err) {
      s.refs.delete(handleId);
      this.settleIfUnused(s);
      throw StudioError.from(err);
    }
    if (!s.current) this.scheduleIdle(s);
    return { kind, key, handleId };
  }

  /**
   * Runs one request on the session and resolves to its validated result. Requests on a session
   * run one at a time, in order; a session unloaded meanwhile is started again first.
   */
  async request<K extends SessionKind, M extends SessionMethod<K>>(
    handle: SessionHandle<K>,
    method: M,
    args: SessionArgsInput<K, M>,
    options: SessionRequestOptions<SessionPartial<K, M>> = {},
  ): Promise<SessionResult<K, M>> {
    this.assertOpen();
    const s = this.sessionOf(handle);
    const parsedArgs = parseSessionArgs(handle.kind, method, args);
    if (options.signal?.aborted) throw cancelledError();
    if (s.queue.length >= this.opts.maxQueuedPerSession) {
      throw new StudioError('unavailable', `There are already ${s.queue.length} requests waiting for the ${sessionTitle(s.kind)} model; wait for them or cancel some.`);
    }
    return new Promise<SessionResult<K, M>>((resolvePromise, rejectPromise) => {
      const p: Pending = {
        id: `r${++this.nextRequest}`,
        method,
        args: parsedArgs,
        resolve: (v) => resolvePromise(v as SessionResult<K, M>),
        reject: rejectPromise,
        sent: false,
        cancelRequested: false,
        settled: false,
      };
      if (options.onPartial) p.onPartial = options.onPartial as (partial: unknown) => void;
      if (options.signal) {
        p.signal = options.signal;
        p.onAbort = () => this.cancel(s, p);
        options.signal.addEventListener('abort', p.onAbort, { once: true });
      }
      s.queue.push(p);
      s.lastUsed = this.opts.now();
      clearTimeout(s.idleTimer);
      this.pump(s);
    });
  }

  /**
   * Gives the handle back. When a session's last handle goes, it is unloaded once its requests
   * are done. A released handle cannot make requests.
   */
  release(handle: SessionHandle): void {
    const s = this.sessions.get(handle.key);
    if (!s || !s.refs.delete(handle.handleId)) return;
    if (s.refs.size === 0 && !s.current && s.queue.length === 0) this.stop(s, 'closed');
    this.settleIfUnused(s);
  }

  /** What a handle's session is doing (diagnostics, tests). */
  info(handle: SessionHandle): SessionInfo {
    return this.describe(this.sessionOf(handle));
  }

  /** Every known session (warm or not). */
  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => this.describe(s));
  }

  /** Host shutdown: kills every session process; pending requests fail with `unavailable`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.memoryTimer);
    this.standby.close();
    const error = new StudioError('unavailable', 'Montage is shutting down; the model request was not finished.');
    for (const s of this.sessions.values()) {
      clearTimeout(s.idleTimer);
      for (const p of [...(s.current ? [s.current] : []), ...s.queue]) this.settle(p, error);
      s.queue = [];
      s.current = null;
      this.rejectWaiters(s, error);
      const proc = s.proc;
      if (proc) {
        proc.phase = 'stopping';
        clearTimeout(proc.killTimer);
        clearTimeout(proc.loadTimer);
        proc.process.kill('SIGKILL');
      }
    }
    this.sessions.clear();
  }

  // --- internals -------------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new StudioError('unavailable', 'Montage is shutting down; no model can be started.');
  }

  private sessionOf(handle: SessionHandle): Session {
    const s = this.sessions.get(handle.key);
    if (!s || !s.refs.has(handle.handleId)) throw new StudioError('not-found', 'This model session was closed; open it again.');
    return s;
  }

  /** Validates the spec and pins a checkpoint path inside the data folder's models/. */
  private resolveSpec<K extends SessionKind>(kind: K, spec: unknown): SessionSpec<K> {
    const parsed = parseSessionSpec(kind, spec);
    const checkpoint = (parsed as { checkpoint?: unknown }).checkpoint;
    if (typeof checkpoint !== 'string') return parsed;
    const { dataDir } = this.opts;
    if (!dataDir) {
      if (!isAbsolute(checkpoint)) throw new StudioError('invalid-argument', `The checkpoint must be an absolute path (got ${checkpoint}).`, [{ path: 'checkpoint', message: 'Must be an absolute path.' }]);
      return parsed;
    }
    const models = dataPaths(dataDir).models;
    const path = resolve(models, checkpoint);
    const rel = relative(models, path);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new StudioError('invalid-argument', `A checkpoint must be inside ${models} (got ${checkpoint}).`, [{ path: 'checkpoint', message: `Must be inside ${models}.` }]);
    }
    return { ...parsed, checkpoint: path };
  }

  private describe(s: Session): SessionInfo {
    const proc = s.proc;
    const state: SessionInfo['state'] = !proc ? 'cold' : proc.phase === 'stopping' ? 'stopping' : proc.phase === 'loading' ? 'loading' : s.current ? 'busy' : 'idle';
    return {
      kind: s.kind,
      key: s.key,
      state,
      pid: proc?.process.pid,
      backend: proc?.backend ?? null,
      parameters: proc?.parameters ?? null,
      loadMs: proc?.loadMs ?? null,
      tensors: proc?.tensors ?? 0,
      bytes: proc?.bytes ?? 0,
      rss: proc?.rss ?? 0,
      queued: s.queue.length,
      handles: s.refs.size,
      processesStarted: s.processesStarted,
      lastUnload: s.lastUnload ?? null,
    };
  }

  /** The session's process, started (and its model load requested) if it has none. */
  private ensureProcess(s: Session): Proc {
    if (s.proc) return s.proc;
    this.enforceLimits(1);
    const proc: Proc = { process: undefined as unknown as SessionProcess, phase: 'loading', backend: null, parameters: null, loadMs: null, tensors: 0, bytes: 0, rss: 0 };
    const callbacks: SessionProcessCallbacks = {
      onMessage: (m) => this.guarded(s, () => this.onMessage(s, proc, m)),
      onMalformed: (why) => this.guarded(s, () => this.onMalformed(s, proc, why)),
      onExit: (code, signal, tail) => this.guarded(s, () => this.onExit(s, proc, code, signal, tail)),
    };
    try {
      proc.process = this.standby.take(callbacks) ?? this.opts.startProcess(this.opts.workerEntry, callbacks, this.env);
    } catch (err) {
      throw new StudioError('unavailable', err instanceof Error ? err.message : String(err));
    }
    s.proc = proc;
    s.processesStarted += 1;
    proc.process.send({ type: 'load', kind: s.kind, spec: s.spec });
    // A wedged start (a backend that hangs while initialising) must not hold the session forever.
    proc.loadTimer = setTimeout(() => {
      if (proc.phase !== 'loading') return;
      proc.loadError = { code: 'unavailable', message: `The ${sessionTitle(s.kind)} model did not load within ${duration(this.opts.loadTimeoutMs)}, so it was stopped; try again.` };
      proc.process.kill('SIGKILL');
    }, this.opts.loadTimeoutMs);
    proc.loadTimer.unref();
    if (!this.memoryTimer) {
      this.memoryTimer = setInterval(() => this.enforceLimits(0), this.opts.memoryCheckMs);
      this.memoryTimer.unref();
    }
    return proc;
  }

  /**
   * Resolves once the session has a loaded process, starting one if it has none. A process that
   * is unloading is let go first; a new one starts when it has exited.
   */
  private whenLoaded(s: Session): Promise<void> {
    if (s.proc?.phase === 'loaded') return Promise.resolve();
    const loaded = new Promise<void>((resolve, reject) => s.waiters.push({ resolve, reject }));
    if (!s.proc) {
      try {
        this.ensureProcess(s);
      } catch (err) {
        this.rejectWaiters(s, StudioError.from(err));
      }
    }
    return loaded;
  }

  private rejectWaiters(s: Session, error: StudioError): void {
    for (const w of s.waiters.splice(0)) w.reject(error);
  }

  /** Starts the next request if none is running; an idle session gets its idle timer. */
  private pump(s: Session): void {
    if (this.closed) return;
    if (!s.current) {
      const next = s.queue.shift();
      if (!next) {
        if (s.refs.size === 0) this.stop(s, 'closed');
        else this.scheduleIdle(s);
        this.settleIfUnused(s);
        return;
      }
      s.current = next;
    }
    this.dispatch(s);
  }

  /** Hands the current request to a loaded process (starting one if needed). */
  private dispatch(s: Session): void {
    const p = s.current;
    if (!p || p.sent || p.settled) return;
    clearTimeout(s.idleTimer);
    let proc: Proc;
    try {
      proc = this.ensureProcess(s);
    } catch (err) {
      this.failAll(s, StudioError.from(err));
      return;
    }
    // A loading process takes it when 'loaded' arrives; a stopping one once a new one has loaded.
    if (proc.phase !== 'loaded') return;
    p.sent = true;
    proc.process.send({ type: 'request', id: p.id, method: p.method, args: p.args });
  }

  private cancel(s: Session, p: Pending): void {
    if (p.settled || p.cancelRequested) return;
    p.cancelRequested = true;
    if (s.current !== p) {
      s.queue = s.queue.filter((q) => q !== p);
      this.settle(p, cancelledError());
      this.settleIfUnused(s);
      return;
    }
    if (!p.sent) {
      this.settle(p, cancelledError());
      this.finishCurrent(s);
      return;
    }
    const proc = s.proc;
    proc?.process.send({ type: 'cancel', id: p.id });
    p.cancelTimer = setTimeout(() => {
      if (p.settled || s.current !== p) return;
      // The process did not stop between steps in time: kill it; the request ends cancelled all
      // the same, and the next one starts a fresh process.
      this.opts.log(`montage: the ${sessionTitle(s.kind)} model did not stop within ${this.opts.cancelGraceMs} ms of a cancel; killing it.`);
      this.settle(p, cancelledError());
      if (proc && s.proc === proc) this.kill(s, proc);
      this.finishCurrent(s);
    }, this.opts.cancelGraceMs);
    p.cancelTimer.unref();
  }

  private settle(p: Pending, outcome: { value: unknown } | StudioError): void {
    if (p.settled) return;
    p.settled = true;
    clearTimeout(p.cancelTimer);
    if (p.signal && p.onAbort) p.signal.removeEventListener('abort', p.onAbort);
    if (outcome instanceof StudioError) p.reject(outcome);
    else p.resolve(outcome.value);
  }

  private finishCurrent(s: Session): void {
    s.current = null;
    s.lastUsed = this.opts.now();
    this.pump(s);
  }

  private failAll(s: Session, error: StudioError): void {
    const pending = [...(s.current ? [s.current] : []), ...s.queue];
    s.current = null;
    s.queue = [];
    for (const p of pending) this.settle(p, error);
    this.settleIfUnused(s);
  }

  /** Runs a process callback; whatever it throws is logged, never left to kill the host. */
  private guarded(s: Session, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.opts.log(`montage: model session ${s.kind}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private onMessage(s: Session, proc: Proc, m: SessionToHost): void {
    if (this.closed || s.proc !== proc) return;
    switch (m.type) {
      case 'ready':
        proc.backend = m.backend;
        this.record(proc, m.memory);
        return;
      case 'loaded':
        if (proc.phase !== 'loading') return;
        proc.phase = 'loaded';
        clearTimeout(proc.loadTimer);
        proc.parameters = m.parameters;
        proc.loadMs = m.loadMs;
        this.record(proc, m.memory);
        for (const w of s.waiters.splice(0)) w.resolve();
        if (s.current) this.dispatch(s);
        else this.pump(s);
        return;
      case 'partial':
      case 'result': {
        const p = s.current;
        if (!p || p.id !== m.id || p.settled) return;
        const parsed = parseSessionPayload(s.kind, p.method as SessionMethod<SessionKind>, m.type, m.payload);
        if (!parsed.ok) {
          this.onMalformed(s, proc, `its ${p.method} ${m.type} does not match the contract: ${parsed.why}`);
          return;
        }
        if (m.type === 'partial') {
          if (p.cancelRequested) return;
          try {
            p.onPartial?.(parsed.value);
          } catch (err) {
            this.opts.log(`montage: a ${p.method} partial-result callback threw: ${err instanceof Error ? err.message : String(err)}`);
          }
          return;
        }
        // A result that crossed a cancel still ends the request cancelled, as its caller asked.
        this.settle(p, p.cancelRequested ? cancelledError() : { value: parsed.value });
        this.finishCurrent(s);
        return;
      }
      case 'error': {
        if (m.id === null) {
          proc.loadError = m.error;
          return;
        }
        const p = s.current;
        if (!p || p.id !== m.id || p.settled) return;
        this.settle(p, StudioError.fromJSON(m.error));
        this.finishCurrent(s);
        return;
      }
      case 'stats':
        this.record(proc, m);
        this.enforceLimits(0);
        return;
    }
  }

  private record(proc: Proc, memory: SessionMemory): void {
    proc.tensors = memory.tensors;
    proc.bytes = memory.bytes;
    proc.rss = memory.rss;
  }

  /** The process broke the protocol: fail what it was doing and replace it. */
  private onMalformed(s: Session, proc: Proc, why: string): void {
    if (this.closed || s.proc !== proc) return;
    const title = sessionTitle(s.kind);
    this.opts.log(`montage: the ${title} model session sent a malformed message (${why}); restarting it.`);
    if (proc.phase === 'loading') {
      // It cannot be trusted to load: fail what waits for it, as any failed load does.
      proc.loadError = { code: 'internal', message: `The ${title} model could not start: it sent a malformed message (${why}).` };
      proc.process.kill('SIGKILL');
      return;
    }
    const p = s.current;
    if (p?.sent) {
      this.settle(p, new StudioError('internal', `The ${title} model gave a malformed answer (${why}). It has been restarted — try again.`));
      s.current = null;
    }
    this.kill(s, proc);
  }

  private onExit(s: Session, proc: Proc, code: number | null, signal: NodeJS.Signals | null, tail: string): void {
    clearTimeout(proc.killTimer);
    clearTimeout(proc.loadTimer);
    if (s.proc === proc) s.proc = null;
    if (this.closed) return;
    const title = sessionTitle(s.kind);
    const how = describeExit(code, signal, tail);

    if (proc.phase === 'loading') {
      const error = proc.loadError ? StudioError.fromJSON(proc.loadError) : new StudioError('unavailable', `The ${title} model could not start (${how}).`);
      this.rejectWaiters(s, error);
      // Everything waiting was waiting for this load; the next request tries again from scratch.
      this.failAll(s, error);
      return;
    }

    if (proc.phase === 'stopping') {
      // Unloaded on purpose. A request or an open() that arrived meanwhile starts a fresh process.
      if (s.waiters.length > 0 && !s.current && s.queue.length === 0) {
        try {
          this.ensureProcess(s);
        } catch (err) {
          this.rejectWaiters(s, StudioError.from(err));
        }
      }
      if (s.current || s.queue.length > 0) this.pump(s);
      else this.settleIfUnused(s);
      return;
    }

    // It died on its own.
    const now = this.opts.now();
    s.crashes = [...s.crashes.filter((t) => now - t < crashWindowMs), now];
    const backoff = s.crashes.length >= crashesBeforeBackoff;
    const p = s.current;
    const restart = !backoff && (s.refs.size > 0 || s.queue.length > 0 || p !== null);
    this.opts.log(`montage: the ${title} model session stopped unexpectedly (${how}).`);
    if (p) {
      const then = backoff
        ? `it stopped ${s.crashes.length} times within a minute, so it will start again only with your next request — try again`
        : 'it has been restarted — try again';
      this.settle(p, new StudioError('unavailable', `The ${title} model stopped unexpectedly (${how}); ${then}.`));
      s.current = null;
    }
    if (restart) {
      try {
        this.ensureProcess(s);
      } catch (err) {
        this.failAll(s, StudioError.from(err));
        return;
      }
    }
    this.pump(s);
  }

  /** Asks the session's process to unload and exit; kills it if it takes too long. */
  private stop(s: Session, reason: string): void {
    const proc = s.proc;
    clearTimeout(s.idleTimer);
    if (!proc || proc.phase === 'stopping') return;
    proc.phase = 'stopping';
    s.lastUnload = reason;
    proc.process.send({ type: 'unload' });
    proc.killTimer = setTimeout(() => proc.process.kill('SIGKILL'), this.opts.unloadGraceMs);
    proc.killTimer.unref();
  }

  /** Kills the session's process at once (it misbehaved or ignored a cancel). */
  private kill(s: Session, proc: Proc): void {
    clearTimeout(s.idleTimer);
    proc.phase = 'stopping';
    proc.process.kill('SIGKILL');
  }

  private scheduleIdle(s: Session): void {
    clearTimeout(s.idleTimer);
    if (!s.proc || s.proc.phase !== 'loaded' || s.current || s.queue.length > 0) return;
    s.idleTimer = setTimeout(() => {
      if (!s.current && s.queue.length === 0) this.stop(s, `idle for ${duration(this.opts.idleMs)}`);
    }, this.opts.idleMs);
    s.idleTimer.unref();
  }

  /** Forgets a session nobody holds or uses and that has no process. */
  private settleIfUnused(s: Session): void {
    if (s.refs.size === 0 && !s.proc && !s.current && s.queue.length === 0 && s.waiters.length === 0 && this.sessions.get(s.key) === s) this.sessions.delete(s.key);
  }

  /** Applies the eviction policy to the live sessions; `starting` processes are about to start. */
  private enforceLimits(starting: number): void {
    if (this.closed) return;
    const live = [...this.sessions.values()].filter((s): s is Session & { proc: Proc } => s.proc !== null && s.proc.phase !== 'stopping');
    if (live.length === 0 && starting === 0) {
      clearInterval(this.memoryTimer);
      this.memoryTimer = undefined;
      return;
    }
    const limits: EvictionLimits = { maxSessionBytes: this.opts.maxSessionBytes, minFreeBytes: this.opts.minFreeBytes, maxWarmSessions: this.opts.maxWarmSessions };
    const usage = live.map((s) => ({ key: s.key, busy: s.current !== null || s.queue.length > 0 || s.proc.phase === 'loading', lastUsed: s.lastUsed, bytes: s.proc.bytes }));
    const free = this.opts.freeMemory();
    // A waiting standby goes first: it holds no model anyone asked for.
    if (free < this.opts.minFreeBytes) this.standby.drop();
    for (const e of chooseEvictions(usage, limits, free, starting)) {
      const s = this.sessions.get(e.key);
      if (!s?.proc) continue;
      const reason = this.evictionReason(e, s.proc, free);
      this.opts.log(`montage: unloading the ${sessionTitle(s.kind)} model: ${reason}.`);
      this.stop(s, reason);
    }
  }

  private evictionReason(e: Eviction, proc: Proc, free: number): string {
    switch (e.reason) {
      case 'memory-cap':
        return `its tensors use ${mb(proc.bytes)}, over the ${mb(this.opts.maxSessionBytes)} limit`;
      case 'low-memory':
        return `free memory is low (${mb(free)})`;
      case 'too-many':
        return `more than ${this.opts.maxWarmSessions} models were loaded`;
    }
  }
}

function cancelledError(): StudioError {
  return new StudioError('cancelled', 'Cancelled.');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
