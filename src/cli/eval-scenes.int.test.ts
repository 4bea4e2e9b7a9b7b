// `montage eval scenes` as a user runs it: the built CLI (dist/cli/montage.js) in its own process on
// a temp data folder holding a tiny scene model trained here with the train-scenes task and
// registered by a host (then closed). Checks the JSON's shape and ranges, the table, and the exit
// codes of bad usage.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneModelEvaluation } from '../shared/api';
import { trainScenesConfig } from '../shared/jobs/task-kinds';
import { generateSceneScripts } from '../shared/script/generation/synthetic-scenes';
import { createHost } from '../main/host';
import { builtCli, runCli } from '../main/test/cli-process';
import { tempHome } from '../main/test/temp-home';
import { selectBackend } from '../workers/backend/select-backend';
import { quietTaskContext } from '../workers/tasks/task-context';
import { runTrainScenes } from '../workers/tasks/train-scenes-task';

const run = (home: string, args: string[]): ReturnType<typeof runCli> => runCli(home, args, { timeout: 240_000 });

let home: ReturnType<typeof tempHome>;
let folder: string;

beforeAll(async () => {
  if (!existsSync(builtCli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  await selectBackend({ force: 'wasm' });
  folder = await mkdtemp(join(tmpdir(), 'montage-eval-scenes-'));
  const scripts = generateSceneScripts({ seed: 2, scripts: 6, scenes: [5, 8] }).map((fountain, i) => ({ name: `s${i}`, fountain }));
  await runTrainScenes(
    trainScenesConfig.parse({ scripts, steps: 12, outlineSteps: 6, batchSize: 4, evalEvery: 4, outDir: folder, model: { embedding: 8, hiddenUnits: 16, outlineVocabulary: 120, draftVocabulary: 200, window: 16 } }),
    quietTaskContext(),
  );
  home = tempHome();
  const host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null });
  await host.models.register({ from: folder, mode: 'copy', origin: 'trained', name: 'Tiny scenes' });
  host.close();
}, 120_000);

afterAll(async () => {
  home?.remove();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('montage eval scenes (built CLI)', () => {
  it('prints the held-out figures of a scene model as JSON and as a table', () => {
    const r = run(home.dir, ['eval', 'scenes', '--model', 'Tiny scenes', '--n', '4', '--seed', '3', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as SceneModelEvaluation;
    expect(e).toMatchObject({ model: { name: 'Tiny scenes' }, heldOut: true, count: 4, seed: 3 });
    const m = e.metrics;
    expect(m.draftPerplexity).toBeGreaterThan(1);
    expect(m.outlinePerplexity).toBeGreaterThan(1);
    for (const rate of ['validHeadingRate', 'validHeadingRateFinal', 'characterConsistency', 'distinct1', 'distinct2']) {
      const v = m[rate];
      expect(v === null || (v! >= 0 && v! <= 1), rate).toBe(true);
    }
    expect(m.validHeadingRateFinal).toBe(1);
    expect(m.proposals).toBe(4);
    const table = run(home.dir, ['eval', 'scenes', '--model', 'Tiny scenes', '--n', '2']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/“Tiny scenes” \(scenes\)/);
    expect(table.out).toMatch(/draft model: held-out perplexity/);
    expect(table.out).toMatch(/valid heading, first draw/);
  });

  it('trains a scene model on a folder of scripts (`montage train scenes`), skipping an unreadable file', () => {
    const scripts = join(home.dir, 'scripts');
    mkdirSync(join(scripts, 'act two'), { recursive: true });
    generateSceneScripts({ seed: 31, scripts: 3, scenes: [5, 6] }).forEach((text, i) => writeFileSync(join(scripts, i === 2 ? 'act two' : '', `part ${i + 1}.fountain`), text));
    writeFileSync(join(scripts, 'broken.fdx'), '<FinalDraft><Content>');
    const r = runCli(home.dir, ['train', 'scenes', '--data', scripts, '--name', 'From files', '--json'], { timeout: 240_000, env: { MONTAGE_TRAIN_TINY: '1' } });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { name: string; scripts: number; scenes: number; perplexity: number };
    expect(summary).toMatchObject({ name: 'From files', scripts: 3 });
    expect(summary.scenes).toBeGreaterThanOrEqual(15);
    expect(summary.perplexity).toBeGreaterThan(1);
    const listed = runCli(home.dir, ['models', '--json'], { timeout: 60_000 });
    expect((JSON.parse(listed.out) as { models: { name: string; kind: string }[] }).models).toContainEqual(expect.objectContaining({ name: 'From files', kind: 'scenes' }));
    expect(runCli(home.dir, ['train', 'scenes'], { timeout: 60_000 }).code).toBe(2);
  });

  it('refuses bad usage with exit code 2 and a missing model with 1', () => {
    expect(run(home.dir, ['eval', 'scenes', 'extra']).code).toBe(2);
    expect(run(home.dir, ['eval', 'scenes', '--n', '0']).code).toBe(2);
    expect(run(home.dir, ['eval', 'scenes', '--data', 'x']).code).toBe(2);
    const missing = run(home.dir, ['eval', 'scenes', '--model', 'Nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No model is named/);
  });
});
