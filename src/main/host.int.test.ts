// The real host over serve mode: temp MONTAGE_HOME, real SQLite, real worker processes (built in
// dist/ by `npm run build`), a real WebSocket client.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isFinished, type Job } from '../shared/api';
import { createHost, type Host } from './host';
import { rendererDir, workerEntry } from './paths';
import { startServer, type RunningServer } from './server/serve';
import { WsStudioClient } from './server/ws-client';
import { tempHome } from './test/temp-home';

const tiny = { steps: 40, batchSize: 4, sequenceLength: 8, hiddenUnits: 8 };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host + serve mode', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  let server: RunningServer;
  let client: WsStudioClient;

  beforeAll(() => {
    if (!existsSync(workerEntry('ml-worker')) || !existsSync(rendererDir())) {
      throw new Error('dist/ is not built: run `npm run build` before the integration tests (npm test does).');
    }
  });

  async function boot(dir: string): Promise<void> {
    host = createHost({ dataDir: dir, shell: 'serve', probe: false });
    server = await startServer({ host, rendererDir: rendererDir() });
    client = await WsStudioClient.connect(server.port, server.token);
  }
  async function shutdown(): Promise<void> {
    client?.close();
    await server?.close();
    host?.close();
    client = undefined as unknown as WsStudioClient;
    server = undefined as unknown as RunningServer;
    host = undefined as unknown as Host;
  }
  const finished = (id: string): Promise<Job> => client.waitFor('onJobChanged', (j) => j.id === id && isFinished(j.status));
  const running = (id: string): Promise<unknown> => client.waitFor('onJobProgress', (p) => p.jobId === id && p.point.step >= 2);

  afterEach(async () => {
    await shutdown();
    home.remove();
  });

  it('validates every argument and answers with typed errors', async () => {
    home = tempHome();
    await boot(home.dir);
    await expect(client.raw('projects', 'create', { name: '' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/needs a name/) });
    await expect(client.raw('projects', 'create', { name: 42 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(client.raw('projects', 'create', { name: 'ok', extra: true })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(client.raw('projects', 'rename', { id: 'not-a-uuid', name: 'x' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'id' }] });
    await expect(client.raw('benchmarks', 'start', { steps: 1e9 })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'steps' }] });
    await expect(client.raw('projects', 'dropTable', {})).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/Unknown API method/) });
    await expect(client.raw('__proto__', 'constructor', {})).rejects.toMatchObject({ code: 'invalid-argument' });
    // The host is still fine.
    const p = await client.call('projects', 'create', { name: '  Trimmed  ' });
    expect(p.name).toBe('Trimmed');
  });

  it('drops a connection that sends an oversized frame, and serves the next one', async () => {
    home = tempHome();
    await boot(home.dir);
    await expect(client.raw('projects', 'create', { name: 'x'.repeat(9 * 1024 * 1024) })).rejects.toMatchObject({ code: 'unavailable' });
    client = await WsStudioClient.connect(server.port, server.token);
    expect(await client.call('projects', 'list', {})).toEqual({ items: [], total: 0 });
  });

  it('explains a data folder it cannot create', () => {
    home = tempHome();
    expect(() => createHost({ dataDir: '/dev/null/montage', shell: 'serve', probe: false })).toThrow(
      /cannot create its data folder \/dev\/null\/montage .*Set MONTAGE_HOME/,
    );
  });

  it('runs a benchmark in a worker process, streams progress and stores the run', async () => {
    home = tempHome();
    await boot(home.dir);
    const points: number[] = [];
    client.on('onJobProgress', (p) => points.push(p.point.step));
    const job = await client.call('benchmarks', 'start', tiny);
    expect(['queued', 'running']).toContain(job.status);
    const done = await finished(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.backend).toBe('wasm');
    expect(points.length).toBe(tiny.steps);
    const runs = await client.call('benchmarks', 'listRuns', {});
    expect(runs).toHaveLength(1);
    expect(runs[0]?.jobId).toBe(job.id);
    expect(runs[0]?.loss).toHaveLength(tiny.steps);
    expect(runs[0]?.stepsPerSec).toBeGreaterThan(0);
    expect(runs[0]?.finalLoss).toBeLessThan(runs[0]?.initialLoss ?? 0);
    expect(await client.call('jobs', 'series', { id: job.id })).toHaveLength(tiny.steps);

    // Restart: the run and the job's final state come back from SQLite.
    await shutdown();
    await boot(home.dir);
    const again = await client.call('jobs', 'get', { id: job.id });
    expect(again.status).toBe('succeeded');
    expect(again.result).toMatchObject({ runId: runs[0]?.id });
    expect(await client.call('benchmarks', 'listRuns', {})).toHaveLength(1);
  });

  it('runs on a forced backend without changing what the machine reports', async () => {
    home = tempHome();
    await boot(home.dir);
    const backends: string[] = [];
    client.on('onBackendChanged', (b) => backends.push(b.name));
    const job = await client.call('benchmarks', 'start', { ...tiny, steps: 3, backend: 'cpu' });
    const done = await finished(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.backend).toBe('cpu');
    expect((await client.call('benchmarks', 'listRuns', {}))[0]?.backend).toBe('cpu');
    expect(backends).toEqual([]);
    const bad = await client.call('benchmarks', 'start', { ...tiny, steps: 3, backend: 'tensorflow-gpu' });
    const failed = await finished(bad.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/tensorflow-gpu/);
  });

  it('fails the job when its worker is killed, and keeps serving', async () => {
    home = tempHome();
    await boot(home.dir);
    const job = await client.call('benchmarks', 'start', { ...tiny, steps: 5000 });
    await running(job.id);
    const pid = host.jobs.pidOf(job.id);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    const done = await finished(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/worker process was killed \(SIGKILL\)/);
    expect((await client.call('projects', 'create', { name: 'Still here' })).name).toBe('Still here');
    const next = await client.call('benchmarks', 'start', { ...tiny, steps: 3 });
    expect((await finished(next.id)).status).toBe('succeeded');
  });

  it('cancels a running job and a queued one', async () => {
    home = tempHome();
    await boot(home.dir);
    const first = await client.call('benchmarks', 'start', { ...tiny, steps: 5000 });
    const second = await client.call('benchmarks', 'start', { ...tiny, steps: 5000 });
    await running(first.id);
    const pid = host.jobs.pidOf(first.id) as number;
    expect((await client.call('jobs', 'cancel', { id: second.id })).status).toBe('cancelled');
    await client.call('jobs', 'cancel', { id: first.id });
    expect((await finished(first.id)).status).toBe('cancelled');
    await expect.poll(() => processAlive(pid), { timeout: 10_000 }).toBe(false);
    expect(await client.call('benchmarks', 'listRuns', {})).toHaveLength(0);
  });

  it('marks jobs left running by a crashed host as interrupted on the next start', async () => {
    home = tempHome();
    // A real host process, killed with SIGKILL mid-job: its SQLite row still says "running".
    const crashed = spawn(process.execPath, ['dist/cli/montage.js', 'serve', '--port', '0', '--data-dir', home.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const m = await new Promise<RegExpExecArray>((resolve, reject) => {
      let out = '';
      crashed.stdout.setEncoding('utf8');
      crashed.stdout.on('data', (c: string) => {
        out += c;
        const found = /127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
        if (found) resolve(found);
      });
      crashed.once('exit', () => reject(new Error(out)));
    });
    const remote = await WsStudioClient.connect(Number(m[1]), m[2] as string);
    const job = await remote.call('benchmarks', 'start', { ...tiny, steps: 5000 });
    await remote.waitFor('onJobProgress', (p) => p.jobId === job.id && p.point.step >= 2);
    const gone = new Promise((r) => crashed.once('exit', r));
    crashed.kill('SIGKILL');
    await gone;
    remote.close();

    await boot(home.dir);
    const after = await client.call('jobs', 'get', { id: job.id });
    expect(after.status).toBe('interrupted');
    expect(after.error?.message).toMatch(/^Interrupted: Montage stopped while this job was running/);
    expect(await client.call('benchmarks', 'listRuns', {})).toHaveLength(0);
  });

  it('refuses HTTP and WebSocket requests without the token, from other origins or hosts', async () => {
    home = tempHome();
    await boot(home.dir);
    const { port, token } = server;
    expect((await get(port, '/')).status).toBe(401);
    expect((await get(port, '/index.html')).status).toBe(401);
    expect((await get(port, '/?token=wrong')).status).toBe(401);
    expect((await get(port, `/?token=${token}`, { Host: `evil.example:${port}` })).status).toBe(403);
    const ok = await get(port, `/?token=${token}`);
    expect(ok.status).toBe(303);
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get(port, '/', { Cookie: `montage_token_${port}=${token}` });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<div id="root">/);
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'self'/);
    expect((await get(port, '/../package.json', { Cookie: `montage_token_${port}=${token}` })).status).toBe(404);
    await expect(WsStudioClient.connect(port, 'wrong')).rejects.toThrow(/401/);
    await expect(WsStudioClient.connect(port, token, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const fromPage = await WsStudioClient.connect(port, token, { Origin: `http://127.0.0.1:${port}` });
    expect(await fromPage.call('projects', 'list', {})).toEqual({ items: [], total: 0 });
    fromPage.close();
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
