// A scene model on disk: one folder the host's registry keeps like a music model's.
//
//   model.json, weights-….bin  both language models' weights in the engine's checkpoint format,
//                              named `outline/<variable>` and `draft/<variable>` (no optimizer state)
//   scene-model.json           this file's descriptor: each model's config, vocabulary (the words in
//                              id order), window and held-out figures
//   scene-heldout.json         held-out token units for `montage eval scenes` (optional)
//   music-model.json           the registry's manifest (kind 'scenes'), written last
//
// loadSceneModel needs model.json, its weights and scene-model.json.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Vocabulary } from '../../shared/script/generation/scene-tokens';
import { readCheckpoint, writeCheckpoint } from '../engine/training/checkpoint';
import { writeAtomically } from '../engine/training/atomic-write';
import { checkSceneLmConfig, SceneLm, type SceneLmConfig, type SceneLmMetrics } from './scene-lm';

export const sceneModelFile = 'scene-model.json';
export const sceneHeldOutFile = 'scene-heldout.json';
export const sceneModelFormat = 'montage-scene-model';
export const sceneModelVersion = 1;

export interface SceneLmPart {
  config: SceneLmConfig;
  /** Words in id order. */
  vocabulary: string[];
  /** Tokens per training window. */
  window: number;
  /** Training steps run. */
  steps: number;
  /** Held-out teacher-forced figures at the end. */
  metrics?: SceneLmMetrics;
}

export interface SceneModelDescriptor {
  format: typeof sceneModelFormat;
  version: number;
  outline: SceneLmPart;
  draft: SceneLmPart;
}

/** Held-out units (tokens as words) kept with a model for evaluation. */
export interface SceneHeldOut {
  outline: string[][];
  draft: string[][];
}

export interface LoadedSceneModel {
  outline: SceneLm;
  draft: SceneLm;
  outlineVocabulary: Vocabulary;
  draftVocabulary: Vocabulary;
  descriptor: SceneModelDescriptor;
  dispose(): void;
}

export async function readSceneDescriptor(directory: string): Promise<SceneModelDescriptor> {
  const file = join(directory, sceneModelFile);
  const d = JSON.parse(await readFile(file, 'utf8')) as SceneModelDescriptor;
  if (d?.format !== sceneModelFormat || typeof d.outline !== 'object' || typeof d.draft !== 'object') throw new Error(`${sceneModelFile} is not a Montage scene model.`);
  if (d.version > sceneModelVersion) throw new Error(`${sceneModelFile} is of a newer Montage (version ${d.version}).`);
  for (const part of [d.outline, d.draft]) {
    checkSceneLmConfig(part.config);
    if (!Array.isArray(part.vocabulary) || part.vocabulary.length !== part.config.vocabulary) throw new Error(`${sceneModelFile}: a vocabulary does not match its model's size.`);
  }
  return d;
}

/** Writes both models' weights (model.json + weights) and scene-model.json into a folder. */
export async function saveSceneModel(directory: string, models: { outline: SceneLm; draft: SceneLm }, descriptor: Omit<SceneModelDescriptor, 'format' | 'version'>, heldOut?: SceneHeldOut): Promise<SceneModelDescriptor> {
  await rm(join(directory, sceneModelFile), { force: true });
  const tensors: tf.NamedTensorMap = {};
  for (const [name, v] of Object.entries(models.outline.variables)) tensors[`outline/${name}`] = v;
  for (const [name, v] of Object.entries(models.draft.variables)) tensors[`draft/${name}`] = v;
  await writeCheckpoint(directory, { step: descriptor.draft.steps, tensors, metadata: { sceneModel: sceneModelFormat } });
  if (heldOut) await writeAtomically(join(directory, sceneHeldOutFile), JSON.stringify(heldOut));
  const full: SceneModelDescriptor = { format: sceneModelFormat, version: sceneModelVersion, ...descriptor };
  await writeAtomically(join(directory, sceneModelFile), `${JSON.stringify(full)}\n`);
  return full;
}

/** Loads a scene model folder; the caller disposes it. */
export async function loadSceneModel(directory: string): Promise<LoadedSceneModel> {
  const descriptor = await readSceneDescriptor(directory);
  const contents = await readCheckpoint(directory);
  if (!contents) throw new Error(`There is no model.json in ${directory}.`);
  const outline = new SceneLm(descriptor.outline.config);
  const draft = new SceneLm(descriptor.draft.config);
  try {
    for (const [prefix, model] of [
      ['outline', outline],
      ['draft', draft],
    ] as const) {
      for (const [name, v] of Object.entries(model.variables)) {
        const t = contents.tensors[`${prefix}/${name}`];
        if (!t || !tf.util.arraysEqual(t.shape, v.shape)) throw new Error(`model.json has no weights of shape [${v.shape.join(', ')}] for "${prefix}/${name}".`);
        v.assign(t);
      }
    }
  } catch (err) {
    outline.dispose();
    draft.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(contents.tensors));
  }
  return {
    outline,
    draft,
    outlineVocabulary: new Vocabulary(descriptor.outline.vocabulary),
    draftVocabulary: new Vocabulary(descriptor.draft.vocabulary),
    descriptor,
    dispose() {
      outline.dispose();
      draft.dispose();
    },
  };
}

export async function readSceneHeldOut(directory: string): Promise<SceneHeldOut | null> {
  try {
    const h = JSON.parse(await readFile(join(directory, sceneHeldOutFile), 'utf8')) as SceneHeldOut;
    return Array.isArray(h.outline) && Array.isArray(h.draft) ? h : null;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
}
