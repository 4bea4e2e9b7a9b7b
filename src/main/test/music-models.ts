// Tiny seeded music models for the tests of a real host: a MusicVAE saved as the trainer saves one,
// optionally with a trained continuation companion (or anything else) written beside it, then
// registered through host.models; and the host with real "music-vae" session processes they run in.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelInfo } from '../../shared/api';
import { defaultMelodyRange, drumCombinationCount, melodyVocabularySize, noEventToken, noteOnToken } from '../../shared/music/encoding';
import { selectBackend } from '../../workers/backend/select-backend';
import { saveMusicVae } from '../../workers/models/music-model-files';
import { createMusicVae } from '../../workers/models/music-vae';
import { quietTaskContext } from '../../workers/tasks/task-context';
import { trainContinuation } from '../../workers/tasks/train-continuation';
import { createHost, type Host } from '../host';
import { tempHome } from './temp-home';
import { buildWorkerEntry } from '../../../scripts/build-worker-entry';

type TinyConfig = 'melody-2bar' | 'drums-2bar';

/** The tiny MusicVAE's sizes (with a seed, createMusicVae's overrides). */
export const tinyVae = { encoderUnits: 8, decoderUnits: 16, latentSize: 4 } as const;

/**
 * Saves a tiny MusicVAE of `config` seeded with `seed` into a staging folder, lets `beside` write
 * more into that folder (a continuation companion, a latent GAN), and registers it (origin trained).
 */
export async function registerTinyMusicVae(
  host: Host,
  name: string,
  options: { config?: TinyConfig; seed?: number; beside?: (staging: string) => Promise<void> } = {},
): Promise<ModelInfo> {
  const config = options.config ?? 'melody-2bar';
  const model = createMusicVae(config, { ...tinyVae, seed: options.seed ?? 3 });
  const staging = host.models.stagingDir(name);
  try {
    await saveMusicVae(model, staging, { configName: config, stepsTrained: 0 });
  } finally {
    model.dispose();
  }
  await options.beside?.(staging);
  return host.models.register({ from: staging, mode: 'move', origin: 'trained', name });
}

/** `n` 2-bar windows of a riff (the `riff` pitches as quarter notes) or a beat (kick+hat, hat, snare+hat, hat in 8ths). */
export function riffWindows(kind: 'melody' | 'drums', n: number, riff: readonly number[]): Int32Array {
  const bar =
    kind === 'melody'
      ? riff.flatMap((p) => [noteOnToken(p), noEventToken, noEventToken, noEventToken])
      : Array.from({ length: 16 }, (_, s) => (s % 8 === 0 ? 1 | 4 : s % 8 === 4 ? 2 | 4 : s % 2 === 0 ? 4 : 0));
  return Int32Array.from({ length: n * 32 }, (_, i) => bar[i % 16] as number);
}

/** Trains a tiny continuation companion into `staging` on 10 riff windows (8 to train on, 2 held out). */
export async function trainTinyContinuation(
  staging: string,
  config: TinyConfig,
  options: { riff: readonly number[]; hiddenUnits: number; seed: number; learningRate: number; steps: number; evalEvery: number },
): Promise<void> {
  const kind = config === 'drums-2bar' ? 'drums' : 'melody';
  const data = riffWindows(kind, 10, options.riff);
  await trainContinuation({
    config: {
      representation: kind,
      vocabulary: kind === 'drums' ? drumCombinationCount : melodyVocabularySize(defaultMelodyRange),
      hiddenUnits: options.hiddenUnits,
      seed: options.seed,
      learningRate: options.learningRate,
    },
    train: data.subarray(0, 8 * 32),
    heldOut: data.subarray(8 * 32),
    windowSteps: 32,
    steps: options.steps,
    batchSize: 8,
    evalEvery: options.evalEvery,
    patience: 5,
    outDir: staging,
    context: quietTaskContext(),
  });
}

/** Where the model-session program is built for a test (dist/workers/model-session.js by default). */
export const sessionEntryPath = (...under: string[]): string =>
  join(fileURLToPath(new URL('../../..', import.meta.url)), 'dist', ...(under.length > 0 ? under : ['workers', 'model-session.js']));

/**
 * Builds the model-session program at `entry`, picks the tfjs `backend` the test's own models are
 * built on, and starts a host on a temp home whose sessions run that program (no shipped models).
 */
export async function startSessionHost(entry: string, backend: 'cpu' | 'wasm'): Promise<{ home: ReturnType<typeof tempHome>; host: Host }> {
  await buildWorkerEntry('src/workers/session/model-session.ts', entry);
  await selectBackend({ force: backend });
  const home = tempHome();
  const host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null, sessionWorkerEntry: entry });
  return { home, host };
}
