// Runs @vladmandic/human's object detector (CenterNet, 80 COCO classes) on the tfjs instance of
// this process. Its Node/wasm build (dist/human.node-wasm.js) requires @tensorflow/tfjs-core,
// -converter and -backend-wasm as packages, the very modules @tensorflow/tfjs loads here, so it
// shares our engine and backend: it is told to use whichever backend selectBackend chose
// (src/workers/backend), and its wasm path points at the installed package, never its CDN default.
//
// Its model loader fetches `modelBasePath` URLs, and Node's fetch has no file:// support, so
// while the model loads `fetch` is replaced by one that serves files from the package's models
// folder and refuses everything else: the detector never touches the network. Its own caches
// (skipping frames that look alike, for video) are off: every image is detected afresh.
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StudioError } from '../../shared/api/errors';
import { humanFiles, requireFile, wasmBinariesDir } from './model-files';

/** What Montage uses of Human's result for one object (boxRaw: x, y, width, height in 0…1 of the input). */
export interface HumanObject {
  score: number;
  label: string;
  boxRaw: [number, number, number, number];
}

interface HumanGraphModel {
  dispose(): void;
}

export interface HumanDetector {
  load(): Promise<void>;
  detect(input: tf.Tensor, config?: Record<string, unknown>): Promise<{ object: HumanObject[]; error?: string | null }>;
  models: { models: Record<string, HumanGraphModel | null>; loaded(): string[]; reset(): void };
}

type HumanConstructor = new (config: Record<string, unknown>) => HumanDetector;

/** The lowest score the detector reports; requests filter higher. */
export const detectorScoreFloor = 0.05;

function humanConfig(models: string): Record<string, unknown> {
  const off = { enabled: false };
  return {
    backend: tf.getBackend(),
    wasmPath: wasmBinariesDir(),
    modelBasePath: pathToFileURL(models + '/').href,
    debug: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: off,
    face: off,
    body: off,
    hand: off,
    gesture: off,
    segmentation: off,
    // No suppression across classes (iouThreshold 1): coco-detector.ts suppresses per class.
    object: { enabled: true, modelPath: 'centernet.json', minConfidence: detectorScoreFloor, iouThreshold: 1, maxDetected: 100, skipFrames: 0, skipTime: 0 },
  };
}

/** Runs `load` with a fetch that serves file:// URLs inside `root` only. */
async function withDiskFetch<T>(root: string, load: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) throw new Error(`Montage loads the object detector from disk only; it was asked for ${url}.`);
    const path = fileURLToPath(url);
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${path} is outside the detector's model folder.`);
    return new Response(await readFile(path), { status: 200 });
  }) as typeof fetch;
  try {
    return await load();
  } finally {
    globalThis.fetch = original;
  }
}

/** Loads the detector from the installed package; throws StudioError 'unavailable' with the reason. */
export async function loadHumanDetector(): Promise<HumanDetector> {
  const files = humanFiles();
  const module = requireFile<{ Human?: HumanConstructor }>(files.library);
  if (typeof module.Human !== 'function') throw new StudioError('unavailable', `The object detector cannot load: ${files.library} exports no Human class.`);
  const human = new module.Human(humanConfig(files.models));
  // Human logs a failed model load and carries on without it, so the outcome is checked here.
  const logged: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  try {
    await withDiskFetch(files.models, () => human.load());
  } finally {
    console.log = log;
  }
  if (!human.models.models.centernet) {
    const why = logged.find((l) => /error/i.test(l)) ?? 'no reason given';
    throw new StudioError('unavailable', `The object detector could not load ${files.detector}: ${why}.`);
  }
  return human;
}

/** Frees the detector's weights. */
export function disposeHumanDetector(human: HumanDetector): void {
  for (const model of Object.values(human.models.models)) model?.dispose();
  human.models.reset();
}
