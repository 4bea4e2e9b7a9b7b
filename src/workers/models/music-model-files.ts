// A trained music VAE on disk, in the model-folder form of shared/models/manifest.ts (which the
// host's model registry checks): the engine checkpoint (model.json + one weights file, see
// engine/training/checkpoint.ts; a training run's checkpoint also holds the optimizer's moments,
// which loading ignores) and music-model.json — configuration name and full config, kind,
// vocabulary, steps, metrics, curve. music-model.json is written last, so a folder with one is a
// finished model, and the folder alone is enough to load it.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  maxCurvePoints,
  musicModelFormat,
  musicModelManifest as manifestSchema,
  musicModelManifestFile,
  musicModelVersion,
  type ModelCurve,
  type ModelDataSummary,
  type ModelMetrics,
  type MusicModelManifest,
} from '../../shared/models/manifest';
import { writeAtomically } from '../engine/training/atomic-write';
import { readCheckpoint, writeCheckpoint } from '../engine/training/checkpoint';
import { restoreModel } from '../engine/training/training-loop';
import { checkMusicVaeConfig, MusicVae, type MusicVaeConfig } from './music-vae';

export { musicModelManifestFile };

export interface MusicModelInfo {
  /** The named configuration ("melody-2bar"), or a description of a custom one. */
  configName: string;
  /** Steps trained (also in the checkpoint, which is authoritative). */
  stepsTrained: number;
  metrics?: ModelMetrics;
  curve?: ModelCurve;
  data?: ModelDataSummary;
}

/** The manifest of a model: the shared schema's fields, plus stepsTrained and the melody range inside config. */
export function musicModelManifest(config: MusicVaeConfig, info: MusicModelInfo): MusicModelManifest & { stepsTrained: number } {
  return {
    format: musicModelFormat,
    version: musicModelVersion,
    kind: config.representation,
    configName: info.configName,
    config: { ...config },
    vocabulary: config.vocabulary,
    steps: config.steps,
    metrics: info.metrics ?? {},
    ...(info.data ? { data: info.data } : {}),
    ...(info.curve ? { curve: info.curve } : {}),
    stepsTrained: info.stepsTrained,
  };
}

/** At most maxCurvePoints evenly spaced points of per-step series (the last step always kept). */
export function thinCurve(losses: readonly number[], kl: readonly number[], accuracy: readonly number[], firstStep = 1): ModelCurve {
  const n = losses.length;
  const keep = n <= maxCurvePoints ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: maxCurvePoints }, (_, i) => Math.round((i * (n - 1)) / (maxCurvePoints - 1)));
  const full = (xs: readonly number[]): boolean => xs.length === n && xs.every(Number.isFinite);
  return {
    steps: keep.map((i) => i + firstStep),
    loss: keep.map((i) => losses[i] as number),
    kl: full(kl) ? keep.map((i) => kl[i] as number) : [],
    accuracy: full(accuracy) ? keep.map((i) => accuracy[i] as number) : [],
  };
}

/** Writes music-model.json into the directory (temp file, fsync, rename). */
export async function writeMusicModelManifest(directory: string, manifest: MusicModelManifest): Promise<void> {
  await writeAtomically(join(directory, musicModelManifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Removes music-model.json (a folder being trained again is not a finished model). */
export async function removeMusicModelManifest(directory: string): Promise<void> {
  await rm(join(directory, musicModelManifestFile), { force: true });
}

/** The manifest in a directory, checked against the shared schema; null when there is none. */
export async function readMusicModelManifest(directory: string): Promise<MusicModelManifest | null> {
  let text: string;
  try {
    text = await readFile(join(directory, musicModelManifestFile), 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${join(directory, musicModelManifestFile)} is not a Montage music model (${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

/** Saves the model's weights (no optimizer state), then its manifest, into the directory. */
export async function saveMusicVae(model: MusicVae, directory: string, info: MusicModelInfo): Promise<void> {
  const tensors: tf.NamedTensorMap = {};
  for (const [name, v] of Object.entries(model.variables)) tensors[`model/${name}`] = v;
  await writeCheckpoint(directory, { step: info.stepsTrained, tensors, metadata: { musicModel: info.configName, config: model.config } });
  await writeMusicModelManifest(directory, musicModelManifest(model.config, info));
}

export interface LoadedMusicVae {
  model: MusicVae;
  manifest: MusicModelManifest;
  /** Steps the checkpoint was trained for. */
  step: number;
}

/** Loads a model from its folder (manifest + checkpoint); the caller disposes the model. */
export async function loadMusicVae(directory: string): Promise<LoadedMusicVae> {
  const manifest = await readMusicModelManifest(directory);
  if (!manifest) throw new Error(`${directory} holds no finished music model (no ${musicModelManifestFile}).`);
  const config = checkMusicVaeConfig(manifest.config as unknown as MusicVaeConfig);
  const checkpoint = await readCheckpoint(directory);
  if (!checkpoint) throw new Error(`${directory} holds no weights (no model.json).`);
  let model: MusicVae | null = null;
  try {
    model = new MusicVae(config);
    restoreModel(model.variables, checkpoint.tensors);
  } catch (err) {
    model?.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(checkpoint.tensors));
  }
  return { model, manifest, step: checkpoint.step };
}
