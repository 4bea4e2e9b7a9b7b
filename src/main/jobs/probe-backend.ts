// Asks a short-lived worker which ML backend it would use, without creating a job: the status bar
// and `montage doctor` show it before any real work runs.
import type { BackendReport } from '../../shared/api';
import { describeWorkerDeath, startWorker } from './worker-process';

export function probeBackend(workerEntry: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000): Promise<BackendReport> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.kill('SIGKILL');
      fn();
    };
    const worker = startWorker(
      workerEntry,
      'probe',
      { task: 'probe' },
      {
        onMessage(m) {
          if (m.type === 'ready') settle(() => resolve(m.backend));
          else if (m.type === 'error') settle(() => reject(new Error(m.error.message)));
        },
        onExit(code, signal, tail) {
          settle(() => reject(new Error(describeWorkerDeath(code, signal, tail))));
        },
      },
      env,
    );
    const timer = setTimeout(() => settle(() => reject(new Error(`The ML worker did not report a backend within ${timeoutMs / 1000} s.`))), timeoutMs);
  });
}
