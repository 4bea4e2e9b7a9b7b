// "Train on my music", host side: reads the user's MIDI files (one that cannot be read is skipped
// with its reason, not fatal), extracts the examples of the chosen configuration's kind and length
// from all of them (CorpusBuilder: deduplicated across files, skipped windows counted by reason),
// refuses a corpus with too few examples, writes it as a corpus file into a private (0700) staging
// folder under <data>/models/.staging, and runs a 'train-music' job through the job manager (so it
// shows in the Jobs panel with its progress). When the job succeeds its model folder is registered
// (moved into the registry, origin 'trained') before the job is marked done, and the staging folder
// goes away whatever the outcome.
//
// Two doors: the CLI's `montage train music` calls trainMusic with MIDI files on a host of its own,
// and the Studio API's `training` service (preview, start) reads a project's songs (straight from
// the documents service, no MIDI round trip) or uploaded MIDI files (base64).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  StudioError,
  type Job,
  type ModelInfo,
  type TrainingCorpusSummary,
  type TrainingService as TrainingApiService,
  type TrainingSource,
} from '../../shared/api';
import type { DocumentInfo } from '../../shared/api/documents';
import type { NoteSequence } from '../../shared/music/note-sequence';
import type { SkipCount } from '../../shared/music/encoding';
import { defaultMelodyRange, drumClasses, melodyVocabularySize } from '../../shared/music/encoding';
import { CorpusBuilder } from '../../shared/music/corpus/corpus-builder';
import { encodeCorpusFile } from '../../shared/music/corpus/corpus-file';
import { importMidi } from '../../shared/music/midi-convert';
import type { MusicModelConfigName, MusicModelOverrides, TrainMusicConfig, TrainMusicResult } from '../../shared/jobs/task-kinds';
import type { ModelDataSummary } from '../../shared/models/manifest';
import type { JobManager } from '../jobs/job-manager';
import type { EventBus } from './event-bus';
import type { HostModelsService } from './models-service';
import type { HostDocumentsService } from './documents-service';
import { keptRunFolders, runFile, trainingRunDone } from './training-runs';
import { createSceneTraining, type SceneTrainingStart, type TrainScenesRequest } from './scene-training';

/** Kind and length of each named configuration's examples. */
export const trainingShapes: Readonly<Record<MusicModelConfigName, { kind: 'melody' | 'drums'; bars: number }>> = Object.freeze({
  'melody-2bar': { kind: 'melody', bars: 2 },
  'melody-4bar': { kind: 'melody', bars: 4 },
  'drums-2bar': { kind: 'drums', bars: 2 },
});

/** The most MIDI files and bytes one training run reads. */
export const maxTrainingFiles = 5000;
export const maxTrainingBytes = 512 * 1024 * 1024;
/** Training holds one example out, so it needs two. */
export const minTrainingExamples = 2;

const unreadableReason = 'not a MIDI file Montage can read';

export interface TrainMusicRequest {
  configName: MusicModelConfigName;
  /** The MIDI files, by a name for the summary (a file name or relative path). */
  midiFiles: { name: string; bytes: Uint8Array }[];
  /** Songs given as NoteSequences (a project's documents), read besides the files. */
  songs?: { name: string; song: NoteSequence }[];
  /** The project the songs came from (kept with the model). */
  projectId?: string;
  steps?: number;
  batchSize?: number;
  /** The model's name (default: "<config> from <first file>"); a taken name gets " (2)"…. */
  name?: string;
  seed?: number;
  /** Size overrides (tests train tiny models). */
  model?: MusicModelOverrides;
  evalEvery?: number;
}

export interface TrainingCorpus {
  examples: number;
  /** Skipped windows (and unreadable files) by reason, most frequent first. */
  skipped: SkipCount[];
  /** Files read, and the ones that could not be. */
  files: number;
  unreadable: { name: string; reason: string }[];
  /** summariseCorpus's line, e.g. "found 31 two-bar melodies in 4 tracks; skipped 6 (6 silent)". */
  summary: string;
}

export interface TrainedMusicModel {
  job: Job;
  model: ModelInfo;
  result: TrainMusicResult;
}

export interface TrainingStart {
  job: Job;
  corpus: TrainingCorpus;
  /** Settles when the job is over: the registered model, or a StudioError (failed, cancelled, interrupted). */
  done: Promise<TrainedMusicModel>;
}

