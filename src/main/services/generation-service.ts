// Implements GenerationService (src/shared/api/generation.ts): variations, interpolations and
// continuations from a registered music model, through a "music-vae" model session (src/workers/session/
// music-vae-session.ts) that the host's SessionManager keeps warm.
//
// - The model is looked up in the registry (models-service.ts: its row for kind, steps and melody
//   range, its folder for the session's checkpoint). The service opens one session per model on
//   first use and keeps the handle, so the manager keeps the process warm between requests and
//   unloads it only when idle (or short of memory); a later request starts it again. A model that
//   is deleted or updated in place has its handle released.
// - Key and density with a latent GAN (a model folder with latent-gan.json, trained after the VAE:
//   workers/models/latent-gan.ts): four times the asked count are drawn in one batch from the
//   session's `sampleWithAttributes`, whose latents the GAN aimed at the key and density (Engel et
//   al. 2017); the variations kept are the best by in-scale rate, then by closeness to the asked
//   density, unmoved, and only a kept melody still under 90% in the scale is
//   moved by the best shift as a last resort (`transposition` says by how much; 0 = the GAN alone).
//   A model without a GAN answers `conditioned: false`: its prior's draws are ranked the same way,
//   each melody first moved by the semitone shift (−6…+5, the smallest on a tie) that puts most of
//   its notes in the scale.
// - Continue: the clip's bars up to the end of the bar of its last-starting note (its last 16 bars at
//   most) are read as the model's tokens (a melody moved by whole octaves into the model's range, the
//   continuation moved back) and fed to the session's continuation companion, which draws `count`
//   continuations of `bars` bars as one batch. A model trained without a companion is "The model “X”
//   cannot continue clips: it has no continuation model (…)" (unavailable).
// - Failures are named for the user: a folder that does not load is "The model “X” could not be
//   loaded: its checkpoint is damaged (…)" (the registry entry and its files are left as they are);
//   a session process that died is "The model “X” stopped unexpectedly (…); it has been restarted
//   — try again" (the manager has started it again).
import { randomInt } from 'node:crypto';
import {
  StudioError,
  generationPpq,
  type GeneratedClip,
  type GenerationKey,
  type GenerationService,
  type ModelInfo,
  type ModelKind,
} from '../../shared/api';
import {
  decodeDrums,
  decodeMelody,
  defaultMelodyRange,
  drumHitCount,
  encodeDrums,
  inScaleRate,
  melodyStepNotes,
  melodyVocabularySize,
  stepsPerBar,
  tryEncodeMelody,
  type MelodyRange,
  type StepNote,
  type TimedNote,
} from '../../shared/music/encoding';
import type { Note } from '../../shared/music/note-sequence';
import { noContinuationMessage, type SessionArgsInput, type SessionMethod, type SessionResult } from '../../shared/sessions/protocol';
import type { SessionManager } from '../sessions';
import type { EventBus } from './event-bus';
import type { HostModelsService } from './models-service';
import { createModelSessions } from './model-sessions';

export interface GenerationServiceDeps {
  models: HostModelsService;
  sessions: SessionManager;
  bus: EventBus;
}

export interface HostGenerationService extends GenerationService {
  /** Stops listening for model changes (the host closes the sessions themselves). */
  close(): void;
}

/** Draws per asked variation when a key or density is asked (the interim method). */
export const drawsPerVariation = 4;
/** With a latent GAN: a kept melody under this in-scale rate is moved to fit the key as a last resort. */
export const ganInScaleTarget = 0.9;
/** Shifts tried to fit a melody to a key, in order of preference (smallest first). */
const keyShifts = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, -6];

/** The shift (−6…+5) that puts most of the notes in the key's scale (the smallest on a tie), and that rate. */
export function fitToKey(notes: readonly StepNote[], key: GenerationKey): { shift: number; rate: number } {
  let best = { shift: 0, rate: inScaleRate(notes, key.tonic, key.mode) };
  if (Number.isNaN(best.rate)) return best;
  for (const shift of keyShifts.slice(1)) {
    const rate = inScaleRate(
      notes.map((n) => ({ ...n, pitch: n.pitch + shift })),
      key.tonic,
      key.mode,
    );
    if (rate > best.rate) best = { shift, rate };
  }
  return best;
}

interface Candidate {
  index: number;
  clip: GeneratedClip;
}

/**
 * The `count` best candidates: silent ones last (a card with nothing to play is no use), then by
 * in-scale rate (highest first) when a key was asked, then by closeness to `density` when one
 * was, then in drawing order.
 */
