// One host per data folder, end to end with the built CLI (dist/, `npm run build`): a second
// `serve` hands over, the CLI reads beside a running host and writes through it, and a second
// in-process host is refused without touching the running one's jobs.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isFinished, type Job, type StudioEvents } from '../shared/api';
import { createHost } from './host';
import { InstanceLockedError, lockFileName, readInstanceLock } from './instance-lock';
import { rendererDir, workerEntry } from './paths';
import { WsStudioClient } from './server/ws-client';
import { tempHome } from './test/temp-home';

const cli = 'dist/cli/montage.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Ran> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  token: string;
}

function serve(dir: string): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dir]);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /running at (http:\/\/[\w.-]+:(\d+)\/\?token=([\w-]+))/.exec(out);
      if (m) resolve({ child, url: m[1] as string, port: Number(m[2]), token: m[3] as string });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

const stop = (s: Served | undefined): Promise<unknown> =>
  s && s.child.exitCode === null && s.child.signalCode === null ? new Promise((r) => (s.child.once('exit', r), s.child.kill('SIGTERM'))) : Promise.resolve();

describe('one Montage per data folder', () => {
  let home: ReturnType<typeof tempHome>;
  let served: Served | undefined;
  let client: WsStudioClient | undefined;

  beforeAll(() => {
    if (!existsSync(cli) || !existsSync(workerEntry('ml-worker')) || !existsSync(rendererDir())) {
      throw new Error('dist/ is not built: run `npm run build` before the integration tests (npm test does).');
    }
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await stop(served);
    served = undefined;
    home.remove();
  });

  it('a second serve prints the running link and exits 0 without starting a host', async () => {
    home = tempHome();
    served = await serve(home.dir);
    const second = await run(['serve', '--port', '0', '--data-dir', home.dir]);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout.trim()).toBe(`Montage is already running for this data folder at ${served.url}; open that link.`);
    expect(readInstanceLock(home.dir)).toMatchObject({ pid: served.child.pid, shell: 'serve', port: served.port, token: served.token });
    client = await WsStudioClient.connect(served.port, served.token);
    expect((await client.call('system', 'info', {})).shell).toBe('serve');
  });

  it('lists projects read-only beside a running host and creates them through it', async () => {
    home = tempHome();
    served = await serve(home.dir);
    client = await WsStudioClient.connect(served.port, served.token);
    const seen: StudioEvents['onProjectsChanged'][] = [];
    client.on('onProjectsChanged', (e) => seen.push(e));

    const created = await run(['projects', 'create', 'From the CLI', '--json', '--data-dir', home.dir]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const project = JSON.parse(created.stdout) as { id: string; name: string };
    expect(project.name).toBe('From the CLI');
    // It went through the running host: its clients were told.
    await expect.poll(() => seen).toEqual([{ reason: 'created', id: project.id }]);

    const listed = await run(['projects', 'list', '--json', '--data-dir', home.dir]);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toMatchObject({ items: [{ id: project.id, name: 'From the CLI' }], total: 1 });

    const dupe = await run(['projects', 'create', 'from the cli', '--json', '--data-dir', home.dir]);
    expect(dupe).toMatchObject({ code: 1, stdout: '' });
    expect(dupe.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^montage: A project named .* already exists/)]);
    expect(await run(['projects', 'create', '   ', '--json', '--data-dir', home.dir])).toMatchObject({ code: 2, stdout: '' });
    expect(await run(['projects', 'create', '--data-dir', home.dir])).toMatchObject({ code: 2, stdout: '' });
    expect((await run(['--version'])).code).toBe(0);
  });

  it('refuses a second host in-process without failing the running host’s job, and takes over after a crash', async () => {
    home = tempHome();
    served = await serve(home.dir);
    client = await WsStudioClient.connect(served.port, served.token);
    const job = await client.call('benchmarks', 'start', { steps: 5000, batchSize: 4, sequenceLength: 8, hiddenUnits: 8 });
    await client.waitFor('onJobProgress', (p) => p.jobId === job.id && p.point.step >= 2);

    let caught: unknown;
    try {
      createHost({ dataDir: home.dir, shell: 'cli', probe: false }).close();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InstanceLockedError);
    expect((caught as InstanceLockedError).holder).toMatchObject({ pid: served.child.pid, url: served.url });
    // Before the lock, this second host's start-up clean-up marked the job failed.
    expect((await client.call('jobs', 'get', { id: job.id })).status).toBe('running');

    client.close();
    client = undefined;
    const gone = new Promise((r) => served?.child.once('exit', r));
    served.child.kill('SIGKILL');
    await gone;
    expect(existsSync(join(home.dir, lockFileName))).toBe(true);
    const host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    try {
      expect(readInstanceLock(home.dir)?.pid).toBe(process.pid);
      const after: Job = await host.api.jobs.get({ id: job.id });
      expect(isFinished(after.status)).toBe(true);
    } finally {
      host.close();
    }
    expect(existsSync(join(home.dir, lockFileName))).toBe(false);
  });

  it('runs doctor’s benchmark in the running host', async () => {
    home = tempHome();
    served = await serve(home.dir);
    client = await WsStudioClient.connect(served.port, served.token);
    const doctor = await run(['doctor', '--steps', '2', '--json', '--data-dir', home.dir]);
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as { job: { id: string } };
    const runs = await client.call('benchmarks', 'listRuns', {});
    expect(runs.map((r) => r.jobId)).toEqual([report.job.id]);
  });

  it('without a running host, a writing command starts its own and frees the folder after', async () => {
    home = tempHome();
    const created = await run(['projects', 'create', 'Solo', '--data-dir', home.dir]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created “Solo” \([0-9a-f-]{36}\)\.\n$/);
    expect(existsSync(join(home.dir, lockFileName))).toBe(false);
    expect(JSON.parse((await run(['projects', 'list', '--json', '--data-dir', home.dir])).stdout)).toMatchObject({ total: 1 });
  });

  it('refuses clearly when the running host is the desktop window, which takes no commands', async () => {
    home = tempHome();
    // This test process plays the Electron host: a live pid, no port.
    writeFileSync(
      join(home.dir, lockFileName),
      JSON.stringify({ pid: process.pid, shell: 'electron', startedAt: Date.now(), hostname: hostname(), nonce: 'electron' }),
      { mode: 0o600 },
    );
    const create = await run(['projects', 'create', 'Blocked', '--data-dir', home.dir]);
    expect(create).toMatchObject({ code: 1, stdout: '' });
    expect(create.stderr).toMatch(/^montage: Montage is running for this data folder in its desktop window \(pid \d+\) .*create the project there/);
    const second = await run(['serve', '--port', '0', '--data-dir', home.dir]);
    expect(second).toMatchObject({ code: 1, stdout: '' });
    expect(second.stderr).toMatch(/already running for this data folder in its desktop window/);
    expect((await run(['projects', 'list', '--json', '--data-dir', home.dir])).code).toBe(0);
  });
});
