// SQL for custom image categories (migration 13): the labelled examples a classifier trains on,
// the categories and their counts, and the trained classifier of each scope (a project, or all
// projects: project_id NULL). A new import is tagged by its project's own classifier, else by the
// one for all projects.
import { randomUUID } from 'node:crypto';
import type { ImageCategoryCount, ImageClassifierInfo, TrainCategoriesResult } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { CategoryModel } from '../../shared/vision/category-model';
import type { Db } from './database';
import { blobVector, vectorBlob } from './images-repo';
import { guardStorage } from './storage-errors';

interface ClassifierRow {
  project_id: string | null;
  method: 'knn' | 'dense';
  k: number | null;
  dims: number;
  labels_json: string;
  weights: Buffer;
  bias: Buffer | null;
  accuracy: number;
  summary_json: string;
  trained_at: number;
}

export interface LabelledVector {
  assetId: string;
  category: string;
  vector: Float32Array;
}

export interface StoredClassifier {
  info: ImageClassifierInfo;
  model: CategoryModel;
}

const live = 'EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id AND p.deleted_at IS NULL)';

function toClassifier(r: ClassifierRow): StoredClassifier {
  const labels = JSON.parse(r.labels_json) as string[];
  const summary = JSON.parse(r.summary_json) as TrainCategoriesResult & { categoryNames?: string[] };
  const model: CategoryModel =
    r.method === 'knn'
      ? { method: 'knn', k: r.k ?? 1, dims: r.dims, labels, vectors: blobVector(r.weights) }
      : { method: 'dense', dims: r.dims, labels, weights: blobVector(r.weights), bias: blobVector(r.bias ?? Buffer.alloc(0)) };
  return {
    model,
    info: {
      projectId: r.project_id as ProjectId | null,
      method: r.method,
      k: r.k,
      accuracy: r.accuracy,
      knnAccuracy: summary.knnAccuracy,
      denseAccuracy: summary.denseAccuracy,
      examples: summary.examples,
      categories: summary.categoryNames ?? [],
      trainedAt: r.trained_at,
    },
  };
}

export function createImageClassifiersRepo(db: Db) {
  const scope = '(@projectId IS NULL OR a.project_id = @projectId)';
  const examples = db.prepare<[{ projectId: string | null; limit: number }], { asset_id: string; category: string; vector: Buffer }>(
    `SELECT c.asset_id, c.category, e.vector FROM image_categories c JOIN image_embeddings e ON e.asset_id = c.asset_id JOIN assets a ON a.id = c.asset_id
     WHERE a.kind = 'image' AND ${live} AND ${scope} ORDER BY c.at, c.asset_id LIMIT @limit`,
  );
  const counts = db.prepare<[{ projectId: string | null }], { category: string; n: number; latest: number }>(
    `SELECT c.category, count(*) AS n, max(c.at) AS latest FROM image_categories c JOIN assets a ON a.id = c.asset_id
     WHERE a.kind = 'image' AND ${live} AND ${scope} GROUP BY c.category_key ORDER BY n DESC, c.category_key`,
  );
  const cols = 'project_id, method, k, dims, labels_json, weights, bias, accuracy, summary_json, trained_at';
  const ofScope = db.prepare<[{ projectId: string | null }], ClassifierRow>(`SELECT ${cols} FROM image_classifiers WHERE ifnull(project_id, '') = ifnull(@projectId, '')`);
  const forProject = db.prepare<[{ projectId: string }], ClassifierRow>(
    `SELECT ${cols} FROM image_classifiers WHERE project_id = @projectId OR project_id IS NULL ORDER BY project_id IS NULL LIMIT 1`,
  );
  const drop = db.prepare("DELETE FROM image_classifiers WHERE ifnull(project_id, '') = ifnull(@projectId, '')");
  const insert = db.prepare(
    `INSERT INTO image_classifiers (id, project_id, method, k, dims, labels_json, weights, bias, accuracy, summary_json, trained_at)
     SELECT @id, @projectId, @method, @k, @dims, @labels, @weights, @bias, @accuracy, @summary, @trainedAt
     WHERE @projectId IS NULL OR EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND deleted_at IS NULL)`,
  );
  /** Images a scope's classifier tags: a project's; for all projects, those of projects without their own. */
  const tagged = db.prepare<[{ projectId: string | null }], { asset_id: string; project_id: string; vector: Buffer }>(
    `SELECT e.asset_id, a.project_id, e.vector FROM image_embeddings e JOIN assets a ON a.id = e.asset_id WHERE a.kind = 'image' AND ${live}
     AND (a.project_id = @projectId OR (@projectId IS NULL AND NOT EXISTS (SELECT 1 FROM image_classifiers k WHERE k.project_id = a.project_id)))`,
  );
  const replace = db.transaction((row: Record<string, unknown>): boolean => {
    drop.run({ projectId: row['projectId'] });
    return insert.run(row).changes > 0;
  });

  return guardStorage(db.name, {
    /** The labelled images with an embedding, oldest label first, at most `limit`. */
    examples(projectId: string | null, limit: number): LabelledVector[] {
      return examples.all({ projectId, limit }).map((r) => ({ assetId: r.asset_id, category: r.category, vector: blobVector(r.vector) }));
    },
    /** Categories (each under its latest spelling) with how many images each has, most used first. */
    categories(projectId: string | null): ImageCategoryCount[] {
      return counts.all({ projectId }).map((r) => ({ name: r.category, examples: r.n }));
    },
    /** The classifier trained for exactly this scope. */
    ofScope(projectId: string | null): StoredClassifier | undefined {
      const row = ofScope.get({ projectId });
      return row && toClassifier(row);
    },
    /** The classifier that tags the project's images: its own, else the one for all projects. */
    forProject(projectId: string): StoredClassifier | undefined {
      const row = forProject.get({ projectId });
      return row && toClassifier(row);
    },
    /** Stores the scope's classifier in place of its previous one; false when the project is gone. */
    save(projectId: string | null, model: CategoryModel, summary: TrainCategoriesResult, categoryNames: readonly string[], trainedAt: number): boolean {
      const weights = model.method === 'knn' ? model.vectors : model.weights;
      return replace({
        id: randomUUID(),
        projectId,
        method: model.method,
        k: model.method === 'knn' ? model.k : null,
        dims: model.dims,
        labels: JSON.stringify(model.labels),
        weights: vectorBlob(weights),
        bias: model.method === 'dense' ? vectorBlob(model.bias) : null,
        accuracy: summary.accuracy,
        summary: JSON.stringify({ ...summary, categoryNames }),
        trainedAt,
      });
    },
    /** Embeddings of the images the scope's classifier tags (see `tagged`). */
    taggedBy(projectId: string | null): { assetId: string; projectId: string; vector: Float32Array }[] {
      return tagged.all({ projectId }).map((r) => ({ assetId: r.asset_id, projectId: r.project_id, vector: blobVector(r.vector) }));
    },
  });
}

export type ImageClassifiersRepo = ReturnType<typeof createImageClassifiersRepo>;