export function chooseVariations(candidates: readonly Candidate[], count: number, wants: { key: boolean; density?: number }): GeneratedClip[] {
  const silent = (c: Candidate): number => (c.clip.notes.length === 0 ? 1 : 0);
  const rate = (c: Candidate): number => (wants.key ? (c.clip.inScaleRate ?? -1) : 0);
  const distance = (c: Candidate): number => (wants.density === undefined ? 0 : Math.abs(c.clip.density - wants.density));
  return [...candidates]
    .sort((a, b) => silent(a) - silent(b) || rate(b) - rate(a) || distance(a) - distance(b) || a.index - b.index)
    .slice(0, count)
    .map((c) => c.clip);
}

/** The melody range a model's tokens encode (its config's, else the default). */
function melodyRangeOf(model: ModelInfo): MelodyRange {
  const r = (model.config as { melodyRange?: unknown }).melodyRange as Partial<MelodyRange> | undefined;
  if (r && Number.isInteger(r.minPitch) && Number.isInteger(r.maxPitch) && melodyVocabularySize(r as MelodyRange) === model.vocabulary) return r as MelodyRange;
  return defaultMelodyRange;
}

/** One sequence of tokens as a clip at generationPpq from tick 0, moved by `shift` semitones. */
function clipOf(kind: ModelKind, tokens: Int32Array, range: MelodyRange, bars: number, key: GenerationKey | undefined): GeneratedClip {
  if (kind === 'drums') {
    const notes = decodeDrums(tokens, generationPpq, 0);
    return { notes, bars, density: notes.length / bars };
  }
  const steps = melodyStepNotes(tokens, range);
  let notes: Note[] = decodeMelody(tokens, generationPpq, 0, { range });
  const density = steps.length / bars;
  if (!key) return { notes, bars, density };
  const { shift, rate } = fitToKey(steps, key);
  if (shift !== 0) notes = notes.map((n) => ({ ...n, pitch: Math.min(127, Math.max(0, n.pitch + shift)) }));
  return { notes, bars, density, ...(Number.isNaN(rate) ? {} : { inScaleRate: rate }), transposition: shift };
}

/** Bars of a clip `continue` reads at most (its last ones): the companion LSTM's primer. */
export const continuationContextBars = 16;

/** A clip drawn through the latent GAN: its figures as drawn, not moved (transposition 0 with a key). */
function ganClipOf(kind: ModelKind, tokens: Int32Array, range: MelodyRange, bars: number, key: GenerationKey | undefined): GeneratedClip {
  if (kind === 'drums' || !key) return clipOf(kind, tokens, range, bars, undefined);
  const steps = melodyStepNotes(tokens, range);
  const rate = inScaleRate(steps, key.tonic, key.mode);
  return { notes: decodeMelody(tokens, generationPpq, 0, { range }), bars, density: steps.length / bars, ...(Number.isNaN(rate) ? {} : { inScaleRate: rate }), transposition: 0 };
}

const damagedPattern = /^The checkpoint .* is damaged: ([\s\S]*?)\.?$/;
const stoppedPattern = /^The music VAE model (stopped unexpectedly[\s\S]*)$/;

/** A session failure in words that name the model. */
function modelError(model: ModelInfo, err: unknown): StudioError {
  const e = StudioError.from(err);
  const damaged = e.code === 'invalid-argument' ? damagedPattern.exec(e.message) : null;
  if (damaged) return new StudioError('unavailable', `The model “${model.name}” could not be loaded: its checkpoint is damaged (${damaged[1]}). Train it again, or delete it.`);
  if (e.code === 'not-found' && e.message.startsWith('There is no model folder')) {
    return new StudioError('unavailable', `The model “${model.name}” could not be loaded: its folder is missing. Delete it and train it again.`);
  }
  if (e.code === 'unavailable' && e.message.startsWith(noContinuationMessage)) {
    return new StudioError('unavailable', `The model “${model.name}” cannot continue clips: it has no continuation model${e.message.slice(noContinuationMessage.length)}`);
  }
  const stopped = e.code === 'unavailable' ? stoppedPattern.exec(e.message) : null;
  if (stopped) return new StudioError('unavailable', `The model “${model.name}” ${stopped[1]}`);
  return e;
}

/** Generation makes music: a scene model (the scene writer's) is refused by name. */
function musicModel(model: ModelInfo): ModelInfo {
  if (model.kind === 'scenes') {
    throw new StudioError('invalid-argument', `“${model.name}” is a scene model (it drafts screenplay scenes); choose a melody or drum model to generate music.`, [{ path: 'modelId', message: 'Not a music model.' }]);
  }
  return model;
}

