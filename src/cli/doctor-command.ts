// `montage doctor`: what this machine offers Montage — versions, the ML backend a worker picks, a
// short real benchmark job (stored like the one the UI runs), and the optional pieces found.
import { isFinished, type BenchmarkRun, type Job, type MlBackendName } from '../shared/api';
import { findChromium, findElectron, findGpuPackages, tfjsVersion } from '../main/environment-checks';
import { appVersion } from '../main/host';
import { probeBackend } from '../main/jobs/probe-backend';
import { checkIntegrity, describeBackups } from '../main/db/backups';
import { dataPaths, defaultDataDir, workerEntry } from '../main/paths';
import { CliRefusal, openStudioSession, type StudioSession } from './host-session';

export interface DoctorFlags {
  steps?: number;
  backend?: MlBackendName;
  json?: boolean;
  dataDir?: string;
}

const mark = (ok: boolean): string => (ok ? 'ok ' : '-- ');

export async function doctorCommand(flags: DoctorFlags): Promise<number> {
  const say = flags.json ? (): void => undefined : (line: string): void => console.log(line);
  say(`Montage ${appVersion()} · Node ${process.versions.node} · ${process.platform}/${process.arch} · tfjs ${tfjsVersion() ?? 'missing'}`);
  // The database first: a damaged one is the thing to fix before anything else runs.
  const paths = dataPaths(flags.dataDir ?? defaultDataDir());
  const database = { file: paths.database, integrity: checkIntegrity(paths.database), backups: { dir: paths.backups, ...describeBackups(paths.backups) } };
  say(`${mark(database.integrity.ok)}Database: ${paths.database} · integrity ${database.integrity.detail}`);
  say(`   Backups: ${database.backups.count} in ${paths.backups}${database.backups.newest ? ` · newest ${database.backups.newest}` : ''}`);
  if (!database.integrity.ok) {
    say('   Run `montage restore-backup` to move it aside and restore the newest good backup.');
    if (flags.json) console.log(JSON.stringify({ version: appVersion(), node: process.versions.node, database }, null, 2));
    return 1;
  }

  const backend = await probeBackend(workerEntry('ml-worker'));
  // With --backend the benchmark runs on that backend; the machine's own pick is reported apart.
  if (flags.backend) {
    say(`ML backend: ${flags.backend} (forced with --backend)`);
    say(`Machine's own choice: ${backend.name} (${backend.detail})`);
  } else {
    say(`ML backend: ${backend.name} (${backend.detail})`);
  }
  for (const s of backend.skipped) say(`  skipped ${s}`);

  // The benchmark job writes, so it runs in the Montage already running for this data folder (over
  // its WebSocket API), or in a host of doctor's own when none runs (host-session.ts).
  let host: StudioSession;
  try {
    host = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'run the benchmark');
  } catch (err) {
    if (!(err instanceof CliRefusal)) throw err;
    console.error(`montage: ${err.message}`);
    return 1;
  }
  say(`Data folder: ${host.dataDir}${host.kind === 'running' ? ' (benchmark run by the Montage already running there)' : ''}`);
  try {
    const job = (await host.call('benchmarks', 'start', { ...(flags.steps ? { steps: flags.steps } : {}), ...(flags.backend ? { backend: flags.backend } : {}) })) as Job;
    const done = await new Promise<Job>((resolve) => {
      const off = host.on('onJobChanged', (j) => {
        if (j.id !== job.id) return;
        if (!flags.json && process.stdout.isTTY) process.stdout.write(`\r  ${Math.round(j.progress * 100)}% ${j.progressText}`.padEnd(70));
        if (isFinished(j.status)) {
          off();
          resolve(j);
        }
      });
    });
    if (!flags.json && process.stdout.isTTY) process.stdout.write('\n');
    const run = done.status === 'succeeded' ? ((await host.call('benchmarks', 'getRun', { id: String(done.result?.runId) })) as BenchmarkRun) : undefined;
    if (run) {
      say(`Benchmark: ${run.stepsPerSec.toFixed(2)} steps/s · ${run.sequencesPerSec.toFixed(1)} sequences/s on ${run.backend} · loss ${run.initialLoss.toFixed(3)} → ${run.finalLoss.toFixed(3)}`);
    } else {
      say(`Benchmark ${done.status}${flags.backend ? ` on ${flags.backend} (forced with --backend)` : ''}: ${done.error?.message ?? done.progressText}`);
    }
    const electron = findElectron();
    const chromium = findChromium();
    const gpu = findGpuPackages();
    say(`${mark(electron.found)}Electron: ${electron.detail}`);
    say(`${mark(chromium.found)}Chromium: ${chromium.detail}`);
    for (const g of gpu) say(`${mark(g.found)}GPU/native ML: ${g.detail}`);
    if (flags.json) {
      console.log(JSON.stringify({ version: appVersion(), node: process.versions.node, database, forcedBackend: flags.backend ?? null, backend, benchmark: run ?? null, job: done, electron, chromium, gpu }, null, 2));
    }
    return run ? 0 : 1;
  } finally {
    host.close();
  }
}
