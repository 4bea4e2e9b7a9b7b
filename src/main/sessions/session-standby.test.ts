// The standby session process against fake processes: started once and ready, handed over with
// what it said so far, let go when idle, forgotten when it dies, never in the way when it cannot
// start. The real process is covered by generation-standby.int.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionToHost } from '../../shared/sessions/protocol';
import type { SessionProcess, SessionProcessCallbacks } from './session-process';
import { SessionStandby } from './session-standby';

const ready: SessionToHost = { type: 'ready', backend: { name: 'wasm', skipped: [], detail: 'test', tfjsVersion: '4.22.0' }, memory: { tensors: 0, bytes: 0, rss: 1 } };

interface Fake extends SessionProcess {
  callbacks: SessionProcessCallbacks;
  killed: boolean;
}

function world(options: { failStart?: boolean } = {}) {
  const started: Fake[] = [];
  const start = (_entry: string, callbacks: SessionProcessCallbacks): SessionProcess => {
    if (options.failStart) throw new Error('no such program');
    const fake: Fake = {
      pid: 100 + started.length,
      callbacks,
      killed: false,
      send: () => undefined,
      kill() {
        fake.killed = true;
        callbacks.onExit(null, 'SIGKILL', '');
      },
    };
    started.push(fake);
    return fake;
  };
  const standby = new SessionStandby({ start, entry: '/x/model-session.js', env: {}, idleMs: 1000 });
  return { started, standby };
}

const recorder = () => {
  const seen: string[] = [];
  const callbacks: SessionProcessCallbacks = {
    onMessage: (m) => seen.push(m.type),
    onMalformed: (why) => seen.push(`malformed: ${why}`),
    onExit: (code, signal) => seen.push(`exit ${code ?? signal}`),
  };
  return { seen, callbacks };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the standby session process', () => {
  it('starts one process, resolves when it is ready, and a second prepare reuses it', async () => {
    const { started, standby } = world();
    let resolved = false;
    const first = standby.prepare().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    started[0]!.callbacks.onMessage(ready);
    await first;
    await standby.prepare();
    expect(started).toHaveLength(1);
    expect(standby.present).toBe(true);
  });

  it('hands the process over with what it said before, in order, after the taker has recorded it', async () => {
    const { started, standby } = world();
    const preparing = standby.prepare();
    started[0]!.callbacks.onMessage(ready);
    started[0]!.callbacks.onMalformed('odd');
    await preparing;
    const taker = recorder();
    const process = standby.take(taker.callbacks);
    expect(process).toBe(started[0]);
    expect(taker.seen).toEqual([]);
    await Promise.resolve();
    expect(taker.seen).toEqual(['ready', 'malformed: odd']);
    // Later messages and its exit go straight to the taker; the standby is empty.
    started[0]!.callbacks.onMessage({ type: 'stats', tensors: 1, bytes: 2, rss: 3 });
    started[0]!.callbacks.onExit(0, null, '');
    expect(taker.seen).toEqual(['ready', 'malformed: odd', 'stats', 'exit 0']);
    expect(standby.present).toBe(false);
    expect(standby.take(recorder().callbacks)).toBeNull();
  });

  it('ends a standby left unused for the idle time; a prepare in between starts the time again', async () => {
    vi.useFakeTimers();
    const { started, standby } = world();
    void standby.prepare();
    started[0]!.callbacks.onMessage(ready);
    vi.advanceTimersByTime(800);
    void standby.prepare();
    vi.advanceTimersByTime(800);
    expect(started[0]!.killed).toBe(false);
    vi.advanceTimersByTime(300);
    expect(started[0]!.killed).toBe(true);
    expect(standby.present).toBe(false);
  });

  it('forgets a standby that dies while waiting (its waiters are let go), and starts a new one next time', async () => {
    const { started, standby } = world();
    const preparing = standby.prepare();
    started[0]!.callbacks.onExit(1, null, 'boom');
    await preparing;
    expect(standby.present).toBe(false);
    void standby.prepare();
    expect(started).toHaveLength(2);
  });

  it('resolves at once when no process can start, and starts none after close', async () => {
    const failing = world({ failStart: true });
    await failing.standby.prepare();
    expect(failing.standby.present).toBe(false);
    const { started, standby } = world();
    void standby.prepare();
    standby.close();
    expect(started[0]!.killed).toBe(true);
    await standby.prepare();
    expect(started).toHaveLength(1);
  });
});
