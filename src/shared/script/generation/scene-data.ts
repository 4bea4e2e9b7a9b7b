// From screenplays (Fountain text) to the scene drafter's training data: outline chunks (a few
// consecutive scenes each, for the next-scene model) and draft scenes (one scene each, for the
// draft model), split into training and held-out parts with a seed, and cut into fixed windows of
// word ids for the engine. Pure: the training task, evaluation and tests share it.
import { createRng } from '../../random';
import { parseFountain } from '../fountain-parse';
import { draftTokens, outlineTokens, sceneExamples, Vocabulary, type SceneExample } from './scene-tokens';

/** Scenes per outline chunk, and how far the next chunk starts. */
export const outlineChunkScenes = 4;
const outlineChunkStride = 2;

export interface SceneUnits {
  /** Outline chunks as tokens (each from `<bos>` to its closing `<scene>`). */
  outline: string[][];
  /** Draft scenes as tokens (each from `<bos>` to `<end>`). */
  draft: string[][];
  /** Scenes read, scripts read and scripts that had none. */
  scenes: number;
  scripts: number;
  empty: number;
}

/** The scenes of each script (scripts without scenes give an empty list). */
export function scriptScenes(fountains: readonly string[]): SceneExample[][] {
  return fountains.map((f) => sceneExamples(parseFountain(f)));
}

/** Outline chunks and draft scenes of scripts' scenes. */
export function sceneUnits(scripts: readonly (readonly SceneExample[])[]): SceneUnits {
  const outline: string[][] = [];
  const draft: string[][] = [];
  let scenes = 0;
  let empty = 0;
  for (const s of scripts) {
    if (s.length === 0) {
      empty++;
      continue;
    }
    scenes += s.length;
    // Chunks that start at the first scene teach how a script opens; later ones the middle.
    for (let start = 0; start < s.length; start += outlineChunkStride) {
      outline.push(outlineTokens(s.slice(start, start + outlineChunkScenes)).tokens);
      if (start + outlineChunkScenes >= s.length) break;
    }
    for (const scene of s) if (scene.body.length > 0 || scene.beat !== '') draft.push(draftTokens(scene));
  }
  return { outline, draft, scenes, scripts: scripts.length, empty };
}

/**
 * A seeded split: with five scripts or more whole scripts are held out (the honest measure: scenes
 * of scripts the model never saw); with fewer, scenes and chunks are drawn at random.
 */
export function splitScripts<T>(scripts: readonly T[], fraction: number, seed: number): { train: T[]; heldOut: T[] } {
  const order = scripts.map((_, i) => i);
  const rng = createRng((Math.imul(seed, 0x2545f491) ^ 0x3c6ef372) >>> 0);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const n = order.length < 2 ? 0 : Math.min(order.length - 1, Math.max(1, Math.round(order.length * fraction)));
  const held = new Set(order.slice(0, n));
  return { train: scripts.filter((_, i) => !held.has(i)), heldOut: scripts.filter((_, i) => held.has(i)) };
}

export interface SceneSplit {
  train: SceneUnits;
  heldOut: SceneUnits;
  /** How the split was made, for the data summary. */
  by: 'scripts' | 'units';
}

export function splitSceneData(scripts: readonly (readonly SceneExample[])[], fraction: number, seed: number): SceneSplit {
  const useful = scripts.filter((s) => s.length > 0);
  if (useful.length >= 5) {
    const { train, heldOut } = splitScripts(useful, fraction, seed);
    return { train: sceneUnits(train), heldOut: sceneUnits(heldOut), by: 'scripts' };
  }
  const all = sceneUnits(scripts);
  const o = splitScripts(all.outline, fraction, seed);
  const d = splitScripts(all.draft, fraction, seed + 1);
  const part = (outline: string[][], draft: string[][]): SceneUnits => ({ outline, draft, scenes: all.scenes, scripts: all.scripts, empty: all.empty });
  return { train: part(o.train, d.train), heldOut: part(o.heldOut, d.heldOut), by: 'units' };
}

/**
 * Units one after another as one stream of ids, cut into windows of `length + 1` tokens starting
 * every `stride` tokens (the last window may reach back to fit). Returns the windows one after
 * another, and how many.
 */
export function windowsOf(units: readonly (readonly string[])[], vocabulary: Vocabulary, length: number, stride: number): { tokens: Int32Array; count: number } {
  const stream = vocabulary.encode(units.flat());
  const w = length + 1;
  if (stream.length === 0) return { tokens: new Int32Array(0), count: 0 };
  if (stream.length < w) {
    // Too short for one window: repeat the stream (a tiny corpus still trains).
    const padded = new Int32Array(w);
    for (let i = 0; i < w; i++) padded[i] = stream[i % stream.length] as number;
    return { tokens: padded, count: 1 };
  }
  const starts: number[] = [];
  for (let s = 0; s + w <= stream.length; s += stride) starts.push(s);
  if (starts[starts.length - 1]! + w < stream.length) starts.push(stream.length - w);
  const tokens = new Int32Array(starts.length * w);
  starts.forEach((s, k) => tokens.set(stream.subarray(s, s + w), k * w));
  return { tokens, count: starts.length };
}

/** Words of units (for distinct-n and vocabulary coverage). */
export function buildVocabularies(train: SceneUnits, maxOutline: number, maxDraft: number): { outline: Vocabulary; draft: Vocabulary } {
  return { outline: Vocabulary.build(train.outline, maxOutline), draft: Vocabulary.build(train.draft, maxDraft) };
}
