// Generation service contract: new music from a registered music model (models.ts), through a model
// session the host keeps warm (src/main/sessions). `generate` draws variations from the model;
// `interpolate` walks from one clip to another through the model's latent space.
//
// Notes come back as song notes at PPQ 480 (`generationPpq`), starting at tick 0, one clip each:
// the caller places them in a song. Melodies are one line of notes; drums are GM drum keys (a drum
// track, MIDI channel 10).
//
// Key and density: a model with a latent-constraints GAN (src/workers/models/latent-gan.ts) draws
// its latents aimed at them; `generate` draws four times the asked count and keeps the best by
// in-scale rate, then by closeness to the asked density, and moves a melody (`transposition` ≠ 0)
// only as a last resort when it stays under 90% in the scale. A model without the GAN
// (`conditioned: false`) draws from its prior and moves each melody by the semitone shift (−6…+5)
// that fits the scale best. Each variation reports the figures it reached. `continue` extends a
// clip with the model's continuation companion; `warm` and `prepare` make the next request fast.
import { z } from 'zod';
import { noteSchema, type Note } from '../music/note-sequence';
import { scaleModes, type ScaleMode } from '../music/scales';
import { modelId, type ModelId, type ModelKind } from './models';

/** Ticks per quarter note of generated notes. */
export const generationPpq = 480;
/** Most variations one request may ask for. */
export const maxVariations = 32;

export const generationKey = z
  .object({
    /** Tonic as a pitch class 0…11 (0 = C). */
    tonic: z.number().int().min(0).max(11),
    mode: z.enum(scaleModes as [ScaleMode, ...ScaleMode[]]),
  })
  .strict();
export type GenerationKey = z.infer<typeof generationKey>;

/** A note of a clip to interpolate from or to: id and velocity may be left out. */
const clipNote = noteSchema.partial({ id: true, velocity: true });

export const generationArgs = {
  generate: z
    .object({
      modelId,
      /** Variations to return, 1…32. */
      count: z.number().int().min(1).max(maxVariations).default(8),
      /** Softmax temperature, 0 (always the likeliest) … 2 (wild). */
      temperature: z.number().min(0).max(2).default(1),
      /** Makes the draw repeatable (same model, seed and arguments: same notes); random when left out. */
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      /** Melodies only: prefer variations in this key (see the header for how). */
      key: generationKey.optional(),
      /** Notes (drum hits) per bar to aim for. */
      density: z.number().min(0).max(144).optional(),
    })
    .strict(),
  interpolate: z
    .object({
      modelId,
      /** The clip to start from; its first bars (the model's length) from the bar of its first note are read. */
      from: z.array(clipNote).min(1).max(10_000),
      /** The clip to end at, read the same way. */
      to: z.array(clipNote).min(1).max(10_000),
      /** Clips to return, both ends included, 2…16. */
      steps: z.number().int().min(2).max(16).default(5),
      /** 0 (default) decodes each point's likeliest notes. */
      temperature: z.number().min(0).max(2).default(0),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      /** Ticks per quarter of `from` and `to` (default 480). */
      ppq: z.number().int().min(24).max(15360).default(generationPpq),
    })
    .strict(),
  continue: z
    .object({
      modelId,
      /**
       * The clip to continue; the model reads it from the bar of its first note (at most its last 16
       * bars) up to the end of the bar of its last note (the one that starts last). A melody is read
       * moved by whole octaves into the model's range and the continuations moved back.
       */
      notes: z.array(clipNote).min(1).max(10_000),
      /** Bars to add after that bar, 1…16. */
      bars: z.number().int().min(1).max(16).default(2),
      /** Continuations to return, 1…32. */
      count: z.number().int().min(1).max(maxVariations).default(4),
      temperature: z.number().min(0).max(2).default(1),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      /** Ticks per quarter of `notes` (default 480). */
      ppq: z.number().int().min(24).max(15360).default(generationPpq),
    })
    .strict(),
  /** Loads the model's session if it is not loaded yet, so the next request is fast. */
  warm: z.object({ modelId }).strict(),
  /** A song is open: have a session process started and waiting, so a first request only loads its model. */
  prepare: z.object({}).strict(),
};

/** One generated clip. */
export interface GeneratedClip {
  /** Song notes at PPQ 480 from tick 0, in start order. */
  notes: Note[];
  /** Its length in 4/4 bars. */
  bars: number;
  /** Notes (drum hits) per bar. */
  density: number;
  /** With a key: the share of its notes in the key's scale, 0…1 (absent without notes). */
  inScaleRate?: number;
  /** With a key: the semitones the model's melody was moved by to fit it. */
  transposition?: number;
}

export interface GenerationResult {
  modelId: ModelId;
  kind: ModelKind;
  /** The seed used (the one given, or the one drawn): the same arguments with it repeat the result. */
  seed: number;
  variations: GeneratedClip[];
  /**
   * With a key or density: true when the model's latent GAN aimed the draws at them (variations
   * with transposition 0 are the GAN's alone); false when the model has none (the interim method).
   */
  conditioned?: boolean;
  /** Time the host spent, model load included when the model was not warm. */
  ms: number;
}

export interface InterpolationResult {
  modelId: ModelId;
  kind: ModelKind;
  seed: number;
  /** `steps` clips from `from` to `to`, ends included (the ends as the model reproduces them). */
  clips: GeneratedClip[];
  ms: number;
}

export interface ContinuationResult {
  modelId: ModelId;
  kind: ModelKind;
  seed: number;
  /**
   * Where the continuations start, in ticks at the clip's own PPQ: the start of the bar after the
   * clip's last note. Each variation's notes are at PPQ 480 from tick 0 = that point.
   */
  after: number;
  variations: GeneratedClip[];
  ms: number;
}

export interface GenerationService {
  /**
   * Variations from the model. Rejects with not-found for an unknown model, invalid-argument for a
   * key asked of a drum model, unavailable when the model cannot be loaded or its process died.
   */
  generate(args: z.input<typeof generationArgs.generate>): Promise<GenerationResult>;
  /** Clips from one clip to another; a clip the model cannot read is refused with the reason. */
  interpolate(args: z.input<typeof generationArgs.interpolate>): Promise<InterpolationResult>;
  /**
   * `bars` more bars after a clip, in the clip's style (the model's continuation companion); a clip
   * the model cannot read is refused with the reason (invalid-argument), and a model trained without
   * a companion with unavailable: "The model “X” cannot continue clips: it has no continuation model (…)".
   */
  continue(args: z.input<typeof generationArgs.continue>): Promise<ContinuationResult>;
  /**
   * Opens the model's session if it is not open and resolves once it is loaded (`ms`: the time
   * that took, 0 when it was warm already). Rejects as `generate` does when the model cannot load.
   */
  warm(args: z.input<typeof generationArgs.warm>): Promise<WarmResult>;
  /**
   * Has a model session process start ahead of need and wait (no model in it) unless a model is
   * loaded already; resolves when it is ready. `standby`: whether one now waits. It exits after two
   * idle minutes; ask again to keep it.
   */
  prepare(args: z.input<typeof generationArgs.prepare>): Promise<{ standby: boolean }>;
}

export interface WarmResult {
  modelId: ModelId;
  /** False when the session was already loaded. */
  loaded: boolean;
  ms: number;
}
