// "Train on my scripts", host side: reads screenplays (a project's scripts straight from the
// document store, or .fountain/.fdx files through readScriptBytes, one that cannot be read skipped
// with its reason), refuses a source with fewer than 2 scenes, writes them as a JSON corpus into a
// private staging folder under <data>/models/.staging/scenes-<uuid>/ and runs a 'train-scenes'
// worker task through the job manager (progress, loss and perplexity points, cancel). When the job
// succeeds its model folder (kind 'scenes') is registered, moved into the registry; a run that
// stops with a checkpoint keeps its folder (run.json names the job) so `training.resume` can go on
// from it, the newest few only. The training service delegates previewScenes / startScenes and
// scene runs' resume here.
//
// The job's kind is 'train-music' (the Jobs panel's training kind: its charts, result line and
// Resume button) and its worker task 'train-scenes'.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError, type Job, type ModelInfo } from '../../shared/api';
import type { DocumentInfo } from '../../shared/api/documents';
import type { SceneTrainingSource, SceneTrainingSummary } from '../../shared/api/training';
import type { SceneModelOverrides, TrainScenesConfig, TrainScenesResult } from '../../shared/jobs/task-kinds';
import type { ModelDataSummary } from '../../shared/models/manifest';
import { scriptScenes } from '../../shared/script/generation/scene-data';
import type { JobManager } from '../jobs/job-manager';
import { isScriptRefusal, readScriptBytes } from '../script/read-script';
import type { EventBus } from './event-bus';
import type { HostModelsService } from './models-service';
import type { HostDocumentsService } from './documents-service';
import { keptRunFolders, runFile, trainingRunDone } from './training-runs';

/** Training holds scenes out, so it needs at least two. */
export const minTrainingScenes = 2;
const keptSceneRuns = 3;
const runPrefix = 'scenes-';

/** What MONTAGE_TRAIN_TINY=1 trains: a scene model small enough for tests to train in seconds. */
export const tinySceneModel: SceneModelOverrides = { embedding: 8, hiddenUnits: 16, outlineVocabulary: 120, draftVocabulary: 200, window: 16 };

export interface TrainScenesRequest {
  /** Screenplays by a name for the summary: Fountain text, or the bytes of a .fountain/.fdx file. */
  scripts: { name: string; fountain?: string; bytes?: Uint8Array }[];
  projectId?: string;
  name?: string;
  steps?: number;
  outlineSteps?: number;
  batchSize?: number;
  seed?: number;
  model?: SceneModelOverrides;
  evalEvery?: number;
}

export interface TrainedSceneModel {
  job: Job;
  model: ModelInfo;
  result: TrainScenesResult;
}

export interface SceneTrainingStart {
  job: Job;
  corpus: SceneTrainingSummary;
  done: Promise<TrainedSceneModel>;
}

interface StoredRun {
  key: string;
  staging: string;
  config: TrainScenesConfig;
  name: string;
  data: ModelDataSummary;
  projectId?: string;
  earlier?: string[];
  jobId: string;
}

export interface SceneTrainingDeps {
  jobs: JobManager;
  models: HostModelsService;
  bus: EventBus;
  documents?: Pick<HostDocumentsService, 'list'>;
  /** A script document's Fountain text (the scripts service's reader). */
  readScript?: (id: string) => Promise<{ fountain: string }>;
  tiny?: boolean;
}

