// The one list of job kinds a worker runs, besides the built-in 'probe': each kind's config
// schema (zod, validated again by the worker before it runs) and its typed result. The worker's
// registry (src/workers/tasks/registry.ts) must implement exactly these kinds, which the compiler
// checks, and the protocol's WorkerTask and WorkerResult unions are derived from them. A new kind
// (training, evaluation, render) is one entry here, one in WorkerTaskResults and one
// in the registry.
import { z } from 'zod';
import { benchmarkConfig, mlBackendNames, type BenchmarkMeasurement } from '../api/benchmarks';
import type { MetricPoint } from '../api/jobs';
import { csvDelimiters, evaluatedModels, ratingsFormats, type RatingsEvaluation } from '../api/recommend';

/**
 * The named music VAE configurations (src/workers/models/music-vae.ts): 2-bar melodies, 4-bar
 * melodies with a conductor decoder, 2-bar drum patterns.
 */
export const musicModelConfigNames = ['melody-2bar', 'melody-4bar', 'drums-2bar'] as const;
export type MusicModelConfigName = (typeof musicModelConfigNames)[number];

/** What a train-music job may change of its named configuration (sizes and training schedule). */
export const musicModelOverrides = z
  .object({
    encoderUnits: z.number().int().min(1).max(2048),
    decoderUnits: z.number().int().min(1).max(2048),
    conductorUnits: z.number().int().min(1).max(2048),
    latentSize: z.number().int().min(1).max(1024),
    learningRate: z.number().positive(),
    /** Final weight of the KL term. */
    maxBeta: z.number().min(0).max(10),
    /** Steps over which β rises linearly from 0 to maxBeta (0: from the start). */
    betaWarmupSteps: z.number().int().min(0),
    /** KL below this many bits per example is free (not penalised). */
    freeBits: z.number().min(0),
    /** Inverse-sigmoid rate k of scheduled sampling (p = 1 − k/(k + e^(step/k))); 0 turns it off. */
    samplingRate: z.number().min(0),
  })
  .partial()
  .strict();
export type MusicModelOverrides = z.output<typeof musicModelOverrides>;

/**
 * "Train a music model": the examples come inline (a flat batch-major Int32Array of melody tokens
 * or Uint16Array of drum masks) or as a corpus file the host wrote (the MTGC format of
 * shared/music/corpus/corpus-file.ts, of the configuration's kind and length); the model and its checkpoints
 * go into outDir, which the host chose. resumeFrom continues the checkpoint in that directory
 * (usually a cancelled or interrupted run's outDir; it may be outDir itself).
 */
export const trainMusicConfig = z
  .object({
    configName: z.enum(musicModelConfigNames),
    examples: z.union([z.instanceof(Int32Array), z.instanceof(Uint16Array)]).optional(),
    corpusPath: z.string().min(1).optional(),
    steps: z.number().int().min(1).max(1_000_000).default(2000),
    batchSize: z.number().int().min(1).max(1024).default(64),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(7),
    outDir: z.string().min(1),
    resumeFrom: z.string().min(1).optional(),
    /** Evaluate the held-out examples every this many steps (early stopping looks at these). */
    evalEvery: z.number().int().min(1).default(50),
    /** Evaluations without improvement of the held-out loss before stopping early. */
    patience: z.number().int().min(1).default(5),
    /** Save a checkpoint every this many steps (default: evalEvery), and at the end. */
    checkpointEvery: z.number().int().min(1).optional(),
    /** Share of the examples held out for evaluation (at least one example). */
    heldOutFraction: z.number().gt(0).lt(1).default(0.1),
    model: musicModelOverrides.optional(),
    /**
     * Steps of the continuation companion trained after the VAE on the same split
     * (src/workers/models/continuation-lstm.ts; "Continue" needs it). Default: the VAE's steps; 0 skips it.
     */
    continuationSteps: z.number().int().min(0).max(1_000_000).optional(),
    /**
     * Steps of the latent-constraints GAN trained after the VAE on its encoded training examples
     * (src/workers/tasks/train-latent-gan.ts; generation by key and density uses it). Default:
     * min(2000, steps) when the VAE trains 200 steps or more, else 0; 0 skips it.
     */
    latentGanSteps: z.number().int().min(0).max(1_000_000).optional(),
    /** Force a backend instead of the best available one. */
    backend: z.enum(mlBackendNames).optional(),
  })
  .strict()
  .refine((c) => (c.examples === undefined) !== (c.corpusPath === undefined), {
    message: 'Give the examples either inline (examples) or as a corpus file (corpusPath), not both and not neither',
    path: ['examples'],
  });
