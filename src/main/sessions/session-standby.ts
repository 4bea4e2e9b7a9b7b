// One model session process started ahead of need: forked, its ML backend chosen, waiting for a
// model. The next session to start takes it (SessionManager.ensureProcess) and only loads its
// model, skipping the fork, the tfjs import and the backend choice (about three quarters of a cold
// first request). The host starts one while a song is open (`generation.prepare`); one left
// unused for `idleMs` exits, and memory pressure drops it first, before any loaded model.
//
// Until a session takes it, the process's messages are kept; the taker's callbacks receive them
// in order (its 'ready' among them), so to the session it is a process it just started.
import type { SessionToHost } from '../../shared/sessions/protocol';
import type { SessionProcess, SessionProcessCallbacks, StartSessionProcess } from './session-process';

interface Waiting {
  process: SessionProcess;
  /** The taker's callbacks, once taken. */
  route: SessionProcessCallbacks | null;
  /** What the process said before it was taken, replayed to the taker. */
  kept: ((to: SessionProcessCallbacks) => void)[];
  ready: boolean;
  readyWaiters: (() => void)[];
  idleTimer: NodeJS.Timeout | undefined;
}

export interface SessionStandbyOptions {
  start: StartSessionProcess;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** An untaken process exits after this long. */
  idleMs: number;
}

export class SessionStandby {
  private waiting: Waiting | null = null;
  private closed = false;

  constructor(private readonly opts: SessionStandbyOptions) {}

  /** Whether a process is waiting (started or ready). */
  get present(): boolean {
    return this.waiting !== null;
  }

  /**
   * Makes sure a process waits, starting one if none does, and restarts its idle time. Resolves
   * when it has chosen its backend, or at once when it cannot start (the session that needs a
   * process will start one itself and report why).
   */
  prepare(): Promise<void> {
    if (this.closed) return Promise.resolve();
    let w = this.waiting;
    if (!w) {
      const started = this.startWaiting();
      if (!started) return Promise.resolve();
      w = started;
    }
    this.armIdle(w);
    if (w.ready) return Promise.resolve();
    const waiting = w;
    return new Promise((resolve) => waiting.readyWaiters.push(resolve));
  }

  /** Hands the waiting process to a session (its messages so far replayed to `to`), or null when none waits. */
  take(to: SessionProcessCallbacks): SessionProcess | null {
    const w = this.waiting;
    if (!w) return null;
    this.waiting = null;
    clearTimeout(w.idleTimer);
    w.route = to;
    // After the caller has recorded the process as its own (its callbacks check that); IPC
    // messages arrive as later tasks, so these stay first.
    const kept = w.kept.splice(0);
    queueMicrotask(() => {
      for (const replay of kept) replay(to);
    });
    this.settleReady(w);
    return w.process;
  }

  /** Ends the waiting process, if any (memory is short, or the host is closing). */
  drop(): void {
    const w = this.waiting;
    this.waiting = null;
    if (!w) return;
    clearTimeout(w.idleTimer);
    this.settleReady(w);
    w.process.kill('SIGKILL');
  }

  close(): void {
    this.closed = true;
    this.drop();
  }

  private startWaiting(): Waiting | null {
    const w: Waiting = { process: undefined as unknown as SessionProcess, route: null, kept: [], ready: false, readyWaiters: [], idleTimer: undefined };
    const deliver = (replay: (to: SessionProcessCallbacks) => void): void => {
      if (w.route) replay(w.route);
      else w.kept.push(replay);
    };
    try {
      w.process = this.opts.start(
        this.opts.entry,
        {
          onMessage: (m: SessionToHost) => {
            if (m.type === 'ready' && !w.route) {
              w.ready = true;
              this.settleReady(w);
            }
            deliver((to) => to.onMessage(m));
          },
          onMalformed: (why) => deliver((to) => to.onMalformed(why)),
          onExit: (code, signal, tail) => {
            if (w.route) return w.route.onExit(code, signal, tail);
            // Died (or was dropped) while waiting: nothing depended on it.
            if (this.waiting === w) this.waiting = null;
            clearTimeout(w.idleTimer);
            this.settleReady(w);
          },
        },
        this.opts.env,
      );
    } catch {
      return null;
    }
    this.waiting = w;
    return w;
  }

  private armIdle(w: Waiting): void {
    clearTimeout(w.idleTimer);
    w.idleTimer = setTimeout(() => {
      if (this.waiting === w) this.drop();
    }, this.opts.idleMs);
    w.idleTimer.unref();
  }

  private settleReady(w: Waiting): void {
    for (const resolve of w.readyWaiters.splice(0)) resolve();
  }
}
