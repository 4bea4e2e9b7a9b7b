// SessionManager's supervision logic against fake session processes: queueing, cancel, crashes,
// idle and memory unloading, shutdown. The real process is covered by session-manager.int.test.ts.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSessionToHost, type HostToSession, type SessionToHost } from '../../shared/sessions/protocol';
import { SessionManager, type SessionManagerOptions } from './session-manager';
import type { SessionProcess, SessionProcessCallbacks } from './session-process';
import { rejection } from '../../shared/api/testing/rejection';

const backend = { name: 'wasm', skipped: [], detail: 'test', tfjsVersion: '4.22.0' };
const spec = { vocabSize: 39, hiddenUnits: 16 };

type Responder = (proc: FakeProcess, request: Extract<HostToSession, { type: 'request' }>) => void;

/** Answers a sample with `count` partials and a result whose tokens are all `seed`. */
const answerSample: Responder = (proc, r) => {
  const args = r.args as { seed: number; steps: number; count: number };
  for (let i = 0; i < args.count; i++) proc.emit({ type: 'partial', id: r.id, payload: { method: 'sample', index: i, tokens: new Int32Array(args.steps).fill(args.seed) } });
  proc.emit({ type: 'result', id: r.id, payload: { method: 'sample', tokens: new Int32Array(args.count * args.steps).fill(args.seed), count: args.count, steps: args.steps } });
  proc.emit({ type: 'stats', tensors: 7, bytes: 1000, rss: 6000 });
};

class FakeProcess implements SessionProcess {
  readonly sent: HostToSession[] = [];
  alive = true;
  constructor(
    readonly pid: number,
    private readonly callbacks: SessionProcessCallbacks,
    private readonly world: FakeWorld,
  ) {}

  send(message: HostToSession): void {
    if (!this.alive) return;
    this.sent.push(message);
    setImmediate(() => {
      if (!this.alive) return;
      if (message.type === 'load') this.world.onLoad(this);
      else if (message.type === 'request') this.world.responder?.(this, message);
      else if (message.type === 'cancel') this.world.onCancel(this, message.id);
      else if (message.type === 'unload') this.exit(0, null);
    });
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    setImmediate(() => this.exit(null, signal));
  }

  /** Delivers a message the way session-process.ts does: validated first. */
  emit(message: SessionToHost | Record<string, unknown>): void {
    if (!this.alive) return;
    const parsed = parseSessionToHost(message);
    if (parsed.ok) this.callbacks.onMessage(parsed.value);
    else this.callbacks.onMalformed(parsed.why);
  }

  exit(code: number | null, signal: NodeJS.Signals | null, tail = ''): void {
    if (!this.alive) return;
    this.alive = false;
    this.callbacks.onExit(code, signal, tail);
  }

  requests(): Extract<HostToSession, { type: 'request' }>[] {
    return this.sent.filter((m): m is Extract<HostToSession, { type: 'request' }> => m.type === 'request');
  }
}

class FakeWorld {
  readonly processes: FakeProcess[] = [];
  responder: Responder | null = answerSample;
  /** What a process does with 'load'. */
  onLoad: (proc: FakeProcess) => void = (proc) => {
    proc.emit({ type: 'ready', backend, memory: { tensors: 0, bytes: 0, rss: 0 } });
    proc.emit({ type: 'loaded', kind: 'next-token-lstm', parameters: 3279, loadMs: 5, memory: { tensors: 6, bytes: 800, rss: 5000 } });
  };
  /** What a process does with 'cancel' (default: stops and says so). */
  onCancel: (proc: FakeProcess, id: string) => void = (proc, id) => proc.emit({ type: 'error', id, error: { code: 'cancelled', message: 'Cancelled.' } });
  start = (_entry: string, callbacks: SessionProcessCallbacks): SessionProcess => {
    const proc = new FakeProcess(1000 + this.processes.length, callbacks, this);
    this.processes.push(proc);
    return proc;
  };
  live(): FakeProcess[] {
    return this.processes.filter((p) => p.alive);
  }
}

let managers: SessionManager[] = [];
afterEach(() => {
  for (const m of managers) m.close();
  managers = [];
});