export type TrainMusicConfig = z.output<typeof trainMusicConfig>;

/** What a train-music job answers with. */
export interface TrainMusicResult {
  /** The trained model's directory (outDir): checkpoint plus music-model.json. */
  modelDir: string;
  configName: MusicModelConfigName;
  /** Training examples (after the held-out split) and held-out examples. */
  examples: number;
  heldOut: number;
  /** Steps trained in all, resumed ones included. */
  steps: number;
  resumedFrom: number;
  lossFirst: number;
  lossLast: number;
  /** KL (nats, mean over the batch) of the last step. */
  klLast: number;
  /** Teacher-forced reconstruction accuracy and loss on the held-out examples at the end. */
  accuracyHeldOut: number;
  lossHeldOut: number;
  stoppedEarly: boolean;
  /** The continuation companion's training (absent when it was skipped): held-out next-token figures. */
  continuation?: { steps: number; accuracyHeldOut: number; lossHeldOut: number; perplexityHeldOut: number };
  /** Speed of this run (absent when it took fewer than two steps). */
  stepsPerSec?: number;
  loss: number[];
}

/**
 * A point of a train-music job's series: the engine's loss and speed plus the VAE's figures, so
 * the jobs view can plot loss, KL and accuracy live. Held-out figures are on the steps that
 * evaluated.
 */
export interface MusicTrainingPoint extends MetricPoint {
  /** Reconstruction cross-entropy, summed over steps, mean over the batch (nats). */
  reconstruction?: number;
  /** KL(q(z|x) ‖ N(0, I)), mean over the batch (nats). */
  kl?: number;
  /** Teacher-forced next-token accuracy on the training batch, 0…1. */
  accuracy?: number;
  /** The KL weight and scheduled-sampling probability at this step. */
  beta?: number;
  samplingProbability?: number;
  heldOutLoss?: number;
  heldOutAccuracy?: number;
}

/** What a train-scenes job may change of the scene model's sizes (src/workers/models/scene-lm.ts). */
export const sceneModelOverrides = z
  .object({
    embedding: z.number().int().min(2).max(1024),
    hiddenUnits: z.number().int().min(2).max(2048),
    /** Most words of each model's vocabulary (special and slot tokens included). */
    outlineVocabulary: z.number().int().min(48).max(20_000),
    draftVocabulary: z.number().int().min(48).max(20_000),
    /** Tokens per training window. */
    window: z.number().int().min(4).max(512),
    learningRate: z.number().positive(),
  })
  .partial()
  .strict();
export type SceneModelOverrides = z.output<typeof sceneModelOverrides>;

/** A screenplay to learn from: its name (for the data summary) and its Fountain text. */
export const sceneTrainingScript = z.object({ name: z.string().min(1).max(500), fountain: z.string().max(3_000_000) }).strict();

/**
 * "Train a scene model": the scene drafter's next-scene and draft language models
 * (src/workers/tasks/train-scenes-task.ts) on screenplays given inline or as a JSON corpus file the
 * host wrote (`{ scripts: [{ name, fountain }] }`); model and checkpoints go into outDir. resumeFrom
 * continues a stopped run's folder.
 */
export const trainScenesConfig = z
  .object({
    scripts: z.array(sceneTrainingScript).max(20_000).optional(),
    corpusPath: z.string().min(1).optional(),
    /** Steps of the draft model. */
    steps: z.number().int().min(1).max(1_000_000).default(1500),
    /** Steps of the next-scene model (default: half the draft model's, at least 1). */
    outlineSteps: z.number().int().min(1).max(1_000_000).optional(),
    batchSize: z.number().int().min(1).max(1024).default(32),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(7),
    outDir: z.string().min(1),
    resumeFrom: z.string().min(1).optional(),
    evalEvery: z.number().int().min(1).default(100),
    patience: z.number().int().min(1).default(5),
    checkpointEvery: z.number().int().min(1).optional(),
    heldOutFraction: z.number().gt(0).lt(1).default(0.1),
    /** The model's display name, kept in its manifest. */
    name: z.string().trim().min(1).max(120).optional(),
    model: sceneModelOverrides.optional(),
    backend: z.enum(mlBackendNames).optional(),
  })
  .strict()
  .refine((c) => (c.scripts === undefined) !== (c.corpusPath === undefined), {
    message: 'Give the scripts either inline (scripts) or as a corpus file (corpusPath), not both and not neither',
    path: ['scripts'],
  });
