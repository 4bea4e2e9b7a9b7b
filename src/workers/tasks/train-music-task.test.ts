import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import { trainMusicConfig, type MusicTrainingPoint, type TrainMusicConfig } from '../../shared/jobs/task-kinds';
import { encodeCorpusFile } from '../../shared/music/corpus/corpus-file';
import { noEventToken, noteOffToken, noteOnToken } from '../../shared/music/encoding';
import { musicModelManifest as manifestSchema } from '../../shared/models/manifest';
import { selectBackend } from '../backend/select-backend';
import { loadMusicVae } from '../models/music-model-files';
import { TaskCancelledError, TaskFailedError, type TaskContext, type TaskProgress } from './task-context';
import { runTrainMusic } from './train-music-task';

/** 20 two-bar melodies: 5 shapes × 4 transpositions. */
function corpus(): Int32Array {
  const shapes = [
    [0, 2, 4, 5, 7, 9, 11, 12],
    [12, 11, 9, 7, 5, 4, 2, 0],
    [0, 4, 7, 12, 7, 4, 0, -1],
    [0, 0, 3, 0, 5, 0, 3, -1],
    [7, 5, 4, 2, 0, 2, 4, -1],
  ];
  const out: number[] = [];
  for (const root of [55, 57, 60, 62]) {
    for (const shape of shapes) {
      for (const interval of shape) out.push(interval < 0 ? noteOffToken : noteOnToken(root + interval), noEventToken, noEventToken, noEventToken);
    }
  }
  return Int32Array.from(out);
}

const model = { encoderUnits: 12, decoderUnits: 16, latentSize: 6, learningRate: 0.01, betaWarmupSteps: 10, samplingRate: 10 };

function config(outDir: string, overrides: Partial<TrainMusicConfig> = {}): TrainMusicConfig {
  return trainMusicConfig.parse({ configName: 'melody-2bar', examples: corpus(), steps: 30, batchSize: 6, seed: 3, outDir, evalEvery: 10, model, ...overrides });
}

function recordingContext(onProgress?: (p: TaskProgress) => void) {
  const abort = new AbortController();
  const progress: TaskProgress[] = [];
  const messages: string[] = [];
  const context: TaskContext = {
    signal: abort.signal,
    progress: (p) => {
      progress.push(p);
      onProgress?.(p);
    },
    message: (text) => messages.push(text),
  };
  return { abort, progress, messages, context };
}

// The continuation phase's progress lines carry no point (its loss is per token, not the VAE's).
const points = (progress: TaskProgress[]): MusicTrainingPoint[] => progress.flatMap((p) => (p.point ? [p.point as MusicTrainingPoint] : []));

