// Implements ModelsService: the registry of music models, a row each in SQLite (migration 7) and a
// folder each in tfjs format, <data>/models/<id>/ (0700, files 0600).
//
// - Registering is the host's alone (`register`, not an API method): the training job's completion
//   path hands over its finished folder, and start-up registers the models shipped with the app
//   (`discoverShipped`). Either way the folder is checked first (`inspectCheckpoint`): model.json
//   and music-model.json must be readable and valid, and every weights file model.json names must
//   be there and as long as it says. Anything else is refused with "The checkpoint … is damaged:
//   …" and nothing is registered.
// - No model is lost: a folder is copied (shipped) or moved (trained) into place under a temp name
//   and renamed, the row is written after (retried while another program holds the database), and
//   a failed write moves a trained folder back where it came from. Deleting renames the folder
//   aside first, then removes the row, then the files; a failed row delete puts the folder back.
// - Shipped models cannot be deleted. Discovery is idempotent: a shipped folder already registered
//   with the same manifest hash is skipped, a changed one is updated in place (same id and name),
//   and a damaged one is logged and skipped, never stopping start-up.
// - Writes run one after another (models change rarely; this keeps "is this name free?" and
//   "which folder is this?" simple).
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { StudioError, type ModelId, type ModelInfo, type ModelOrigin, type ModelsService, type StudioEvents } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import {
  emptyCurve,
  emptyDataSummary,
  musicModelManifest,
  musicModelManifestFile,
  tfjsModelFile,
  type ModelCurve,
  type ModelDataSummary,
  type MusicModelManifest,
} from '../../shared/models/manifest';
import { ModelNameTakenError, publicModel, type ModelsRepo, type StoredModel } from '../db/models-repo';
import { retryStorageWrite } from '../db/storage-errors';
import { fileProblem } from '../assets/upload-files';
import type { EventBus } from './event-bus';

/** Temp names inside <data>/models/; start-up removes leftovers of both. */
const partialPrefix = '.partial-';
const deletingPrefix = '.deleting-';
/** Where a training job may write its model before it is registered (never tidied by the registry). */
const stagingFolder = '.staging';
/** Other files of a model folder that travel with it. */
// continuation.bin/.json: the continuation companion (src/workers/models/continuation-files.ts).
// latent-gan.json + latent-gan.bin: the latent-constraints GAN for generating by key and density (workers/models/latent-gan.ts).
// scene-model.json (vocabularies, configs) + scene-heldout.json: a scene model's (workers/models/scene-model-files.ts).
const extraFiles = ['MODEL_CARD.md', 'heldout.bin', 'continuation.bin', 'continuation.json', 'latent-gan.json', 'latent-gan.bin', 'scene-model.json', 'scene-heldout.json'];
const maxManifestBytes = 1024 * 1024;
const maxModelJsonBytes = 16 * 1024 * 1024;

/** A folder that is not a usable model: code 'invalid-argument', "The checkpoint … is damaged: …". */
export class DamagedCheckpointError extends StudioError {
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super('invalid-argument', `The checkpoint ${folder} is damaged: ${reason}. It was not registered; train the model again (or reinstall Montage for a shipped one).`);
    this.name = 'DamagedCheckpointError';
  }
}

/** What inspectCheckpoint found in a good folder. */
export interface CheckedCheckpoint {
  manifest: MusicModelManifest;
  /** The bytes of music-model.json as read (copied as they are, so the hash stays true). */
  manifestBytes: Buffer;
  /** SHA-256 of music-model.json followed by model.json. */
  hash: string;
  /** The weights files model.json names. */
  weightsFiles: string[];
  /** Extra files present (the model card). */
  extras: string[];
}

// The part of tfjs's model.json the registry checks (engine/training/checkpoint.ts writes it).
const weightEntry = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.string(),
  quantization: z.object({ dtype: z.string() }).passthrough().optional(),
});
const tfjsModelJson = z.object({
  weightsManifest: z.array(z.object({ paths: z.array(z.string()).min(1), weights: z.array(weightEntry) })).min(1),
});
const bytesPerValue: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** A plain file name inside the folder: no separators, no "..", no hidden files. */
const plainName = (name: string): boolean => name.length > 0 && name.length <= 255 && !/[/\\]/.test(name) && !name.startsWith('.') && basename(name) === name;

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'it does not match the format';
};

