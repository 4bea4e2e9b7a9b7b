// Training service contract: "train on my music". The examples come from a project's songs (all of
// them, some songs, or some tracks) or from MIDI files the page uploads (base64). `preview` says
// what would be extracted (examples found, windows skipped by reason) without training; `start`
// runs a 'train-music' job (it shows in the Jobs panel, streams loss, KL and accuracy points, can be
// cancelled) whose model is registered in the models registry when it finishes.
import { z } from 'zod';
import { musicModelConfigNames, type MusicModelConfigName } from '../jobs/task-kinds';
import { documentId } from './documents';
import { jobId, type Job } from './jobs';
import { projectId } from './projects';

export { musicModelConfigNames, type MusicModelConfigName } from '../jobs/task-kinds';

/** Uploaded MIDI files per call: the WebSocket carries at most 8 MiB, so ~6 MB of files as base64. */
export const maxTrainingUploadFiles = 200;
export const maxTrainingUploadBytes = 6 * 1000 * 1000;
/** One uploaded file (the same limit as a MIDI import). */
export const maxTrainingFileBytes = 4 * 1024 * 1024;
/** Steps a training run may ask for. */
export const maxTrainingSteps = 100_000;

const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;
/** Decoded size of a base64 string (without checking it). */
export const base64Bytes = (s: string): number => Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

const mb = (bytes: number): string => `${Math.round((bytes / 1000 / 1000) * 10) / 10} MB`;

export const trainingFile = z
  .object({
    name: z.string().trim().min(1, 'A file needs a name.').max(500, 'File names are at most 500 characters.'),
    base64: z
      .string()
      .min(1, 'The file is empty.')
      .max(base64Length(maxTrainingFileBytes) + 4, `A MIDI file may be at most ${mb(maxTrainingFileBytes)}.`),
  })
  .strict();

export const trainingSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('songs'),
      projectId,
      /** Whole songs (default: every song of the project, unless tracks are given). */
      docIds: z.array(documentId).max(1000).optional(),
      /** Single tracks of songs. */
      tracks: z
        .array(z.object({ docId: documentId, trackId: z.string().min(1).max(64) }).strict())
        .max(5000)
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('files'),
      files: z
        .array(trainingFile)
        .min(1, 'Choose at least one MIDI file.')
        .max(maxTrainingUploadFiles, `Train on at most ${maxTrainingUploadFiles} uploaded MIDI files at a time (use the command line for a larger folder).`)
        .superRefine((files, ctx) => {
          const total = files.reduce((sum, f) => sum + base64Bytes(f.base64), 0);
          if (total > maxTrainingUploadBytes) {
            ctx.addIssue({ code: 'custom', message: `The files come to ${mb(total)}; upload at most ${mb(maxTrainingUploadBytes)} at a time.` });
          }
        }),
    })
    .strict(),
]);
export type TrainingSource = z.input<typeof trainingSource>;

/** Screenplays to train a scene model on: a project's scripts (all, or some), or uploaded .fountain/.fdx files. */
export const sceneTrainingSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('scripts'),
      projectId,
      /** Some scripts of the project (default: all of them). */
      docIds: z.array(documentId).max(1000).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('script-files'),
      files: z
        .array(trainingFile)
        .min(1, 'Choose at least one script file.')
        .max(maxTrainingUploadFiles, `Train on at most ${maxTrainingUploadFiles} uploaded scripts at a time (use the command line for a larger folder).`),
    })
    .strict(),
]);
export type SceneTrainingSource = z.input<typeof sceneTrainingSource>;

export const sceneTrainingArgs = {
  previewScenes: z.object({ source: sceneTrainingSource }).strict(),
  startScenes: z
    .object({
      source: sceneTrainingSource,
      name: z
        .string()
        .transform((s) => s.trim())
        .pipe(z.string().max(120, 'Model names are at most 120 characters.'))
        .optional(),
      /** Steps of the draft model (the next-scene model trains half as many). */
      steps: z.number().int('Steps must be a whole number.').min(1, 'Train for at least 1 step.').max(maxTrainingSteps, `Train for at most ${maxTrainingSteps} steps.`).optional(),
    })
    .strict(),
};

