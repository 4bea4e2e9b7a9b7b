// SQL for the model registry (migration 7). Rows come back as API records (ModelInfo) plus the
// host-only fields (folder, origin source, manifest hash). Names are unique per kind by the
// schema's models_name index: a clash is a ModelNameTakenError from the write itself, never a
// read of the list first. Every method maps SQLite's busy/full/IO/read-only errors to a
// StorageError (guardStorage); the service retries its writes with retryStorageWrite.
import type { ModelCurve, ModelDataSummary, ModelId, ModelInfo, ModelKind, ModelMetrics, ModelOrigin } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import type { Db } from './database';
import { projectNameKey } from './project-name-key';
import { guardStorage } from './storage-errors';

/** A registry row as the host sees it. */
export interface StoredModel extends ModelInfo {
  /** The model's folder, relative to <data>/models/. */
  dir: string;
  /** A shipped model's folder name in the shipped-models folder; null for a trained one. */
  source: string | null;
  /** SHA-256 (hex) of its music-model.json when registered. */
  manifestHash: string;
}

interface ModelRow {
  id: string;
  name: string;
  kind: string;
  config_name: string;
  config_json: string;
  vocabulary: number;
  steps: number;
  data_json: string;
  curve_json: string;
  metrics_json: string;
  dir: string;
  origin: string;
  source: string | null;
  manifest_hash: string;
  project_id: string | null;
  created_at: number;
}

const toModel = (r: ModelRow): StoredModel => ({
  id: r.id as ModelId,
  name: r.name,
  kind: r.kind as ModelKind,
  configName: r.config_name,
  config: JSON.parse(r.config_json) as Record<string, unknown>,
  vocabulary: r.vocabulary,
  steps: r.steps,
  data: JSON.parse(r.data_json) as ModelDataSummary,
  curve: JSON.parse(r.curve_json) as ModelCurve,
  metrics: JSON.parse(r.metrics_json) as ModelMetrics,
  origin: r.origin as ModelOrigin,
  projectId: r.project_id as ProjectId | null,
  createdAt: r.created_at,
  dir: r.dir,
  source: r.source,
  manifestHash: r.manifest_hash,
});

/** The API record of a stored model (without the host-only fields). */
export function publicModel(m: StoredModel): ModelInfo {
  const { dir: _dir, source: _source, manifestHash: _hash, ...info } = m;
  return info;
}

/** Thrown by insert and rename when another model of the same kind has that name. */
export class ModelNameTakenError extends Error {
  constructor(readonly modelName: string) {
    super(`A model of that kind is already named ${modelName}`);
    this.name = 'ModelNameTakenError';
  }
}

const isNameClash = (err: unknown): boolean => {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && /models\.kind, models\.name_key/.test(e.message ?? '');
};

function guardName<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (isNameClash(err)) throw new ModelNameTakenError(name);
    throw err;
  }
}

const columns =
  'id, name, kind, config_name, config_json, vocabulary, steps, data_json, curve_json, metrics_json, dir, origin, source, manifest_hash, project_id, created_at';

/**
 * The read-only part: what `montage models` uses on a read-only connection beside a running host.
 * A database from before migration 7 (not yet opened by this version) has no models: an empty list.
 */
export function createModelsReader(db: Db) {
  const hasTable = db.prepare<[], { n: number }>("SELECT 1 AS n FROM sqlite_master WHERE type = 'table' AND name = 'models'").get() !== undefined;
  if (!hasTable) return { list: (_kind?: ModelKind): StoredModel[] => [] };
  const all = db.prepare<[], ModelRow>(`SELECT ${columns} FROM models ORDER BY created_at DESC, name COLLATE NOCASE, id`);
  const ofKind = db.prepare<[string], ModelRow>(`SELECT ${columns} FROM models WHERE kind = ? ORDER BY created_at DESC, name COLLATE NOCASE, id`);
  return {
    /** Every model (of one kind), newest first. */
    list(kind?: ModelKind): StoredModel[] {
      return (kind ? ofKind.all(kind) : all.all()).map(toModel);
    },
  };
}

export function createModelsRepo(db: Db) {
  const reader = createModelsReader(db);
  const byId = db.prepare<[string], ModelRow>(`SELECT ${columns} FROM models WHERE id = ?`);
  const byName = db.prepare<[string], ModelRow>(`SELECT ${columns} FROM models WHERE name_key = ? ORDER BY kind`);
  const bySource = db.prepare<[string], ModelRow>(`SELECT ${columns} FROM models WHERE origin = 'shipped' AND source = ?`);
  const nameTaken = db.prepare<[string, string], { n: number }>('SELECT 1 AS n FROM models WHERE kind = ? AND name_key = ?');
  const insert = db.prepare(
    `INSERT INTO models (${columns}, name_key)
     VALUES (@id, @name, @kind, @configName, @configJson, @vocabulary, @steps, @dataJson, @curveJson, @metricsJson, @dir, @origin, @source,
       @manifestHash, (SELECT id FROM projects WHERE id = @projectId), @createdAt, @nameKey)`,
  );
  const rename = db.prepare('UPDATE models SET name = ?, name_key = ? WHERE id = ?');
  const update = db.prepare(
    `UPDATE models SET config_name = @configName, config_json = @configJson, vocabulary = @vocabulary, steps = @steps, data_json = @dataJson,
       curve_json = @curveJson, metrics_json = @metricsJson, manifest_hash = @manifestHash WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM models WHERE id = ?');

  const params = (m: StoredModel) => ({
    id: m.id,
    name: m.name,
    nameKey: projectNameKey(m.name),
    kind: m.kind,
    configName: m.configName,
    configJson: JSON.stringify(m.config),
    vocabulary: m.vocabulary,
    steps: m.steps,
    dataJson: JSON.stringify(m.data),
    curveJson: JSON.stringify(m.curve),
    metricsJson: JSON.stringify(m.metrics),
    dir: m.dir,
    origin: m.origin,
    source: m.source,
    manifestHash: m.manifestHash,
    projectId: m.projectId,
    createdAt: m.createdAt,
  });

  return guardStorage(db.name, {
    list(kind?: ModelKind): StoredModel[] {
      return reader.list(kind);
    },
    get(id: string): StoredModel | undefined {
      const row = byId.get(id);
      return row && toModel(row);
    },
    /** Models with this name (compared as the index does), one per kind at most. */
    byName(name: string): StoredModel[] {
      return byName.all(projectNameKey(name)).map(toModel);
    },
    /** The shipped model registered from this folder name, if any. */
    shipped(source: string): StoredModel | undefined {
      const row = bySource.get(source);
      return row && toModel(row);
    },
    nameTaken(kind: ModelKind, name: string): boolean {
      return nameTaken.get(kind, projectNameKey(name)) !== undefined;
    },
    /**
     * Adds a model. A project id that no longer exists is stored as null (the model stays).
     * @throws ModelNameTakenError
     */
    insert(m: StoredModel): void {
      guardName(m.name, () => insert.run(params(m)));
    },
    /** False when the model is gone. @throws ModelNameTakenError */
    rename(id: string, name: string): boolean {
      return guardName(name, () => rename.run(name, projectNameKey(name), id).changes > 0);
    },
    /** Replaces what a new manifest of the same shipped folder says (name, id and folder stay). */
    update(m: StoredModel): boolean {
      return update.run(params(m)).changes > 0;
    },
    remove(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  });
}

export type ModelsRepo = ReturnType<typeof createModelsRepo>;
