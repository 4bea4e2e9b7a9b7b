// `montage doctor`: what this machine offers Montage — versions, the ML backend a worker picks, a
// short real benchmark job (stored like the one the UI runs), and the optional pieces found.
import { isFinished, type Job, type MlBackendName } from '../shared/api';
import { findChromium, findElectron, findGpuPackages, tfjsVersion } from '../main/environment-checks';
import { appVersion, createHost } from '../main/host';
import { probeBackend } from '../main/jobs/probe-backend';
import { defaultDataDir, workerEntry } from '../main/paths';

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
  const backend = await probeBackend(workerEntry('ml-worker'));
  say(`ML backend: ${backend.name} (${backend.detail})`);
  for (const s of backend.skipped) say(`  skipped ${s}`);

  const host = createHost({ dataDir: flags.dataDir ?? defaultDataDir(), shell: 'cli', probe: false });
  say(`Data folder: ${host.paths.root}`);
  try {
    const job = await host.api.benchmarks.start({ ...(flags.steps ? { steps: flags.steps } : {}), ...(flags.backend ? { backend: flags.backend } : {}) });
    const done = await new Promise<Job>((resolve) => {
      const off = host.bus.on('onJobChanged', (j) => {
        if (j.id !== job.id) return;
        if (!flags.json && process.stdout.isTTY) process.stdout.write(`\r  ${Math.round(j.progress * 100)}% ${j.progressText}`.padEnd(70));
        if (isFinished(j.status)) {
          off();
          resolve(j);
        }
      });
    });
    if (!flags.json && process.stdout.isTTY) process.stdout.write('\n');
    const run = done.status === 'succeeded' ? await host.api.benchmarks.getRun({ id: String(done.result?.runId) }) : undefined;
    if (run) {
      say(`Benchmark: ${run.stepsPerSec.toFixed(2)} steps/s · ${run.sequencesPerSec.toFixed(1)} sequences/s on ${run.backend} · loss ${run.initialLoss.toFixed(3)} → ${run.finalLoss.toFixed(3)}`);
    } else {
      say(`Benchmark ${done.status}: ${done.error?.message ?? done.progressText}`);
    }
    const electron = findElectron();
    const chromium = findChromium();
    const gpu = findGpuPackages();
    say(`${mark(electron.found)}Electron: ${electron.detail}`);
    say(`${mark(chromium.found)}Chromium: ${chromium.detail}`);
    for (const g of gpu) say(`${mark(g.found)}GPU/native ML: ${g.detail}`);
    if (flags.json) {
      console.log(JSON.stringify({ version: appVersion(), node: process.versions.node, backend, benchmark: run ?? null, job: done, electron, chromium, gpu }, null, 2));
    }
    return run ? 0 : 1;
  } finally {
    host.close();
  }
}
