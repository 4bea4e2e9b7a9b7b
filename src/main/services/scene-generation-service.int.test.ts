// The scene drafter on a real host: a project's scripts trained into a scene model by a real
// train-scenes worker process (tiny, MONTAGE_TRAIN_TINY=1), registered in the registry, then asked
// for next scenes and drafts through real "scene-model" session processes (fresh builds of the
// worker and session programs); accepts and rejects land in the history; music services refuse the
// scene model by name; a cancelled training resumes. Nothing asserts wall-clock speed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isFinished,
  type DocumentInfo,
  type HistoryEvent,
  type Job,
  type MetricPoint,
  type ModelInfo,
  type Project,
  type SceneDraft,
  type SceneModelEvaluation,
  type SceneSuggestions,
} from '../../shared/api';
import type { SceneTrainingSummary } from '../../shared/api/training';
import { rejection } from '../../shared/api/testing/rejection';
import { parseFountain } from '../../shared/script/fountain-parse';
import { generateSceneScripts } from '../../shared/script/generation/synthetic-scenes';
import { buildWorkerEntry } from '../../../scripts/build-worker-entry';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const workerEntry = join(root, 'dist', 'workers', `ml-worker.scenes-int-${process.pid}.js`);
const sessionEntry = join(root, 'dist', 'workers', `model-session.scenes-int-${process.pid}.js`);

let home: ReturnType<typeof tempHome>;
let host: Host;
let project: Project;
let script: DocumentInfo;
let model: ModelInfo;
const previousTiny = process.env.MONTAGE_TRAIN_TINY;

const call = <T>(service: string, method: string, args: unknown) => host.dispatch(service, method, args) as Promise<T>;

