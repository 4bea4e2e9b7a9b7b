// The Studio API contract: the services the host offers and the zod schema of every method's one
// argument object. Both transports (Electron IPC, WebSocket) dispatch through `studioContract`, so
// nothing reaches a service without being validated, and the channel allow-list is derived from it.
import type { z } from 'zod';
import { assetsArgs, type AssetsService } from './assets';
import { benchmarksArgs, type BenchmarksService } from './benchmarks';
import { documentsArgs, type DocumentsService } from './documents';
import { evaluationArgs, type EvaluationService } from './evaluation';
import { generationArgs, type GenerationService } from './generation';
import { historyArgs, type HistoryService } from './history';
import { imagesArgs, type ImagesService } from './images';
import { insightsArgs, type InsightsService } from './insights';
import { jobsArgs, type JobsService } from './jobs';
import { modelsArgs, type ModelsService } from './models';
import { projectsArgs, type ProjectsService } from './projects';
import { recommendArgs, type RecommendService } from './recommend';
import { scriptsArgs, type ScriptsService } from './scripts';
import { speechArgs, type SpeechService } from './speech';
import { systemArgs, type SystemService } from './system';
import { trainingArgs, type TrainingService } from './training';

export interface StudioApi {
  projects: ProjectsService;
  jobs: JobsService;
  benchmarks: BenchmarksService;
  documents: DocumentsService;
  scripts: ScriptsService;
  assets: AssetsService;
  models: ModelsService;
  generation: GenerationService;
  evaluation: EvaluationService;
  history: HistoryService;
  recommend: RecommendService;
  insights: InsightsService;
  system: SystemService;
  training: TrainingService;
  speech: SpeechService;
  images: ImagesService;
}

type AnyMethod = (args: never) => Promise<unknown>;
type ContractOf<A> = {
  [S in keyof A]: { [M in keyof A[S]]: A[S][M] extends AnyMethod ? z.ZodType<unknown, Parameters<A[S][M]>[0]> : never };
};

export const studioContract = {
  projects: projectsArgs,
  jobs: jobsArgs,
  benchmarks: benchmarksArgs,
  documents: documentsArgs,
  scripts: scriptsArgs,
  assets: assetsArgs,
  models: modelsArgs,
  generation: generationArgs,
  evaluation: evaluationArgs,
  history: historyArgs,
  recommend: recommendArgs,
  insights: insightsArgs,
  system: systemArgs,
  training: trainingArgs,
  speech: speechArgs,
  images: imagesArgs,
} satisfies ContractOf<StudioApi>;

export type ServiceName = keyof StudioApi;
export type MethodName<S extends ServiceName> = keyof StudioApi[S] & string;
export type ArgsOf<S extends ServiceName, M extends MethodName<S>> = StudioApi[S][M] extends (a: infer A) => unknown ? A : never;
export type ResultOf<S extends ServiceName, M extends MethodName<S>> = StudioApi[S][M] extends (
  a: never,
) => Promise<infer R>
  ? R
  : never;

/** "projects.create"-style names of every method: the IPC/WebSocket allow-list. */
export const allowedMethods: ReadonlySet<string> = new Set(
  Object.entries(studioContract).flatMap(([s, methods]) => Object.keys(methods).map((m) => `${s}.${m}`)),
);
