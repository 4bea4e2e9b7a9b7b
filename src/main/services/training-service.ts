// "Train on my music", host side: reads the user's MIDI files (one that cannot be read is skipped
// with its reason, not fatal), extracts the examples of the chosen configuration's kind and length
// from all of them (CorpusBuilder: deduplicated across files, skipped windows counted by reason),
// refuses a corpus with too few examples, writes it as a corpus file into a private (0700) staging
// folder under <data>/models/.staging, and runs a 'train-music' job through the job manager (so it
// shows in the Jobs panel with its progress). When the job succeeds its model folder is registered
// (moved into the registry, origin 'trained') before the job is marked done, and the staging folder
// goes away whatever the outcome.
//
// Host-internal for now (the CLI's `montage train music` on a host of its own): not an API method.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError, isFinished, type Job, type ModelInfo } from '../../shared/api';
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

export interface TrainingService {
  /** @throws StudioError 'invalid-argument' for a corpus with too few examples (naming why windows were skipped). */
  trainMusic(request: TrainMusicRequest): Promise<TrainingStart>;
}

export interface TrainingServiceDeps {
  jobs: JobManager;
  models: HostModelsService;
  bus: EventBus;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Reads the files and extracts the configuration's examples from all of them. */
export function buildTrainingCorpus(
  configName: MusicModelConfigName,
  files: readonly { name: string; bytes: Uint8Array }[],
): { builder: CorpusBuilder<Int32Array | Uint16Array>; corpus: TrainingCorpus } {
  const { kind, bars } = trainingShapes[configName];
  const builder = new CorpusBuilder<Int32Array | Uint16Array>(kind, bars);
  const unreadable: { name: string; reason: string }[] = [];
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
  return { builder, corpus: { examples: builder.examples.length, skipped, files: files.length, unreadable, summary } };
}

/** "No 2-bar melodies could be extracted: 12 windows were silent, …". */
function emptyCorpusError(configName: MusicModelConfigName, corpus: TrainingCorpus): StudioError {
  const { kind, bars } = trainingShapes[configName];
  const noun = kind === 'melody' ? 'melodies' : 'drum patterns';
  const reasons = corpus.skipped.map((s) => `${s.count} × ${s.reason}`);
  if (corpus.unreadable.length > 0) reasons.push(`unreadable: ${corpus.unreadable.slice(0, 3).map((u) => `${u.name} (${u.reason})`).join('; ')}`);
  const windowsSkipped = corpus.skipped.some((s) => s.reason !== unreadableReason);
  if (corpus.files === 0) reasons.push('no MIDI files were given');
  else if (!windowsSkipped && corpus.unreadable.length < corpus.files) {
    reasons.push(`the readable files hold no ${bars}-bar stretch of ${kind === 'drums' ? 'drum' : 'non-drum'} notes`);
  }
  const head =
    corpus.examples === 0
      ? `No ${bars}-bar ${noun} could be extracted`
      : `Only ${corpus.examples} ${bars}-bar ${corpus.examples === 1 ? noun.replace(/ies$/, 'y').replace(/s$/, '') : noun} could be extracted; training needs at least ${minTrainingExamples}`;
  return new StudioError('invalid-argument', `${head}: ${reasons.join('; ')}.`, [{ path: 'midiFiles', message: head }]);
}

export function createTrainingService({ jobs, models, bus }: TrainingServiceDeps): TrainingService {
  return {
    async trainMusic(request) {
      const { configName } = request;
      if (!Object.hasOwn(trainingShapes, configName)) throw new StudioError('invalid-argument', `Unknown configuration ${String(configName)}.`);
      if (request.midiFiles.length > maxTrainingFiles) throw new StudioError('invalid-argument', `Train on at most ${maxTrainingFiles} MIDI files at a time.`);
      const totalBytes = request.midiFiles.reduce((sum, f) => sum + f.bytes.length, 0);
      if (totalBytes > maxTrainingBytes) throw new StudioError('invalid-argument', `The MIDI files come to more than ${maxTrainingBytes / 1024 / 1024} MB; train on fewer.`);

      const { builder, corpus } = buildTrainingCorpus(configName, request.midiFiles);
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
      const firstSource = request.midiFiles[0]?.name.replace(/^.*[\\/]/, '').replace(/\.midi?$/i, '') ?? 'my music';
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

      let registered: { model: ModelInfo; result: TrainMusicResult } | undefined;
      let job: Job;
      try {
        job = jobs.submit({
          kind: 'train-music',
          title: `Train ${configName}: ${name} · ${config.steps} steps`,
          params: { ...config, name, examples: corpus.examples },
          task: { task: 'train-music', config },
          async complete(_job, result) {
            if (result.task !== 'train-music') throw new StudioError('internal', 'The worker answered with the wrong kind of result.');
            const { task: _task, ...trained } = result;
            const model = await models.register({ from: trained.modelDir, mode: 'move', origin: 'trained', name, data });
            registered = { model, result: trained };
            return { modelId: model.id, name: model.name, examples: trained.examples, heldOut: trained.heldOut, lossFirst: trained.lossFirst, lossLast: trained.lossLast };
          },
        });
      } catch (err) {
        await removeStaging();
        throw err;
      }

      const done = new Promise<TrainedMusicModel>((resolve, reject) => {
        let settled = false;
        const settle = (finished: Job): void => {
          if (settled) return;
          settled = true;
          off();
          // The corpus (and a failed run's model folder) go before the caller hears of the end.
          void removeStaging().then(() => {
            if (finished.status === 'succeeded' && registered) resolve({ job: finished, ...registered });
            else if (finished.status === 'succeeded') reject(new StudioError('internal', 'The training job finished without a model.'));
            else if (finished.error) reject(StudioError.fromJSON(finished.error));
            else reject(new StudioError(finished.status === 'cancelled' ? 'cancelled' : 'unavailable', finished.progressText || `The training job was ${finished.status}.`));
          });
        };
        const off = bus.on('onJobChanged', (changed) => {
          if (changed.id === job.id && isFinished(changed.status)) settle(changed);
        });
        // It may have finished (failed to start) before we listened.
        const now = jobs.get(job.id);
        if (isFinished(now.status)) settle(now);
      });
      return { job, corpus, done };
    },
  };
}
