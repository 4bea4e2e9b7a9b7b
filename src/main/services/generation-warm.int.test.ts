// generation.warm on a real host with a real "music-vae" session process: the first call loads the
// model (loaded: true), a second finds it loaded (loaded: false, ms 0), a generate after it runs on
// the same process, and an unknown or damaged model is refused as generate refuses it. Nothing
// asserts wall-clock speed.
import { readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationResult, ModelInfo, WarmResult } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import { createHost, type Host } from '../host';
import { registerTinyMusicVae, sessionEntryPath, startSessionHost } from '../test/music-models';
import type { tempHome } from '../test/temp-home';

const entry = sessionEntryPath();

let home: ReturnType<typeof tempHome>;
let host: Host;

const register = (h: Host, name: string, seed: number): Promise<ModelInfo> => registerTinyMusicVae(h, name, { seed });

const warm = (modelId: string) => host.dispatch('generation', 'warm', { modelId }) as Promise<WarmResult>;

beforeAll(async () => {
  ({ home, host } = await startSessionHost(entry, 'cpu'));
});

afterAll(() => {
  host?.close();
  home?.remove();
});

describe('generation.warm', () => {
  it('loads the model once; a generate after it uses the same session process', async () => {
    const model = await register(host, 'Warm me', 5);
    const first = await warm(model.id);
    expect(first).toMatchObject({ modelId: model.id, loaded: true });
    expect(first.ms).toBeGreaterThan(0);
    const [info] = host.sessions.list();
    expect(info?.state).toBe('idle');
    expect(await warm(model.id)).toEqual({ modelId: model.id, loaded: false, ms: 0 });
    const result = (await host.dispatch('generation', 'generate', { modelId: model.id, count: 2, seed: 1 })) as GenerationResult;
    expect(result.variations).toHaveLength(2);
    expect(host.sessions.list().map((s) => s.processesStarted)).toEqual([1]);
  });

  it('keeps a warmed model loaded while warm is asked again within its idle time, and unloads it after', async () => {
    const quick = createHost({ dataDir: join(home.dir, 'quick'), shell: 'cli', probe: false, shippedModelsDir: null, sessionWorkerEntry: entry, sessionIdleMs: 4000 });
    try {
      const model = await register(quick, 'Kept warm', 7);
      const ask = () => quick.dispatch('generation', 'warm', { modelId: model.id }) as Promise<WarmResult>;
      expect((await ask()).loaded).toBe(true);
      // Three asks 1.5 s apart span 4.5 s, past the idle time: each starts it again.
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1500));
        expect(await ask()).toMatchObject({ loaded: false });
      }
      expect(quick.sessions.list().map((s) => [s.state, s.processesStarted])).toEqual([['idle', 1]]);
      await expect.poll(() => quick.sessions.list()[0]?.state, { timeout: 15_000, interval: 250 }).toBe('cold');
      expect((await ask()).loaded).toBe(true);
    } finally {
      quick.close();
    }
  });

  it('prepare starts a standby process that the first request takes; none beside a loaded model; an unused one exits', async () => {
    const fresh = createHost({ dataDir: join(home.dir, 'standby'), shell: 'cli', probe: false, shippedModelsDir: null, sessionWorkerEntry: entry, sessionIdleMs: 3000 });
    try {
      const model = await register(fresh, 'Standby', 8);
      const prepare = () => fresh.dispatch('generation', 'prepare', {}) as Promise<{ standby: boolean }>;
      await expect(prepare()).resolves.toEqual({ standby: true });
      expect(fresh.sessions.standbyWaiting).toBe(true);
      expect(fresh.sessions.list()).toEqual([]);
      const result = (await fresh.dispatch('generation', 'generate', { modelId: model.id, count: 2, seed: 3 })) as GenerationResult;
      expect(result.variations).toHaveLength(2);
      // The session took the standby: no process waits, and the session started exactly one.
      expect(fresh.sessions.standbyWaiting).toBe(false);
      expect(fresh.sessions.list().map((i) => [i.state, i.processesStarted, i.backend?.name])).toEqual([['idle', 1, 'wasm']]);
      await expect(prepare()).resolves.toEqual({ standby: false });
      expect(fresh.sessions.standbyWaiting).toBe(false);
      // Once the model is unloaded, prepare starts a standby again; left alone, it exits.
      await expect.poll(() => fresh.sessions.list()[0]?.state, { timeout: 15_000, interval: 250 }).toBe('cold');
      await expect(prepare()).resolves.toEqual({ standby: true });
      await expect.poll(() => fresh.sessions.standbyWaiting, { timeout: 15_000, interval: 250 }).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it('refuses an unknown model as not-found and a damaged one as unavailable, naming it', async () => {
    expect((await rejection(warm('00000000-0000-4000-8000-000000000000'))).code).toBe('not-found');
    const broken = await register(host, 'Broken', 6);
    const dir = join(home.dir, 'data', 'models', broken.id);
    const weights = readdirSync(dir).find((f) => f.endsWith('.bin'));
    if (!weights) throw new Error('no weights file');
    truncateSync(join(dir, weights), 10);
    const err = await rejection(warm(broken.id));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('“Broken” could not be loaded');
  });
});