describe('runTrainMusic', () => {
  let dir: string;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'montage-train-music-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains with a held-out split, reports loss, KL and accuracy per step, and leaves a model folder that loads', async () => {
    const before = tf.memory().numTensors;
    const outDir = join(dir, 'plain');
    const { progress, messages, context } = recordingContext();
    const result = await runTrainMusic(config(outDir), context);

    expect(result).toMatchObject({ task: 'train-music', modelDir: outDir, configName: 'melody-2bar', examples: 18, heldOut: 2, steps: 30, resumedFrom: 0, stoppedEarly: false });
    expect(result.loss).toHaveLength(30);
    expect(result.lossFirst).toBe(result.loss[0]);
    expect(result.lossLast).toBe(result.loss[29]);
    expect(result.lossLast).toBeLessThan(result.lossFirst);
    expect(result.klLast).toBeGreaterThan(0);
    expect(result.accuracyHeldOut).toBeGreaterThan(0.3);
    expect(result.stepsPerSec).toBeGreaterThan(0);

    const series = points(progress);
    expect(series.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(series.map((p) => p.loss)).toEqual(result.loss);
    for (const p of series) {
      expect(p.kl).toBeGreaterThanOrEqual(0);
      expect(p.accuracy).toBeGreaterThanOrEqual(0);
      expect(p.reconstruction).toBeGreaterThan(0);
    }
    expect(series[29]?.kl).toBe(result.klLast);
    expect(series[9]?.beta).toBe(0.5 * (9 / 10));
    expect(series.filter((p) => p.heldOutLoss !== undefined).map((p) => p.step)).toEqual([10, 20, 30]);
    expect(series[29]?.heldOutAccuracy).toBe(result.accuracyHeldOut);
    expect(mean(series.slice(-5).map((p) => p.accuracy ?? 0))).toBeGreaterThan(mean(series.slice(0, 5).map((p) => p.accuracy ?? 0)));
    expect(progress[29]?.text).toMatch(/^step 30\/30 · loss \d+\.\d{3} · KL \d+\.\d\d · accuracy \d+\.\d% · held-out \d+\.\d{3}, \d+\.\d% · \d+ seq\/s$/);
    expect(messages[0]).toBe('Data: 20 2-bar melodies, 2 held out, seed 3');
    expect(messages[1]).toMatch(/^Model: melody-2bar, BiLSTM 12 → z 6 → LSTM 16, [\d,]+ parameters, batches of 6$/);
    expect(messages.at(-1)).toMatch(/^Done in .*: 30 steps, loss .* held-out accuracy/);

    expect((await readdir(outDir)).filter((n) => !n.startsWith('continuation.')).sort()).toEqual(['heldout.bin', 'model.json', 'music-model.json', 'weights-00000030.bin']);
    // The continuation companion, trained after the VAE on the same split (train-continuation.ts).
    expect((await readdir(outDir)).filter((n) => n.startsWith('continuation.')).sort()).toEqual(['continuation.bin', 'continuation.json']);
    expect(result.continuation).toMatchObject({ steps: 30 });
    expect(progress.at(-1)?.text).toMatch(/^continuation step 30\/30 · loss /);
    expect(progress.at(-1)?.fraction).toBe(1);
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(outDir, 'music-model.json'), 'utf8')));
    expect(manifest).toMatchObject({ kind: 'melody', configName: 'melody-2bar', vocabulary: 38, steps: 32, data: { examples: 20 } });
    expect(manifest.metrics).toMatchObject({ accuracy: result.accuracyHeldOut, loss: result.lossHeldOut, steps: 30, stoppedEarly: 0 });
    expect(manifest.curve?.loss).toEqual(result.loss);
    expect(manifest.curve?.kl).toHaveLength(30);
    expect(manifest.curve?.accuracy).toHaveLength(30);

    const loaded = await loadMusicVae(outDir);
    try {
      expect(loaded.step).toBe(30);
      expect(await loaded.model.sample(2, { seed: 5 })).toHaveLength(64);
    } finally {
      loaded.model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between steps when cancelled, keeping the last checkpoint, and a resumed run ends where an uninterrupted one does', async () => {
    const before = tf.memory().numTensors;
    const straight = await runTrainMusic(config(join(dir, 'straight'), { checkpointEvery: 5 }), recordingContext().context);

    const outDir = join(dir, 'interrupted');
    const recorder = recordingContext((p) => {
      if (p.point?.step === 13) recorder.abort.abort();
    });
    await expect(runTrainMusic(config(outDir, { checkpointEvery: 5 }), recorder.context)).rejects.toBeInstanceOf(TaskCancelledError);
    expect(recorder.progress).toHaveLength(13);
    // A cancelled folder is a checkpoint to resume, not a finished model.
    expect((await readdir(outDir)).sort()).toEqual(['model.json', 'weights-00000010.bin']);
    await expect(runTrainMusic(config(outDir, { checkpointEvery: 5 }), recordingContext().context)).rejects.toMatchObject({ code: 'conflict' });

    const resumedContext = recordingContext();
    const resumed = await runTrainMusic(config(outDir, { checkpointEvery: 5, resumeFrom: outDir }), resumedContext.context);
    expect(resumedContext.messages).toContain('Resumed from the checkpoint at step 10 of 30.');
    expect(resumed.resumedFrom).toBe(10);
    expect(resumed.loss).toEqual(straight.loss);
    expect(resumed.accuracyHeldOut).toBe(straight.accuracyHeldOut);
    expect(points(resumedContext.progress).map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 11));

    // Resuming into another folder copies the checkpoint first; other settings are refused.
    const copied = await runTrainMusic(config(join(dir, 'copy'), { steps: 35, resumeFrom: outDir }), recordingContext().context);
    expect(copied.resumedFrom).toBe(30);
    expect(copied.loss.slice(0, 30)).toEqual(straight.loss);
    await expect(runTrainMusic(config(join(dir, 'other'), { resumeFrom: outDir, model: { ...model, latentSize: 7 } }), recordingContext().context)).rejects.toThrow(
      /was trained as melody-2bar with other settings/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on a diverging loss with a clear message, keeping the last good checkpoint', async () => {
    const before = tf.memory().numTensors;
    const outDir = join(dir, 'diverged');
    const attempt = runTrainMusic(config(outDir, { checkpointEvery: 1, model: { ...model, learningRate: 1e30 } }), recordingContext().context);
    await expect(attempt).rejects.toBeInstanceOf(TaskFailedError);
    await expect(attempt).rejects.toThrow(/^Training diverged at step (\d+) of 30: the (loss|gradient norm) became (NaN|-?Infinity)\. The last good checkpoint \(step \d+\) is kept in .*diverged; resume from it with a lower learning rate\.$/);
    expect((await readdir(outDir)).filter((n) => n === 'music-model.json')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early when the held-out loss stops improving', async () => {
    const result = await runTrainMusic(
      config(join(dir, 'early'), { steps: 400, evalEvery: 2, patience: 1, model: { ...model, learningRate: 0.05 } }),
      recordingContext().context,
    );
    expect(result.stoppedEarly).toBe(true);
    expect(result.steps).toBeLessThan(400);
    expect(result.steps % 2).toBe(0);
  });

  it('reads a corpus file and refuses examples it cannot train on', async () => {
    const tokens = corpus();
    const examples = Array.from({ length: 20 }, (_, i) => tokens.slice(i * 32, (i + 1) * 32));
    const path = join(dir, 'melody-2bar.bin');
    await writeFile(path, encodeCorpusFile({ kind: 'melody', bars: 2, vocabulary: { size: 38 }, seed: 1, summary: 'found 20 two-bar melodies', sources: {} }, examples));
    const fromFile = await runTrainMusic(config(join(dir, 'from-file'), { examples: undefined, corpusPath: path, steps: 3 }), recordingContext().context);
    expect(fromFile).toMatchObject({ examples: 18, heldOut: 2, steps: 3 });
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(dir, 'from-file', 'music-model.json'), 'utf8')));
    expect(manifest.data?.summary).toBe('found 20 two-bar melodies');

    const refusal = (overrides: Partial<TrainMusicConfig>) => runTrainMusic(config(join(dir, 'refused'), overrides), recordingContext().context);
    await expect(refusal({ configName: 'drums-2bar', examples: undefined, corpusPath: path })).rejects.toThrow(/holds 2-bar melody examples; drums-2bar trains on 2-bar drums examples/);
    await expect(refusal({ examples: new Int32Array(33) })).rejects.toThrow(/whole 32-step melody tokens/);
    await expect(refusal({ examples: Int32Array.from({ length: 64 }, () => 38) })).rejects.toThrow(/Example 1 has the value 38 at step 1/);
    await expect(refusal({ examples: new Int32Array(32) })).rejects.toThrow(/at least 2 examples/);
    await expect(refusal({ examples: undefined, corpusPath: join(dir, 'missing.bin') })).rejects.toBeInstanceOf(StudioError);
    expect(() => trainMusicConfig.parse({ configName: 'melody-2bar', outDir: 'x' })).toThrow(/either inline/);
    expect(() => trainMusicConfig.parse({ configName: 'bass-8bar', examples: new Int32Array(32), outDir: 'x' })).toThrow();
  });
});

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
