// Implements SystemService. The ML backend is whatever the newest worker reported; a probe worker
// runs at host start so the status bar knows it before the first job.
import { cpus } from 'node:os';
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
        cpus: cpus().length,
        dataDir: opts.dataDir,
        mlBackend: backend,
      };
    },
  };
}