export function createGenerationService(deps: GenerationServiceDeps): HostGenerationService {
  const { models, sessions, bus } = deps;
  const modelSessions = createModelSessions('music-vae', { models, sessions, bus });

  const run = async <M extends SessionMethod<'music-vae'>>(model: ModelInfo, method: M, args: SessionArgsInput<'music-vae', M>): Promise<SessionResult<'music-vae', M>> => {
    try {
      const handle = await modelSessions.sessionFor(model);
      return await sessions.request(handle, method, args);
    } catch (err) {
      throw modelError(model, err);
    }
  };

  const barsOf = (model: ModelInfo): number => Math.max(1, Math.round(model.steps / stepsPerBar));

  /** A clip's first bars (from the bar of its first note) as one sequence of the model's tokens, or why not. */
  const clipTokens = (model: ModelInfo, notes: readonly TimedNote[], ppq: number, which: 'first' | 'second'): Int32Array => {
    const barTicks = ppq * 4;
    const first = Math.min(...notes.map((n) => n.start));
    const start = Math.floor(first / barTicks) * barTicks;
    const bars = barsOf(model);
    const window = `its first ${bars} bar${bars === 1 ? '' : 's'}`;
    if (model.kind === 'drums') {
      const bits = encodeDrums(notes, ppq, start, model.steps);
      if (drumHitCount(bits) === 0) throw new StudioError('invalid-argument', `The ${which} clip has no drum hits of the kit in ${window}; the drum model “${model.name}” cannot read it.`);
      return Int32Array.from(bits);
    }
    const encoded = tryEncodeMelody(notes, ppq, start, model.steps, { range: melodyRangeOf(model) });
    if (!encoded.ok) throw new StudioError('invalid-argument', `The ${which} clip cannot be read by the melody model “${model.name}”: ${encoded.reason}.`);
    if (encoded.notes === 0) throw new StudioError('invalid-argument', `The ${which} clip has no notes in ${window}.`);
    return encoded.tokens;
  };

  /**
   * A clip as the primer of a continuation: the bars from the bar of its first note (at most the
   * last continuationContextBars) to the end of the bar of the note that starts last, as the model's
   * tokens; `after` is where that bar ends (ticks at `ppq`). Refused with the reason when the model
   * cannot read it.
   */
  const continuationPrimer = (model: ModelInfo, notes: readonly TimedNote[], ppq: number): { primer: Int32Array; after: number; transposition: number } => {
    const barTicks = ppq * 4;
    let first = Infinity;
    let last = -Infinity;
    for (const n of notes) {
      first = Math.min(first, n.start);
      last = Math.max(last, n.start);
    }
    const after = (Math.floor(last / barTicks) + 1) * barTicks;
    const from = Math.max(Math.floor(first / barTicks) * barTicks, after - continuationContextBars * barTicks);
    const bars = Math.round((after - from) / barTicks);
    const steps = bars * stepsPerBar;
    const window = bars === 1 ? 'its last bar' : `its last ${bars} bars`;
    if (model.kind === 'drums') {
      const bits = encodeDrums(notes, ppq, from, steps);
      if (drumHitCount(bits) === 0) throw new StudioError('invalid-argument', `The clip has no drum hits of the kit in ${window}; the drum model “${model.name}” cannot continue it.`);
      return { primer: Int32Array.from(bits), after, transposition: 0 };
    }
    const encoded = tryEncodeMelody(notes, ppq, from, steps, { range: melodyRangeOf(model) });
    if (!encoded.ok) throw new StudioError('invalid-argument', `The clip cannot be read by the melody model “${model.name}”: ${encoded.reason}.`);
    if (encoded.notes === 0) throw new StudioError('invalid-argument', `The clip has no notes in ${window}.`);
    return { primer: encoded.tokens, after, transposition: encoded.transposition };
  };

  return {
    async generate(args) {
      const started = performance.now();
      const model = musicModel(await models.get({ id: args.modelId }));
      const count = args.count ?? 8;
      const key = args.key;
      if (key && model.kind === 'drums') {
        throw new StudioError('invalid-argument', `A key applies to melodies; “${model.name}” is a drum model.`, [{ path: 'key', message: 'Only melody models take a key.' }]);
      }
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const aimed = key !== undefined || args.density !== undefined;
      // A few spare draws, so that a silent draw (the prior makes one now and then) is replaced.
      const draws = aimed ? count * drawsPerVariation : count + Math.max(2, Math.ceil(count / 4));
      const temperature = args.temperature ?? 1;
      // With a key or density: through the model's latent GAN when it has one (the prior otherwise, same draws as 'sample').
      const result = aimed
        ? await run(model, 'sampleWithAttributes', { count: draws, temperature, seed, ...(key ? { key } : {}), ...(args.density === undefined ? {} : { density: args.density }) })
        : await run(model, 'sample', { count: draws, temperature, seed });
      const conditioned = 'conditioned' in result && result.conditioned;
      const range = melodyRangeOf(model);
      const bars = barsOf(model);
      const tokensOf = (i: number): Int32Array => result.tokens.subarray(i * result.steps, (i + 1) * result.steps);
      const candidates: Candidate[] = [];
      for (let i = 0; i < result.count; i++) candidates.push({ index: i, clip: conditioned ? ganClipOf(model.kind, tokensOf(i), range, bars, key) : clipOf(model.kind, tokensOf(i), range, bars, key) });
      let variations = chooseVariations(candidates, count, { key: key !== undefined, ...(args.density === undefined ? {} : { density: args.density }) });
      if (conditioned && key) {
        // Last resort: a kept melody still under the target is moved by the best shift (clipOf's interim fit).
        variations = variations.map((v) => {
          if ((v.inScaleRate ?? 1) >= ganInScaleTarget) return v;
          const index = candidates.find((c) => c.clip === v)?.index as number;
          const moved = clipOf(model.kind, tokensOf(index), range, bars, key);
          return (moved.inScaleRate ?? 0) > (v.inScaleRate ?? 0) ? moved : v;
        });
      }
      return { modelId: model.id, kind: model.kind, seed, variations, ...(aimed ? { conditioned } : {}), ms: Math.round(performance.now() - started) };
    },

    async interpolate(args) {
      const started = performance.now();
      const model = musicModel(await models.get({ id: args.modelId }));
      const ppq = args.ppq ?? generationPpq;
      const a = clipTokens(model, args.from, ppq, 'first');
      const b = clipTokens(model, args.to, ppq, 'second');
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const result = await run(model, 'interpolate', { a, b, steps: args.steps ?? 5, temperature: args.temperature ?? 0, seed });
      const range = melodyRangeOf(model);
      const bars = barsOf(model);
      const clips: GeneratedClip[] = [];
      for (let i = 0; i < result.count; i++) clips.push(clipOf(model.kind, result.tokens.subarray(i * result.steps, (i + 1) * result.steps), range, bars, undefined));
      return { modelId: model.id, kind: model.kind, seed, clips, ms: Math.round(performance.now() - started) };
    },

    async continue(args) {
      const started = performance.now();
      const model = musicModel(await models.get({ id: args.modelId }));
      const ppq = args.ppq ?? generationPpq;
      const bars = args.bars ?? 2;
      const count = args.count ?? 4;
      const { primer, after, transposition } = continuationPrimer(model, args.notes, ppq);
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const result = await run(model, 'continue', { primer, steps: bars * stepsPerBar, count, temperature: args.temperature ?? 1, seed });
      const range = melodyRangeOf(model);
      const variations: GeneratedClip[] = [];
      for (let i = 0; i < result.count; i++) {
        const clip = clipOf(model.kind, result.tokens.subarray(i * result.steps, (i + 1) * result.steps), range, bars, undefined);
        // The clip was read moved by whole octaves into the model's range: move the continuation back.
        if (transposition !== 0) clip.notes = clip.notes.map((n) => ({ ...n, pitch: Math.min(127, Math.max(0, n.pitch - transposition)) }));
        variations.push(clip);
      }
      return { modelId: model.id, kind: model.kind, seed, after, variations, ms: Math.round(performance.now() - started) };
    },

    async warm(args) {
      const started = performance.now();
      const model = musicModel(await models.get({ id: args.modelId }));
      let loaded = !modelSessions.holds(model.id);
      try {
        const handle = await modelSessions.sessionFor(model);
        if (sessions.info(handle).state === 'cold') loaded = true;
        // Opening it once more loads it now when it was unloaded since (idle, short of memory), and
        // otherwise starts its idle time again: the Generate panel's keep-alive while it is open.
        await modelSessions.touch(model);
      } catch (err) {
        throw modelError(model, err);
      }
      return { modelId: model.id, loaded, ms: loaded ? Math.round(performance.now() - started) : 0 };
    },

    async prepare() {
      // A loaded model session answers quickly already; a standby beside it would only hold memory.
      if (sessions.list().some((i) => i.kind === 'music-vae' && i.state !== 'cold' && i.state !== 'stopping')) return { standby: false };
      await sessions.prepare();
      return { standby: sessions.standbyWaiting };
    },

    close() {
      modelSessions.close();
    },
  };
}
