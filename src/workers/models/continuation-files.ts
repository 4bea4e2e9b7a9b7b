// A music model's continuation companion on disk (continuation-lstm.ts), beside the VAE in the same
// model folder as two flat files, so the host's registry copies it with the folder (a shipped
// model is copied file by file): continuation.bin (every weight as float32, in the order the JSON
// lists them) and continuation.json (format, config, metrics, data, training steps and the weights'
// names and shapes), written last: a folder with continuation.json has a finished companion.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { checkContinuationConfig, ContinuationLstm, type ContinuationConfig, type ContinuationMetrics } from './continuation-lstm';
import { writeAtomically } from '../engine/training/atomic-write';

export const continuationManifestFile = 'continuation.json';
export const continuationWeightsFile = 'continuation.bin';
export const continuationFormat = 'montage-continuation-lstm';
export const continuationVersion = 1;

export interface ContinuationManifest {
  format: typeof continuationFormat;
  version: number;
  config: ContinuationConfig;
  /** Training steps (batches) run. */
  steps: number;
  /** Steps per training window. */
  windowSteps: number;
  /** Held-out figures at the end (teacher-forced next token). */
  metrics: ContinuationMetrics;
  /** Training and held-out windows. */
  examples: number;
  heldOut: number;
  /** Where the windows came from (a corpus file's name, or "the job's examples"). */
  source?: string;
  weights: { name: string; shape: number[] }[];
}

/** Saves the companion into a model folder (weights first, continuation.json last). */
export async function saveContinuation(model: ContinuationLstm, directory: string, info: Omit<ContinuationManifest, 'format' | 'version' | 'config' | 'weights'>): Promise<ContinuationManifest> {
  const names = Object.keys(model.variables).sort();
  const parts: Float32Array[] = [];
  const weights: ContinuationManifest['weights'] = [];
  for (const name of names) {
    const v = model.variables[name] as tf.Variable;
    parts.push((await v.data()) as Float32Array);
    weights.push({ name, shape: [...v.shape] });
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  await rm(join(directory, continuationManifestFile), { force: true });
  await writeAtomically(join(directory, continuationWeightsFile), new Uint8Array(all.buffer));
  const manifest: ContinuationManifest = { format: continuationFormat, version: continuationVersion, config: { ...model.config }, ...info, weights };
  await writeAtomically(join(directory, continuationManifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The companion's manifest in a model folder, or null when it has none. */
export async function readContinuationManifest(directory: string): Promise<ContinuationManifest | null> {
  let text: string;
  try {
    text = await readFile(join(directory, continuationManifestFile), 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
  const manifest = JSON.parse(text) as ContinuationManifest;
  if (manifest?.format !== continuationFormat || !Array.isArray(manifest.weights) || typeof manifest.config !== 'object') {
    throw new Error(`${join(directory, continuationManifestFile)} is not a Montage continuation model.`);
  }
  if (manifest.version > continuationVersion) throw new Error(`${join(directory, continuationManifestFile)} is of a newer Montage (version ${manifest.version}).`);
  return manifest;
}

/** Loads the companion of a model folder; null when the folder has none. The caller disposes it. */
export async function loadContinuation(directory: string): Promise<{ model: ContinuationLstm; manifest: ContinuationManifest } | null> {
  const manifest = await readContinuationManifest(directory);
  if (!manifest) return null;
  const bytes = await readFile(join(directory, continuationWeightsFile));
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const model = new ContinuationLstm(checkContinuationConfig(manifest.config));
  try {
    const expected = new Set(Object.keys(model.variables));
    let offset = 0;
    for (const { name, shape } of manifest.weights) {
      const v = model.variables[name];
      const size = shape.reduce((a, b) => a * b, 1);
      if (!v || v.shape.join('x') !== shape.join('x')) throw new Error(`${continuationManifestFile} lists a weight ${name} [${shape.join(', ')}] the model does not have.`);
      if (offset + size > values.length) throw new Error(`${continuationWeightsFile} is too short.`);
      const t = tf.tensor(values.subarray(offset, offset + size), shape);
      v.assign(t);
      t.dispose();
      offset += size;
      expected.delete(name);
    }
    if (expected.size > 0) throw new Error(`${continuationManifestFile} lacks the weights ${[...expected].join(', ')}.`);
    if (offset !== values.length) throw new Error(`${continuationWeightsFile} holds ${values.length} values where ${offset} are listed.`);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, manifest };
}
