// The on-disk form of a trained music model, shared by the trainer that writes it (a worker task)
// and the host that registers it (src/main/services/models-service.ts). A model is a folder:
//
//   model.json         the tfjs weights manifest (engine/training/checkpoint.ts writes it), naming
//                      one or more weights files in the same folder
//   weights-….bin      the weights
//   music-model.json   this manifest: what the model is, how it was configured, how it scored
//
// The host refuses a folder whose model.json or music-model.json is missing, unreadable or does not
// match these schemas, and one whose weights files are missing or shorter than model.json says
// ("The checkpoint … is damaged: …"), so a half-written or corrupt model is never registered.
//
// The trainer writes music-model.json last (after model.json), with `writeFile` to a temp name and
// a rename, so a folder with a manifest is a finished model.
import { z } from 'zod';

export const musicModelFormat = 'montage-music-model';
export const musicModelVersion = 1;
/** The manifest's file name inside a model folder. */
export const musicModelManifestFile = 'music-model.json';
/** The tfjs weights manifest's file name inside a model folder. */
export const tfjsModelFile = 'model.json';

/** Music models (melody, drums) and the scene writer's scene models (next scene and draft, src/workers/models/scene-model-files.ts). */
export const modelKinds = ['melody', 'drums', 'scenes'] as const;
export type ModelKind = (typeof modelKinds)[number];
export const modelKind = z.enum(modelKinds);
/** The kinds whose models make music (generation, `montage eval music`). */
export const musicModelKinds = ['melody', 'drums'] as const;
export const isMusicModelKind = (kind: ModelKind): kind is (typeof musicModelKinds)[number] => kind === 'melody' || kind === 'drums';

/** Most points a stored training curve keeps (the trainer thins longer runs evenly). */
export const maxCurvePoints = 1000;

const finite = z.number().finite();
const count = z.number().int().min(0);

/** Named scores of a model (accuracy, loss, kl, …): small numbers the model view compares. */
export const modelMetrics = z.record(z.string().min(1).max(64), finite).refine((m) => Object.keys(m).length <= 64, 'At most 64 metrics.');
export type ModelMetrics = z.infer<typeof modelMetrics>;

/**
 * The training curve, one entry per recorded step. `kl` and `accuracy` are empty when the model
 * does not report them; otherwise every series is as long as `steps`.
 */
export const modelCurve = z
  .object({
    steps: z.array(count).max(maxCurvePoints),
    loss: z.array(finite).max(maxCurvePoints),
    kl: z.array(finite).max(maxCurvePoints).default([]),
    accuracy: z.array(finite).max(maxCurvePoints).default([]),
  })
  .refine((c) => c.loss.length === c.steps.length, { message: 'loss must have one value per step.', path: ['loss'] })
  .refine((c) => c.kl.length === 0 || c.kl.length === c.steps.length, { message: 'kl must be empty or have one value per step.', path: ['kl'] })
  .refine((c) => c.accuracy.length === 0 || c.accuracy.length === c.steps.length, {
    message: 'accuracy must be empty or have one value per step.',
    path: ['accuracy'],
  });
export type ModelCurve = z.infer<typeof modelCurve>;
export const emptyCurve: ModelCurve = Object.freeze({ steps: [], loss: [], kl: [], accuracy: [] }) as ModelCurve;

/** What the model was trained on: how many examples, what was skipped and why, and from where. */
export const modelDataSummary = z.object({
  examples: count,
  /** Dropped windows by reason (shared/music/encoding/extract.ts's SkipCount). */
  skipped: z
    .array(z.object({ reason: z.string().max(500), label: z.string().max(100), count }))
    .max(100)
    .default([]),
  /** Where the examples came from: songs or files, with how many examples each gave. */
  sources: z
    .array(z.object({ name: z.string().max(500), examples: count }))
    .max(1000)
    .default([]),
  /** The one-line summary (summariseCorpus), when there is one. */
  summary: z.string().max(1000).optional(),
});
export type ModelDataSummary = z.infer<typeof modelDataSummary>;
export const emptyDataSummary: ModelDataSummary = Object.freeze({ examples: 0, skipped: [], sources: [] }) as ModelDataSummary;

/** A model's configuration (layer sizes, learning rate, seed …) as plain JSON. */
export const modelConfig = z.record(z.string().max(100), z.unknown());

/**
 * music-model.json. Unknown keys are ignored (a later version may add some); `format` and
 * `version` say whether this Montage can read the rest.
 */
export const musicModelManifest = z.object({
  format: z.literal(musicModelFormat, { message: `format must be "${musicModelFormat}".` }),
  version: z.literal(musicModelVersion, { message: `version must be ${musicModelVersion}.` }),
  kind: modelKind,
  /** A shipped model's display name; a trained model gets the name the user gave. */
  name: z.string().trim().min(1).max(120).optional(),
  /** The named configuration it was built from ("melody-2bar-small"). */
  configName: z.string().min(1).max(100),
  config: modelConfig,
  /** Token classes (melody) or drum classes (drums). */
  vocabulary: z.number().int().min(1).max(1_000_000),
  /** Steps (sixteenths) per sequence. */
  steps: z.number().int().min(1).max(1_000_000),
  metrics: modelMetrics.default({}),
  /** Optional: a shipped model carries its own data summary and curve. */
  data: modelDataSummary.optional(),
  curve: modelCurve.optional(),
});
export type MusicModelManifest = z.infer<typeof musicModelManifest>;
export type MusicModelManifestInput = z.input<typeof musicModelManifest>;

/** Metrics a list shows first, when a model has them; others follow in name order. */
export const keyMetricNames: readonly string[] = ['accuracy', 'loss', 'kl', 'perplexity'];

/** Up to `max` metrics, key ones first ("accuracy 0.62, loss 1.83"). */
export function keyMetrics(metrics: ModelMetrics, max = 3): [string, number][] {
  const names = Object.keys(metrics);
  const ordered = [...keyMetricNames.filter((n) => names.includes(n)), ...names.filter((n) => !keyMetricNames.includes(n)).sort()];
  return ordered.slice(0, max).map((n) => [n, metrics[n] as number]);
}