export type TrainScenesConfig = z.output<typeof trainScenesConfig>;

/** Held-out figures of one of a scene model's language models. */
export interface SceneLmFigures {
  steps: number;
  lossFirst: number;
  lossLast: number;
  heldOutLoss: number;
  heldOutPerplexity: number;
  heldOutAccuracy: number;
  parameters: number;
  vocabulary: number;
}

/** What a train-scenes job answers with. */
export interface TrainScenesResult {
  modelDir: string;
  scripts: number;
  scenes: number;
  outline: SceneLmFigures;
  draft: SceneLmFigures;
  resumedFrom: number;
  stepsPerSec?: number;
  /** Loss of every step: the next-scene model's, then the draft model's. */
  loss: number[];
}

/**
 * A point of a train-scenes job: steps run on across both phases (the next-scene model first, then
 * the draft model), with perplexity beside the loss and the held-out figures on evaluation steps.
 */
export interface SceneTrainingPoint extends MetricPoint {
  phase?: 'outline' | 'draft';
  perplexity?: number;
  heldOutLoss?: number;
  heldOutPerplexity?: number;
  heldOutAccuracy?: number;
}

/**
 * "Evaluate the recommenders on an interactions file": the file the host received (an upload in
 * the data folder), read in chunks, then the leave-one-out harness on the chosen models.
 */
export const evaluateRecommendersConfig = z
  .object({
    path: z.string().min(1),
    format: z.enum(ratingsFormats),
    columns: z.object({ user: z.string().min(1), item: z.string().min(1), time: z.string().min(1).optional() }).strict().optional(),
    delimiter: z.enum(csvDelimiters).optional(),
    models: z.array(z.enum(evaluatedModels)).min(1),
    seed: z.number().int().min(0).max(2 ** 31).default(1),
    /** The file's name as the user knows it, for messages. */
    name: z.string().min(1).max(200),
  })
  .strict();
export type EvaluateRecommendersConfig = z.output<typeof evaluateRecommendersConfig>;
export type EvaluateRecommendersResult = Omit<RatingsEvaluation, 'file'>;

/** Config schema per kind. */
export const workerTaskConfigs = {
  benchmark: benchmarkConfig,
  'train-music': trainMusicConfig,
  'train-scenes': trainScenesConfig,
  'evaluate-recommenders': evaluateRecommendersConfig,
} as const;

export type WorkerTaskKind = keyof typeof workerTaskConfigs;

export const workerTaskKinds = Object.keys(workerTaskConfigs) as WorkerTaskKind[];

export type WorkerTaskConfig<K extends WorkerTaskKind> = z.output<(typeof workerTaskConfigs)[K]>;

/**
 * Result per kind. Results cross the IPC channel by structured clone (the host forks workers with
 * serialization 'advanced'), so besides plain data they may hold typed arrays (BinaryArray), which
 * travel as binary, not JSON. Small series (a loss curve) stay plain number arrays.
 */
export interface WorkerTaskResults {
  benchmark: BenchmarkMeasurement;
  'train-music': TrainMusicResult;
  'train-scenes': TrainScenesResult;
  'evaluate-recommenders': EvaluateRecommendersResult;
}

/** Large numeric payloads in worker messages (samples, token sequences, audio). */
export type BinaryArray = Float32Array | Int32Array | Uint8Array;

/** (A kind without an entry in WorkerTaskResults does not compile here.) */
export type WorkerTaskResult<K extends WorkerTaskKind> = WorkerTaskResults[K];

export const isWorkerTaskKind = (s: unknown): s is WorkerTaskKind => typeof s === 'string' && Object.hasOwn(workerTaskConfigs, s);
