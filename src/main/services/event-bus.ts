// A typed event bus for StudioEvents. Services emit; each transport subscribes once with onAny and
// forwards to its renderers. `on` returns an unsubscribe function. `emitTo` targets an event at
// some clients (by the client id each transport gives its connections; documents/subscriptions.ts):
// onAny listeners get those ids as `targets` and deliver to them only, while `on` listeners (in the
// host's own process: the CLI's own host, tests) see every event.
import type { StudioEventName, StudioEvents } from '../../shared/api';

export type AnyListener = <K extends StudioEventName>(name: K, payload: StudioEvents[K], targets?: readonly string[]) => void;

export interface EventBus {
  emit<K extends StudioEventName>(name: K, payload: StudioEvents[K]): void;
  /** Sends to the given clients only (none when the list is empty). */
  emitTo<K extends StudioEventName>(clientIds: readonly string[], name: K, payload: StudioEvents[K]): void;
  on<K extends StudioEventName>(name: K, listener: (payload: StudioEvents[K]) => void): () => void;
  onAny(listener: AnyListener): () => void;
}

export function createEventBus(): EventBus {
  const anyListeners = new Set<AnyListener>();
  const listeners = new Map<StudioEventName, Set<(payload: never) => void>>();
  const dispatch = <K extends StudioEventName>(name: K, payload: StudioEvents[K], targets?: readonly string[]): void => {
    for (const l of listeners.get(name) ?? []) l(payload as never);
    for (const l of anyListeners) l(name, payload, targets);
  };
  return {
    emit(name, payload) {
      dispatch(name, payload);
    },
    emitTo(clientIds, name, payload) {
      dispatch(name, payload, clientIds);
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