function setup(options: Partial<SessionManagerOptions> = {}): { world: FakeWorld; manager: SessionManager; logs: string[] } {
  const world = new FakeWorld();
  const logs: string[] = [];
  let clock = 0;
  const manager = new SessionManager({
    workerEntry: '/nonexistent/model-session.js',
    startProcess: world.start,
    freeMemory: () => 8 * 2 ** 30,
    now: () => ++clock,
    log: (m) => logs.push(m),
    ...options,
  });
  managers.push(manager);
  return { world, manager, logs };
}

describe('SessionManager', () => {
  it('starts nothing until a session is opened, then one process per (kind, spec)', async () => {
    const { world, manager } = setup();
    expect(world.processes).toHaveLength(0);
    const a = await manager.open('next-token-lstm', spec);
    const b = await manager.open('next-token-lstm', { hiddenUnits: 16, vocabSize: 39, seed: 0 });
    const c = await manager.open('next-token-lstm', { ...spec, seed: 1 });
    expect(a.key).toBe(b.key);
    expect(c.key).not.toBe(a.key);
    expect(world.processes).toHaveLength(2);
    expect(world.processes[0]?.sent[0]).toEqual({ type: 'load', kind: 'next-token-lstm', spec: { vocabSize: 39, hiddenUnits: 16, seed: 0 } });
    expect(manager.info(a)).toMatchObject({ state: 'idle', pid: 1000, backend, parameters: 3279, loadMs: 5, tensors: 6, bytes: 800, handles: 2, processesStarted: 1 });
  });

  it('answers a request with its validated result after streaming the partials, and records the stats', async () => {
    const { manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    const partials: number[] = [];
    const result = await manager.request(handle, 'sample', { seed: 4, steps: 3, count: 2 }, { onPartial: (p) => partials.push(p.index) });
    expect(result.tokens).toEqual(new Int32Array(6).fill(4));
    expect(partials).toEqual([0, 1]);
    expect(manager.info(handle)).toMatchObject({ tensors: 7, bytes: 1000 });
  });

  it('refuses bad arguments and unknown methods before anything reaches the process', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    const bad = await rejection(manager.request(handle, 'sample', { seed: 1, steps: 0 }));
    expect(bad.code).toBe('invalid-argument');
    expect((await rejection(manager.request(handle, 'encode' as 'sample', { seed: 1, steps: 1 }))).message).toMatch(/has no method "encode"/);
    expect((await rejection(manager.open('next-token-lstm', { vocabSize: 1, hiddenUnits: 2 }))).code).toBe('invalid-argument');
    expect(world.processes[0]?.requests()).toEqual([]);
  });

  it('runs a session’s requests one at a time, in order', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    let inFlight = 0;
    let most = 0;
    world.responder = (proc, r) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        answerSample(proc, r);
      }, 5);
    };
    const results = await Promise.all([1, 2, 3, 4].map((seed) => manager.request(handle, 'sample', { seed, steps: 1 })));
    expect(results.map((r) => r.tokens[0])).toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(world.processes[0]?.requests().map((r) => (r.args as { seed: number }).seed)).toEqual([1, 2, 3, 4]);
  });

  it('caps the requests waiting on one session', async () => {
    const { world, manager } = setup({ maxQueuedPerSession: 2 });
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = null;
    const pending = [1, 2, 3].map((seed) => manager.request(handle, 'sample', { seed, steps: 1 }));
    for (const p of pending) p.catch(() => {});
    const refused = await rejection(manager.request(handle, 'sample', { seed: 4, steps: 1 }));
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/already 2 requests waiting for the next-token LSTM model/) });
  });

  it('cancels a waiting request without sending it, and a running one through the process', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = null;
    const runningAbort = new AbortController();
    const waitingAbort = new AbortController();
    const running = manager.request(handle, 'sample', { seed: 1, steps: 1 }, { signal: runningAbort.signal });
    const waiting = manager.request(handle, 'sample', { seed: 2, steps: 1 }, { signal: waitingAbort.signal });
    const proc = world.processes[0] as FakeProcess;
    await vi.waitFor(() => expect(proc.requests()).toHaveLength(1));
    waitingAbort.abort();
    expect((await rejection(waiting)).code).toBe('cancelled');
    runningAbort.abort();
    expect(await rejection(running)).toMatchObject({ code: 'cancelled', message: 'Cancelled.' });
    expect(proc.sent.filter((m) => m.type === 'cancel')).toEqual([{ type: 'cancel', id: proc.requests()[0]?.id }]);
    expect(proc.requests()).toHaveLength(1);
    // The session goes on.
    world.responder = answerSample;
    expect((await manager.request(handle, 'sample', { seed: 3, steps: 1 })).tokens[0]).toBe(3);
    expect(proc.alive).toBe(true);
    const already = new AbortController();
    already.abort();
    expect((await rejection(manager.request(handle, 'sample', { seed: 1, steps: 1 }, { signal: already.signal }))).code).toBe('cancelled');
  });

  it('kills a process that ignores a cancel; the request ends cancelled and the next one gets a new process', async () => {
    const { world, manager, logs } = setup({ cancelGraceMs: 20 });
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = null;
    world.onCancel = () => {};
    const abort = new AbortController();
    const running = manager.request(handle, 'sample', { seed: 1, steps: 1 }, { signal: abort.signal });
    await vi.waitFor(() => expect(world.processes[0]?.requests()).toHaveLength(1));
    abort.abort();
    expect((await rejection(running)).code).toBe('cancelled');
    expect(logs.join('\n')).toMatch(/did not stop within 20 ms of a cancel/);
    world.responder = answerSample;
    expect((await manager.request(handle, 'sample', { seed: 5, steps: 1 })).tokens[0]).toBe(5);
    expect(world.processes.map((p) => p.alive)).toEqual([false, true]);
  });

  it('ends a request whose result crossed its cancel as cancelled', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    world.onCancel = () => {};
    world.responder = (proc, r) => setTimeout(() => answerSample(proc, r), 10);
    const abort = new AbortController();
    const running = manager.request(handle, 'sample', { seed: 1, steps: 1 }, { signal: abort.signal, onPartial: () => abort.abort() });
    expect((await rejection(running)).code).toBe('cancelled');
  });

  it('fails the request of a process that dies with a clear message and restarts it at once', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = (proc) => proc.exit(null, 'SIGKILL', 'some output\nSegmentation fault');
    const error = await rejection(manager.request(handle, 'sample', { seed: 1, steps: 1 }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe('The next-token LSTM model stopped unexpectedly (killed by SIGKILL; last output: Segmentation fault); it has been restarted — try again.');
    expect(world.processes).toHaveLength(2);
    await vi.waitFor(() => expect(manager.info(handle).state).toBe('idle'));
    world.responder = answerSample;
    expect((await manager.request(handle, 'sample', { seed: 2, steps: 1 })).tokens[0]).toBe(2);
    expect(manager.info(handle)).toMatchObject({ pid: 1001, processesStarted: 2 });
  });

  it('stops restarting eagerly after three deaths within a minute; the next request still starts one', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = (proc) => proc.exit(1, null);
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) messages.push((await rejection(manager.request(handle, 'sample', { seed: 1, steps: 1 }))).message);
    expect(messages[0]).toMatch(/\(exit code 1\); it has been restarted — try again\.$/);
    expect(messages[2]).toMatch(/it stopped 3 times within a minute, so it will start again only with your next request — try again\.$/);
    expect(world.live()).toHaveLength(0);
    world.responder = answerSample;
    expect((await manager.request(handle, 'sample', { seed: 9, steps: 1 })).tokens[0]).toBe(9);
  });

  it('fails open and every waiting request with the reason a model could not load, then tries afresh', async () => {
    const { world, manager } = setup();
    world.onLoad = (proc) => {
      proc.emit({ type: 'error', id: null, error: { code: 'not-found', message: 'There is no checkpoint (model.json) in /x.' } });
      proc.exit(1, null);
    };
    const error = await rejection(manager.open('next-token-lstm', { ...spec, checkpoint: '/x' }));
    expect(error).toMatchObject({ code: 'not-found', message: 'There is no checkpoint (model.json) in /x.' });
    world.onLoad = (proc) => proc.exit(null, 'SIGSEGV');
    expect((await rejection(manager.open('next-token-lstm', spec))).message).toBe('The next-token LSTM model could not start (killed by SIGSEGV).');
    expect(manager.list()).toEqual([]);
    world.onLoad = new FakeWorld().onLoad;
    const handle = await manager.open('next-token-lstm', spec);
    expect((await manager.request(handle, 'sample', { seed: 1, steps: 1 })).tokens[0]).toBe(1);
  });

  it('replaces a process that answers outside the contract', async () => {
    const { world, manager, logs } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = (proc, r) => proc.emit({ type: 'result', id: r.id, payload: { method: 'sample', tokens: [1, 2], count: 1, steps: 2 } });
    const error = await rejection(manager.request(handle, 'sample', { seed: 1, steps: 2 }));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^The next-token LSTM model gave a malformed answer \(its sample result does not match the contract: tokens: Expected an Int32Array\.\)/);
    expect(logs.join('\n')).toMatch(/malformed/);
    world.responder = answerSample;
    expect((await manager.request(handle, 'sample', { seed: 3, steps: 1 })).tokens[0]).toBe(3);
    expect(world.processes).toHaveLength(2);
  });

  it('unloads a session idle for idleMs; the next request loads it again', async () => {
    const { world, manager } = setup({ idleMs: 30 });
    const handle = await manager.open('next-token-lstm', spec);
    await manager.request(handle, 'sample', { seed: 1, steps: 1 });
    await vi.waitFor(() => expect(manager.info(handle).state).toBe('cold'));
    expect(world.processes[0]?.sent.at(-1)).toEqual({ type: 'unload' });
    expect(manager.info(handle).lastUnload).toBe('idle for 30 ms');
    expect((await manager.request(handle, 'sample', { seed: 2, steps: 1 })).tokens[0]).toBe(2);
    expect(manager.info(handle).processesStarted).toBe(2);
  });

  it('unloads a session when its last handle is released; a released handle cannot be used', async () => {
    const { world, manager } = setup();
    const a = await manager.open('next-token-lstm', spec);
    const b = await manager.open('next-token-lstm', spec);
    manager.release(a);
    expect(world.live()).toHaveLength(1);
    expect((await rejection(manager.request(a, 'sample', { seed: 1, steps: 1 }))).code).toBe('not-found');
    manager.release(b);
    await vi.waitFor(() => expect(world.live()).toHaveLength(0));
    expect(manager.list()).toEqual([]);
  });

  it('opened again while it is unloading, a session starts a fresh process once the old one has exited', async () => {
    const { world, manager } = setup();
    world.onLoad = (proc) => {
      proc.emit({ type: 'ready', backend, memory: { tensors: 0, bytes: 0, rss: 0 } });
      proc.emit({ type: 'loaded', kind: 'next-token-lstm', parameters: 1, loadMs: 1, memory: { tensors: 1, bytes: 1, rss: 1 } });
    };
    const first = await manager.open('next-token-lstm', spec);
    manager.release(first);
    const second = await manager.open('next-token-lstm', spec);
    expect(world.processes.map((p) => p.alive)).toEqual([false, true]);
    expect(manager.info(second)).toMatchObject({ state: 'idle', pid: 1001 });
  });

  it('stops a process that does not load in time and says so', async () => {
    const { world, manager } = setup({ loadTimeoutMs: 30 });
    world.onLoad = () => {};
    const error = await rejection(manager.open('next-token-lstm', spec));
    expect(error).toMatchObject({ code: 'unavailable', message: 'The next-token LSTM model did not load within 30 ms, so it was stopped; try again.' });
    expect(world.live()).toHaveLength(0);
  });

  it('fails the load of a process that sends garbage while loading, without restarting it in a loop', async () => {
    const { world, manager } = setup();
    world.onLoad = (proc) => proc.emit({ type: 'loaded', kind: 'next-token-lstm' });
    const error = await rejection(manager.open('next-token-lstm', spec));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^The next-token LSTM model could not start: it sent a malformed message/);
    await vi.waitFor(() => expect(world.live()).toHaveLength(0));
    expect(world.processes).toHaveLength(1);
  });

  it('under memory pressure unloads the least recently used idle session', async () => {
    let free = 8 * 2 ** 30;
    const { world, manager, logs } = setup({ freeMemory: () => free, minFreeBytes: 2 ** 20 });
    const a = await manager.open('next-token-lstm', spec);
    const b = await manager.open('next-token-lstm', { ...spec, seed: 1 });
    await manager.request(b, 'sample', { seed: 1, steps: 1 });
    await manager.request(a, 'sample', { seed: 1, steps: 1 });
    free = 100;
    await manager.request(a, 'sample', { seed: 2, steps: 1 });
    await vi.waitFor(() => expect(manager.info(b).state).toBe('cold'));
    expect(manager.info(a).state).toBe('idle');
    expect(logs.join('\n')).toMatch(/unloading the next-token LSTM model: free memory is low \(0 MB\)/);
    expect(manager.info(b).lastUnload).toBe('free memory is low (0 MB)');
    expect(world.live()).toHaveLength(1);
  });

  it('unloads an idle session whose tensors grew past the cap, and keeps at most maxWarmSessions warm', async () => {
    const { world, manager, logs } = setup({ maxSessionBytes: 900, maxWarmSessions: 2 });
    const a = await manager.open('next-token-lstm', spec);
    await manager.request(a, 'sample', { seed: 1, steps: 1 });
    await vi.waitFor(() => expect(manager.info(a).state).toBe('cold'));
    expect(logs.join('\n')).toMatch(/its tensors use 0 MB, over the 0 MB limit/);

    const { manager: m2, world: w2 } = setup({ maxWarmSessions: 2 });
    const h = await Promise.all([0, 1].map((seed) => m2.open('next-token-lstm', { ...spec, seed })));
    await m2.request(h[0] as (typeof h)[0], 'sample', { seed: 1, steps: 1 });
    await m2.open('next-token-lstm', { ...spec, seed: 2 });
    await vi.waitFor(() => expect(w2.live()).toHaveLength(2));
    expect(m2.list().map((s) => s.state)).toEqual(['idle', 'cold', 'idle']);
    expect(world.processes).toHaveLength(1);
  });

  it('keeps checkpoints inside the data folder’s models/ when it knows the data folder', async () => {
    const { world, manager } = setup({ dataDir: '/data' });
    await manager.open('next-token-lstm', { ...spec, checkpoint: 'melody/v1' });
    expect(world.processes[0]?.sent[0]).toMatchObject({ spec: { checkpoint: join('/data', 'models', 'melody', 'v1') } });
    for (const outside of ['../elsewhere', '/etc', '/data/models/../db']) {
      expect((await rejection(manager.open('next-token-lstm', { ...spec, checkpoint: outside }))).message).toMatch(/must be inside/);
    }
    const { manager: noData } = setup();
    expect((await rejection(noData.open('next-token-lstm', { ...spec, checkpoint: 'relative' }))).message).toMatch(/must be an absolute path/);
  });

  it('on close kills every process and fails whatever was pending', async () => {
    const { world, manager } = setup();
    const handle = await manager.open('next-token-lstm', spec);
    world.responder = null;
    const running = manager.request(handle, 'sample', { seed: 1, steps: 1 });
    const waiting = manager.request(handle, 'sample', { seed: 2, steps: 1 });
    await vi.waitFor(() => expect(world.processes[0]?.requests()).toHaveLength(1));
    manager.close();
    for (const p of [running, waiting]) expect(await rejection(p)).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/shutting down/) });
    await vi.waitFor(() => expect(world.live()).toHaveLength(0));
    expect((await rejection(manager.open('next-token-lstm', spec))).code).toBe('unavailable');
  });

  it('says when the session program is missing', async () => {
    const manager = new SessionManager({ workerEntry: '/nonexistent/model-session.js', log: () => {} });
    managers.push(manager);
    const error = await rejection(manager.open('next-token-lstm', spec));
    expect(error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/model-session\.js is missing\. Run `npm run build`/) });
  });
});
