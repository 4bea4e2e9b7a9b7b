// The generation services' model sessions: one session handle per model, opened on first use and
// kept (so the session manager keeps it warm); a model deleted or updated lets its handle go.
import { StudioError, type ModelInfo } from '../../shared/api';
import type { SessionSpecInput } from '../../shared/sessions/protocol';
import type { SessionHandle, SessionManager } from '../sessions';
import type { EventBus } from './event-bus';
import type { HostModelsService } from './models-service';

export interface ModelSessions<K extends 'music-vae' | 'scene-model'> {
  sessionFor(model: ModelInfo): Promise<SessionHandle<K>>;
  /** Whether a handle for the model is held (opened, or opening). */
  holds(id: string): boolean;
  /** Opens the model's session once more: loads it when it was unloaded since, and otherwise starts its idle time again. */
  touch(model: ModelInfo): Promise<void>;
  close(): void;
}

export function createModelSessions<K extends 'music-vae' | 'scene-model'>(
  kind: K,
  { models, sessions, bus }: { models: Pick<HostModelsService, 'folder'>; sessions: SessionManager; bus: EventBus },
): ModelSessions<K> {
  const handles = new Map<string, Promise<SessionHandle<K>>>();
  const specOf = (folder: string) => ({ checkpoint: folder }) as SessionSpecInput<K>;

  const forget = (id: string): void => {
    const handle = handles.get(id);
    if (!handle) return;
    handles.delete(id);
    handle.then((h) => sessions.release(h)).catch(() => undefined);
  };
  const unsubscribe = bus.on('onModelsChanged', (e) => {
    if (e.reason === 'deleted' || e.reason === 'updated') forget(e.id);
  });

  return {
    sessionFor(model) {
      const cached = handles.get(model.id);
      if (cached) return cached;
      const folder = models.folder(model.id);
      if (!folder) return Promise.reject(new StudioError('not-found', 'That model no longer exists — it may have been deleted in another window.'));
      const opening = sessions.open(kind, specOf(folder));
      handles.set(model.id, opening);
      // A load that failed leaves nothing to keep: the next request tries again.
      opening.catch(() => {
        if (handles.get(model.id) === opening) handles.delete(model.id);
      });
      return opening;
    },
    holds: (id) => handles.has(id),
    async touch(model) {
      const folder = models.folder(model.id);
      if (folder) sessions.release(await sessions.open(kind, specOf(folder)));
    },
    close() {
      unsubscribe();
      handles.clear();
    },
  };
}
