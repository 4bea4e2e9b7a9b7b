// What a model session can load: one loader per session kind, each returning the loaded model's
// method handlers. The session process (model-session.ts) validates requests against the
// contract (src/shared/sessions/protocol.ts) and calls these; tests call them in-process.
import { StudioError } from '../../shared/api/errors';
import type { SessionArgs, SessionKind, SessionMethod, SessionPartial, SessionResult, SessionSpec } from '../../shared/sessions/protocol';
import { loadImageTaggerSession } from './image-tagger-session';
import { loadMusicVaeSession } from './music-vae-session';
import { loadNextTokenLstmSession } from './next-token-lstm-session';
import { loadSceneModelSession } from './scene-model-session';
import type { LoadedModel, RequestContext } from './request-context';

export type SessionLoaders = { [K in SessionKind]: (spec: SessionSpec<K>) => Promise<LoadedModel<K>> };

/** One loader per kind of the contract; a kind without one fails to compile. */
export const sessionLoaders: SessionLoaders = {
  'next-token-lstm': loadNextTokenLstmSession,
  'music-vae': loadMusicVaeSession,
  'scene-model': loadSceneModelSession,
  'image-tagger': loadImageTaggerSession,
};

/** Loads a model of the given kind (spec already validated). */
export function loadModel<K extends SessionKind>(kind: K, spec: SessionSpec<K>): Promise<LoadedModel<K>> {
  const loader = (Object.hasOwn(sessionLoaders, kind) ? sessionLoaders[kind] : undefined) as ((spec: SessionSpec<K>) => Promise<LoadedModel<K>>) | undefined;
  if (!loader) throw new StudioError('invalid-argument', `This Montage cannot load models of kind "${kind}".`);
  return loader(spec);
}

/** Runs one request on a loaded model (method and args already validated against the contract). */
export function handleRequest<K extends SessionKind, M extends SessionMethod<K>>(
  model: LoadedModel<K>,
  method: M,
  args: SessionArgs<K, M>,
  context: RequestContext<SessionPartial<K, M>>,
): Promise<SessionResult<K, M>> {
  const handler = model.methods[method];
  return handler(args, context);
}
