// Recommendations contract: "For you" (songs, scripts, models, instruments and projects to reuse,
// each with why), ranked from the local event log by the model the evaluation harness picked, and
// the harness itself on the local history. Everything is computed on this machine.
import { z } from 'zod';
import type { ProjectId } from '../ids';
import { chunkData, maxChunkBytes, uploadId } from './assets';
import { clipSummary, type ItemKind } from './history';
import type { Job } from './jobs';
import { projectId } from './projects';

/** The models the app can rank with (the harness picks one; popularity is the cold start). */
export const localModelNames = ['popularity', 'itemknn', 'als', 'ease'] as const;
export type LocalModelName = (typeof localModelNames)[number];

/** The kinds "For you" offers (jobs and assets are not reused from there); a preset is a model with the settings kept results were made with. */
export const recommendableKinds = ['song', 'script', 'scene', 'asset', 'model', 'instrument', 'project', 'preset'] as const satisfies readonly ItemKind[];
export type RecommendableKind = (typeof recommendableKinds)[number];

export interface Recommendation {
  /** The item key ("song:<id>", "instrument:33" …). */
  item: string;
  kind: RecommendableKind;
  /** What to show: the document, model or project name, or the instrument's GM name. */
  label: string;
  /** The project a song or script is in (to open it), and that project's name. */
  projectId: ProjectId | null;
  projectName: string | null;
  score: number;
  /** Why, in words, strongest first: "Often used with “Verse ideas”", "You kept 4 clips from it". */
  because: string[];
}

export interface ForYou {
  items: Recommendation[];
  /** The model that ranked them. */
  model: LocalModelName;
  /** True when the history is too small to learn from (popularity, or nothing). */
  coldStart: boolean;
  /** Said above the list when there is something to explain (an empty or tiny history). */
  message: string | null;
  /** Interactions learnt from. */
  interactions: number;
}

export interface LocalEvaluationRow {
  name: string;
  hr10: number;
  ndcg10: number;
  fitSeconds: number;
}

export interface LocalEvaluation {
  /** Contexts (studio sessions and projects) act as the users: each one's latest item is held out. */
  protocol: { users: number; items: number; interactions: number; evaluatedUsers: number; negatives: number; seed: number; k: number };
  rows: LocalEvaluationRow[];
  /** The model For you uses now (popularity when too few contexts could be evaluated). */
  chosen: LocalModelName;
  reason: string;
}

/** The interaction files the harness reads (shared/recommend/ratings-import.ts). */
export const ratingsFormats = ['movielens-csv', 'udata', 'csv'] as const;
/** The field separators a generic CSV may use. */
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];
/** The recommenders the harness compares (shared/recommend/catalogue.ts). */
export const evaluatedModels = ['popularity', 'itemknn', 'als', 'bpr', 'ease', 'neumf'] as const;
/** The largest interactions file the studio evaluates (about 10 million MovieLens rows). */
export const maxRatingsBytes = 256 * 1024 * 1024;

/** An evaluate-recommenders job's result (Job.result): the harness's table and what the import read. */
export interface RatingsEvaluation {
  protocol: { users: number; items: number; interactions: number; evaluatedUsers: number; negatives: number; seed: number; k: number };
  rows: LocalEvaluationRow[];
  import: { rowsRead: number; rowsImported: number; rowsSkipped: number; skipped: { reason: string; count: number; lines: number[] }[] };
  /** The file's name as uploaded. */
  file: string;
}

