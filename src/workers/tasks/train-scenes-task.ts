// "Train a scene model": the scene drafter's two word-level LSTMs (models/scene-lm.ts) on
// screenplays, with the engine's runTraining. The scripts' scenes are split (seeded; whole scripts
// held out when there are five or more), vocabularies are built from the training part, and the
// next-scene (outline) model trains first, then the draft model, each with its own checkpoint
// folder inside outDir (outline-run/, draft-run/), so a stopped run resumes in the phase it was
// in, with the same batches. Progress points carry loss, perplexity and (on evaluation steps) the
// held-out figures; steps run on across both phases. At the end both models are written into
// outDir as one scene model (models/scene-model-files.ts) with held-out units for evaluation and
// the registry's manifest (kind 'scenes') last; the run folders are removed.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StudioError } from '../../shared/api/errors';
import type { WorkerResultOf } from '../../shared/jobs/protocol';
import type { SceneLmFigures, SceneTrainingPoint, TrainScenesConfig } from '../../shared/jobs/task-kinds';
import type { ModelMetrics } from '../../shared/models/manifest';
import { buildVocabularies, scriptScenes, splitSceneData, windowsOf } from '../../shared/script/generation/scene-data';
import { Vocabulary } from '../../shared/script/generation/scene-tokens';
import { createSeededBatches } from '../engine/training/seeded-batches';
import { formatDuration, type ProgressText } from '../engine/training/progress-reporter';
import { runTraining } from '../engine/training/training-loop';
import { thinCurve, writeMusicModelManifest, removeMusicModelManifest } from '../models/music-model-files';
import { SceneLm, type SceneLmConfig, type SceneLmMetrics } from '../models/scene-lm';
import { saveSceneModel, sceneModelFile } from '../models/scene-model-files';
import type { TaskContext } from './task-context';

export type TrainScenesResultMessage = WorkerResultOf<'train-scenes'>;

/** The named configuration of a scene model and its sizes. */
export const sceneConfigName = 'scenes-small';
export const defaultSceneModel = { embedding: 64, hiddenUnits: 192, outlineVocabulary: 1200, draftVocabulary: 2400, window: 64, learningRate: 3e-3 };

const invalid = (field: string, message: string): StudioError => new StudioError('invalid-argument', message, [{ path: field, message }]);
const count = (n: number): string => n.toLocaleString('en-US');

interface ScriptIn {
  name: string;
  fountain: string;
}

