// The "scene-model" session: a scene model folder (models/scene-model-files.ts) loaded once, then
// asked for next-scene candidates (`suggest`), scene drafts (`draft`, streamed: a partial with the
// Fountain so far each time an element is finished) and held-out figures (`evaluate`). Cancel is
// checked between drawn tokens. A folder that does not load is refused as damaged
// (invalid-argument, "The checkpoint … is damaged: …") or missing (not-found), as music models are.
import { stat } from 'node:fs/promises';
import { StudioError } from '../../shared/api/errors';
import type { SessionArgs, SessionPartial, SessionResult, SessionSpec } from '../../shared/sessions/protocol';
import { draftScene, evaluateSceneModel, suggestScenes } from '../models/scene-generate';
import { loadSceneModel, readSceneHeldOut, type LoadedSceneModel } from '../models/scene-model-files';
import { checkpoint, type LoadedModel, type RequestContext } from './request-context';

type Spec = SessionSpec<'scene-model'>;

async function loadError(directory: string, err: unknown): Promise<StudioError> {
  if (err instanceof StudioError) return err;
  const found = await stat(directory).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!found) return new StudioError('not-found', `There is no model folder at ${directory}.`);
  const message = err instanceof Error ? err.message : String(err);
  return new StudioError('invalid-argument', `The checkpoint ${directory} is damaged: ${message.replace(/\.$/, '')}.`);
}

/** Handlers over a loaded model (tests call this with a model they built). */
export function sceneModelHandlers(model: LoadedSceneModel, directory: string | null): LoadedModel<'scene-model'> {
  const parameters = model.outline.parameterCount + model.draft.parameterCount;
  return {
    parameters,
    methods: {
      async suggest(args: SessionArgs<'scene-model', 'suggest'>, context: RequestContext<never>): Promise<SessionResult<'scene-model', 'suggest'>> {
        const between = () => checkpoint(context.signal);
        await between();
        const s = await suggestScenes(model, args.context, { count: args.count, temperature: args.temperature, seed: args.seed, cast: args.cast, between });
        return { method: 'suggest', candidates: s.candidates, validFirst: s.validFirst, resampled: s.resampled, repaired: s.repaired };
      },
      async draft(args: SessionArgs<'scene-model', 'draft'>, context: RequestContext<SessionPartial<'scene-model', 'draft'>>): Promise<SessionResult<'scene-model', 'draft'>> {
        const between = () => checkpoint(context.signal);
        await between();
        let last = '';
        const d = await draftScene(model, { ...args.scene }, args.characters, {
          words: args.words,
          temperature: args.temperature,
          seed: args.seed,
          constrainCues: args.constrainCues,
          onText: (fountain) => {
            if (fountain !== last) {
              last = fountain;
              context.partial({ method: 'draft', fountain });
            }
          },
          between,
        });
        return { method: 'draft', fountain: d.fountain, words: d.words, cues: d.cues, knownCues: d.knownCues };
      },
      async evaluate(args: SessionArgs<'scene-model', 'evaluate'>, context: RequestContext<never>): Promise<SessionResult<'scene-model', 'evaluate'>> {
        const between = () => checkpoint(context.signal);
        const held = directory ? await readSceneHeldOut(directory) : null;
        const e = await evaluateSceneModel(model, held ?? { outline: [], draft: [] }, { count: args.count, temperature: args.temperature, seed: args.seed, words: args.words, between });
        const metrics = Object.fromEntries(Object.entries(e).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
        return { method: 'evaluate', metrics, heldOut: held !== null && (held.outline.length > 0 || held.draft.length > 0) };
      },
    },
    dispose: () => model.dispose(),
  };
}

export async function loadSceneModelSession(spec: Spec): Promise<LoadedModel<'scene-model'>> {
  let model: LoadedSceneModel;
  try {
    model = await loadSceneModel(spec.checkpoint);
  } catch (err) {
    throw await loadError(spec.checkpoint, err);
  }
  // Warm-up: one short draw of each model (kernel set-up, JIT), so the first request is not the slow one.
  await suggestScenes(model, [], { count: 1, temperature: 1, seed: 0 });
  await draftScene(model, { intExt: 'INT', location: 'ROOM', time: 'DAY', beat: '' }, ['A'], { words: 8, temperature: 1, seed: 0 });
  return sceneModelHandlers(model, spec.checkpoint);
}
