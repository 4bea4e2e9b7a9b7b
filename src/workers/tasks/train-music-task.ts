// "Train a music model": trains a MusicVae of a named configuration (models/music-vae.ts) on the
// examples a job brings (inline or a corpus file the host wrote) with the engine's runTraining:
// a seeded held-out split, batches as a function of (seed, step) so a resumed run repeats the
// uninterrupted one, progress points that carry loss, KL and reconstruction accuracy (and the
// held-out figures on evaluation steps), early stopping on the held-out loss, checkpoints into the
// host's outDir with a music-model.json manifest beside them (models/music-model-files.ts), resume,
// cancel, and a divergence that stops with the last good checkpoint kept. After the VAE, the
// continuation companion is trained on the same split (train-continuation.ts) unless
// continuationSteps is 0, and saved beside it before the manifest; then the latent-constraints GAN
// (train-latent-gan.ts) when latentGanSteps asks for it (by default on runs of 200+ steps).
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StudioError } from '../../shared/api/errors';
import type { WorkerResultOf } from '../../shared/jobs/protocol';
import type { MusicTrainingPoint, TrainMusicConfig } from '../../shared/jobs/task-kinds';
import { decodeCorpusFile } from '../../shared/music/corpus/corpus-file';
import { heldOutFileBytes, heldOutFileName } from '../../shared/music/encoding/evaluate-set';
import { createRng } from '../../shared/random';
import { formatDuration, type ProgressText } from '../engine/training/progress-reporter';
import { createSeededBatches } from '../engine/training/seeded-batches';
import { TrainingDivergedError } from '../engine/training/trainer';
import { runTraining, type TrainingOutcome } from '../engine/training/training-loop';
import type { ModelDataSummary, ModelMetrics } from '../../shared/models/manifest';
import { musicModelManifest, removeMusicModelManifest, thinCurve, writeMusicModelManifest } from '../models/music-model-files';
import { MusicVae, namedMusicVaeConfig, type MusicVaeBatch, type MusicVaeConfig, type MusicVaeMetrics } from '../models/music-vae';
import { TaskFailedError, type TaskContext } from './task-context';
import { trainContinuation } from './train-continuation';
import { manifestMetricsOf, trainLatentGan } from './train-latent-gan';
import { removeLatentGan } from '../models/latent-gan';

export type TrainMusicResult = WorkerResultOf<'train-music'>;

const count = (n: number): string => n.toLocaleString('en-US');
const roughly = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : count(n));
const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
const invalid = (field: string, message: string): StudioError => new StudioError('invalid-argument', message, [{ path: field, message }]);

/** What a checkpoint's model.json says of itself: its step and the metadata the run stored. */
interface CheckpointInfo {
  step: number;
  musicModel?: unknown;
  config?: unknown;
  /** Per-step KL and accuracy, as long as the loss history (see runTrainMusic). */
  figures?: { kl?: number[]; accuracy?: number[] };
}