/** A staging folder's training run, as run.json keeps it (for resume). */
interface StagedRun {
  key: string;
  staging: string;
  configName: MusicModelConfigName;
  config: TrainMusicConfig;
  name: string;
  data: ModelDataSummary;
  examples: number;
  projectId?: string;
  /** Jobs of this run before the latest (each resume is a new job). */
  earlier?: string[];
}
interface StoredRun extends StagedRun {
  jobId: string;
}
/** Cancelled, failed or interrupted runs whose checkpoints are kept for resume. */
export const keptResumableRuns = 3;

export interface HostTrainingService extends TrainingApiService {
  /** @throws StudioError 'invalid-argument' for a corpus with too few examples (naming why windows were skipped). */
  trainMusic(request: TrainMusicRequest): Promise<TrainingStart>;
  /** Host-internal (the CLI's `montage train scenes`): trains a scene model on given scripts (scene-training.ts). */
  trainScenes(request: TrainScenesRequest): Promise<SceneTrainingStart>;
}
/** (The host's name for it.) */
export type TrainingService = HostTrainingService;

export interface TrainingServiceDeps {
  jobs: JobManager;
  models: HostModelsService;
  bus: EventBus;
  /** Where a project's songs are read from (the API's 'songs' source). */
  documents?: Pick<HostDocumentsService, 'list' | 'open'>;
  /** Tiny models, small batches and frequent evaluation (tests; MONTAGE_TRAIN_TINY=1). */
  tiny?: boolean;
  /** A script document's Fountain text (the scene-training source 'scripts'). */
  readScript?: (id: string) => Promise<{ fountain: string }>;
}

/** What MONTAGE_TRAIN_TINY=1 trains: a model small enough for tests to train in seconds. */
export const tinyTrainingModel: MusicModelOverrides = { encoderUnits: 16, decoderUnits: 16, conductorUnits: 16, latentSize: 8 };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Reads the files and extracts the configuration's examples from all of them. */
export function buildTrainingCorpus(
  configName: MusicModelConfigName,
  files: readonly { name: string; bytes: Uint8Array }[],
  songs: readonly { name: string; song: NoteSequence }[] = [],
): { builder: CorpusBuilder<Int32Array | Uint16Array>; corpus: TrainingCorpus } {
  const { kind, bars } = trainingShapes[configName];
  const builder = new CorpusBuilder<Int32Array | Uint16Array>(kind, bars);
  const unreadable: { name: string; reason: string }[] = [];
  for (const { name, song } of songs) builder.addSong(name, song);
  for (const file of files) {
    let song;
    try {
      song = importMidi(file.bytes).sequence;
    } catch (err) {
      unreadable.push({ name: file.name, reason: err instanceof Error ? err.message : String(err) });
      builder.addFailure(file.name);
      continue;
    }
    builder.addSong(file.name, song);
  }
  const skipped: SkipCount[] = builder.skipped();
  if (unreadable.length > 0) {
    skipped.push({ reason: unreadableReason, label: unreadable.length === 1 ? 'unreadable file' : 'unreadable files', count: unreadable.length });
    skipped.sort((a, b) => b.count - a.count);
  }
  let summary = builder.summary();
  if (unreadable.length > 0) summary += `; ${plural(unreadable.length, 'file', 'files')} could not be read`;
  return { builder, corpus: { examples: builder.examples.length, skipped, files: files.length + songs.length, unreadable, summary } };
}

/** "No 2-bar melodies could be extracted: 12 windows were silent, …". */
function emptyCorpusError(configName: MusicModelConfigName, corpus: TrainingCorpus, holders = 'the readable files'): StudioError {
  const { kind, bars } = trainingShapes[configName];
  const noun = kind === 'melody' ? 'melodies' : 'drum patterns';
  const reasons = corpus.skipped.map((s) => `${s.count} × ${s.reason}`);
  if (corpus.unreadable.length > 0) reasons.push(`unreadable: ${corpus.unreadable.slice(0, 3).map((u) => `${u.name} (${u.reason})`).join('; ')}`);
  const windowsSkipped = corpus.skipped.some((s) => s.reason !== unreadableReason);
  if (corpus.files === 0) reasons.push('no MIDI files were given');
  else if (!windowsSkipped && corpus.unreadable.length < corpus.files) {
    reasons.push(`${holders} hold no ${bars}-bar stretch of ${kind === 'drums' ? 'drum' : 'non-drum'} notes`);
  }
  const head =
    corpus.examples === 0
      ? `No ${bars}-bar ${noun} could be extracted`
      : `Only ${corpus.examples} ${bars}-bar ${corpus.examples === 1 ? noun.replace(/ies$/, 'y').replace(/s$/, '') : noun} could be extracted; training needs at least ${minTrainingExamples}`;
  return new StudioError('invalid-argument', `${head}: ${reasons.join('; ')}.`, [{ path: 'midiFiles', message: head }]);
}