export interface SceneTraining {
  preview(source: SceneTrainingSource): Promise<SceneTrainingSummary>;
  start(args: { source: SceneTrainingSource; name?: string; steps?: number }): Promise<{ job: Job; corpus: SceneTrainingSummary }>;
  /** Host-internal (the CLI): trains on given scripts; `done` settles with the registered model. */
  trainScenes(request: TrainScenesRequest): Promise<SceneTrainingStart>;
  /** Jobs of stopped scene runs that can be resumed. */
  resumableJobIds(): Promise<string[]>;
  /** Resumes a stopped scene run; null when the job is not a scene run's. */
  resume(jobId: string): Promise<{ job: Job } | null>;
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Reads scripts (text or file bytes); unreadable files are listed with why. */
export function readSceneScripts(scripts: TrainScenesRequest['scripts']): { texts: { name: string; fountain: string }[]; unreadable: { name: string; reason: string }[] } {
  const texts: { name: string; fountain: string }[] = [];
  const unreadable: { name: string; reason: string }[] = [];
  for (const s of scripts) {
    if (s.fountain !== undefined) {
      texts.push({ name: s.name, fountain: s.fountain });
      continue;
    }
    try {
      const format = /\.fdx$/i.test(s.name) ? 'fdx' : 'fountain';
      texts.push({ name: s.name, fountain: readScriptBytes(s.bytes ?? new Uint8Array(0), format).fountain });
    } catch (err) {
      if (!isScriptRefusal(err) && !(err instanceof Error)) throw err;
      unreadable.push({ name: s.name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { texts, unreadable };
}

export function summariseSceneScripts(texts: readonly { name: string; fountain: string }[], unreadable: readonly { name: string; reason: string }[]): SceneTrainingSummary {
  const scenes = scriptScenes(texts.map((t) => t.fountain));
  const sceneCount = scenes.reduce((n, s) => n + s.length, 0);
  const withoutScenes = scenes.filter((s) => s.length === 0).length;
  let summary = `${plural(sceneCount, 'scene', 'scenes')} in ${plural(texts.length, 'script', 'scripts')}`;
  if (withoutScenes > 0) summary += `; ${plural(withoutScenes, 'script has', 'scripts have')} no scene headings`;
  if (unreadable.length > 0) summary += `; ${plural(unreadable.length, 'file', 'files')} could not be read`;
  return { scripts: texts.length, scenes: sceneCount, withoutScenes, unreadable: [...unreadable], summary, enough: sceneCount >= minTrainingScenes, minScenes: minTrainingScenes };
}

export function createSceneTraining(deps: SceneTrainingDeps): SceneTraining {
  const { jobs, models, bus, documents, readScript, tiny = false } = deps;
  const activeKeys = new Set<string>();

  const resolveSource = async (source: SceneTrainingSource): Promise<{ scripts: TrainScenesRequest['scripts']; projectId?: string }> => {
    if (source.kind === 'script-files') {
      return {
        scripts: source.files.map((f, i) => {
          const b64 = f.base64.replace(/\s+/g, '');
          if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
            throw new StudioError('invalid-argument', `“${f.name}” did not arrive as base64-encoded bytes; choose the file again.`, [{ path: `source.files.${i}.base64`, message: 'Not base64.' }]);
          }
          return { name: f.name.trim(), bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
        }),
      };
    }
    if (!documents || !readScript) throw new StudioError('unavailable', 'Training on scripts is not available in this host.');
    const all = (await documents.list({ projectId: source.projectId })).filter((d: DocumentInfo) => d.kind === 'script');
    if (all.length === 0) throw new StudioError('invalid-argument', 'This project has no scripts to train on; import a .fountain or .fdx file or choose files instead.', [{ path: 'source', message: 'No scripts.' }]);
    const byId = new Map(all.map((d) => [d.id as string, d]));
    const chosen = source.docIds === undefined ? all : source.docIds.map((id) => {
      const d = byId.get(id);
      if (!d) throw new StudioError('not-found', `A chosen script (${id}) is not in this project any more; it may have been deleted.`);
      return d;
    });
    const scripts: TrainScenesRequest['scripts'] = [];
    for (const d of chosen) scripts.push({ name: d.name, fountain: (await readScript(d.id)).fountain });
    return { scripts, projectId: source.projectId };
  };

  const emptyError = (summary: SceneTrainingSummary): StudioError => {
    const reasons: string[] = [];
    if (summary.withoutScenes > 0) reasons.push(`${plural(summary.withoutScenes, 'script has', 'scripts have')} no scene headings (lines such as INT. KITCHEN - NIGHT)`);
    if (summary.unreadable.length > 0) reasons.push(`unreadable: ${summary.unreadable.slice(0, 3).map((u) => `${u.name} (${u.reason})`).join('; ')}`);
    const head = summary.scenes === 0 ? 'No scenes were found to train on' : `Only ${plural(summary.scenes, 'scene was', 'scenes were')} found; training needs at least ${minTrainingScenes}`;
    return new StudioError('invalid-argument', `${head}${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}.`, [{ path: 'source', message: head }]);
  };

  const keptRuns = (): Promise<(StoredRun & { mtime: number })[]> => keptRunFolders<StoredRun>(models, runPrefix);

  const hasCheckpoint = (outDir: string): boolean => existsSync(join(outDir, 'outline-run', 'model.json')) || existsSync(join(outDir, 'draft-run', 'model.json'));

  async function pruneRuns(): Promise<void> {
    const idle = (await keptRuns()).filter((r) => !activeKeys.has(r.key));
    for (const r of idle.slice(keptSceneRuns)) await rm(r.staging, { recursive: true, force: true }).catch(() => undefined);
  }

  async function submitRun(run: Omit<StoredRun, 'jobId'>, title: string): Promise<{ job: Job; done: Promise<TrainedSceneModel> }> {
    const { staging, name, data, config } = run;
    const removeStaging = (): Promise<void> => rm(staging, { recursive: true, force: true }).catch(() => undefined);
    let registered: { model: ModelInfo; result: TrainScenesResult } | undefined;
    let job: Job;
    activeKeys.add(run.key);
    try {
      job = jobs.submit({
        kind: 'train-music',
        title,
        params: { ...config, name, scenes: data.examples },
        task: { task: 'train-scenes', config },
        async complete(_job, result) {
          if (result.task !== 'train-scenes') throw new StudioError('internal', 'The worker answered with the wrong kind of result.');
          const { task: _task, ...trained } = result;
          const model = await models.register({ from: trained.modelDir, mode: 'move', origin: 'trained', name, data, ...(run.projectId ? { projectId: run.projectId } : {}) });
          registered = { model, result: trained };
          return {
            modelId: model.id,
            name: model.name,
            examples: trained.scenes,
            heldOut: 0,
            lossFirst: trained.draft.lossFirst,
            lossLast: trained.draft.lossLast,
            perplexity: trained.draft.heldOutPerplexity,
            outlinePerplexity: trained.outline.heldOutPerplexity,
          };
        },
      });
      await writeFile(join(staging, runFile), JSON.stringify({ ...run, jobId: job.id } satisfies StoredRun), { mode: 0o600 }).catch(() => undefined);
    } catch (err) {
      activeKeys.delete(run.key);
      await removeStaging();
      throw err;
    }
    void pruneRuns();
    const done = trainingRunDone({ jobs, bus }, job, {
      hasCheckpoint: () => hasCheckpoint(config.outDir),
      removeStaging,
      registered: () => registered,
      onEnd: () => activeKeys.delete(run.key),
    });
    return { job, done };
  }

  const training: SceneTraining = {
    async preview(source) {
      const { scripts } = await resolveSource(source);
      const { texts, unreadable } = readSceneScripts(scripts);
      return summariseSceneScripts(texts, unreadable);
    },
    async start({ source, name, steps }) {
      const { scripts, projectId } = await resolveSource(source);
      const started = await training.trainScenes({
        scripts,
        ...(projectId ? { projectId } : {}),
        ...(name ? { name } : {}),
        ...(steps === undefined ? {} : { steps, evalEvery: Math.max(1, Math.min(100, Math.floor(steps / 4) || 1)) }),
        ...(tiny ? { model: tinySceneModel, batchSize: 4, ...(steps === undefined ? { steps: 12 } : {}), evalEvery: Math.max(1, Math.min(4, Math.floor((steps ?? 12) / 3) || 1)) } : {}),
      });
      started.done.catch(() => undefined);
      return { job: started.job, corpus: started.corpus };
    },
    async trainScenes(request) {
      const { texts, unreadable } = readSceneScripts(request.scripts);
      const corpus = summariseSceneScripts(texts, unreadable);
      if (!corpus.enough) throw emptyError(corpus);
      const seed = request.seed ?? 7;
      const key = `${runPrefix}${randomUUID()}`;
      const staging = models.stagingDir(key);
      const corpusPath = join(staging, 'scripts.json');
      const outDir = join(staging, 'model');
      try {
        await writeFile(corpusPath, JSON.stringify({ scripts: texts }), { mode: 0o600 });
      } catch (err) {
        await rm(staging, { recursive: true, force: true }).catch(() => undefined);
        throw new StudioError('internal', `Could not write the training corpus: ${err instanceof Error ? err.message : String(err)}`);
      }
      const name = request.name?.trim() || `Scenes from ${texts[0]?.name.replace(/^.*[\\/]/, '').replace(/\.(fountain|fdx|spmd|txt)$/i, '') ?? 'my scripts'}`;
      const config: TrainScenesConfig = {
        corpusPath,
        outDir,
        steps: request.steps ?? 1500,
        ...(request.outlineSteps ? { outlineSteps: request.outlineSteps } : {}),
        batchSize: request.batchSize ?? 32,
        seed,
        evalEvery: request.evalEvery ?? 100,
        patience: 5,
        heldOutFraction: 0.1,
        name,
        ...(request.model ? { model: request.model } : {}),
      };
      const scenes = scriptScenes(texts.map((t) => t.fountain));
      const data: ModelDataSummary = {
        examples: corpus.scenes,
        skipped: [
          ...(corpus.withoutScenes > 0 ? [{ reason: 'the script has no scene headings', label: 'no scenes', count: corpus.withoutScenes }] : []),
          ...(unreadable.length > 0 ? [{ reason: 'not a script file Montage can read', label: unreadable.length === 1 ? 'unreadable file' : 'unreadable files', count: unreadable.length }] : []),
        ],
        sources: texts.slice(0, 1000).map((t, i) => ({ name: t.name.slice(0, 500), examples: scenes[i]!.length })),
        summary: corpus.summary.slice(0, 1000),
      };
      const { job, done } = await submitRun({ key, staging, config, name, data, ...(request.projectId ? { projectId: request.projectId } : {}) }, `Train scene model: ${name} · ${config.steps} steps`);
      return { job, corpus, done };
    },
    async resumableJobIds() {
      return (await keptRuns()).filter((r) => !activeKeys.has(r.key) && hasCheckpoint(r.config.outDir)).map((r) => r.jobId);
    },
    async resume(jobId) {
      const runs = await keptRuns();
      const found = runs.find((r) => r.jobId === jobId);
      if (!found) {
        if (runs.some((r) => r.earlier?.includes(jobId))) throw new StudioError('conflict', 'That training run was resumed already, as a later job; resume that one (see the Jobs panel).');
        return null;
      }
      if (activeKeys.has(found.key)) throw new StudioError('conflict', 'That training run is already being resumed; see the Jobs panel.');
      if (!hasCheckpoint(found.config.outDir)) throw new StudioError('not-found', 'That training run stopped before its first checkpoint, so there is nothing to resume. Train it again.');
      const { jobId: previous, mtime: _mtime, ...run } = found;
      const config: TrainScenesConfig = { ...found.config, resumeFrom: found.config.outDir };
      const { job, done } = await submitRun({ ...run, config, earlier: [...(found.earlier ?? []), previous].slice(-50) }, `Resume scene model: ${found.name} · ${config.steps} steps`);
      done.catch(() => undefined);
      return { job };
    },
  };
  return training;
}
