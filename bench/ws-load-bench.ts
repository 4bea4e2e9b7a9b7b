// The WebSocket API under load, for `npm run bench` (printed by foundation-bench): many clients,
// each making calls one after another, against a real `montage serve` process. Reports calls/s
// over the whole run and per-call latency quantiles. The previous release measured 6,444 calls/s,
// p99 37 ms (50 × 1,000 system.info, 2 cores).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsStudioClient } from '../src/main/server/ws-client';

export interface BenchServer {
  port: number;
  token: string;
  stop(): Promise<void>;
}
export type StartServe = (dataDir: string) => Promise<BenchServer>;
export type PrintLine = (name: string, value: string) => void;

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** `clients` connections each making `calls` sequential calls of `call`; all clients at once. */
export async function loadRun(
  port: number,
  token: string,
  clients: number,
  calls: number,
  call: (c: WsStudioClient, client: number, i: number) => Promise<unknown>,
): Promise<{ perSec: number; latencies: number[] }> {
  const conns = await Promise.all(Array.from({ length: clients }, () => WsStudioClient.connect(port, token)));
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c, k) => {
      for (let i = 0; i < calls; i++) {
        const s = performance.now();
        await call(c, k, i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const ms = performance.now() - t0;
  for (const c of conns) c.close();
  return { perSec: (clients * calls) / (ms / 1000), latencies };
}

export async function wsLoad(serve: StartServe, line: PrintLine, clients = 50, calls = 1000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const s = await serve(dir);
  try {
    const warm = await WsStudioClient.connect(s.port, s.token);
    for (let i = 0; i < 200; i++) await warm.call('system', 'info', {});
    const project = await warm.call('projects', 'create', { name: 'Load test' });
    warm.close();
    for (const [label, call] of [
      ['system.info', (c: WsStudioClient) => c.call('system', 'info', {})],
      ['projects.get', (c: WsStudioClient) => c.call('projects', 'get', { id: project.id })],
    ] as const) {
      const r = await loadRun(s.port, s.token, clients, calls, call);
      line(
        `WebSocket API under load (${label})`,
        `${Math.round(r.perSec).toLocaleString('en')} calls/s · p50 ${quantile(r.latencies, 0.5).toFixed(1)} ms · p99 ${quantile(r.latencies, 0.99).toFixed(1)} ms (${clients} clients × ${calls.toLocaleString('en')} calls)`,
      );
    }
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `montage serve` from dist/ on a data folder, as foundation-bench runs it (for benches run alone). */
export const serveFromDist: StartServe = (dataDir) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli/montage.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      const m = /running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (m)
        resolve({
          port: Number(m[1]),
          token: m[2] as string,
          stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
        });
    });
    child.once('exit', (code) => reject(new Error(`montage serve exited (${code}): ${out}`)));
  });

/** The benches' figure line: a name padded to a column, then the value. */
export const printLine: PrintLine = (name, value) => console.log(`${name.padEnd(44)} ${value}`);
