import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainScenesConfig, type SceneTrainingPoint } from '../../shared/jobs/task-kinds';
import { musicModelManifest } from '../../shared/models/manifest';
import { generateSceneScripts } from '../../shared/script/generation/synthetic-scenes';
import { selectBackend } from '../backend/select-backend';
import { loadSceneModel, readSceneHeldOut } from '../models/scene-model-files';
import { quietTaskContext, TaskCancelledError, type TaskContext } from './task-context';
import { runTrainScenes } from './train-scenes-task';

const scripts = generateSceneScripts({ seed: 5, scripts: 8, scenes: [5, 8] }).map((fountain, i) => ({ name: `s${i}`, fountain }));
const tiny = { embedding: 8, hiddenUnits: 16, outlineVocabulary: 120, draftVocabulary: 200, window: 16, learningRate: 0.01 };
const config = (outDir: string, extra: Record<string, unknown> = {}) =>
  trainScenesConfig.parse({ scripts, steps: 16, outlineSteps: 8, batchSize: 8, evalEvery: 4, outDir, model: tiny, seed: 3, ...extra });

describe('train-scenes task', () => {
  let dir: string;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'montage-train-scenes-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('trains both models (the loss falls), reports points across both phases and writes a registrable scene model', async () => {
    const outDir = join(dir, 'a');
    const points: SceneTrainingPoint[] = [];
    const messages: string[] = [];
    const context: TaskContext = { signal: new AbortController().signal, message: (m) => messages.push(m), progress: (p) => p.point && points.push(p.point as SceneTrainingPoint) };
    const result = await runTrainScenes(config(outDir), context);
    expect(result).toMatchObject({ task: 'train-scenes', modelDir: outDir, scripts: 8 });
    expect(result.outline.steps).toBe(8);
    expect(result.draft.steps).toBe(16);
    expect(result.loss).toHaveLength(24);
    expect(result.draft.lossLast).toBeLessThan(result.draft.lossFirst);
    expect(result.outline.lossLast).toBeLessThan(result.outline.lossFirst);
    expect(Number.isFinite(result.draft.heldOutPerplexity)).toBe(true);
    // Steps run on across the phases; perplexity rides along, held-out figures on evaluation steps.
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(points[0]).toMatchObject({ phase: 'outline' });
    expect(points[23]).toMatchObject({ phase: 'draft' });
    expect(points[0]!.perplexity).toBeCloseTo(Math.exp(points[0]!.loss!), 3);
    expect(points.filter((p) => p.heldOutPerplexity !== undefined).map((p) => p.step)).toEqual([4, 8, 12, 16, 20, 24]);
    expect(messages.some((m) => m.startsWith('Model: draft model'))).toBe(true);

    const manifest = musicModelManifest.parse(JSON.parse(await readFile(join(outDir, 'music-model.json'), 'utf8')));
    expect(manifest).toMatchObject({ kind: 'scenes', configName: 'scenes-small' });
    expect(manifest.metrics.perplexity).toBeCloseTo(result.draft.heldOutPerplexity, 5);
    expect(existsSync(join(outDir, 'outline-run'))).toBe(false);
    expect(existsSync(join(outDir, 'draft-run'))).toBe(false);
    const model = await loadSceneModel(outDir);
    expect(model.draftVocabulary.size).toBe(result.draft.vocabulary);
    model.dispose();
    const held = await readSceneHeldOut(outDir);
    expect(held!.draft.length).toBeGreaterThan(0);
  });

  it('resumes a cancelled run where it stopped and ends as the uninterrupted run did', async () => {
    const whole = await runTrainScenes(config(join(dir, 'whole')), quietTaskContext());
    const outDir = join(dir, 'stopped');
    const controller = new AbortController();
    const context: TaskContext = {
      signal: controller.signal,
      message: () => undefined,
      // Cancel in the draft phase, after its first checkpoint (every 4 steps).
      progress: (p) => {
        if (p.point && p.point.step === 14) controller.abort();
      },
    };
    await expect(runTrainScenes(config(outDir), context)).rejects.toBeInstanceOf(TaskCancelledError);
    expect(existsSync(join(outDir, 'draft-run', 'model.json'))).toBe(true);
    await expect(runTrainScenes(config(outDir), quietTaskContext())).rejects.toMatchObject({ code: 'conflict' });
    const resumed = await runTrainScenes(config(outDir, { resumeFrom: outDir }), quietTaskContext());
    expect(resumed.resumedFrom).toBeGreaterThan(0);
    expect(resumed.loss).toEqual(whole.loss);
    expect(resumed.draft.heldOutLoss).toBeCloseTo(whole.draft.heldOutLoss, 5);
  });

  it('refuses scripts without scenes', async () => {
    await expect(runTrainScenes(trainScenesConfig.parse({ scripts: [{ name: 'x', fountain: 'Just some text.\n' }], outDir: join(dir, 'none') }), quietTaskContext())).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/at least 2 scenes/),
    });
  });
});