/** What a scene-training source holds. */
export interface SceneTrainingSummary {
  /** Scripts read, and scenes (headings) found in them. */
  scripts: number;
  scenes: number;
  /** Scripts with no scene heading. */
  withoutScenes: number;
  unreadable: { name: string; reason: string }[];
  /** "412 scenes in 3 scripts". */
  summary: string;
  enough: boolean;
  minScenes: number;
}

const configName = z.enum(musicModelConfigNames, { message: `Choose a configuration: ${musicModelConfigNames.join(', ')}.` });

export const trainingArgs = {
  preview: z.object({ configName, source: trainingSource }).strict(),
  start: z
    .object({
      configName,
      source: trainingSource,
      name: z
        .string()
        .transform((s) => s.trim())
        .pipe(z.string().max(120, 'Model names are at most 120 characters.'))
        .optional(),
      steps: z.number().int('Steps must be a whole number.').min(1, 'Train for at least 1 step.').max(maxTrainingSteps, `Train for at most ${maxTrainingSteps} steps.`).optional(),
    })
    .strict(),
  /** Continues a cancelled, failed or interrupted run from its last checkpoint. */
  resume: z.object({ jobId }).strict(),
  /** The stopped runs that can be resumed now (their checkpoints are kept). */
  resumable: z.object({}).strict(),
  ...sceneTrainingArgs,
};

export interface TrainingSkip {
  reason: string;
  /** Short form for a list ("silent", "duplicates"). */
  label: string;
  count: number;
}

/** What a source yields for a configuration. */
export interface TrainingCorpusSummary {
  configName: MusicModelConfigName;
  kind: 'melody' | 'drums';
  bars: number;
  examples: number;
  /** Songs or files read, and tracks that gave at least one example. */
  sources: number;
  /** Skipped windows (and unreadable files) by reason, most frequent first. */
  skipped: TrainingSkip[];
  unreadable: { name: string; reason: string }[];
  /** "found 31 two-bar melodies in 4 tracks; skipped 6 (6 silent)". */
  summary: string;
  /** Whether there are enough examples to train (and if not, why). */
  enough: boolean;
  minExamples: number;
}

export interface TrainingService {
  /** What `start` would train on, without training. */
  preview(args: z.input<typeof trainingArgs.preview>): Promise<TrainingCorpusSummary>;
  /** Starts a training job. 'invalid-argument' (naming the skip reasons) when too few examples are found. */
  start(args: z.input<typeof trainingArgs.start>): Promise<{ job: Job; corpus: TrainingCorpusSummary }>;
  /**
   * A new job that continues a stopped run (cancelled, failed, interrupted) from its last
   * checkpoint, towards the same number of steps. 'not-found' when its checkpoint is gone (the
   * newest 3 stopped runs are kept), 'conflict' while it is being resumed already.
   */
  resume(args: z.input<typeof trainingArgs.resume>): Promise<{ job: Job }>;
  /** Jobs whose runs can be resumed: stopped, with a checkpoint kept, not resumed yet. */
  resumable(args: z.input<typeof trainingArgs.resumable>): Promise<{ jobIds: string[] }>;
  /** What `startScenes` would train a scene model on (scripts, scenes, unreadable files), without training. */
  previewScenes(args: z.input<typeof sceneTrainingArgs.previewScenes>): Promise<SceneTrainingSummary>;
  /**
   * Trains a scene model (the scene writer's next-scene and draft models) as a job: progress, loss
   * and perplexity points, cancel, and `resume` like music training. 'invalid-argument' with fewer
   * than 2 scenes.
   */
  startScenes(args: z.input<typeof sceneTrainingArgs.startScenes>): Promise<{ job: Job; corpus: SceneTrainingSummary }>;
}
