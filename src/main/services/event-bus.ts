// A typed event bus for StudioEvents. Services emit; each transport subscribes once with onAny and
// forwards to its renderers. `on` returns an unsubscribe function.
import type { StudioEventName, StudioEvents } from '../../shared/api';

export type AnyListener = <K extends StudioEventName>(name: K, payload: StudioEvents[K]) => void;

export interface EventBus {
  emit<K extends StudioEventName>(name: K, payload: StudioEvents[K]): void;
  on<K extends StudioEventName>(name: K, listener: (payload: StudioEvents[K]) => void): () => void;
  onAny(listener: AnyListener): () => void;
}

export function createEventBus(): EventBus {
  const anyListeners = new Set<AnyListener>();
  const listeners = new Map<StudioEventName, Set<(payload: never) => void>>();
  return {
    emit(name, payload) {
      for (const l of listeners.get(name) ?? []) l(payload as never);
      for (const l of anyListeners) l(name, payload);
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onAny(listener) {
      anyListeners.add(listener);
      return () => anyListeners.delete(listener);
    },
  };
}
