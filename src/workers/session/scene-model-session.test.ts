import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainScenesConfig } from '../../shared/jobs/task-kinds';
import { parseFountain } from '../../shared/script/fountain-parse';
import { generateSceneScripts } from '../../shared/script/generation/synthetic-scenes';
import { parseSessionArgs, parseSessionPayload } from '../../shared/sessions/protocol';
import { selectBackend } from '../backend/select-backend';
import { quietTaskContext } from '../tasks/task-context';
import { runTrainScenes } from '../tasks/train-scenes-task';
import { loadModel } from './handlers';
import type { LoadedModel } from './request-context';
import { RequestCancelledError } from './request-context';

let dir: string;
let loaded: LoadedModel<'scene-model'>;
const quiet = { signal: new AbortController().signal, partial: () => undefined };

beforeAll(async () => {
  await selectBackend({ force: 'wasm' });
  dir = await mkdtemp(join(tmpdir(), 'montage-scene-session-'));
  const scripts = generateSceneScripts({ seed: 8, scripts: 10, scenes: [5, 8] }).map((fountain, i) => ({ name: `s${i}`, fountain }));
  await runTrainScenes(
    trainScenesConfig.parse({ scripts, steps: 40, outlineSteps: 40, batchSize: 8, evalEvery: 20, outDir: dir, seed: 2, model: { embedding: 16, hiddenUnits: 32, outlineVocabulary: 150, draftVocabulary: 300, window: 24, learningRate: 0.01 } }),
    quietTaskContext(),
  );
  loaded = await loadModel('scene-model', { checkpoint: dir });
}, 120_000);

afterAll(async () => {
  loaded?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const context = [
  { intExt: 'INT' as const, location: 'KITCHEN', time: 'NIGHT', characters: ['MARA', 'JONAH'], beat: 'Mara finds the letter.' },
  { intExt: 'EXT' as const, location: 'PIER', time: 'DAWN', characters: ['JONAH'], beat: 'Jonah waits.' },
];

describe('scene-model session handlers', () => {
  it('suggests the asked number of scenes, each with a valid heading and characters of the script', async () => {
    const args = parseSessionArgs('scene-model', 'suggest', { context, cast: ['MARA', 'JONAH', 'ELSA'], count: 6, temperature: 1.2, seed: 4 });
    const result = await loaded.methods.suggest(args, quiet);
    expect(parseSessionPayload('scene-model', 'suggest', 'result', result).ok).toBe(true);
    expect(result.candidates).toHaveLength(6);
    expect(result.validFirst + result.resampled + result.repaired).toBe(6);
    for (const c of result.candidates) {
      const parsed = parseFountain(`${c.heading}\n`).script.elements;
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).toMatchObject({ type: 'sceneHeading', text: c.heading });
      expect(c.location.length).toBeGreaterThan(0);
      expect(c.time.length).toBeGreaterThan(0);
      for (const name of c.characters) expect(['MARA', 'JONAH', 'ELSA']).toContain(name);
    }
    // Repeatable by seed.
    expect((await loaded.methods.suggest(args, quiet)).candidates).toEqual(result.candidates);
  });

  it('suggests an opening scene for an empty script', async () => {
    const result = await loaded.methods.suggest(parseSessionArgs('scene-model', 'suggest', { context: [], count: 2, seed: 1 }), quiet);
    expect(result.candidates).toHaveLength(2);
  });

  it('drafts a scene as Fountain whose cues are the scene’s characters, streaming it as it is written', async () => {
    const partials: string[] = [];
    const args = parseSessionArgs('scene-model', 'draft', { scene: { intExt: 'INT', location: 'KITCHEN', time: 'NIGHT', beat: 'Mara confronts Jonah about the letter.' }, characters: ['MARA', 'JONAH'], words: 60, temperature: 0.9, seed: 7 });
    const result = await loaded.methods.draft(args, { signal: new AbortController().signal, partial: (p) => partials.push(p.fountain) });
    expect(parseSessionPayload('scene-model', 'draft', 'result', result).ok).toBe(true);
    const elements = parseFountain(result.fountain).script.elements;
    expect(parseFountain(result.fountain).problems).toEqual([]);
    expect(elements.length).toBeGreaterThan(0);
    for (const el of elements) {
      expect(['action', 'character', 'parenthetical', 'dialogue']).toContain(el.type);
      if (el.type === 'character') expect(['MARA', 'JONAH']).toContain(el.name);
    }
    expect(result.knownCues).toBe(result.cues);
    expect(partials.length).toBeGreaterThan(0);
    expect(partials[partials.length - 1]).toBe(result.fountain);
    for (const p of partials) expect(parseSessionPayload('scene-model', 'draft', 'partial', { method: 'draft', fountain: p }).ok).toBe(true);
    expect((await loaded.methods.draft(args, quiet)).fountain).toBe(result.fountain);
  });

  it('lets the scene’s characters speak: a cue by a third of the words, no action paragraph past its length', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const args = parseSessionArgs('scene-model', 'draft', { scene: { intExt: 'EXT', location: 'ROOF', time: 'DAY', beat: '' }, characters: ['MARA', 'JONAH'], words: 150, temperature: 1.2, seed });
      const { fountain, cues } = await loaded.methods.draft(args, quiet);
      expect(cues).toBeGreaterThan(0);
      for (const el of parseFountain(fountain).script.elements) if (el.type === 'action') expect(el.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length).toBeLessThanOrEqual(60);
    }
  });

  it('evaluates on the held-out scenes kept with the model', async () => {
    const result = await loaded.methods.evaluate(parseSessionArgs('scene-model', 'evaluate', { count: 4, seed: 3, words: 20 }), quiet);
    expect(result.heldOut).toBe(true);
    for (const key of ['draftPerplexity', 'outlinePerplexity', 'validHeadingRate', 'characterConsistency', 'distinct1', 'distinct2']) expect(result.metrics[key]).toBeTypeOf('number');
    expect(result.metrics.validHeadingRateFinal).toBe(1);
    expect(result.metrics.proposals).toBe(4);
  });

  it('stops a cancelled draft', async () => {
    const controller = new AbortController();
    controller.abort();
    const args = parseSessionArgs('scene-model', 'draft', { scene: { intExt: 'INT', location: 'KITCHEN', time: 'NIGHT', beat: '' }, characters: ['MARA'], words: 100, seed: 1 });
    await expect(loaded.methods.draft(args, { signal: controller.signal, partial: () => undefined })).rejects.toBeInstanceOf(RequestCancelledError);
  });

  it('refuses a folder that is not a scene model as damaged, and a missing one as not found', async () => {
    await expect(loadModel('scene-model', { checkpoint: join(dir, 'nope') })).rejects.toMatchObject({ code: 'not-found' });
    const empty = await mkdtemp(join(tmpdir(), 'montage-scene-empty-'));
    await expect(loadModel('scene-model', { checkpoint: empty })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/is damaged/) });
    await rm(empty, { recursive: true, force: true });
  });
});
