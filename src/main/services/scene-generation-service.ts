// The scene writer's scene drafter, host side: next-scene candidates and scene drafts from a
// registered scene model (kind 'scenes': src/workers/models/scene-model-files.ts), through a
// "scene-model" session (src/workers/session/scene-model-session.ts) that the SessionManager keeps
// warm, as the generation service does for music. The scripts service delegates its
// suggestScenes / draftScene / recordSuggestion / evaluateScenes here.
//
// - The model: the one named (name or id; a music model is refused by name), else the newest
//   scene model in the registry (a trained one before the shipped one, since it is newer).
// - suggestScenes reads the script's scenes (sceneExamples: INT/EXT, location, time, characters,
//   beat = synopsis or first action sentence) up to `afterScene`, and asks the session for
//   candidates after them; the script's cast (most present first) lets a candidate bring back
//   someone from earlier scenes.
// - draftScene splits the heading (headingParts) and asks for a draft whose cues are the given
//   characters; the session streams the draft as it is written, which host-side callers receive
//   through `onPartial` (the Studio API answers with the whole draft).
// - Every request is an event (generation.requested, data mode 'generate' with args.writer
//   'scene' or 'draft' and the script's id), and every accept or reject the writer reports is a
//   scene.accepted / scene.rejected event about the model, for recommendations and insights.
import { randomInt } from 'node:crypto';
import {
  StudioError,
  type GeneratedSceneSummary,
  type ModelInfo,
  type SceneDraft,
  type SceneModelEvaluation,
  type SceneSuggestions,
  type ScriptsService,
} from '../../shared/api';
import { parseFountain } from '../../shared/script/fountain-parse';
import { characterKey, headingParts } from '../../shared/script/scenes';
import { sceneExamples } from '../../shared/script/generation/scene-tokens';
import type { SessionArgsInput, SessionMethod, SessionResult } from '../../shared/sessions/protocol';
import type { SessionManager } from '../sessions';
import type { EventBus } from './event-bus';
import type { EventLog } from './event-log';
import type { HostModelsService } from './models-service';
import { createModelSessions } from './model-sessions';

type Api = Pick<ScriptsService, 'suggestScenes' | 'draftScene' | 'recordSuggestion' | 'evaluateScenes' | 'warmScenes'>;

export interface SceneGenerationDeps {
  models: HostModelsService;
  sessions: SessionManager;
  bus: EventBus;
  history?: Pick<EventLog, 'record'>;
  /** The script document's Fountain text and project (the scripts service reads it from the store). */
  readScript(id: string): Promise<{ fountain: string; projectId: string | null }>;
}

export interface SceneGenerationService {
  suggestScenes(args: Parameters<Api['suggestScenes']>[0]): Promise<SceneSuggestions>;
  /** `onPartial` receives the draft so far (Fountain) while the model writes it. */
  draftScene(args: Parameters<Api['draftScene']>[0], options?: { onPartial?: (fountain: string) => void; signal?: AbortSignal }): Promise<SceneDraft>;
  recordSuggestion(args: Parameters<Api['recordSuggestion']>[0]): Promise<{ recorded: true }>;
  evaluateScenes(args: Parameters<Api['evaluateScenes']>[0]): Promise<SceneModelEvaluation>;
  warmScenes(args: Parameters<Api['warmScenes']>[0]): ReturnType<Api['warmScenes']>;
  /** Stops listening for model changes (the host closes the sessions themselves). */
  close(): void;
}

const stoppedPattern = /^The scene model (stopped unexpectedly[\s\S]*)$/;

function modelError(model: ModelInfo, err: unknown): StudioError {
  const e = StudioError.from(err);
  const damaged = e.code === 'invalid-argument' ? /^The checkpoint .* is damaged: ([\s\S]*?)\.?$/.exec(e.message) : null;
  if (damaged) return new StudioError('unavailable', `The scene model “${model.name}” could not be loaded: its checkpoint is damaged (${damaged[1]}). Train it again, or delete it.`);
  if (e.code === 'not-found' && e.message.startsWith('There is no model folder')) {
    return new StudioError('unavailable', `The scene model “${model.name}” could not be loaded: its folder is missing. Delete it and train it again.`);
  }
  const stopped = e.code === 'unavailable' ? stoppedPattern.exec(e.message) : null;
  if (stopped) return new StudioError('unavailable', `The scene model “${model.name}” ${stopped[1]}`);
  return e;
}

