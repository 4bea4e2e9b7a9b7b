// Picks the tfjs backend a worker computes on: the first candidate that loads, initialises and
// passes a tiny smoke test, or the one an override forces. Every candidate passed over gets a
// human reason in the report ("tensorflow: @tensorflow/tfjs-node is not installed"), which
// `montage doctor` and the status bar show as is.
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { mlBackendNames, type MlBackendName } from '../../shared/api/benchmarks';
import type { BackendReport } from '../../shared/api/system';
import { backendCandidates, type BackendCandidate } from './backend-candidates';

export const backendOverrideEnv = 'MONTAGE_ML_BACKEND';

/** The requested backend cannot run; the message names it and says why. */
export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

export interface SelectBackendOptions {
  /** Use this backend or fail, instead of the best available. */
  force?: MlBackendName;
  /** Who forced it, for the error message, e.g. "MONTAGE_ML_BACKEND" or "the job". */
  forcedBy?: string;
  /** Defaults to backendCandidates; tests pass their own. */
  candidates?: readonly BackendCandidate[];
}

const isBackendName = (s: string): s is MlBackendName => (mlBackendNames as readonly string[]).includes(s);

/** The override in MONTAGE_ML_BACKEND, if any ("" and "auto" mean none). */
export function backendOverrideFromEnv(env: NodeJS.ProcessEnv = process.env): MlBackendName | undefined {
  const value = env[backendOverrideEnv]?.trim() ?? '';
  if (value === '' || value === 'auto') return undefined;
  if (isBackendName(value)) return value;
  throw new BackendUnavailableError(
    `${backendOverrideEnv} is "${value}", which is not an ML backend. Use one of ${mlBackendNames.join(', ')}, or leave it unset to pick the best available.`,
  );
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() ?? '';

/** Whether a package can be resolved from here (optional accelerators are often absent). */
export function isInstalled(packageName: string): boolean {
  try {
    createRequire(import.meta.url).resolve(packageName);
    return true;
  } catch (err) {
    // A package that exists but exports no CommonJS entry is still installed.
    return (err as { code?: unknown }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  }
}

/**
 * tf.setBackend reports a failed initialisation only as `false` plus console warnings, so the
 * warnings are captured to give the user the actual reason.
 */
async function setBackendCapturingWarnings(name: string): Promise<{ ok: boolean; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map((a) => firstLine(a)).join(' '));
  try {
    return { ok: await tf.setBackend(name), warnings };
  } catch (err) {
    warnings.push(firstLine(err));
    return { ok: false, warnings };
  } finally {
    console.warn = original;
  }
}

/**
 * tfjs's cpu backend prints "Hi, looks like you are running TensorFlow.js in Node.js… install our
 * node backend" on its first tensor whenever the IS_NODE flag is true (MathBackendCPU.write, gated
 * by its `firstUse` field; backend_util.warn stays quiet only in PROD or IS_TEST mode). The report's
 * `skipped` list already says why tfjs-node is not used, so the banner only adds noise to every
 * test run and CLI call. Clearing `firstUse` on the active backend silences exactly that banner:
 * PROD mode would also drop tfjs's debug checks, and IS_NODE=false would make tfjs misdetect the
 * platform (fetch, file IO).
 */
function silenceFirstUseAdvice(): void {
  const active = tf.backend() as { firstUse?: unknown };
  if (active.firstUse === true) active.firstUse = false;
}

/** Makes the candidate tfjs's active backend; returns why not, or null on success. */
async function activate(candidate: BackendCandidate): Promise<string | null> {
  const pkg = candidate.packageName;
  if (pkg && !isInstalled(pkg)) return `${pkg} is not installed`;
  try {
    const why = candidate.unavailable ? await candidate.unavailable() : null;
    if (why) return why;
  } catch (err) {
    return `could not be probed (${firstLine(err)})`;
  }
  try {
    await candidate.load();
  } catch (err) {
    return `${pkg ?? candidate.name} failed to load (${firstLine(err)})`;
  }
  if (!tf.findBackendFactory(candidate.tfjsBackend)) {
    return `${pkg ?? candidate.name} loaded but registered no "${candidate.tfjsBackend}" backend with this copy of tfjs (are its versions mismatched?)`;
  }
  const { ok, warnings } = await setBackendCapturingWarnings(candidate.tfjsBackend);
  const why = warnings.filter((w) => w !== '' && !w.startsWith('Initialization of backend')).join('; ');
  if (!ok) return `failed to initialise${why ? ` (${why})` : ''}`;
  silenceFirstUseAdvice();
  try {
    const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);
    if (sum !== 3) return `gave a wrong answer to a smoke test (1 + 2 = ${sum})`;
  } catch (err) {
    return `failed a smoke test (${firstLine(err)})`;
  }
  return null;
}

/**
 * Activates the best available backend (or the forced one) for every later tfjs call in this
 * process and describes the choice. Throws BackendUnavailableError when a forced backend cannot
 * run, or when none can.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendReport> {
  const all = options.candidates ?? backendCandidates;
  const { force } = options;
  const tried = force ? all.filter((c) => c.name === force) : all;
  if (force && tried.length === 0) throw new BackendUnavailableError(`The "${force}" ML backend is not one this worker knows.`);

  const skipped: string[] = [];
  for (const candidate of tried) {
    const reason = await activate(candidate);
    if (reason === null) {
      return { name: candidate.name, skipped, detail: await candidate.describe(), tfjsVersion: tf.version.tfjs };
    }
    if (force) {
      const by = options.forcedBy ? ` by ${options.forcedBy}` : '';
      const hint = candidate.packageName && reason.endsWith('is not installed') ? ` (it is an optional accelerator: \`npm install ${candidate.packageName}\` on a machine with internet access adds it)` : '';
      throw new BackendUnavailableError(`The "${force}" ML backend was requested${by} but cannot run: ${reason}${hint}.`);
    }
    skipped.push(`${candidate.name}: ${reason}`);
  }
  throw new BackendUnavailableError(`No ML backend could start. ${skipped.join('; ')}.`);
}
