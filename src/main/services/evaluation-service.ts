// Implements EvaluationService (src/shared/api/evaluation.ts): MGEval/MusPy/MuseGAN-style figures of
// a music model's generated set against a held-out real set.
//
// - The generated set comes from the generation service's `generate` (what a user gets: today the
//   VAE's prior; a latent model later), in requests of at most 32, seeded from the evaluation's seed.
// - The held-out set is the model folder's heldout.bin (a corpus file the trainer writes from the
//   seeded split the model never trained on; the shipped models carry one), or the examples the
//   caller gives (`reference`, e.g. MIDI files the CLI extracted with the training pipeline).
// - Reconstruction: the held-out sequences are encoded by the model's session (μ of q(z | x)) and
//   decoded at temperature 0; the figure is the share of steps decoded as they were. The service
//   opens its own handle on the model's session (equal specs share one warm process) and gives it
//   back when done.
// - Attributes: `generate` is asked for keys (melodies) and densities, and the figures the
//   variations reached are averaged; this follows whatever conditioning `generate` does.
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  StudioError,
  generationPpq,
  keyTarget,
  maxVariations,
  type DensityAccuracy,
  type EvaluationService,
  type GeneratedClip,
  type GenerationKey,
  type GenerationService,
  type KeyAccuracy,
  type ModelInfo,
  type MusicEvaluation,
} from '../../shared/api';
import { decodeCorpusFile } from '../../shared/music/corpus/corpus-file';
import { defaultMelodyRange, melodyVocabularySize, type MelodyRange } from '../../shared/music/encoding/melody';
import { stepNotesOf } from '../../shared/music/encoding/metrics';
import { compareNoteSets, heldOutFileName, noteExamplesOfTokens, type NoteExample } from '../../shared/music/encoding/evaluate-set';
import { isMusicModelKind } from '../../shared/models/manifest';
import { pitchClassNames } from '../../shared/music/note-sequence';
import type { SessionManager } from '../sessions';
import type { HostModelsService } from './models-service';

export interface EvaluationServiceDeps {
  models: HostModelsService;
  sessions: SessionManager;
  generation: GenerationService;
}

/** Keys asked of melody models when none are given: C major, A minor, F# major. */
export const defaultEvaluationKeys: readonly GenerationKey[] = [
  { tonic: 0, mode: 'major' },
  { tonic: 9, mode: 'minor' },
  { tonic: 6, mode: 'major' },
];
/** Densities (per bar) asked when none are given. */
export const defaultEvaluationDensities = { melody: [4, 8], drums: [8, 16] } as const;
/** Sequences per encode or decode request (the session protocol's limit). */
const sessionBatch = 256;

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
const mean = (xs: readonly number[]): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The melody range a model's tokens encode (its config's, else the default). */
function melodyRangeOf(model: ModelInfo): MelodyRange {
  const r = (model.config as { melodyRange?: unknown }).melodyRange as Partial<MelodyRange> | undefined;
  if (r && Number.isInteger(r.minPitch) && Number.isInteger(r.maxPitch) && melodyVocabularySize(r as MelodyRange) === model.vocabulary) return r as MelodyRange;
  return defaultMelodyRange;
}

export const keyName = (key: GenerationKey): string => `${pitchClassNames[key.tonic] ?? '?'} ${key.mode}`;

/** Reference examples: checked against the model's steps and vocabulary. */
function checkReference(model: ModelInfo, examples: readonly ArrayLike<number>[], what: string): Int32Array[] {
  return examples.map((e, i) => {
    if (e.length !== model.steps) {
      throw new StudioError('invalid-argument', `${what}: example ${i + 1} has ${e.length} steps; “${model.name}” reads ${model.steps}-step ${model.kind === 'drums' ? 'drum patterns' : 'melodies'}.`, [
        { path: 'reference', message: 'Examples must have the model’s steps.' },
      ]);
    }
    const tokens = Int32Array.from(e);
    const bad = tokens.findIndex((v) => !(v >= 0 && v < model.vocabulary));
    if (bad >= 0) {
      throw new StudioError('invalid-argument', `${what}: example ${i + 1} has the value ${tokens[bad]} at step ${bad + 1}; “${model.name}” reads values 0 to ${model.vocabulary - 1}.`, [
        { path: 'reference', message: 'A value is outside the model’s vocabulary.' },
      ]);
    }
    return tokens;
  });
}

