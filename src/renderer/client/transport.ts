// What StudioClient needs from a transport (Electron IPC or WebSocket): calls that resolve with the
// host's value or reject with a StudioError, a stream of host events, and a connection state.
export type ConnectionState =
  /** First attempt, nothing heard from the host yet. */
  | 'connecting'
  | 'connected'
  /** The link dropped (or never came up); retrying with backoff. */
  | 'reconnecting'
  /** The host refused this page's access token; retrying cannot help. */
  | 'unauthorized';

export interface Transport {
  readonly connection: ConnectionState;
  /** Resolves with the method's value; rejects with a StudioError. */
  call(service: string, method: string, args: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
