// Real model sessions: the SessionManager forks the bundled session program
// (dist/workers/model-session.js, built here by esbuild the way `npm run build` builds it), which
// runs real tfjs on the wasm backend with a tiny next-token LSTM. Nothing here asserts wall-clock
// speed; a warm session is recognised by its pid.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionManager, type SessionHandle } from './session-manager';
import { buildWorkerEntry } from '../../../scripts/build-worker-entry';
import { rejection } from '../../shared/api/testing/rejection';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = join(root, 'dist', 'workers', 'model-session.js');
const spec = { vocabSize: 39, hiddenUnits: 16, seed: 3 };

const managers: SessionManager[] = [];
const logs: string[] = [];
let folder: string;

function manager(options: ConstructorParameters<typeof SessionManager>[0] = {}): SessionManager {
  const m = new SessionManager({ workerEntry: entry, log: (line) => logs.push(line), ...options });
  managers.push(m);
  return m;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const pidOf = (m: SessionManager, h: SessionHandle): number => {
  const pid = m.info(h).pid;
  if (pid === undefined) throw new Error('no process');
  return pid;
};

beforeAll(async () => {
  await buildWorkerEntry('src/workers/session/model-session.ts', entry);
  folder = await mkdtemp(join(tmpdir(), 'montage-sessions-'));
});

afterAll(async () => {
  for (const m of managers) m.close();
  await rm(folder, { recursive: true, force: true });
});

describe('model sessions (real processes, real tfjs)', () => {
  const sessions = manager();
  let handle: SessionHandle<'next-token-lstm'>;

  it('opens a session once and answers later requests on the same warm process', async () => {
    handle = await sessions.open('next-token-lstm', spec);
    const info = sessions.info(handle);
    expect(info).toMatchObject({ state: 'idle', parameters: 4 * (39 + 16 + 1) * 16 + 16 * 39 + 39, processesStarted: 1 });
    expect(info.backend?.name).toBeTruthy();
    const pid = pidOf(sessions, handle);

    const partials: number[] = [];
    const first = await sessions.request(handle, 'sample', { seed: 1, steps: 16, count: 3 }, { onPartial: (p) => partials.push(p.index) });
    expect(first.tokens).toBeInstanceOf(Int32Array);
    expect(first.tokens).toHaveLength(48);
    expect([...first.tokens].every((t) => t >= 0 && t < 39)).toBe(true);
    expect(partials).toEqual([0, 1, 2]);

    const second = await sessions.request(handle, 'sample', { seed: 2, steps: 16, count: 3 });
    expect(second.tokens).toHaveLength(48);
    expect(pidOf(sessions, handle)).toBe(pid);
    expect(sessions.info(handle).processesStarted).toBe(1);
    // Opening the same spec again reuses the process too.
    const again = await sessions.open('next-token-lstm', { seed: 3, hiddenUnits: 16, vocabSize: 39 });
    expect(pidOf(sessions, again)).toBe(pid);
    sessions.release(again);
  });

  it('gives identical tokens for the same seed, and carries a typed-array primer across', async () => {
    const args = { seed: 42, steps: 24, count: 2, temperature: 1.2 };
    const a = await sessions.request(handle, 'sample', args);
    const b = await sessions.request(handle, 'sample', args);
    expect(b.tokens).toEqual(a.tokens);
    const other = await sessions.request(handle, 'sample', { ...args, seed: 43 });
    expect(other.tokens).not.toEqual(a.tokens);
    const primed = await sessions.request(handle, 'sample', { ...args, primer: Int32Array.from([2, 9, 9, 1, 14]) });
    expect(primed.tokens).toHaveLength(48);
    expect(primed.tokens).not.toEqual(a.tokens);
  });

  it('does not grow its tensor count over 200 requests', async () => {
    await sessions.request(handle, 'sample', { seed: 0, steps: 4 });
    const before = sessions.info(handle);
    for (let i = 0; i < 200; i++) await sessions.request(handle, 'sample', { seed: i, steps: 4, count: 2 });
    const after = sessions.info(handle);
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytes).toBe(before.bytes);
    expect(after.tensors).toBeGreaterThan(0);
    expect(after.pid).toBe(before.pid);
  });

  it('ends a cancelled request with a cancelled error mid-stream and stays usable', async () => {
    const pid = pidOf(sessions, handle);
    const abort = new AbortController();
    const seen: number[] = [];
    const run = sessions.request(handle, 'sample', { seed: 5, steps: 64, count: 200 }, {
      signal: abort.signal,
      onPartial: (p) => {
        seen.push(p.index);
        if (p.index === 1) abort.abort();
      },
    });
    const error = await rejection(run);
    expect(error.code).toBe('cancelled');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(200);
    const next = await sessions.request(handle, 'sample', { seed: 5, steps: 8 });
    expect(next.tokens).toHaveLength(8);
    expect(pidOf(sessions, handle)).toBe(pid);
  });

  it('fails the request of a killed process with a clear message; the next request runs on a new process', async () => {
    const pid = pidOf(sessions, handle);
    const run = sessions.request(handle, 'sample', { seed: 6, steps: 64, count: 200 }, {
      onPartial: (p) => {
        if (p.index === 0) process.kill(pid, 'SIGKILL');
      },
    });
    const error = await rejection(run);
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe('The next-token LSTM model stopped unexpectedly (killed by SIGKILL); it has been restarted — try again.');
    const next = await sessions.request(handle, 'sample', { seed: 6, steps: 8 });
    expect(next.tokens).toHaveLength(8);
    const newPid = pidOf(sessions, handle);
    expect(newPid).not.toBe(pid);
    expect(isRunning(pid)).toBe(false);
    expect(sessions.info(handle).processesStarted).toBe(2);
  });

  it('refuses a request the contract does not allow before it reaches the process', async () => {
    const error = await rejection(sessions.request(handle, 'sample', { seed: 1, steps: 4, primer: [1, 2] as unknown as Int32Array }));
    expect(error.code).toBe('invalid-argument');
    const outOfVocabulary = await rejection(sessions.request(handle, 'sample', { seed: 1, steps: 4, primer: Int32Array.from([40]) }));
    expect(outOfVocabulary).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/outside this model's vocabulary/) });
  });

  it('reports a checkpoint that is not there as the reason the session could not open', async () => {
    const error = await rejection(sessions.open('next-token-lstm', { ...spec, checkpoint: join(folder, 'missing') }));
    expect(error).toMatchObject({ code: 'not-found', message: expect.stringMatching(/There is no checkpoint \(model\.json\) in/) });
  });

  it('unloads an idle session (its process exits) and loads it again for the next request', async () => {
    const idle = manager({ idleMs: 300 });
    const h = await idle.open('next-token-lstm', { ...spec, seed: 4 });
    await idle.request(h, 'sample', { seed: 1, steps: 4 });
    const pid = pidOf(idle, h);
    await vi.waitFor(() => expect(idle.info(h).state).toBe('cold'), { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: 5000, interval: 50 });
    const again = await idle.request(h, 'sample', { seed: 1, steps: 4 });
    expect(again.tokens).toHaveLength(4);
    expect(pidOf(idle, h)).not.toBe(pid);
  });

  it('kills every session process when the host closes', async () => {
    const closing = manager();
    const handles = await Promise.all([7, 8].map((seed) => closing.open('next-token-lstm', { ...spec, seed })));
    const pids = handles.map((h) => pidOf(closing, h));
    const pending = closing.request(handles[0] as SessionHandle<'next-token-lstm'>, 'sample', { seed: 1, steps: 64, count: 100 });
    closing.close();
    expect(await rejection(pending)).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/shutting down/) });
    await vi.waitFor(() => expect(pids.map(isRunning)).toEqual([false, false]), { timeout: 5000, interval: 50 });
  });
});
