// `npm run bench`: the foundation's speed figures. Printed, never asserted (machines are noisy).
//   1. host cold start → first API answer   2. serve-mode page load → interactive (Chromium)
//   3. WebSocket API round trip p50/p95      4. SQLite small-row inserts in a transaction
//   5. the benchmark job's steps/s on wasm vs the pure-JS cpu backend
//   6. the WebSocket API under load (ws-load-bench.ts)   7. projects at 5,000 (project-scale-bench.ts)
//   8. songs: a 100-note edit acknowledged, opening a 10,000-note song, a 1 MB MIDI import (documents-bench.ts)
//   9. offline render of a 3-minute song (render-bench.ts)   10. generation, cold and warm (generation-bench.ts)
//  11. piano-roll frames and renderer memory with a 10,000-note song (renderer-bench.ts)
//  12. the screenplay editor: keystroke to paint in a 120-page script (script/editor-bench.ts)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { isFinished, type BenchmarkConfig, type Job } from '../src/shared/api';
import { openDatabase } from '../src/main/db/database';
import { createEventsRepo } from '../src/main/db/events-repo';
import { createHost } from '../src/main/host';
import { WsStudioClient } from '../src/main/server/ws-client';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';
import { documentsBench } from './documents-bench';
import { renderBench } from './render-bench';
import { generationBench } from './generation-bench';
import { projectsAtScale } from './project-scale-bench';
import { rendererBench } from './renderer-bench';
import { scriptEditorBench } from './script/editor-bench';
import { wsLoad } from './ws-load-bench';

const temp = (): string => mkdtempSync(join(tmpdir(), 'montage-bench-'));
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);
const line = (name: string, value: string): void => console.log(`${name.padEnd(44)} ${value}`);

interface Served {
  port: number;
  token: string;
  launchUrl: string;
  spawnedAt: number;
  stop(): Promise<void>;
}

function serve(dataDir: string): Promise<Served> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['dist/cli/montage.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      const m = /running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
      if (m) {
        resolve({
          launchUrl: m[1] as string,
          port: Number(m[2]),
          token: m[3] as string,
          spawnedAt,
          stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`montage serve exited (${code}): ${out}`)));
  });
}

async function coldStart(runs = 5): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = temp();
    const s = await serve(dir);
    const client = await WsStudioClient.connect(s.port, s.token);
    await client.call('projects', 'list', {});
    times.push(performance.now() - s.spawnedAt);
    client.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  line('host cold start → first API answer', `${median(times).toFixed(0)} ms (median of ${runs}, process spawn included)`);
}

async function pageLoad(runs = 5): Promise<void> {
  const dir = temp();
  const s = await serve(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(s.launchUrl);
      await page.getByTestId('status-connection').filter({ hasText: /connected/i }).waitFor();
      await page.getByTestId('start-benchmark').waitFor();
      times.push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  line('serve-mode page load → interactive', `${median(times).toFixed(0)} ms (median of ${runs}, fresh browser context each)`);
}

async function roundTrip(calls = 2000): Promise<void> {
  const dir = temp();
  const s = await serve(dir);
  const client = await WsStudioClient.connect(s.port, s.token);
  for (let i = 0; i < 20; i++) await client.call('projects', 'create', { name: `Project ${i}` });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await client.call('projects', 'list', {});
    times.push(performance.now() - t0);
  }
  client.close();
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
  line('API round trip over WebSocket (projects.list)', `p50 ${quantile(times, 0.5).toFixed(2)} ms · p95 ${quantile(times, 0.95).toFixed(2)} ms (${calls} calls, 20 projects)`);
}

function sqliteInserts(rows = 100_000): void {
  const dir = temp();
  const db = openDatabase(join(dir, 'montage.db'));
  const events = createEventsRepo(db);
  const t0 = performance.now();
  const batch = Array.from({ length: rows }, (_, i) => ({ at: i, type: 'document.opened' as const, item: `song:${i % 500}`, projectId: null, sessionId: 's', weight: 1, data: { i } }));
  events.insertMany(batch);
  const ms = performance.now() - t0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  line('Event log inserts (batched, one transaction, 4 indexes)', `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s (${rows.toLocaleString('en')} rows)`);
}

async function jobStepsPerSec(): Promise<void> {
  const dir = temp();
  const host = createHost({ dataDir: dir, shell: 'cli', probe: false });
  const run = async (config: Partial<BenchmarkConfig>): Promise<number> => {
    const job = await host.api.benchmarks.start(config);
    const done = await new Promise<Job>((resolve) => {
      const off = host.bus.on('onJobChanged', (j) => {
        if (j.id === job.id && isFinished(j.status)) {
          off();
          resolve(j);
        }
      });
    });
    if (done.status !== 'succeeded') throw new Error(`benchmark job ${done.status}: ${done.error?.message}`);
    return Number(done.result?.stepsPerSec);
  };
  try {
    const defaults = await run({ backend: 'wasm' });
    line('benchmark job, default config, wasm', `${defaults.toFixed(2)} steps/s`);
    // The default model and batch, but few steps: the pure-JS backend needs seconds per step.
    const wasm = await run({ steps: 8, backend: 'wasm' });
    const cpu = await run({ steps: 8, backend: 'cpu' });
    line('benchmark job, default model, 8 steps', `wasm ${wasm.toFixed(2)} steps/s · cpu ${cpu.toFixed(2)} steps/s · wasm/cpu ${(wasm / cpu).toFixed(1)}×`);
  } finally {
    host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('Montage foundation benchmarks (figures only; nothing is asserted)');
await coldStart();
await pageLoad();
await roundTrip();
sqliteInserts();
await jobStepsPerSec();
await wsLoad(serve, line);
await projectsAtScale(serve, line);
await documentsBench(serve, line);
await renderBench(line); // offline render of a 3-minute, 4-track song as `montage export --format wav` does it (render-bench.ts)
await generationBench(line); // the shipped melody model: first request cold and after warm, warm, with a key, Continue (generation-bench.ts)
await rendererBench(serve, line); // piano-roll frames and renderer memory with a 10,000-note song (renderer-bench.ts)
await scriptEditorBench(serve, line); // keystroke to paint in a 120-page script, beside a plain textarea (script/editor-bench.ts)
