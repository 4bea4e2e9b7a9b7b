// Models service contract: the registry of music models (trained here or shipped with Montage),
// each a row in SQLite and a folder in tfjs format under the data folder's models/. A page lists,
// compares, renames and deletes them. Registering a model is not an API method: the host does it
// when a training job finishes and when it finds shipped models at start-up
// (src/main/services/models-service.ts), after checking the folder.
import { z } from 'zod';
import type { Brand, ProjectId } from '../ids';
import { modelKind, type ModelCurve, type ModelDataSummary, type ModelKind, type ModelMetrics } from '../models/manifest';

export { modelKinds, type ModelCurve, type ModelDataSummary, type ModelKind, type ModelMetrics } from '../models/manifest';

export type ModelId = Brand<string, 'ModelId'>;

export const modelOrigins = ['shipped', 'trained'] as const;
export type ModelOrigin = (typeof modelOrigins)[number];

export interface ModelInfo {
  id: ModelId;
  /** Unique among models of its kind, ignoring case (as project names are). */
  name: string;
  kind: ModelKind;
  /** The named configuration it was built from ("melody-2bar-small"). */
  configName: string;
  /** The full configuration (layer sizes, learning rate, seed …). */
  config: Record<string, unknown>;
  /** Token classes (melody) or drum classes (drums). */
  vocabulary: number;
  /** Steps (sixteenths) per sequence. */
  steps: number;
  /** What it was trained on. */
  data: ModelDataSummary;
  /** The training curve (small arrays). */
  curve: ModelCurve;
  metrics: ModelMetrics;
  /** 'shipped' came with Montage and cannot be deleted; 'trained' was trained on this machine. */
  origin: ModelOrigin;
  /** The project whose songs it was trained on, when there was one and it still exists. */
  projectId: ProjectId | null;
  createdAt: number;
}

export const modelId = z.string().uuid('Not a valid model id.').transform((s) => s as ModelId);
export const modelName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'A model needs a name.').max(120, 'Model names are at most 120 characters.'));

export const modelsArgs = {
  list: z.object({ kind: modelKind.optional() }).strict(),
  get: z.object({ id: modelId }).strict(),
  rename: z.object({ id: modelId, name: modelName }).strict(),
  delete: z.object({ id: modelId }).strict(),
};

export interface ModelsService {
  /** Every model (of one kind, if given), newest first, with its metrics and curve. */
  list(args: z.input<typeof modelsArgs.list>): Promise<ModelInfo[]>;
  get(args: z.input<typeof modelsArgs.get>): Promise<ModelInfo>;
  /** 'conflict' when another model of the same kind has that name. */
  rename(args: z.input<typeof modelsArgs.rename>): Promise<ModelInfo>;
  /** Removes the model and its folder. A shipped model cannot be deleted ('conflict'). */
  delete(args: z.input<typeof modelsArgs.delete>): Promise<{ id: ModelId }>;
}
