// System service contract: what this machine and this install can do, for the status bar and
// `montage doctor`.
import { z } from 'zod';

export interface BackendReport {
  /** The backend the worker picked, e.g. "wasm". */
  name: string;
  /** Why the better ones were not used, e.g. "tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed". */
  skipped: string[];
  /** Extra facts: SIMD, threads, GPU adapter. */
  detail: string;
  tfjsVersion: string;
}

export interface SystemInfo {
  appVersion: string;
  shell: 'electron' | 'serve' | 'cli';
  platform: string;
  arch: string;
  nodeVersion: string;
  cpus: number;
  dataDir: string;
  /** Null until the first worker has reported (a probe runs at host start). */
  mlBackend: BackendReport | null;
}

export const systemArgs = {
  info: z.object({}).strict(),
};

export interface SystemService {
  info(args: z.input<typeof systemArgs.info>): Promise<SystemInfo>;
}