function finished(jobId: string, timeoutMs = 150_000): Promise<Job> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${jobId} did not finish`)), timeoutMs);
    const check = (job: Job): void => {
      if (job.id === jobId && isFinished(job.status)) {
        clearTimeout(timer);
        off();
        resolve(job);
      }
    };
    const off = host.bus.on('onJobChanged', check);
    check(host.jobs.get(jobId));
  });
}

beforeAll(async () => {
  await buildWorkerEntry('src/workers/ml-worker.ts', workerEntry);
  await buildWorkerEntry('src/workers/session/model-session.ts', sessionEntry);
  process.env.MONTAGE_TRAIN_TINY = '1';
  home = tempHome();
  host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null, workerEntry, sessionWorkerEntry: sessionEntry });
  project = await call<Project>('projects', 'create', { name: 'Screenplays' });
  const texts = generateSceneScripts({ seed: 12, scripts: 6, scenes: [6, 9] });
  for (const [i, fountain] of texts.entries()) {
    const doc = await call<DocumentInfo>('scripts', 'create', { projectId: project.id, name: `Draft ${i + 1}`, fountain });
    if (i === 0) script = doc;
  }
}, 60_000);

afterAll(() => {
  host?.close();
  home?.remove();
  for (const f of [workerEntry, sessionEntry]) {
    rmSync(f, { force: true });
    rmSync(`${f}.map`, { force: true });
  }
  if (previousTiny === undefined) delete process.env.MONTAGE_TRAIN_TINY;
  else process.env.MONTAGE_TRAIN_TINY = previousTiny;
});

describe('scene models (real worker and sessions)', () => {
  it("previews and trains on a project's scripts as a job with loss and perplexity points, and registers a scene model", async () => {
    const preview = await call<SceneTrainingSummary>('training', 'previewScenes', { source: { kind: 'scripts', projectId: project.id } });
    expect(preview).toMatchObject({ scripts: 6, withoutScenes: 0, enough: true, minScenes: 2, unreadable: [] });
    expect(preview.scenes).toBeGreaterThanOrEqual(36);
    const { job, corpus } = await call<{ job: Job; corpus: SceneTrainingSummary }>('training', 'startScenes', { source: { kind: 'scripts', projectId: project.id }, name: 'My scenes' });
    expect(corpus.scenes).toBe(preview.scenes);
    const done = await finished(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ name: 'My scenes' });
    const points = await call<(MetricPoint & { perplexity?: number; phase?: string })[]>('jobs', 'series', { id: job.id });
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => typeof p.perplexity === 'number')).toBe(true);
    expect(new Set(points.map((p) => p.phase))).toEqual(new Set(['outline', 'draft']));
    const models = await call<ModelInfo[]>('models', 'list', { kind: 'scenes' });
    expect(models).toHaveLength(1);
    model = models[0]!;
    expect(model).toMatchObject({ name: 'My scenes', kind: 'scenes', origin: 'trained', projectId: project.id });
    expect(model.metrics.perplexity).toBeGreaterThan(1);
  });

  it('suggests next scenes with valid headings and drafts a scene as Fountain with the scene’s characters', async () => {
    const warm = await call<{ model: { id: string }; loaded: boolean }>('scripts', 'warmScenes', {});
    expect(warm).toMatchObject({ model: { id: model.id }, loaded: true });
    expect((await call<{ loaded: boolean }>('scripts', 'warmScenes', { model: model.id })).loaded).toBe(false);
    const s = await call<SceneSuggestions>('scripts', 'suggestScenes', { id: script.id, count: 3, temperature: 1, seed: 5 });
    expect(s.model).toEqual({ id: model.id, name: 'My scenes' });
    expect(s.candidates).toHaveLength(3);
    for (const c of s.candidates) expect(parseFountain(`${c.heading}\n`).script.elements[0]).toMatchObject({ type: 'sceneHeading' });
    const again = await call<SceneSuggestions>('scripts', 'suggestScenes', { id: script.id, count: 3, temperature: 1, seed: 5, afterScene: 0, model: 'My scenes' });
    expect(again.candidates).toHaveLength(3);
    const d = await call<SceneDraft>('scripts', 'draftScene', { id: script.id, heading: 'INT. KITCHEN - NIGHT', characters: ['Mara', 'JONAH'], beat: 'Mara confronts Jonah.', words: 40, seed: 9 });
    expect(d.model.id).toBe(model.id);
    const parsed = parseFountain(d.fountain);
    expect(parsed.problems).toEqual([]);
    for (const el of parsed.script.elements) if (el.type === 'character') expect(['MARA', 'JONAH']).toContain(el.name);
    const repeat = await call<SceneDraft>('scripts', 'draftScene', { id: script.id, heading: 'INT. KITCHEN - NIGHT', characters: ['Mara', 'JONAH'], beat: 'Mara confronts Jonah.', words: 40, seed: 9 });
    expect(repeat.fountain).toBe(d.fountain);
    const err = await rejection(call('scripts', 'suggestScenes', { id: script.id, afterScene: 999 }));
    expect(err.code).toBe('invalid-argument');
  });

  it('records requests, accepts and rejects in the history', async () => {
    await call('scripts', 'recordSuggestion', { id: script.id, kind: 'scene', accepted: true, model: model.id, index: 1 });
    await call('scripts', 'recordSuggestion', { id: script.id, kind: 'draft', accepted: false, model: model.id });
    const entries = await call<HistoryEvent[]>('history', 'list', { projectId: project.id, itemKind: 'model' });
    const kinds = entries.map((e) => `${e.type}:${String((e.data.args as Record<string, unknown> | undefined)?.writer)}`);
    expect(kinds).toContain('scene.accepted:scene');
    expect(kinds).toContain('scene.rejected:draft');
    expect(kinds.filter((k) => k === 'generation.requested:scene').length).toBeGreaterThanOrEqual(2);
    expect(kinds).toContain('generation.requested:draft');
    expect(entries.every((e) => e.item === `model:${model.id}`)).toBe(true);
  });

  it('evaluates the scene model; music services refuse it by name', async () => {
    const e = await call<SceneModelEvaluation>('scripts', 'evaluateScenes', { model: model.id, count: 4, seed: 1, words: 20 });
    expect(e.heldOut).toBe(true);
    expect(e.metrics.validHeadingRateFinal).toBe(1);
    expect(e.metrics.draftPerplexity).toBeGreaterThan(1);
    const gen = await rejection(call('generation', 'generate', { modelId: model.id, count: 2 }));
    expect(gen.code).toBe('invalid-argument');
    expect(gen.message).toMatch(/“My scenes” is a scene model/);
    const ev = await rejection(call('evaluation', 'music', { modelId: model.id }));
    expect(ev.message).toMatch(/is a scene model/);
  });

  it('resumes a cancelled scene training from its checkpoint', async () => {
    const { job } = await call<{ job: Job }>('training', 'startScenes', { source: { kind: 'scripts', projectId: project.id }, name: 'Long run', steps: 400 });
    await new Promise<void>((resolve) => {
      const off = host.bus.on('onJobProgress', (e: { jobId: string; point: MetricPoint }) => {
        if (e.jobId === job.id && e.point.step >= 250) {
          off();
          resolve();
        }
      });
    });
    await call('jobs', 'cancel', { id: job.id });
    expect((await finished(job.id)).status).toBe('cancelled');
    const { jobIds } = await call<{ jobIds: string[] }>('training', 'resumable', {});
    expect(jobIds).toContain(job.id);
    const { job: resumed } = await call<{ job: Job }>('training', 'resume', { jobId: job.id });
    const done = await finished(resumed.id);
    expect(done.status).toBe('succeeded');
    // It went on from the draft model's checkpoint (the next-scene model's 200 steps were done).
    const points = await call<MetricPoint[]>('jobs', 'series', { id: resumed.id });
    expect(points[0]!.step).toBeGreaterThan(200);
    expect((await call<ModelInfo[]>('models', 'list', { kind: 'scenes' })).map((m) => m.name).sort()).toEqual(['Long run', 'My scenes']);
  });
});
