// Checkpoints in the tfjs weights format: a model.json whose weightsManifest names one binary
// weights file, so tf.io.loadWeights / tf.io.fromMemory, tfjs-node and browsers read them too. A
// checkpoint holds named tensors (model weights, optimizer moments) plus JSON metadata (step,
// loss history, early-stopping state …).
//
// Crash safety: each save writes a new weights-<step>.bin (temp file, fsync, rename), then
// replaces model.json the same way. model.json is the commit point: a cancel or kill at any
// moment leaves it naming a complete weights file, i.e. the previous checkpoint or the new one.
// Weights files no longer named are removed afterwards. The directory is the caller's (the host
// decides where data lives); this module never picks a location.
import * as tf from '@tensorflow/tfjs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from './atomic-write';

export const checkpointFormat = 'montage-checkpoint/1';

export interface CheckpointContents {
  step: number;
  tensors: tf.NamedTensorMap;
  metadata: Record<string, unknown>;
}

interface CheckpointJson {
  format: string;
  generatedBy: string;
  convertedBy: null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata: { step: number } & Record<string, unknown>;
}

/** Writes a checkpoint into `directory` (created if missing), replacing the previous one atomically. */
export async function writeCheckpoint(directory: string, contents: CheckpointContents): Promise<void> {
  await mkdir(directory, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(contents.tensors);
  const weightsFile = `weights-${String(contents.step).padStart(8, '0')}.bin`;
  await writeAtomically(join(directory, weightsFile), new Uint8Array(data as ArrayBuffer));
  const json: CheckpointJson = {
    format: checkpointFormat,
    generatedBy: `Montage training engine, TensorFlow.js ${tf.version.tfjs}`,
    convertedBy: null,
    weightsManifest: [{ paths: [weightsFile], weights: specs }],
    userDefinedMetadata: { ...contents.metadata, step: contents.step },
  };
  await writeAtomically(join(directory, 'model.json'), JSON.stringify(json));
  for (const name of await readdir(directory)) {
    if ((name.startsWith('weights-') && name !== weightsFile) || name.endsWith('.tmp')) await rm(join(directory, name), { force: true });
  }
}

/** Reads the checkpoint in `directory`, or null when there is none. The caller owns the tensors. */
export async function readCheckpoint(directory: string): Promise<CheckpointContents | null> {
  let text: string;
  try {
    text = await readFile(join(directory, 'model.json'), 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
  const json = JSON.parse(text) as CheckpointJson;
  if (json.format !== checkpointFormat) throw new Error(`${join(directory, 'model.json')} is not a Montage checkpoint (format "${json.format}").`);
  const group = json.weightsManifest[0];
  if (!group || group.paths.length !== 1) throw new Error('A Montage checkpoint names exactly one weights file.');
  const bytes = await readFile(join(directory, group.paths[0] as string));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const tensors = tf.io.decodeWeights(buffer, group.weights);
  const { step, ...metadata } = json.userDefinedMetadata;
  return { step, tensors, metadata };
}
