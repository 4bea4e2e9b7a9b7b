// A job running when the host closes ends 'interrupted' (not cancelled or failed), in SQLite too.
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/api';
import { createHost, type Host } from '../host';
import { workerEntry } from '../paths';
import { tempHome } from '../test/temp-home';

describe('closing the host during a job', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host | undefined;
  beforeAll(() => {
    if (!existsSync(workerEntry('ml-worker'))) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => {
    host?.close();
    home.remove();
  });

  it('marks the running and the queued job interrupted, stops the worker, and says so after a restart', async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    const h = host;
    const running = (await h.dispatch('benchmarks', 'start', { steps: 5000, batchSize: 4, sequenceLength: 8, hiddenUnits: 8 })) as Job;
    const queued = (await h.dispatch('benchmarks', 'start', { steps: 5000, batchSize: 4, sequenceLength: 8, hiddenUnits: 8 })) as Job;
    await new Promise<void>((resolve) => {
      const off = h.bus.on('onJobProgress', (p) => {
        if (p.jobId === running.id && p.point.step >= 2) {
          off();
          resolve();
        }
      });
    });
    const pid = h.jobs.pidOf(running.id) as number;
    h.close();
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);

    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    expect((await host.dispatch('jobs', 'get', { id: running.id })) as Job).toMatchObject({
      status: 'interrupted',
      error: { message: 'Interrupted: Montage closed while this job was running. Run it again.' },
    });
    expect((await host.dispatch('jobs', 'get', { id: queued.id })) as Job).toMatchObject({
      status: 'interrupted',
      error: { message: 'Interrupted: Montage closed before this job started. Run it again.' },
    });
    expect(await host.dispatch('jobs', 'clearFinished', {})).toEqual({ removed: 2 });
    expect(await host.dispatch('jobs', 'list', {})).toEqual([]);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
