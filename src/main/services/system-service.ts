// Implements SystemService. The ML backend is whatever the newest worker reported; a probe worker
// runs at host start so the status bar knows it before the first job.
import { availableParallelism } from 'node:os';
import type { BackendReport, SystemInfo, SystemService } from '../../shared/api';
import type { EventBus } from './event-bus';

export interface SystemServiceOptions {
  appVersion: string;
  shell: SystemInfo['shell'];
  dataDir: string;
  bus: EventBus;
}

export function createSystemService(opts: SystemServiceOptions): SystemService & { backend(): BackendReport | null } {
  let backend: BackendReport | null = null;
  opts.bus.on('onBackendChanged', (report) => {
    backend = report;
  });
  return {
    backend: () => backend,
    async info() {
      return {
        appVersion: opts.appVersion,
        shell: opts.shell,
        platform: process.platform,
        arch: process.arch,
        nodeVersion: process.versions.node,
        // availableParallelism, not cpus().length: cpus() parses /proc/cpuinfo on every call, which
        // held system.info to ~6,600 calls/s under load.
        cpus: availableParallelism(),
        dataDir: opts.dataDir,
        mlBackend: backend,
      };
    },
  };
}