async function loadScripts(config: TrainScenesConfig): Promise<ScriptIn[]> {
  if (config.scripts) return config.scripts;
  let text: string;
  try {
    text = await readFile(config.corpusPath as string, 'utf8');
  } catch (err) {
    throw invalid('corpusPath', `The corpus file ${config.corpusPath} cannot be read: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as { scripts?: unknown };
    if (!Array.isArray(parsed.scripts)) throw new Error('it has no "scripts" list');
    return parsed.scripts.map((s, i) => {
      const o = s as Partial<ScriptIn>;
      if (typeof o?.fountain !== 'string') throw new Error(`script ${i + 1} has no Fountain text`);
      return { name: typeof o.name === 'string' ? o.name : `script ${i + 1}`, fountain: o.fountain };
    });
  } catch (err) {
    throw invalid('corpusPath', `${config.corpusPath} is not a scene corpus Montage can read: ${(err as Error).message}`);
  }
}

async function checkpointStep(directory: string): Promise<{ step: number; meta: Record<string, unknown> } | null> {
  try {
    const json = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8')) as { userDefinedMetadata?: Record<string, unknown> };
    const meta = json.userDefinedMetadata;
    return meta && typeof meta.step === 'number' ? { step: meta.step, meta } : null;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
}

export async function runTrainScenes(config: TrainScenesConfig, context: TaskContext): Promise<TrainScenesResultMessage> {
  const started = performance.now();
  const sizes = { ...defaultSceneModel, ...config.model };
  const { batchSize, seed, outDir, evalEvery } = config;
  const draftSteps = config.steps;
  const outlineSteps = config.outlineSteps ?? Math.max(1, Math.round(draftSteps / 2));
  const scripts = await loadScripts(config);
  const scenes = scriptScenes(scripts.map((s) => s.fountain));
  const sceneCount = scenes.reduce((n, s) => n + s.length, 0);
  if (sceneCount < 2) throw invalid(config.scripts ? 'scripts' : 'corpusPath', `Training a scene model needs at least 2 scenes (headings such as "INT. KITCHEN - NIGHT"); the scripts hold ${sceneCount}.`);
  const split = splitSceneData(scenes, config.heldOutFraction, seed);
  context.message(
    `Data: ${count(scripts.length)} scripts, ${count(sceneCount)} scenes; held out ${split.by === 'scripts' ? 'whole scripts' : 'scenes'}: ` +
      `${count(split.heldOut.draft.length)} scenes, ${count(split.heldOut.outline.length)} outline chunks, seed ${seed}`,
  );

  // Where training starts: fresh, or the run folders of a stopped run (copied state lives in outDir).
  const runDirs = { outline: join(outDir, 'outline-run'), draft: join(outDir, 'draft-run') };
  if (config.resumeFrom !== undefined) {
    if (resolve(config.resumeFrom) !== resolve(outDir)) throw invalid('resumeFrom', 'A scene model resumes in its own folder: resumeFrom must be outDir.');
    const found = (await checkpointStep(runDirs.outline)) ?? (await checkpointStep(runDirs.draft));
    if (!found) throw invalid('resumeFrom', `${config.resumeFrom} holds no checkpoint to resume from.`);
  } else if ((await checkpointStep(runDirs.outline)) || (await checkpointStep(runDirs.draft))) {
    throw new StudioError('conflict', `${outDir} already holds a scene model in training; resume it (resumeFrom) or train into an empty folder.`);
  }
  await mkdir(outDir, { recursive: true });
  await removeMusicModelManifest(outDir);
  await rm(join(outDir, sceneModelFile), { force: true });

  // Vocabularies: those of the stopped run when resuming (the weights were shaped by them).
  let vocabularies = buildVocabularies(split.train, sizes.outlineVocabulary, sizes.draftVocabulary);
  const savedVocab = (await checkpointStep(runDirs.outline))?.meta.vocabulary;
  const savedDraftVocab = (await checkpointStep(runDirs.draft))?.meta.vocabulary;
  if (Array.isArray(savedVocab)) vocabularies = { ...vocabularies, outline: new Vocabulary(savedVocab as string[]) };
  if (Array.isArray(savedDraftVocab)) vocabularies = { ...vocabularies, draft: new Vocabulary(savedDraftVocab as string[]) };

  const phases = [
    { part: 'outline' as const, steps: outlineSteps, vocabulary: vocabularies.outline },
    { part: 'draft' as const, steps: draftSteps, vocabulary: vocabularies.draft },
  ];
  // Work per phase ∝ steps × vocabulary (the output layer dominates), for the progress fraction.
  const work = phases.map((p) => p.steps * (p.vocabulary.size + 4 * sizes.hiddenUnits));
  const totalWork = work[0]! + work[1]!;
  const models: Partial<Record<'outline' | 'draft', SceneLm>> = {};
  const figures: Partial<Record<'outline' | 'draft', SceneLmFigures>> = {};
  const allLosses: number[] = [];
  let resumedFrom = 0;
  let stepsPerSec: number | undefined;
  try {
    for (let k = 0; k < phases.length; k++) {
      const { part, steps, vocabulary } = phases[k]!;
      const window = sizes.window;
      const units = part === 'outline' ? split.train.outline : split.train.draft;
      const heldUnits = part === 'outline' ? split.heldOut.outline : split.heldOut.draft;
      const train = windowsOf(units, vocabulary, window, Math.max(1, Math.floor(window / 2)));
      const held = windowsOf(heldUnits, vocabulary, window, window);
      if (train.count === 0) throw invalid('scripts', 'The scripts hold no scenes to learn from.');
      const lmConfig: SceneLmConfig = { vocabulary: vocabulary.size, embedding: sizes.embedding, hiddenUnits: sizes.hiddenUnits, learningRate: sizes.learningRate, clipNorm: 5, seed: seed + (part === 'outline' ? 0 : 1000) };
      const model = new SceneLm(lmConfig);
      models[part] = model;
      const name = part === 'outline' ? 'next-scene model' : 'draft model';
      context.message(`Model: ${name}, embedding ${lmConfig.embedding} → LSTM ${lmConfig.hiddenUnits} → ${count(vocabulary.size)} words, ${count(model.parameterCount)} parameters; ${count(train.count)} windows of ${window} tokens, batches of ${batchSize}`);
      const batches = createSeededBatches(train.count, batchSize, seed + k);
      const w = window + 1;
      let currentStep = 0;
      const batchAt = (step: number) => {
        currentStep = step + 1;
        const tokens = new Int32Array(batchSize * w);
        batches.indicesAt(step).forEach((e, j) => tokens.set(train.tokens.subarray(e * w, (e + 1) * w), j * w));
        return { tokens, length: window };
      };
      const stepOffset = k === 0 ? 0 : outlineSteps;
      const workBefore = k === 0 ? 0 : work[0]!;
      let heldFigures: { step: number; metrics: SceneLmMetrics } | null = null;
      const evaluateHeld = (step: number): SceneLmMetrics => {
        if (heldFigures?.step !== step) heldFigures = { step, metrics: held.count > 0 ? model.evaluate(held.tokens, window) : { loss: Number.NaN, accuracy: Number.NaN, perplexity: Number.NaN } };
        return heldFigures.metrics;
      };
      let extra: { step: number; point: Partial<SceneTrainingPoint> } = { step: -1, point: {} };
      const text: ProgressText = (s, total) => {
        const point: Partial<SceneTrainingPoint> = { phase: part, perplexity: Math.exp(s.loss) };
        let line = `${name} step ${s.step}/${total} · loss ${s.loss.toFixed(3)} · perplexity ${Math.exp(s.loss).toFixed(1)}`;
        if (s.step % evalEvery === 0 && held.count > 0) {
          const h = evaluateHeld(s.step);
          Object.assign(point, { heldOutLoss: h.loss, heldOutPerplexity: h.perplexity, heldOutAccuracy: h.accuracy });
          line += ` · held-out perplexity ${h.perplexity.toFixed(1)}`;
        }
        extra = { step: s.step, point };
        if (s.sequencesPerSec === undefined) return `${line} · warming up`;
        const eta = s.step < total && s.etaMs !== undefined ? ` · ETA ${formatDuration(s.etaMs)}` : '';
        return `${line} · ${s.stepsPerSec?.toFixed(2) ?? '?'} steps/s${eta}`;
      };
      const runContext: TaskContext = {
        signal: context.signal,
        message: (line) => context.message(line),
        progress: (p) => {
          const point = p.point ? { ...p.point, ...(p.point.step === extra.step ? extra.point : {}), step: p.point.step + stepOffset } : undefined;
          context.progress({ ...p, fraction: (workBefore + p.fraction * work[k]!) / totalWork, ...(point ? { point } : {}) });
        },
      };
      const before = await checkpointStep(runDirs[part]);
      if (before) resumedFrom += before.step;
      const outcome = await runTraining({
        model,
        batchAt,
        totalSteps: steps,
        batchSize,
        optimizer: model.optimizerOptions,
        context: runContext,
        progressText: text,
        checkpoints: { directory: runDirs[part], every: config.checkpointEvery ?? evalEvery, metadata: { sceneModel: part, config: lmConfig, vocabulary: [...vocabulary.tokens], window } },
        ...(held.count > 0 ? { evaluation: { every: evalEvery, run: () => evaluateHeld(currentStep).loss, patience: config.patience } } : {}),
      });
      // The best held-out weights are not kept apart: the last step's are the model's.
      const final = held.count > 0 ? model.evaluate(held.tokens, window) : { loss: Number.NaN, accuracy: Number.NaN, perplexity: Number.NaN };
      allLosses.push(...outcome.losses);
      if (outcome.stepsPerSec !== undefined) stepsPerSec = outcome.stepsPerSec;
      figures[part] = {
        steps: outcome.finalStep,
        lossFirst: outcome.losses[0] ?? Number.NaN,
        lossLast: outcome.losses[outcome.losses.length - 1] ?? Number.NaN,
        heldOutLoss: final.loss,
        heldOutPerplexity: final.perplexity,
        heldOutAccuracy: final.accuracy,
        parameters: model.parameterCount,
        vocabulary: vocabulary.size,
      };
      context.message(`${name}: ${outcome.finalStep} steps, loss ${figures[part]!.lossFirst.toFixed(2)} → ${figures[part]!.lossLast.toFixed(2)}, held-out perplexity ${final.perplexity.toFixed(1)}${outcome.stoppedEarly ? ' (stopped early)' : ''}`);
    }
    const outline = models.outline!;
    const draft = models.draft!;
    const o = figures.outline!;
    const d = figures.draft!;
    await saveSceneModel(
      outDir,
      { outline, draft },
      {
        outline: { config: outline.config, vocabulary: [...vocabularies.outline.tokens], window: sizes.window, steps: o.steps, metrics: { loss: o.heldOutLoss, perplexity: o.heldOutPerplexity, accuracy: o.heldOutAccuracy } },
        draft: { config: draft.config, vocabulary: [...vocabularies.draft.tokens], window: sizes.window, steps: d.steps, metrics: { loss: d.heldOutLoss, perplexity: d.heldOutPerplexity, accuracy: d.heldOutAccuracy } },
      },
      { outline: split.heldOut.outline.slice(0, 200), draft: split.heldOut.draft.slice(0, 200) },
    );
    const finite = (x: number): number[] => (Number.isFinite(x) ? [x] : []);
    const metrics: ModelMetrics = Object.fromEntries(
      Object.entries({
        perplexity: d.heldOutPerplexity,
        loss: d.heldOutLoss,
        accuracy: d.heldOutAccuracy,
        outlinePerplexity: o.heldOutPerplexity,
        outlineLoss: o.heldOutLoss,
        outlineAccuracy: o.heldOutAccuracy,
        outlineLossFirst: o.lossFirst,
        outlineLossLast: o.lossLast,
        lossFirst: d.lossFirst,
        lossLast: d.lossLast,
        steps: d.steps,
        outlineSteps: o.steps,
        parameters: o.parameters + d.parameters,
        scripts: scripts.length,
        scenes: sceneCount,
      }).flatMap(([key, v]) => finite(v).map((x) => [key, x] as const)),
    );
    const draftLosses = allLosses.slice(o.steps);
    await writeMusicModelManifest(outDir, {
      format: 'montage-music-model',
      version: 1,
      kind: 'scenes',
      ...(config.name ? { name: config.name } : {}),
      configName: sceneConfigName,
      config: { ...sizes, outlineSteps: o.steps, draftSteps: d.steps, batchSize, seed },
      vocabulary: d.vocabulary,
      steps: sizes.window,
      metrics,
      curve: thinCurve(draftLosses, [], []),
      data: {
        examples: split.train.draft.length + split.heldOut.draft.length,
        skipped: scenes.some((s) => s.length === 0) ? [{ reason: 'the script has no scene headings', label: 'no scenes', count: scenes.filter((s) => s.length === 0).length }] : [],
        sources: scripts.slice(0, 1000).map((s, i) => ({ name: s.name.slice(0, 500), examples: scenes[i]!.length })),
        summary: `${count(sceneCount)} scenes in ${count(scripts.length)} scripts`,
      },
    });
    await rm(runDirs.outline, { recursive: true, force: true });
    await rm(runDirs.draft, { recursive: true, force: true });
    context.message(`Done in ${formatDuration(performance.now() - started)}: held-out perplexity ${d.heldOutPerplexity.toFixed(1)} (drafts), ${o.heldOutPerplexity.toFixed(1)} (next scene)`);
    return { task: 'train-scenes', modelDir: outDir, scripts: scripts.length, scenes: sceneCount, outline: o, draft: d, resumedFrom, ...(stepsPerSec === undefined ? {} : { stepsPerSec }), loss: allLosses };
  } finally {
    models.outline?.dispose();
    models.draft?.dispose();
  }
}
