// A real host (temp data folder, real SQLite, real workers from dist/) while another program holds
// the database locked or the disk fills up: the host keeps serving, its event loop keeps running,
// API calls get a clear error, and jobs end with the reason or finish once the lock is gone.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isFinished, type Job } from '../../shared/api';
import { createHost, type Host } from '../host';
import { workerEntry } from '../paths';
import { tempHome } from '../test/temp-home';

const tiny = { steps: 5000, batchSize: 4, sequenceLength: 8, hiddenUnits: 8 };
const locked = /^Montage could not save to its database .*montage\.db: another program is holding it locked \(database is locked\)\. Close it/;

describe('host storage failures during jobs', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host | undefined;
  let other: Database.Database | undefined;

  beforeAll(() => {
    if (!existsSync(workerEntry('ml-worker'))) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => {
    if (other?.inTransaction) other.exec('ROLLBACK');
    other?.close();
    other = undefined;
    host?.close();
    host = undefined;
    home.remove();
  });

  const boot = (): Host => {
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    return host;
  };
  const start = async (h: Host, args: object): Promise<Job> => (await h.dispatch('benchmarks', 'start', args)) as Job;
  const progressed = (h: Host, id: string, step: number): Promise<void> =>
    new Promise((resolve) => {
      const off = h.bus.on('onJobProgress', (p) => {
        if (p.jobId === id && p.point.step >= step) {
          off();
          resolve();
        }
      });
    });
  const ended = (h: Host, id: string, status?: Job['status']): Promise<Job> =>
    new Promise((resolve) => {
      const off = h.bus.on('onJobChanged', (j) => {
        if (j.id === id && isFinished(j.status) && (!status || j.status === status)) {
          off();
          resolve(j);
        }
      });
    });
  const row = (id: string): { status: string; error_json: string | null; progress: number } | undefined => {
    const reader = new Database(host!.paths.database, { readonly: true });
    try {
      return reader.prepare('SELECT status, error_json, progress FROM jobs WHERE id = ?').get(id) as never;
    } finally {
      reader.close();
    }
  };
  const hold = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  it('keeps serving while another program holds the write lock: clear API errors, a live event loop, progress on the bus', async () => {
    home = tempHome();
    const h = boot();
    const job = await start(h, tiny);
    await progressed(h, job.id, 2);

    other = new Database(h.paths.database);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    let points = 0;
    const ticker = setInterval(() => ticks++, 20);
    const off = h.bus.on('onJobProgress', (p) => {
      if (p.jobId === job.id) points++;
    });
    await expect(h.dispatch('projects', 'create', { name: 'During the lock' })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(locked) });
    await expect(start(h, { ...tiny, steps: 3 })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(locked) });
    await hold(1000);
    clearInterval(ticker);
    off();
    // The loop ran during the hold (a 5 s synchronous busy wait would have frozen it) and the
    // job's progress kept flowing although none of it could be written.
    expect(ticks).toBeGreaterThanOrEqual(1);
    expect(points).toBeGreaterThanOrEqual(1);
    expect((await h.dispatch('jobs', 'get', { id: job.id })) as Job).toMatchObject({ status: 'running' });

    other.exec('ROLLBACK');
    const stepAfter = (await h.dispatch('jobs', 'get', { id: job.id })) as Job;
    await expect.poll(() => row(job.id)?.progress ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(stepAfter.status).toBe('running');
    expect(((await h.dispatch('projects', 'create', { name: 'After the lock' })) as { name: string }).name).toBe('After the lock');
    await h.dispatch('jobs', 'cancel', { id: job.id });
    expect((await ended(h, job.id)).status).toBe('cancelled');
    await expect.poll(() => row(job.id)?.status, { timeout: 10_000 }).toBe('cancelled');
  });

  it('fails a job whose result cannot be saved while the lock stays, with the reason, and saves that state once the lock goes', async () => {
    home = tempHome();
    const h = boot();
    const job = await start(h, { ...tiny, steps: 200 });
    await progressed(h, job.id, 2);
    other = new Database(h.paths.database);
    other.exec('BEGIN IMMEDIATE');
    const failed = await ended(h, job.id, 'failed');
    expect(failed.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(locked) });
    expect((await h.dispatch('jobs', 'get', { id: job.id })) as Job).toMatchObject({ status: 'failed' });
    expect(((await h.dispatch('jobs', 'list', {})) as Job[]).map((j) => j.id)).toEqual([job.id]);
    expect(row(job.id)?.status).toBe('running');

    other.exec('ROLLBACK');
    await expect.poll(() => row(job.id)?.status, { timeout: 20_000 }).toBe('failed');
    expect(JSON.parse(row(job.id)?.error_json ?? '{}')).toMatchObject({ message: expect.stringMatching(locked) });
    // The host carries on with the next job.
    const next = await start(h, { ...tiny, steps: 3 });
    expect((await ended(h, next.id)).status).toBe('succeeded');
  });

  it('fails a job that fills the disk with "the disk is full", keeps serving, and saves the state once there is room', async () => {
    home = tempHome();
    const h = boot();
    const job = await start(h, { ...tiny, steps: 300 });
    await progressed(h, job.id, 2);
    // SQLite's per-connection size cap: the host's own connection cannot grow the file any more.
    h.db.pragma(`max_page_count = ${h.db.pragma('page_count', { simple: true }) as number}`);
    const failed = await ended(h, job.id, 'failed');
    expect(failed.error?.message).toMatch(/^Montage could not save to its database .*montage\.db: the disk is full/);
    expect(((await h.dispatch('jobs', 'list', {})) as Job[]).map((j) => j.id)).toEqual([job.id]);

    h.db.pragma('max_page_count = 1073741823');
    await expect.poll(() => row(job.id)?.status, { timeout: 20_000 }).toBe('failed');
  });
});
