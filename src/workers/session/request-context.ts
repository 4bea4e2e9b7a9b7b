// What a session's model handlers share: the per-request context, the loaded-model shape and
// cooperative cancellation. Kept apart from handlers.ts (the registry) so handler files do not
// import the registry that imports them.
import type { SessionArgs, SessionKind, SessionMethod, SessionPartial, SessionResult } from '../../shared/sessions/protocol';

/** What a handler gets for one request. */
export interface RequestContext<Partial> {
  /** Aborted when the host cancels the request; handlers check it between steps (checkpoint()). */
  signal: AbortSignal;
  /** Streams a partial result to the caller. */
  partial(payload: Partial): void;
}

export type MethodHandlers<K extends SessionKind> = {
  [M in SessionMethod<K>]: (args: SessionArgs<K, M>, context: RequestContext<SessionPartial<K, M>>) => Promise<SessionResult<K, M>>;
};

/** A model loaded into a session: its handlers, for as long as the session lives. */
export interface LoadedModel<K extends SessionKind> {
  parameters: number;
  methods: MethodHandlers<K>;
  /** Frees every tensor the model holds. */
  dispose(): void;
}

/** Thrown by a handler that stopped because its request was cancelled. */
export class RequestCancelledError extends Error {
  constructor() {
    super('The request was cancelled.');
    this.name = 'RequestCancelledError';
  }
}

/**
 * Lets pending I/O run (in the session process that is the IPC channel, so a 'cancel' sent during
 * a long loop is seen), then throws RequestCancelledError if the request was cancelled.
 * setImmediate, not a resolved promise: microtasks run before I/O and would never let it in.
 */
export async function checkpoint(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new RequestCancelledError();
}