export function createTrainingService({ jobs, models, bus, documents, tiny = false, readScript }: TrainingServiceDeps): HostTrainingService {
  /** Staging folders whose job is queued or running. */
  const activeKeys = new Set<string>();
  // Scene models ("train on my scripts"): their own runs and staging folders (scene-training.ts).
  const scenes = createSceneTraining({ jobs, models, bus, ...(documents ? { documents } : {}), ...(readScript ? { readScript } : {}), tiny });
  const service: HostTrainingService = {
    previewScenes: ({ source }) => scenes.preview(source),
    startScenes: (args) => scenes.start(args),
    trainScenes: (request) => scenes.trainScenes(request),
    async preview({ configName, source }) {
      const resolved = await resolveSource(source);
      const { corpus } = buildTrainingCorpus(configName, resolved.files, resolved.songs);
      return corpusSummary(configName, corpus);
    },
    async start({ configName, source, name, steps }) {
      const resolved = await resolveSource(source);
      const holders = resolved.files.length === 0 ? (resolved.songs.length === 1 ? 'the chosen song' : 'the chosen songs') : 'the readable files';
      // Refused here, with the API's wording, before the host-internal path runs.
      const { corpus } = buildTrainingCorpus(configName, resolved.files, resolved.songs);
      if (corpus.examples < minTrainingExamples) throw emptyCorpusError(configName, corpus, holders);
      const started = await service.trainMusic({
        configName,
        midiFiles: resolved.files,
        songs: resolved.songs,
        ...(resolved.projectId ? { projectId: resolved.projectId } : {}),
        ...(name ? { name } : {}),
        ...(steps === undefined ? {} : { steps, evalEvery: Math.max(1, Math.min(50, Math.floor(steps / 4) || 1)) }),
        ...(tiny ? { model: tinyTrainingModel, batchSize: 8, ...(steps === undefined ? { steps: 40 } : {}), evalEvery: Math.max(1, Math.min(10, Math.floor((steps ?? 40) / 4) || 1)) } : {}),
      });
      // The page follows the job through the jobs events; nobody awaits `done` here.
      started.done.catch(() => undefined);
      return { job: started.job, corpus: corpusSummary(configName, started.corpus) };
    },
    async resumable() {
      const runs = await keptRuns();
      const music = runs.filter((r) => !activeKeys.has(r.key) && existsSync(join(r.config.outDir, 'model.json'))).map((r) => r.jobId);
      return { jobIds: [...music, ...(await scenes.resumableJobIds())] };
    },
    async resume({ jobId }) {
      const scene = await scenes.resume(jobId);
      if (scene) return scene;
      const runs = await keptRuns();
      const found = runs.find((r) => r.jobId === jobId);
      if (!found && runs.some((r) => r.earlier?.includes(jobId))) {
        throw new StudioError('conflict', 'That training run was resumed already, as a later job; resume that one (see the Jobs panel).');
      }
      if (!found) {
        throw new StudioError('not-found', 'That training run cannot be resumed: its checkpoint is gone (it finished, was never saved, or was tidied away after newer runs). Train it again.');
      }
      if (activeKeys.has(found.key)) throw new StudioError('conflict', 'That training run is already being resumed; see the Jobs panel.');
      if (!existsSync(join(found.config.outDir, 'model.json'))) {
        throw new StudioError('not-found', 'That training run stopped before its first checkpoint, so there is nothing to resume. Train it again.');
      }
      const config: TrainMusicConfig = { ...found.config, resumeFrom: found.config.outDir };
      const { jobId: previous, mtime: _mtime, ...run } = found;
      const { job, done } = await submitRun({ ...run, config, earlier: [...(found.earlier ?? []), previous].slice(-50) }, `Resume ${found.configName}: ${found.name} · ${config.steps} steps`);
      done.catch(() => undefined);
      return { job };
    },
    async trainMusic(request) {
      const { configName } = request;
      if (!Object.hasOwn(trainingShapes, configName)) throw new StudioError('invalid-argument', `Unknown configuration ${String(configName)}.`);
      if (request.midiFiles.length > maxTrainingFiles) throw new StudioError('invalid-argument', `Train on at most ${maxTrainingFiles} MIDI files at a time.`);
      const totalBytes = request.midiFiles.reduce((sum, f) => sum + f.bytes.length, 0);
      if (totalBytes > maxTrainingBytes) throw new StudioError('invalid-argument', `The MIDI files come to more than ${maxTrainingBytes / 1024 / 1024} MB; train on fewer.`);

      const { builder, corpus } = buildTrainingCorpus(configName, request.midiFiles, request.songs);
      if (corpus.examples < minTrainingExamples) throw emptyCorpusError(configName, corpus);

      const { kind, bars } = trainingShapes[configName];
      const seed = request.seed ?? 7;
      const key = `train-${randomUUID()}`;
      // Private (0700) and under the data folder, on the registry's disk, so the model is moved, not copied.
      const staging = models.stagingDir(key);
      const corpusPath = join(staging, 'corpus.mtgc');
      const outDir = join(staging, 'model');
      const removeStaging = (): Promise<void> => rm(staging, { recursive: true, force: true }).catch(() => undefined);
      try {
        await writeFile(
          corpusPath,
          encodeCorpusFile(
            {
              kind,
              bars,
              vocabulary: kind === 'melody' ? { size: melodyVocabularySize(), ...defaultMelodyRange } : { size: 1 << drumClasses.length, classes: drumClasses },
              seed,
              summary: corpus.summary,
              sources: builder.sources(),
            },
            builder.examples,
          ),
          { mode: 0o600 },
        );
      } catch (err) {
        await removeStaging();
        throw new StudioError('internal', `Could not write the training corpus: ${err instanceof Error ? err.message : String(err)}`);
      }

      const config: TrainMusicConfig = {
        configName,
        corpusPath,
        outDir,
        steps: request.steps ?? 2000,
        batchSize: request.batchSize ?? 64,
        seed,
        evalEvery: request.evalEvery ?? 50,
        patience: 5,
        heldOutFraction: 0.1,
        ...(request.model ? { model: request.model } : {}),
      };
      const firstSource = request.midiFiles[0]?.name.replace(/^.*[\\/]/, '').replace(/\.midi?$/i, '') ?? request.songs?.[0]?.name ?? 'my music';
      const name = request.name?.trim() || `${configName} from ${firstSource}`;
      const data: ModelDataSummary = {
        examples: corpus.examples,
        skipped: corpus.skipped.slice(0, 100).map((s) => ({ reason: s.reason.slice(0, 500), label: s.label.slice(0, 100), count: s.count })),
        sources: Object.entries(builder.sources())
          .filter(([, s]) => s.examples > 0)
          .slice(0, 1000)
          .map(([source, s]) => ({ name: source.slice(0, 500), examples: s.examples })),
        summary: corpus.summary.slice(0, 1000),
      };

      const run = { key, staging, configName, config, name, data, examples: corpus.examples, ...(request.projectId ? { projectId: request.projectId } : {}) };
      const { job, done } = await submitRun(run, `Train ${configName}: ${name} · ${config.steps} steps`);
      return { job, corpus, done };
    },
  };

  /**
   * Runs a prepared staging folder (corpus written) as a train-music job. The folder's run.json
   * names the job, so a cancelled, failed or interrupted run can be resumed from its checkpoint
   * (the folder is kept then, the newest few only); it goes once the model is registered.
   */
  async function submitRun(run: StagedRun, title: string): Promise<{ job: Job; done: Promise<TrainedMusicModel> }> {
    const { staging, name, data, config } = run;
    const removeStaging = (): Promise<void> => rm(staging, { recursive: true, force: true }).catch(() => undefined);
    let registered: { model: ModelInfo; result: TrainMusicResult } | undefined;
    let job: Job;
    activeKeys.add(run.key);
    try {
      job = jobs.submit({
        kind: 'train-music',
        title,
        params: { ...config, name, examples: run.examples },
        task: { task: 'train-music', config },
        async complete(_job, result) {
          if (result.task !== 'train-music') throw new StudioError('internal', 'The worker answered with the wrong kind of result.');
          const { task: _task, ...trained } = result;
          const model = await models.register({ from: trained.modelDir, mode: 'move', origin: 'trained', name, data, ...(run.projectId ? { projectId: run.projectId } : {}) });
          registered = { model, result: trained };
          return { modelId: model.id, name: model.name, examples: trained.examples, heldOut: trained.heldOut, lossFirst: trained.lossFirst, lossLast: trained.lossLast };
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
      hasCheckpoint: () => existsSync(join(config.outDir, 'model.json')),
      removeStaging,
      registered: () => registered,
      onEnd: () => activeKeys.delete(run.key),
    });
    return { job, done };
  }

  /** Every kept run folder (newest first) with its run.json. */
  const keptRuns = (): Promise<(StoredRun & { mtime: number })[]> => keptRunFolders<StoredRun>(models, 'train-');

  /** Keeps the newest few resumable runs that are not running; older ones are removed. */
  async function pruneRuns(): Promise<void> {
    const idle = (await keptRuns()).filter((r) => !activeKeys.has(r.key));
    for (const r of idle.slice(keptResumableRuns)) await rm(r.staging, { recursive: true, force: true }).catch(() => undefined);
  }

  /** The songs or files a source names: songs read from the documents service, files decoded. */
  async function resolveSource(source: TrainingSource): Promise<{
    songs: { name: string; song: NoteSequence }[];
    files: { name: string; bytes: Uint8Array }[];
    projectId?: string;
  }> {
    if (source.kind === 'files') {
      const files = source.files.map((f, i) => {
        const b64 = f.base64.replace(/\s+/g, '');
        if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
          throw new StudioError('invalid-argument', `“${f.name}” did not arrive as base64-encoded bytes; choose the file again.`, [{ path: `source.files.${i}.base64`, message: 'Not base64.' }]);
        }
        const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
        if (bytes.length === 0) throw new StudioError('invalid-argument', `“${f.name}” is empty.`, [{ path: `source.files.${i}`, message: 'The file is empty.' }]);
        return { name: f.name.trim(), bytes };
      });
      return { songs: [], files };
    }
    if (!documents) throw new StudioError('unavailable', 'Training on songs is not available in this host.');
    const all = (await documents.list({ projectId: source.projectId })).filter((d: DocumentInfo) => d.kind === 'song');
    if (all.length === 0) throw new StudioError('invalid-argument', 'This project has no songs to train on; import a MIDI file or choose files instead.', [{ path: 'source', message: 'No songs.' }]);
    const byId = new Map(all.map((d) => [d.id as string, d]));
    const wanted = new Map<string, Set<string> | 'all'>();
    const missing = (id: string): StudioError => new StudioError('not-found', `A chosen song (${id}) is not in this project any more; it may have been deleted.`);
    for (const id of source.docIds ?? []) {
      if (!byId.has(id)) throw missing(id);
      wanted.set(id, 'all');
    }
    for (const { docId, trackId } of source.tracks ?? []) {
      if (!byId.has(docId)) throw missing(docId);
      const entry = wanted.get(docId);
      if (entry === 'all') continue;
      if (entry) entry.add(trackId);
      else wanted.set(docId, new Set([trackId]));
    }
    if (source.docIds === undefined && source.tracks === undefined) for (const d of all) wanted.set(d.id, 'all');
    if (wanted.size === 0) throw new StudioError('invalid-argument', 'Choose at least one song or track to train on.', [{ path: 'source', message: 'Nothing chosen.' }]);
    const songs: { name: string; song: NoteSequence }[] = [];
    for (const [id, which] of wanted) {
      const info = byId.get(id)!;
      const { content } = await documents.open({ id: info.id });
      let song = content;
      if (which !== 'all') {
        const unknown = [...which].find((t) => !content.tracks.some((track) => track.id === t));
        if (unknown !== undefined) throw new StudioError('not-found', `The song “${info.name}” has no track ${unknown} any more; choose its tracks again.`);
        song = { ...content, tracks: content.tracks.filter((t) => which.has(t.id)) };
      }
      songs.push({ name: info.name, song });
    }
    return { songs, files: [], projectId: source.projectId };
  }

  return service;
}

function corpusSummary(configName: MusicModelConfigName, corpus: TrainingCorpus): TrainingCorpusSummary {
  const { kind, bars } = trainingShapes[configName];
  return {
    configName,
    kind,
    bars,
    examples: corpus.examples,
    sources: corpus.files,
    skipped: corpus.skipped,
    unreadable: corpus.unreadable,
    summary: corpus.summary,
    enough: corpus.examples >= minTrainingExamples,
    minExamples: minTrainingExamples,
  };
}