/** Reads a file of the folder that must be a regular file (not a link) of at most `max` bytes. */
async function readPlain(folder: string, name: string, max: number): Promise<Buffer> {
  const path = join(folder, name);
  const s = await lstat(path).catch((err: unknown) => {
    if ((err as { code?: unknown }).code === 'ENOENT') throw new DamagedCheckpointError(folder, `${name} is missing`);
    throw new DamagedCheckpointError(folder, `${name} cannot be read (${err instanceof Error ? err.message : String(err)})`);
  });
  if (!s.isFile()) throw new DamagedCheckpointError(folder, `${name} is not a plain file`);
  if (s.size > max) throw new DamagedCheckpointError(folder, `${name} is too large (${s.size} bytes)`);
  try {
    return await readFile(path);
  } catch (err) {
    throw new DamagedCheckpointError(folder, `${name} cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

function parseJson(folder: string, name: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new DamagedCheckpointError(folder, `${name} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * Checks a model folder: music-model.json valid against the manifest schema, model.json a tfjs
 * weights manifest, and every weights file it names present, a plain file, and exactly as long as
 * its weights need (a truncated copy is the common corruption). @throws DamagedCheckpointError
 */
export async function inspectCheckpoint(folder: string): Promise<CheckedCheckpoint> {
  const s = await lstat(folder).catch(() => null);
  if (!s?.isDirectory()) throw new DamagedCheckpointError(folder, s ? 'it is not a folder' : 'the folder is missing');
  const manifestBytes = await readPlain(folder, musicModelManifestFile, maxManifestBytes);
  const manifest = musicModelManifest.safeParse(parseJson(folder, musicModelManifestFile, manifestBytes));
  if (!manifest.success) throw new DamagedCheckpointError(folder, `${musicModelManifestFile} is not a Montage model manifest (${firstIssue(manifest.error)})`);
  const modelBytes = await readPlain(folder, tfjsModelFile, maxModelJsonBytes);
  const model = tfjsModelJson.safeParse(parseJson(folder, tfjsModelFile, modelBytes));
  if (!model.success) throw new DamagedCheckpointError(folder, `${tfjsModelFile} is not a tfjs weights manifest (${firstIssue(model.error)})`);
  const weightsFiles: string[] = [];
  for (const group of model.data.weightsManifest) {
    let expected: number | null = 0;
    for (const w of group.weights) {
      const per = bytesPerValue[w.quantization?.dtype ?? w.dtype];
      expected = per === undefined || expected === null ? null : expected + per * w.shape.reduce((a, b) => a * b, 1);
    }
    let actual = 0;
    for (const name of group.paths) {
      if (!plainName(name)) throw new DamagedCheckpointError(folder, `${tfjsModelFile} names a weights file outside the folder (${name})`);
      const f = await lstat(join(folder, name)).catch(() => null);
      if (!f) throw new DamagedCheckpointError(folder, `the weights file ${name} is missing`);
      if (!f.isFile()) throw new DamagedCheckpointError(folder, `the weights file ${name} is not a plain file`);
      actual += f.size;
      weightsFiles.push(name);
    }
    if (expected !== null && actual !== expected) {
      throw new DamagedCheckpointError(folder, `${group.paths.join(', ')} hold${group.paths.length === 1 ? 's' : ''} ${actual} bytes where ${tfjsModelFile} needs ${expected}`);
    }
  }
  const extras: string[] = [];
  for (const name of extraFiles) if ((await lstat(join(folder, name)).catch(() => null))?.isFile()) extras.push(name);
  const hasher = createHash('sha256').update(manifestBytes).update(modelBytes);
  // The companions' descriptors too (small; their metrics change when they are retrained), so a
  // shipped model whose continuation or latent GAN alone was retrained is updated in place.
  for (const name of extras) if (name.endsWith('.json')) hasher.update(await readFile(join(folder, name)));
  const hash = hasher.digest('hex');
  return { manifest: manifest.data, manifestBytes, hash, weightsFiles, extras };
}

export interface ModelsServiceDeps {
  repo: ModelsRepo;
  bus: EventBus;
  /** <data>/models */
  modelsRoot: string;
  now?: () => number;
  /** Problems the host survives (a damaged shipped model, a folder it could not remove). */
  log?: (message: string) => void;
}

export interface RegisterModelOptions {
  /** The finished model folder: model.json, its weights and music-model.json. */
  from: string;
  /**
   * 'move' renames the folder into place (a training job's folder under stagingDir(), same disk);
   * 'copy' leaves it where it is (a shipped model inside the app).
   */
  mode: 'move' | 'copy';
  origin: ModelOrigin;
  /** Default: the manifest's name, else the folder's. A name taken in its kind gets " (2)", " (3)"…. */
  name?: string;
  /** A shipped model's folder name (required for 'shipped'). */
  source?: string;
  projectId?: string | null;
  /** Default: the manifest's, else empty. */
  data?: ModelDataSummary;
  curve?: ModelCurve;
}

export interface ShippedScan {
  registered: string[];
  updated: string[];
  unchanged: string[];
  skipped: { folder: string; reason: string }[];
}

export interface HostModelsService extends ModelsService {
  /** Checks a finished model folder and adds it to the registry. @throws DamagedCheckpointError */
  register(options: RegisterModelOptions): Promise<ModelInfo>;
  /** Registers (or updates) every valid model folder in `dir`; logs and skips damaged ones; never rejects. */
  discoverShipped(dir: string | null): Promise<ShippedScan>;
  /** The absolute folder of a registered model (what a model session loads), or undefined. */
  folder(id: string): string | undefined;
  /** A private folder (0700) under <data>/models/ where a training job can write a model before register. */
  stagingDir(key: string): string;
  /** At start: removes temp folders a previous run left (a crash mid-copy or mid-delete). */
  tidyFolders(): void;
  close(): void;
}

const modelGone = (): StudioError => new StudioError('not-found', 'That model no longer exists — it may have been deleted in another window.');
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
}

export function createModelsService(deps: ModelsServiceDeps): HostModelsService {
  const { repo, bus, modelsRoot } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((m: string) => console.error(m));
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const emit = (payload: StudioEvents['onModelsChanged']) => bus.emit('onModelsChanged', payload);

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const mustGet = (id: string): StoredModel => {
    const m = repo.get(id);
    if (!m) throw modelGone();
    return m;
  };

  /** Copies a checked folder's files to a new private folder (files 0600). */
  const copyInto = async (from: string, checked: CheckedCheckpoint, dest: string): Promise<void> => {
    await privateDir(dest);
    for (const name of [tfjsModelFile, ...checked.weightsFiles, ...checked.extras]) {
      await copyFile(join(from, name), join(dest, name));
      if (process.platform !== 'win32') await chmod(join(dest, name), 0o600);
    }
    // The manifest as it was checked and hashed, never a version changed meanwhile; written last.
    await writeFile(join(dest, musicModelManifestFile), checked.manifestBytes, { mode: 0o600 });
  };

  /** Moves (or copies) a checked folder to <models>/<id>; answers how to undo it. */
  const place = async (from: string, checked: CheckedCheckpoint, id: string, mode: 'move' | 'copy'): Promise<() => Promise<void>> => {
    const dest = join(modelsRoot, id);
    if (mode === 'move') {
      try {
        await rename(from, dest);
        if (process.platform !== 'win32') await chmod(dest, 0o700);
        return () => rename(dest, from);
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'EXDEV') throw fileProblem(err, dest, 'store the model');
      }
      // Another disk: copy, and remove the original only once the row is written (by the caller).
    }
    const partial = join(modelsRoot, `${partialPrefix}${id}`);
    try {
      await copyInto(from, checked, partial);
      await rename(partial, dest);
    } catch (err) {
      await rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw fileProblem(err, dest, 'store the model');
    }
    return () => rm(dest, { recursive: true, force: true });
  };

  /** A name of `kind` not yet taken: `base`, else "base (2)", "base (3)"…. */
  const freeName = (kind: StoredModel['kind'], base: string): string => {
    const trimmed = base.trim().slice(0, 120) || 'Model';
    if (!repo.nameTaken(kind, trimmed)) return trimmed;
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`;
      const name = `${trimmed.slice(0, 120 - suffix.length)}${suffix}`;
      if (!repo.nameTaken(kind, name)) return name;
    }
  };

  const registerNow = async (options: RegisterModelOptions): Promise<StoredModel> => {
    if (closed) throw new StudioError('unavailable', 'Montage is shutting down; the model was not registered.');
    if (options.origin === 'shipped' && !options.source) throw new Error('A shipped model needs its source folder name.');
    const checked = await inspectCheckpoint(options.from);
    const { manifest } = checked;
    const id = randomUUID() as ModelId;
    const undo = await place(options.from, checked, id, options.mode);
    const model: StoredModel = {
      id,
      name: '',
      kind: manifest.kind,
      configName: manifest.configName,
      config: manifest.config,
      vocabulary: manifest.vocabulary,
      steps: manifest.steps,
      data: options.data ?? manifest.data ?? emptyDataSummary,
      curve: options.curve ?? manifest.curve ?? emptyCurve,
      metrics: manifest.metrics,
      origin: options.origin,
      projectId: (options.projectId ?? null) as ProjectId | null,
      createdAt: now(),
      dir: id,
      source: options.origin === 'shipped' ? (options.source ?? null) : null,
      manifestHash: checked.hash,
    };
    const base = options.name ?? manifest.name ?? basename(options.from);
    try {
      // A name taken between the look and the write (another host's registration) gets the next number.
      for (let attempt = 0; ; attempt++) {
        model.name = freeName(model.kind, base);
        try {
          await retryStorageWrite(() => repo.insert(model));
          break;
        } catch (err) {
          if (!(err instanceof ModelNameTakenError) || attempt >= 5) throw err;
        }
      }
    } catch (err) {
      await undo().catch((e: unknown) => log(`montage: could not put the model folder back (${errorText(e)}); it is in ${join(modelsRoot, id)}.`));
      throw err;
    }
    if (options.mode === 'move') await rm(options.from, { recursive: true, force: true }).catch(() => undefined);
    return repo.get(id) ?? model;
  };

  /** Replaces a shipped model's folder and row with a new version of the same shipped folder. */
  const updateShipped = async (existing: StoredModel, from: string, checked: CheckedCheckpoint): Promise<void> => {
    const dest = join(modelsRoot, existing.dir);
    const partial = join(modelsRoot, `${partialPrefix}${existing.id}`);
    const aside = join(modelsRoot, `${deletingPrefix}${existing.id}`);
    try {
      await rm(partial, { recursive: true, force: true });
      await copyInto(from, checked, partial);
      await rename(dest, aside).catch((err: unknown) => {
        if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
      });
      await rename(partial, dest);
    } catch (err) {
      await rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw fileProblem(err, dest, `update the shipped model “${existing.name}”`);
    }
    const { manifest } = checked;
    const updated: StoredModel = {
      ...existing,
      configName: manifest.configName,
      config: manifest.config,
      vocabulary: manifest.vocabulary,
      steps: manifest.steps,
      data: manifest.data ?? emptyDataSummary,
      curve: manifest.curve ?? emptyCurve,
      metrics: manifest.metrics,
      manifestHash: checked.hash,
    };
    await retryStorageWrite(() => repo.update(updated));
    await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  };

  const service: HostModelsService = {
    async list({ kind }) {
      return repo.list(kind).map(publicModel);
    },

    async get({ id }) {
      return publicModel(mustGet(id));
    },

    async rename({ id, name }) {
      return serial(async () => {
        let renamed: boolean;
        try {
          renamed = await retryStorageWrite(() => repo.rename(id, name));
        } catch (err) {
          if (err instanceof ModelNameTakenError) {
            const kind = repo.get(id)?.kind ?? 'music';
            throw new StudioError('conflict', `A ${kind} model named “${name}” already exists. Choose another name.`);
          }
          throw err;
        }
        if (!renamed) throw modelGone();
        const model = mustGet(id);
        emit({ reason: 'renamed', id, kind: model.kind });
        return publicModel(model);
      });
    },

    async delete({ id }) {
      return serial(async () => {
        const model = mustGet(id);
        if (model.origin === 'shipped') {
          throw new StudioError('conflict', `“${model.name}” came with Montage and cannot be deleted; only models trained here can be.`);
        }
        const folder = join(modelsRoot, model.dir);
        const aside = join(modelsRoot, `${deletingPrefix}${model.id}`);
        let moved = false;
        try {
          await rename(folder, aside);
          moved = true;
        } catch (err) {
          // A folder already gone (removed by hand) does not keep the row.
          if ((err as { code?: unknown }).code !== 'ENOENT') throw fileProblem(err, folder, `delete “${model.name}”`);
        }
        let removed: boolean;
        try {
          removed = await retryStorageWrite(() => repo.remove(id));
        } catch (err) {
          if (moved) await rename(aside, folder).catch((e: unknown) => log(`montage: could not put ${folder} back (${errorText(e)}); it is in ${aside}.`));
          throw err;
        }
        // The row is gone, which is what was asked; files that will not go are tidied at the next start.
        await rm(aside, { recursive: true, force: true }).catch((err: unknown) => log(`montage: could not remove ${aside}: ${errorText(err)}`));
        if (!removed) throw modelGone();
        emit({ reason: 'deleted', id, kind: model.kind });
        return { id: model.id };
      });
    },

    async register(options) {
      const model = await serial(() => registerNow(options));
      emit({ reason: 'registered', id: model.id, kind: model.kind });
      return publicModel(model);
    },

    async discoverShipped(dir) {
      const scan: ShippedScan = { registered: [], updated: [], unchanged: [], skipped: [] };
      if (dir === null) return scan;
      let folders: string[];
      try {
        folders = (await readdir(dir, { withFileTypes: true }))
          .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
          .map((e) => e.name)
          .sort();
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'ENOENT') log(`montage: could not read the shipped models in ${dir}: ${errorText(err)}`);
        return scan;
      }
      for (const folder of folders) {
        if (closed) break;
        const from = join(dir, folder);
        try {
          await serial(async () => {
            const checked = await inspectCheckpoint(from);
            const existing = repo.shipped(folder);
            if (!existing) {
              const model = await registerNow({ from, mode: 'copy', origin: 'shipped', source: folder });
              scan.registered.push(folder);
              emit({ reason: 'registered', id: model.id, kind: model.kind });
              return;
            }
            const intact = await lstat(join(modelsRoot, existing.dir, musicModelManifestFile)).catch(() => null);
            // An extra file the shipped folder has and the copy lacks (heldout.bin, added later) is copied by an update.
            let extrasHere = true;
            for (const name of checked.extras) if (!(await lstat(join(modelsRoot, existing.dir, name)).catch(() => null))) extrasHere = false;
            if (existing.manifestHash === checked.hash && existing.kind === checked.manifest.kind && intact && extrasHere) {
              scan.unchanged.push(folder);
              return;
            }
            if (existing.kind !== checked.manifest.kind) throw new DamagedCheckpointError(from, `it was a ${existing.kind} model and is now ${checked.manifest.kind}`);
            await updateShipped(existing, from, checked);
            scan.updated.push(folder);
            emit({ reason: 'updated', id: existing.id, kind: existing.kind });
          });
        } catch (err) {
          if (closed) break;
          const reason = errorText(err);
          scan.skipped.push({ folder, reason });
          log(`montage: skipped the shipped model ${from}: ${reason}`);
        }
      }
      return scan;
    },

    folder(id) {
      const m = repo.get(id);
      return m && join(modelsRoot, m.dir);
    },

    stagingDir(key) {
      if (!plainName(key)) throw new Error(`Not a staging folder name: ${key}`);
      const dir = join(modelsRoot, stagingFolder, key);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (process.platform !== 'win32') chmodSync(join(modelsRoot, stagingFolder), 0o700);
      return dir;
    },

    tidyFolders() {
      try {
        for (const name of readdirSync(modelsRoot)) {
          if (name.startsWith(partialPrefix) || name.startsWith(deletingPrefix)) rmSync(join(modelsRoot, name), { recursive: true, force: true });
        }
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'ENOENT') log(`montage: could not tidy the models folder ${modelsRoot}: ${errorText(err)}`);
      }
    },

    close() {
      closed = true;
    },
  };
  return service;
}