/** The held-out sample kept in the model folder, or a clear refusal. */
async function heldOutOf(model: ModelInfo, folder: string): Promise<{ tokens: Int32Array[]; description: string }> {
  const path = join(folder, heldOutFileName);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') {
      throw new StudioError(
        'invalid-argument',
        `The model “${model.name}” keeps no held-out examples (it was trained before Montage kept them); evaluate it against MIDI files instead (montage eval music --data DIR).`,
        [{ path: 'reference', message: 'This model has no held-out sample; give reference examples.' }],
      );
    }
    throw new StudioError('unavailable', `The held-out examples of “${model.name}” cannot be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  let corpus;
  try {
    corpus = decodeCorpusFile(bytes);
  } catch (err) {
    throw new StudioError('unavailable', `The held-out examples of “${model.name}” are damaged (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (corpus.header.kind !== model.kind || corpus.header.steps !== model.steps) {
    throw new StudioError('unavailable', `The held-out examples of “${model.name}” are ${corpus.header.steps}-step ${corpus.header.kind} examples, not the model's.`);
  }
  const tokens = checkReference(model, Array.from({ length: corpus.header.count }, (_, i) => corpus.example(i)), `The held-out examples of “${model.name}”`);
  return { tokens, description: corpus.header.summary };
}

/** Token accuracy of decoded sequences against the originals. */
export function reconstructionFigures(original: readonly Int32Array[], decoded: Int32Array, steps: number): MusicEvaluation['reconstruction'] {
  let same = 0;
  let total = 0;
  let events = 0;
  let eventsSame = 0;
  let exact = 0;
  original.forEach((seq, i) => {
    let all = true;
    for (let s = 0; s < steps; s++) {
      const want = seq[s] as number;
      const ok = decoded[i * steps + s] === want;
      total++;
      if (ok) same++;
      else all = false;
      if (want !== 0) {
        events++;
        if (ok) eventsSame++;
      }
    }
    if (all) exact++;
  });
  return {
    examples: original.length,
    accuracy: total === 0 ? 0 : same / total,
    eventAccuracy: events === 0 ? null : eventsSame / events,
    exact: original.length === 0 ? 0 : exact / original.length,
  };
}

export function createEvaluationService(deps: EvaluationServiceDeps): EvaluationService {
  const { models, sessions, generation } = deps;

  /** `count` variations from `generate`, in requests of at most 32 seeded seed, seed+1, …. */
  const draw = async (model: ModelInfo, count: number, seed: number, temperature: number, extra: { key?: GenerationKey; density?: number }): Promise<GeneratedClip[]> => {
    const out: GeneratedClip[] = [];
    for (let i = 0; out.length < count; i++) {
      const r = await generation.generate({ modelId: model.id, count: Math.min(maxVariations, count - out.length), temperature, seed: (seed + i) >>> 0, ...extra });
      if (r.variations.length === 0) break;
      out.push(...r.variations);
    }
    return out;
  };

  /** Encodes the sequences and decodes μ at temperature 0, in batches the session accepts. */
  const reconstruct = async (model: ModelInfo, folder: string, sequences: readonly Int32Array[], seed: number): Promise<Int32Array> => {
    let handle;
    try {
      handle = await sessions.open('music-vae', { checkpoint: folder });
    } catch (err) {
      const e = StudioError.from(err);
      throw new StudioError('unavailable', `The model “${model.name}” could not be loaded: ${e.message}`);
    }
    try {
      const decoded = new Int32Array(sequences.length * model.steps);
      for (let start = 0; start < sequences.length; start += sessionBatch) {
        const batch = sequences.slice(start, start + sessionBatch);
        const tokens = new Int32Array(batch.length * model.steps);
        batch.forEach((s, k) => tokens.set(s, k * model.steps));
        const encoded = await sessions.request(handle, 'encode', { tokens });
        const result = await sessions.request(handle, 'decode', { z: encoded.z, temperature: 0, seed });
        if (result.steps !== model.steps || result.count !== batch.length) {
          throw new StudioError('internal', `The model decoded ${result.count} × ${result.steps} steps for ${batch.length} × ${model.steps}.`);
        }
        decoded.set(result.tokens, start * model.steps);
      }
      return decoded;
    } finally {
      sessions.release(handle);
    }
  };

  return {
    async music(args) {
      const started = performance.now();
      const model = await models.get({ id: args.modelId });
      const kind = model.kind;
      if (!isMusicModelKind(kind)) {
        throw new StudioError('invalid-argument', `“${model.name}” is a scene model; music evaluation needs a melody or drum model (evaluate scene models with \`montage eval scenes\`).`, [{ path: 'modelId', message: 'Not a music model.' }]);
      }
      const folder = models.folder(model.id);
      if (!folder) throw new StudioError('not-found', 'That model no longer exists — it may have been deleted in another window.');
      const count = args.count ?? 128;
      const temperature = args.temperature ?? 1;
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const range = melodyRangeOf(model);

      const held = args.reference
        ? {
            tokens: checkReference(model, args.reference, 'The reference examples'),
            description: `${args.reference.length} given ${model.kind === 'drums' ? 'drum patterns' : 'melodies'}${args.referenceName ? ` from ${args.referenceName}` : ''}`,
          }
        : await heldOutOf(model, folder);

      // The generated set, as a user gets it (this also loads the model, with its errors named).
      const clips = await draw(model, count, seed, temperature, {});
      const generatedSet: NoteExample[] = clips.map((c) => ({ notes: stepNotesOf(c.notes, generationPpq, 0), bars: c.bars }));
      const heldOutSet = noteExamplesOfTokens(held.tokens, kind, range);
      const comparison = compareNoteSets(generatedSet, heldOutSet, { kind });

      const decoded = await reconstruct(model, folder, held.tokens, seed);
      const reconstruction = reconstructionFigures(held.tokens, decoded, model.steps);

      const attributeCount = args.attributeCount ?? 32;
      const keys: KeyAccuracy[] = [];
      if (model.kind === 'melody') {
        for (const [i, key] of (args.keys ?? defaultEvaluationKeys).entries()) {
          const got = await draw(model, attributeCount, (seed + 1000 * (i + 1)) >>> 0, temperature, { key });
          const rates = got.map((v) => v.inScaleRate).filter((r): r is number => r !== undefined && Number.isFinite(r));
          keys.push({
            key,
            name: keyName(key),
            variations: got.length,
            inScaleRate: finiteOrNull(mean(rates)),
            reached: got.length === 0 ? 0 : rates.filter((r) => r >= keyTarget).length / got.length,
          });
        }
      }
      const densities: DensityAccuracy[] = [];
      for (const [i, asked] of (args.densities ?? defaultEvaluationDensities[kind]).entries()) {
        const got = await draw(model, attributeCount, (seed + 100_000 + 1000 * (i + 1)) >>> 0, temperature, { density: asked });
        densities.push({
          asked,
          variations: got.length,
          density: mean(got.map((v) => v.density)),
          error: mean(got.map((v) => Math.abs(v.density - asked))),
        });
      }

      return {
        model: { id: model.id, name: model.name },
        kind: model.kind,
        seed,
        temperature,
        generated: { examples: generatedSet.length },
        heldOut: { source: args.reference ? 'given' : 'model', examples: heldOutSet.length, description: held.description },
        figures: comparison.figures.map((f) => ({
          name: f.name,
          label: f.label,
          generated: finiteOrNull(f.generated),
          heldOut: finiteOrNull(f.reference),
          overlap: finiteOrNull(f.overlap),
          kl: finiteOrNull(f.kl),
        })),
        histograms: comparison.histograms.map((h) => ({
          name: h.name,
          label: h.label,
          generated: Array.from(h.generated),
          heldOut: Array.from(h.reference),
          overlap: h.overlap,
          kl: h.kl,
        })),
        reconstruction,
        keys,
        keyTarget,
        densities,
        ms: Math.round(performance.now() - started),
      };
    },
  };
}