/** Character keys of a script, most scenes first (ties: first seen). */
function castOf(scenes: readonly { characters: readonly string[] }[]): string[] {
  const counts = new Map<string, number>();
  for (const s of scenes) for (const c of s.characters) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

export function createSceneGenerationService(deps: SceneGenerationDeps): SceneGenerationService {
  const { models, sessions, bus, history } = deps;
  const modelSessions = createModelSessions('scene-model', { models, sessions, bus });

  /** The scene model named (name or id), else the newest one. */
  const resolveModel = async (ref: string | undefined): Promise<ModelInfo> => {
    if (ref !== undefined) {
      const all = await models.list({});
      const key = ref.trim().toLowerCase();
      const found = all.filter((m) => m.id === ref.trim() || m.name.toLowerCase() === key);
      const scene = found.find((m) => m.kind === 'scenes');
      if (scene) return scene;
      if (found[0]) {
        throw new StudioError('invalid-argument', `“${found[0].name}” is a ${found[0].kind} model; the scene writer needs a scene model (kind scenes).`, [{ path: 'model', message: 'Not a scene model.' }]);
      }
      throw new StudioError('not-found', `There is no scene model named “${ref}” (see \`montage models\`).`, [{ path: 'model', message: 'No such model.' }]);
    }
    const scenes = await models.list({ kind: 'scenes' });
    if (!scenes[0]) throw new StudioError('not-found', 'There is no scene model yet: train one on your scripts, or reinstall Montage to get the shipped one.');
    return scenes[0];
  };


  const run = async <M extends SessionMethod<'scene-model'>>(
    model: ModelInfo,
    method: M,
    args: SessionArgsInput<'scene-model', M>,
    options: { onPartial?: (p: unknown) => void; signal?: AbortSignal } = {},
  ): Promise<SessionResult<'scene-model', M>> => {
    try {
      const handle = await modelSessions.sessionFor(model);
      return await sessions.request(handle, method, args, options as never);
    } catch (err) {
      throw modelError(model, err);
    }
  };

  const record = async (
    type: 'generation.requested' | 'scene.accepted' | 'scene.rejected',
    model: string,
    projectId: string | null,
    args: Record<string, number | string | boolean | null>,
    scene?: GeneratedSceneSummary,
  ): Promise<void> => {
    if (!history) return;
    const modelId = /^[0-9a-f-]{36}$/i.test(model) ? model : undefined;
    history.record({ type, item: modelId ? `model:${modelId}` : null, projectId, data: { mode: 'generate', args, ...(scene ? { scene } : {}) } });
  };

  return {
    async suggestScenes(args) {
      const started = performance.now();
      const model = await resolveModel(args.model);
      const { fountain, projectId } = await deps.readScript(args.id);
      const scenes = sceneExamples(parseFountain(fountain));
      if (args.afterScene !== undefined && args.afterScene >= scenes.length) {
        throw new StudioError('invalid-argument', `The script has ${scenes.length} scene${scenes.length === 1 ? '' : 's'}; there is no scene ${args.afterScene + 1} to follow.`, [{ path: 'afterScene', message: 'No such scene.' }]);
      }
      const upTo = args.afterScene === undefined ? scenes.length : args.afterScene + 1;
      const context = scenes.slice(0, upTo).map(({ body: _body, ...summary }) => summary);
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const count = args.count ?? 4;
      const temperature = args.temperature ?? 0.9;
      const result = await run(model, 'suggest', { context: context.slice(-8), cast: castOf(context).slice(0, 50), count, temperature, seed });
      await record('generation.requested', model.id, projectId, { writer: 'scene', script: args.id, count, temperature, seed, afterScene: upTo - 1, repaired: result.repaired }).catch(() => undefined);
      return {
        model: { id: model.id, name: model.name },
        candidates: result.candidates,
        validFirst: result.validFirst,
        repaired: result.repaired,
        seed,
        ms: Math.round(performance.now() - started),
      };
    },
    async draftScene(args, options = {}) {
      const started = performance.now();
      const model = await resolveModel(args.model);
      const { projectId } = await deps.readScript(args.id);
      const parts = headingParts(args.heading);
      const characters: string[] = [];
      for (const c of args.characters ?? []) {
        const key = characterKey(c).toUpperCase();
        if (key !== '' && !characters.includes(key)) characters.push(key);
      }
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const words = args.words ?? 120;
      const temperature = args.temperature ?? 0.9;
      const result = await run(
        model,
        'draft',
        { scene: { intExt: parts.intExt, location: parts.location, time: parts.time, beat: args.beat ?? '' }, characters, words, temperature, seed },
        {
          ...(options.onPartial ? { onPartial: (p: unknown) => options.onPartial?.((p as { fountain: string }).fountain) } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        },
      );
      await record('generation.requested', model.id, projectId, { writer: 'draft', script: args.id, words, temperature, seed, characters: characters.length }).catch(() => undefined);
      return { model: { id: model.id, name: model.name }, fountain: result.fountain, words: result.words, seed, ms: Math.round(performance.now() - started) };
    },
    async recordSuggestion(args) {
      const { projectId } = await deps.readScript(args.id);
      await record(
        args.accepted ? 'scene.accepted' : 'scene.rejected',
        args.model,
        projectId,
        {
          writer: args.kind,
          script: args.id,
          ...(args.index === undefined ? {} : { index: args.index }),
        },
        args.scene,
      );
      return { recorded: true };
    },
    async evaluateScenes(args) {
      const started = performance.now();
      const model = await resolveModel(args.model);
      const seed = args.seed ?? randomInt(0, 2 ** 32);
      const count = args.count ?? 32;
      const temperature = args.temperature ?? 0.8;
      const result = await run(model, 'evaluate', { count, temperature, seed, words: args.words ?? 80 });
      if (!result.heldOut) throw new StudioError('unavailable', `The scene model “${model.name}” keeps no held-out scenes to evaluate on (it was made before Montage kept them); train it again.`);
      return { model: { id: model.id, name: model.name }, metrics: result.metrics, heldOut: result.heldOut, count, temperature, seed, ms: Math.round(performance.now() - started) };
    },
    async warmScenes(args) {
      const started = performance.now();
      const model = await resolveModel(args.model);
      let loaded = !modelSessions.holds(model.id);
      try {
        const handle = await modelSessions.sessionFor(model);
        if (sessions.info(handle).state === 'cold') loaded = true;
        await modelSessions.touch(model);
      } catch (err) {
        throw modelError(model, err);
      }
      return { model: { id: model.id, name: model.name }, loaded, ms: loaded ? Math.round(performance.now() - started) : 0 };
    },
    close() {
      modelSessions.close();
    },
  };
}
