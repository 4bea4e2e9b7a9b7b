// Evaluation service contract: how good a registered music model is, measured the way MGEval
// (Yang & Lerch), MusPy and MuseGAN measure generated music. `music` draws a generated set from
// the model (through the generation service, as a user would get it) and compares it with a
// held-out real set: per figure the two means and how alike the per-example distributions are
// (overlap area, KL); the pooled pitch-class (or drum-class) and inter-onset-interval histograms;
// the VAE's reconstruction accuracy on the held-out sequences (encode, decode at temperature 0);
// and attribute accuracy: for asked-for keys the in-scale rate reached, for asked-for densities
// the density reached.
//
// The held-out set is the sample of held-out examples the model folder keeps (heldout.bin, written
// at training time from the seeded split the model never trained on), or the examples given in
// `reference` (e.g. extracted from MIDI files by `montage eval music --data`).
//
// Numbers a set does not define (the entropy of a set without notes) are null.
import { z } from 'zod';
import { generationKey, type GenerationKey } from './generation';
import { modelId, type ModelId, type ModelKind } from './models';

/** Most examples of the generated set. */
export const maxEvaluationExamples = 1024;
/** Most reference examples one request may carry. */
export const maxReferenceExamples = 5000;
/** The in-scale rate an asked-for key should reach. */
export const keyTarget = 0.9;

export const evaluationArgs = {
  music: z
    .object({
      modelId,
      /** Examples of the generated set (default 128). */
      count: z.number().int().min(1).max(maxEvaluationExamples).default(128),
      /** Makes the evaluation repeatable; random when left out. */
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      /** Sampling temperature of the generated set (default 1). */
      temperature: z.number().min(0).max(2).default(1),
      /**
       * The real examples to compare with, instead of the model's held-out sample: token arrays of
       * the model's steps (melody tokens or drum bitmasks).
       */
      reference: z
        .array(z.array(z.number().int().min(0).max(65535)).min(16).max(4096))
        .min(1)
        .max(maxReferenceExamples)
        .optional(),
      /** Where `reference` came from, for the report ("3 MIDI files"). */
      referenceName: z.string().max(500).optional(),
      /** Keys to ask for (melodies; default C major, A minor, F# major); [] skips the check. */
      keys: z.array(generationKey).max(12).optional(),
      /** Densities (notes or hits per bar) to ask for (default 4 and 8 for melodies, 8 and 16 for drums); [] skips. */
      densities: z.array(z.number().min(0).max(144)).max(12).optional(),
      /** Variations drawn per asked key or density (default 32). */
      attributeCount: z.number().int().min(1).max(256).default(32),
    })
    .strict(),
};

/** A scalar figure of both sets. */
export interface EvaluationFigure {
  /** "pitchClassEntropy", "pitchRange", "usedPitchClasses", "noteDensity", "meanIoi", "emptyBarRate", "qualifiedNoteRate", "inScaleRate", "drumPatternRate". */
  name: string;
  label: string;
  /** Mean over the generated set. */
  generated: number | null;
  /** Mean over the held-out set. */
  heldOut: number | null;
  /** Overlap area (0…1, 1 = the same) of the two distributions of per-example values. */
  overlap: number | null;
  /** KL(held-out ‖ generated) of those distributions, in bits (0 = the same). */
  kl: number | null;
}

/** A pooled histogram of both sets. */
export interface EvaluationHistogram {
  /** "pitchClass" (index 0 = C), "drumClass" (kick … ride) or "ioi" (index = steps; the last bin holds longer). */
  name: string;
  label: string;
  /** Shares summing to 1 (all 0 for a set without notes). */
  generated: number[];
  heldOut: number[];
  overlap: number;
  kl: number;
}

export interface KeyAccuracy {
  key: GenerationKey;
  /** "C major". */
  name: string;
  variations: number;
  /** Mean in-scale rate of the variations (null when none had notes). */
  inScaleRate: number | null;
  /** The share of variations whose in-scale rate is at least `keyTarget`. */
  reached: number;
}

export interface DensityAccuracy {
  /** Notes (hits) per bar asked for. */
  asked: number;
  variations: number;
  /** Mean density reached. */
  density: number;
  /** Mean |reached − asked|. */
  error: number;
}

export interface MusicEvaluation {
  model: { id: ModelId; name: string };
  kind: ModelKind;
  seed: number;
  temperature: number;
  generated: { examples: number };
  heldOut: {
    /** 'model': the sample of held-out examples kept in the model folder; 'given': `reference`. */
    source: 'model' | 'given';
    examples: number;
    /** What it is ("500 held-out melodies of melody-2bar (not trained on)"). */
    description: string;
  };
  figures: EvaluationFigure[];
  histograms: EvaluationHistogram[];
  /** The VAE's reconstruction of the held-out sequences: encode, decode z = μ at temperature 0. */
  reconstruction: {
    examples: number;
    /** Tokens (steps) decoded exactly as they were, 0…1. */
    accuracy: number;
    /** Melodies: accuracy over the steps that hold an event (note on or off); drums: over steps with a hit. */
    eventAccuracy: number | null;
    /** Sequences decoded exactly, 0…1. */
    exact: number;
  };
  /** Asked-for keys (melodies only; [] for drums). */
  keys: KeyAccuracy[];
  keyTarget: number;
  densities: DensityAccuracy[];
  ms: number;
}

export interface EvaluationService {
  /**
   * Evaluates a music model. Rejects with not-found for an unknown model, invalid-argument for a
   * reference that does not fit the model (or a model without a held-out sample and no reference),
   * unavailable when the model cannot be loaded.
   */
  music(args: z.input<typeof evaluationArgs.music>): Promise<MusicEvaluation>;
}