/** The checkpoint in a directory (its model.json only, not the weights), or null when there is none. */
async function checkpointInfo(directory: string): Promise<CheckpointInfo | null> {
  try {
    const json = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8')) as { userDefinedMetadata?: Partial<CheckpointInfo> };
    const meta = json.userDefinedMetadata;
    return meta && typeof meta.step === 'number' ? (meta as CheckpointInfo) : null;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
}

/** The job's examples as one flat batch-major Int32Array, checked against the model's representation. */
async function loadExamples(config: TrainMusicConfig, model: MusicVaeConfig): Promise<{ tokens: Int32Array; data: Omit<ModelDataSummary, 'examples'> }> {
  let values: Int32Array | Uint16Array;
  let field = 'examples';
  let data: Omit<ModelDataSummary, 'examples'> = { skipped: [], sources: [] };
  if (config.examples) values = config.examples;
  else {
    field = 'corpusPath';
    let bytes: Uint8Array;
    try {
      bytes = await readFile(config.corpusPath as string);
    } catch (err) {
      throw invalid(field, `The corpus file ${config.corpusPath} cannot be read: ${(err as Error).message}`);
    }
    let corpus;
    try {
      corpus = decodeCorpusFile(bytes);
    } catch (err) {
      throw invalid(field, `${config.corpusPath} is not a corpus file Montage can read: ${(err as Error).message}`);
    }
    if (corpus.header.kind !== model.representation || corpus.header.steps !== model.steps) {
      throw invalid(
        field,
        `${config.corpusPath} holds ${corpus.header.bars}-bar ${corpus.header.kind} examples; ${config.configName} trains on ${model.steps / 16}-bar ${model.representation} examples.`,
      );
    }
    values = corpus.data;
    const sources = Object.entries(corpus.header.sources ?? {}).map(([name, source]) => ({ name, examples: source.examples }));
    const skipped = Object.values(corpus.header.sources ?? {}).flatMap((source) => source.skipped ?? []);
    data = { skipped: skipped.slice(0, 100), sources: sources.slice(0, 1000), ...(corpus.header.summary ? { summary: corpus.header.summary.slice(0, 1000) } : {}) };
  }
  const what = model.representation === 'drums' ? 'drum masks' : 'melody tokens';
  if (values.length === 0 || values.length % model.steps !== 0) {
    throw invalid(field, `The examples must be whole ${model.steps}-step ${what}, one after another; got ${count(values.length)} values.`);
  }
  const tokens = values instanceof Int32Array ? values : Int32Array.from(values);
  for (let i = 0; i < tokens.length; i++) {
    const v = tokens[i] as number;
    if (!(v >= 0 && v < model.vocabulary)) {
      throw invalid(field, `Example ${Math.floor(i / model.steps) + 1} has the value ${v} at step ${(i % model.steps) + 1}; ${what} of ${config.configName} run from 0 to ${model.vocabulary - 1}.`);
    }
  }
  return { tokens, data };
}

/** Seeded split: the held-out examples and the training examples (at least one each). */
export function splitExamples(tokens: Int32Array, steps: number, fraction: number, seed: number): { train: Int32Array; heldOut: Int32Array } {
  const n = tokens.length / steps;
  if (n < 2) throw invalid('examples', `Training needs at least 2 examples (one is held out to measure the model); got ${n}.`);
  const heldOutCount = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng((Math.imul(seed, 0x2545f491) ^ 0x5bd1e995) >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const pick = (indices: Int32Array): Int32Array => {
    const out = new Int32Array(indices.length * steps);
    indices.forEach((e, k) => out.set(tokens.subarray(e * steps, (e + 1) * steps), k * steps));
    return out;
  };
  return { heldOut: pick(order.subarray(0, heldOutCount)), train: pick(order.subarray(heldOutCount)) };
}

/** Copies a checkpoint directory's files (weights first, model.json last) into an empty outDir. */
async function copyCheckpoint(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const names = (await readdir(from)).filter((n) => !n.endsWith('.tmp'));
  const order = [...names.filter((n) => n !== 'model.json'), ...names.filter((n) => n === 'model.json')];
  for (const name of order) if (name.startsWith('weights-') || name === 'model.json' || name === 'music-model.json') await copyFile(join(from, name), join(to, name));
}

/**
 * Where training starts: a fresh outDir, or the checkpoint in resumeFrom (copied into outDir when
 * it is elsewhere), which must have been trained with the same configuration. Answers the
 * checkpoint training continues from, or null.
 */
async function prepareOutDir(config: TrainMusicConfig, model: MusicVaeConfig, context: TaskContext): Promise<CheckpointInfo | null> {
  const { outDir, resumeFrom } = config;
  const existing = await checkpointInfo(outDir);
  if (resumeFrom === undefined) {
    if (existing !== null) {
      throw new StudioError('conflict', `${outDir} already holds a model trained for ${count(existing.step)} steps; resume it (resumeFrom) or train into an empty folder.`);
    }
    return null;
  }
  const source = await checkpointInfo(resumeFrom);
  if (source === null) throw invalid('resumeFrom', `${resumeFrom} holds no checkpoint to resume from.`);
  if (source.musicModel !== config.configName || JSON.stringify(source.config) !== JSON.stringify(model)) {
    const what = typeof source.musicModel === 'string' ? `as ${source.musicModel} ` : '';
    throw invalid('resumeFrom', `The checkpoint in ${resumeFrom} was trained ${what}with other settings; resume it with the settings (configuration, sizes, seed) it was trained with.`);
  }
  if (resolve(resumeFrom) !== resolve(outDir)) {
    if (existing !== null) throw new StudioError('conflict', `${outDir} already holds a model; resume ${resumeFrom} into an empty folder.`);
    await copyCheckpoint(resumeFrom, outDir);
    context.message(`Copied the checkpoint of ${resumeFrom} (step ${count(source.step)}) into ${outDir}.`);
  }
  return source;
}

function describe(model: MusicVae, name: string, batchSize: number): string {
  const c = model.config;
  const decoder = c.segments > 1 ? `conductor ${c.conductorUnits} over ${c.segments} bars → LSTM ${c.decoderUnits}` : `LSTM ${c.decoderUnits}`;
  return `Model: ${name}, BiLSTM ${c.encoderUnits} → z ${c.latentSize} → ${decoder}, ${roughly(model.parameterCount)} parameters, batches of ${batchSize}`;
}

/**
 * Trains a music model and resolves to its result. Rejects with TaskCancelledError when
 * context.signal is aborted (checked between steps; the last checkpoint stays), with
 * TaskFailedError when training diverges (the last good checkpoint stays) and with StudioError
 * 'invalid-argument' or 'conflict' for examples or folders it cannot use.
 */
export async function runTrainMusic(config: TrainMusicConfig, context: TaskContext): Promise<TrainMusicResult> {
  const started = performance.now();
  const { configName, steps: totalSteps, batchSize, seed, outDir, evalEvery } = config;
  // The continuation phase after the VAE (0 skips it; by default as many steps as the VAE ran); a
  // companion step costs about a third of a VAE step.
  const plannedContinuationSteps = config.continuationSteps ?? totalSteps;
  const vaeShare = plannedContinuationSteps > 0 ? totalSteps / (totalSteps + plannedContinuationSteps / 3) : 1;
  let modelConfig: MusicVaeConfig;
  try {
    modelConfig = namedMusicVaeConfig(configName, { ...config.model, seed });
  } catch (err) {
    throw invalid('model', (err as Error).message);
  }
  const { tokens, data } = await loadExamples(config, modelConfig);
  const { train, heldOut } = splitExamples(tokens, modelConfig.steps, config.heldOutFraction, seed);
  const trainCount = train.length / modelConfig.steps;
  const heldOutCount = heldOut.length / modelConfig.steps;
  const noun = modelConfig.representation === 'drums' ? 'drum patterns' : 'melodies';
  context.message(`Data: ${count(trainCount + heldOutCount)} ${modelConfig.steps / 16}-bar ${noun}, ${count(heldOutCount)} held out, seed ${seed}`);

  const resumed = await prepareOutDir(config, modelConfig, context);
  await mkdir(outDir, { recursive: true });
  // The folder is being trained: it is not a finished model until the manifest is written again at the end.
  await removeMusicModelManifest(outDir);
  await removeLatentGan(outDir);
  // KL and accuracy of every step, kept in the checkpoint beside the engine's loss history (the
  // loop spreads this metadata object into every save, so the arrays are saved as they stand).
  const figuresSoFar = { kl: (resumed?.figures?.kl ?? []).slice(0, resumed?.step ?? 0), accuracy: (resumed?.figures?.accuracy ?? []).slice(0, resumed?.step ?? 0) };
  const metadata = { musicModel: configName, config: modelConfig, figures: figuresSoFar };

  const model = new MusicVae(modelConfig);
  try {
    context.message(describe(model, configName, batchSize));
    const batches = createSeededBatches(trainCount, batchSize, seed);
    const steps = modelConfig.steps;
    const batchAt = (step: number): MusicVaeBatch => {
      const out = new Int32Array(batchSize * steps);
      batches.indicesAt(step).forEach((e, k) => out.set(train.subarray(e * steps, (e + 1) * steps), k * steps));
      return { tokens: out, step };
    };

    // Figures of each step, read when its progress line is written and attached to its point.
    let figures: { step: number; extra: Partial<MusicTrainingPoint> } = { step: -1, extra: {} };
    let heldOutFigures: { step: number; metrics: MusicVaeMetrics } | null = null;
    let klLast = Number.NaN;
    const evaluateHeldOut = (step: number): MusicVaeMetrics => {
      if (heldOutFigures?.step !== step) heldOutFigures = { step, metrics: model.evaluate(heldOut, { seed, chunk: Math.max(batchSize, 64) }) };
      return heldOutFigures.metrics;
    };
    const text: ProgressText = (s, total) => {
      const m = model.takeTrainingMetrics();
      const extra: Partial<MusicTrainingPoint> = m
        ? { reconstruction: m.reconstruction, kl: m.kl, accuracy: m.accuracy, beta: m.beta, samplingProbability: m.samplingProbability }
        : {};
      if (m) klLast = m.kl;
      // The series stay one value per step (NaN where a figure is missing) so they line up with the losses.
      figuresSoFar.kl[s.step - 1] = m?.kl ?? Number.NaN;
      figuresSoFar.accuracy[s.step - 1] = m?.accuracy ?? Number.NaN;
      let line = `step ${s.step}/${total} · loss ${s.loss.toFixed(3)}`;
      if (m) line += ` · KL ${m.kl.toFixed(2)} · accuracy ${percent(m.accuracy)}`;
      if (s.step % evalEvery === 0) {
        const h = evaluateHeldOut(s.step);
        extra.heldOutLoss = h.loss;
        extra.heldOutAccuracy = h.accuracy;
        line += ` · held-out ${h.loss.toFixed(3)}, ${percent(h.accuracy)}`;
      }
      figures = { step: s.step, extra };
      if (s.sequencesPerSec === undefined) return `${line} · warming up`;
      const eta = s.step < total && s.etaMs !== undefined ? ` · ETA ${formatDuration(s.etaMs)}` : '';
      return `${line} · ${s.sequencesPerSec.toFixed(0)} seq/s${eta}`;
    };
    const runContext: TaskContext = {
      signal: context.signal,
      message: (line) => context.message(line),
      progress: (p) => {
        const point: MusicTrainingPoint | undefined = p.point && p.point.step === figures.step ? { ...p.point, ...figures.extra } : p.point;
        context.progress({ ...p, fraction: p.fraction * vaeShare, ...(point ? { point } : {}) });
      },
    };

    let outcome: TrainingOutcome;
    try {
      outcome = await runTraining({
        model,
        batchAt,
        totalSteps,
        batchSize,
        optimizer: model.optimizerOptions,
        context: runContext,
        progressText: text,
        checkpoints: { directory: outDir, every: config.checkpointEvery ?? evalEvery, metadata },
        evaluation: { every: evalEvery, patience: config.patience, run: () => evaluateHeldOut(figures.step).loss },
      });
    } catch (err) {
      if (!(err instanceof TrainingDivergedError)) throw err;
      const what = err.quantity === 'loss' ? 'loss' : 'gradient norm';
      const kept = await checkpointInfo(outDir);
      const where =
        kept === null
          ? 'No checkpoint had been saved yet.'
          : `The last good checkpoint (step ${count(kept.step)}) is kept in ${outDir}; resume from it with a lower learning rate.`;
      throw new TaskFailedError(`Training diverged at step ${err.step} of ${totalSteps}: the ${what} became ${err.value}. ${where}`);
    }

    const final = evaluateHeldOut(outcome.finalStep);
    // The continuation companion (train-continuation.ts): same training and held-out windows, saved
    // beside the VAE before the manifest marks the folder finished.
    const continuationSteps = config.continuationSteps ?? outcome.finalStep;
    const companion =
      continuationSteps > 0
        ? await trainContinuation({
            config: {
              representation: modelConfig.representation,
              vocabulary: modelConfig.vocabulary,
              ...(modelConfig.melodyRange ? { melodyRange: { ...modelConfig.melodyRange } } : {}),
              hiddenUnits: modelConfig.decoderUnits,
              seed,
            },
            train,
            heldOut,
            windowSteps: modelConfig.steps,
            steps: continuationSteps,
            batchSize,
            evalEvery,
            patience: config.patience,
            outDir,
            context,
            progressRange: [vaeShare, 1],
          })
        : null;
    // The latent-constraints GAN (train-latent-gan.ts) on the trained VAE's encoded training examples, saved beside it.
    const latentGanSteps = config.latentGanSteps ?? (totalSteps >= 200 ? Math.min(2000, totalSteps) : 0);
    let latentGanMetrics: Record<string, number> = {};
    if (latentGanSteps > 0) {
      const phase = await trainLatentGan(model, train, heldOut, { steps: latentGanSteps, batchSize: 64, seed, maxExamples: 20_000, outDir }, context);
      phase.gan.dispose();
      latentGanMetrics = manifestMetricsOf(phase.metrics);
    }
    const loss = outcome.losses;
    const lossFirst = loss[0] ?? Number.NaN;
    const lossLast = loss[loss.length - 1] ?? Number.NaN;
    const finite = (x: number): number[] => (Number.isFinite(x) ? [x] : []);
    const metrics: ModelMetrics = Object.fromEntries(
      Object.entries({
        accuracy: final.accuracy,
        loss: final.loss,
        kl: final.kl,
        reconstruction: final.reconstruction,
        lossFirst,
        lossLast,
        klLast,
        steps: outcome.finalStep,
        examples: trainCount,
        heldOut: heldOutCount,
        stoppedEarly: outcome.stoppedEarly ? 1 : 0,
        ...(companion
          ? { continuationAccuracy: companion.metrics.accuracy, continuationLoss: companion.metrics.loss, continuationPerplexity: companion.metrics.perplexity }
          : {}),
        ...latentGanMetrics,
      }).flatMap(([k, v]) => finite(v).map((x) => [k, x] as const)),
    );
    const curve = thinCurve(loss, figuresSoFar.kl.slice(0, loss.length), figuresSoFar.accuracy.slice(0, loss.length));
    const manifest = musicModelManifest(modelConfig, {
      configName,
      stepsTrained: outcome.finalStep,
      metrics,
      curve,
      data: { examples: trainCount + heldOutCount, ...data },
    });
    // A sample of the held-out examples, for `montage eval music` (evaluation-service.ts); before the manifest, which marks the folder finished.
    await writeFile(
      join(outDir, heldOutFileName),
      heldOutFileBytes(heldOut, { kind: modelConfig.representation, steps: modelConfig.steps, vocabulary: modelConfig.vocabulary, seed, ...(modelConfig.melodyRange ? { range: modelConfig.melodyRange } : {}), of: configName }),
    );
    await writeMusicModelManifest(outDir, manifest);
    context.message(
      `Done in ${formatDuration(performance.now() - started)}: ${outcome.finalStep} steps${outcome.stoppedEarly ? ' (stopped early: the held-out loss stopped improving)' : ''}, ` +
        `loss ${lossFirst.toFixed(2)} → ${lossLast.toFixed(2)}, held-out accuracy ${percent(final.accuracy)}`,
    );
    return {
      task: 'train-music',
      modelDir: outDir,
      configName,
      examples: trainCount,
      heldOut: heldOutCount,
      steps: outcome.finalStep,
      resumedFrom: outcome.resumedFrom,
      lossFirst,
      lossLast,
      klLast,
      accuracyHeldOut: final.accuracy,
      lossHeldOut: final.loss,
      ...(companion
        ? { continuation: { steps: companion.steps, accuracyHeldOut: companion.metrics.accuracy, lossHeldOut: companion.metrics.loss, perplexityHeldOut: companion.metrics.perplexity } }
        : {}),
      stoppedEarly: outcome.stoppedEarly,
      ...(outcome.stepsPerSec === undefined ? {} : { stepsPerSec: outcome.stepsPerSec }),
      loss,
    };
  } finally {
    model.dispose();
  }
}