export const recommendArgs = {
  forYou: z
    .object({
      /** The project the user is in: its items weigh more in what "now" means. */
      projectId: projectId.optional(),
      kinds: z.array(z.enum(recommendableKinds)).min(1).max(recommendableKinds.length).optional(),
      /** An item to leave out (the document open now). */
      exclude: z.array(z.string().max(200)).max(50).optional(),
      limit: z.number().int().min(1).max(50).default(12),
    })
    .strict(),
  evaluate: z.object({ seed: z.number().int().min(0).max(2 ** 31).optional() }).strict(),
  rankGenerated: z
    .object({
      /** The model that made them: its own keeps and discards count first. */
      modelId: z.string().min(1).max(200).optional(),
      clips: z.array(z.object({ clip: clipSummary, temperature: z.number().min(0).max(10).nullable().optional() }).strict()).min(1).max(64).optional(),
      scenes: z.array(generatedSceneSummary()).min(1).max(64).optional(),
    })
    .strict()
    .refine((v) => (v.clips === undefined) !== (v.scenes === undefined), 'Give either clips or scenes.'),
  /** Reserves the upload of an interactions file; chunks then come in order, each at most `chunkBytes`. */
  beginRatingsUpload: z
    .object({
      name: z.string().trim().min(1).max(200),
      bytes: z.number().int().min(1, 'The file is empty.').max(maxRatingsBytes, `Montage evaluates interaction files up to ${maxRatingsBytes / 1024 / 1024} MB.`),
    })
    .strict(),
  uploadRatingsChunk: z.object({ uploadId, index: z.number().int().min(0).max(Math.ceil(maxRatingsBytes / maxChunkBytes)), data: chunkData }).strict(),
  cancelRatingsUpload: z.object({ uploadId }).strict(),
  /** Starts the harness on a whole upload, as a job (progress, cancel); its result is a RatingsEvaluation. */
  evaluateRatings: z
    .object({
      uploadId,
      format: z.enum(ratingsFormats),
      /** Header names, for format 'csv'. */
      columns: z.object({ user: z.string().min(1).max(100), item: z.string().min(1).max(100), time: z.string().min(1).max(100).optional() }).strict().optional(),
      /** The field separator of a 'csv' file (',' when left out). */
      delimiter: z.enum(csvDelimiters).optional(),
      models: z.array(z.enum(evaluatedModels)).min(1).max(evaluatedModels.length).optional(),
      seed: z.number().int().min(0).max(2 ** 31).optional(),
    })
    .strict()
    .refine((v) => v.format !== 'csv' || v.columns !== undefined, 'A CSV file needs its user and item columns named.'),
};

/** What a proposed scene is like, for its taste and its history record. */
export function generatedSceneSummary() {
  return z
    .object({
      intExt: z.enum(['INT', 'EXT', 'INT/EXT']),
      time: z.string().max(40),
      characters: z.number().int().min(0).max(100),
      beatWords: z.number().int().min(0).max(1000),
    })
    .strict();
}
export type GeneratedSceneSummary = z.infer<ReturnType<typeof generatedSceneSummary>>;

export interface GeneratedRanking {
  /** The chance of a keep (or an accept) per candidate, in their order; null until enough decisions were seen. */
  scores: number[] | null;
  /** Decisions learnt from. */
  learntFrom: number;
}

export interface RecommendService {
  forYou(args: z.input<typeof recommendArgs.forYou>): Promise<ForYou>;
  /** Runs the harness on the local history and picks the model For you uses. */
  evaluate(args: z.input<typeof recommendArgs.evaluate>): Promise<LocalEvaluation>;
  /** The predicted taste of freshly generated clips or scene suggestions, from earlier keeps and discards. */
  rankGenerated(args: z.input<typeof recommendArgs.rankGenerated>): Promise<GeneratedRanking>;
  beginRatingsUpload(args: z.input<typeof recommendArgs.beginRatingsUpload>): Promise<{ uploadId: string; chunkBytes: number }>;
  /** Appends chunk `index` (0, 1, 2, …); answers the bytes received so far. */
  uploadRatingsChunk(args: z.input<typeof recommendArgs.uploadRatingsChunk>): Promise<{ received: number }>;
  cancelRatingsUpload(args: z.input<typeof recommendArgs.cancelRatingsUpload>): Promise<{ uploadId: string }>;
  /** The job that reads the file and runs the harness (Jobs panel: progress and cancel). */
  evaluateRatings(args: z.input<typeof recommendArgs.evaluateRatings>): Promise<Job>;
}

export const isRecommendableKind = (kind: string): kind is RecommendableKind => (recommendableKinds as readonly string[]).includes(kind);
