// Serve-mode transport: one WebSocket to the host's /api endpoint, JSON frames as in
// src/shared/api/wire.ts. It reconnects with backoff, holds calls made while disconnected until the
// link is back (failing them as 'unavailable' after a while), and stops retrying when the host says
// the page's access token is no longer valid (close code 4401, or a refused upgrade).
import { StudioError, type CallMessage } from '../../shared/api';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff';
import { parseHostFrame } from './host-frames';
import type { ConnectionState, Transport } from './transport';

export interface WebSocketTransportOptions {
  /** ws(s)://host/api */
  url: string;
  /**
   * Fetched (plain GET) when a socket fails before opening, because browsers hide why an upgrade
   * failed: 401 or 403 here means the token cookie was refused; anything else means "host away".
   */
  probeUrl: string;
  /** How long a call may wait for the link to come back. */
  queueTimeoutMs?: number;
  backoff?: BackoffOptions;
}

/** WebSocket close code the host uses for "token no longer valid". */
export const unauthorizedCloseCode = 4401;

interface PendingCall {
  frame: string;
  resolve: (value: unknown) => void;
  reject: (error: StudioError) => void;
  timer?: ReturnType<typeof setTimeout>;
}

const unauthorizedError = (): StudioError =>
  new StudioError('unauthorized', "This page's access token is no longer valid — open the link printed by `montage serve` again.");

export class WebSocketTransport implements Transport {
  private state: ConnectionState = 'connecting';
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly inFlight = new Map<number, PendingCall>();
  private readonly waiting = new Map<number, PendingCall>();
  private readonly eventListeners = new Set<(name: string, payload: unknown) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly queueTimeoutMs: number;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.queueTimeoutMs = options.queueTimeoutMs ?? 10_000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.connect();
  }

  get connection(): ConnectionState {
    return this.state;
  }

  call(service: string, method: string, args: unknown): Promise<unknown> {
    if (this.state === 'unauthorized') return Promise.reject(unauthorizedError());
    if (this.closed) return Promise.reject(new StudioError('unavailable', 'The connection to the Montage host is closed.'));
    const id = this.nextId++;
    const message: CallMessage = { kind: 'call', id, service, method, args };
    let frame: string;
    try {
      frame = JSON.stringify(message);
    } catch {
      return Promise.reject(new StudioError('invalid-argument', `The arguments of ${service}.${method} cannot be sent to the host.`));
    }
    return new Promise((resolve, reject) => {
      const pending: PendingCall = { frame, resolve, reject };
      if (this.socket?.readyState === WebSocket.OPEN) {
        this.send(id, pending);
      } else {
        pending.timer = setTimeout(() => {
          this.waiting.delete(id);
          reject(new StudioError('unavailable', 'The Montage host did not come back in time; try again once it is reconnected.'));
        }, this.queueTimeoutMs);
        this.waiting.set(id, pending);
      }
    });
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000);
    this.socket = null;
    this.failAll(new StudioError('unavailable', 'The connection to the Montage host is closed.'));
  }

  private connect(): void {
    if (this.closed) return;
    let opened = false;
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.setState('connected');
      for (const [id, pending] of this.waiting) {
        clearTimeout(pending.timer);
        this.send(id, pending);
      }
      this.waiting.clear();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') this.receive(event.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failInFlight();
      if (this.closed) return;
      if (event.code === unauthorizedCloseCode) this.becomeUnauthorized();
      else if (opened) this.scheduleReconnect();
      else void this.probeThenReconnect();
    };
  }

  private send(id: number, pending: PendingCall): void {
    this.inFlight.set(id, pending);
    this.socket?.send(pending.frame);
  }

  private receive(text: string): void {
    const frame = parseHostFrame(text);
    if (!frame) {
      console.warn('montage: dropped a malformed frame from the host', text.slice(0, 200));
      return;
    }
    if (frame.kind === 'event') {
      for (const listener of this.eventListeners) listener(frame.name, frame.payload);
      return;
    }
    const pending = this.inFlight.get(frame.id);
    if (!pending) return;
    this.inFlight.delete(frame.id);
    if (frame.ok) pending.resolve(frame.value);
    else pending.reject(StudioError.fromJSON(frame.error));
  }

  private async probeThenReconnect(): Promise<void> {
    try {
      const response = await fetch(this.options.probeUrl, { cache: 'no-store', credentials: 'same-origin' });
      if (response.status === 401 || response.status === 403) {
        this.becomeUnauthorized();
        return;
      }
    } catch {
      // The host is not reachable at all: an ordinary outage, keep retrying.
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.state === 'unauthorized') return;
    this.setState('reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt++, Math.random(), this.backoff));
  }

  private becomeUnauthorized(): void {
    clearTimeout(this.retryTimer);
    this.setState('unauthorized');
    this.failAll(unauthorizedError());
  }

  /** Calls already sent may or may not have run; resending could repeat a create, so they fail. */
  private failInFlight(): void {
    const error = new StudioError('unavailable', 'Lost connection to the Montage host before it answered; try again.');
    for (const pending of this.inFlight.values()) pending.reject(error);
    this.inFlight.clear();
  }

  private failAll(error: StudioError): void {
    this.failInFlight();
    for (const pending of this.waiting.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.waiting.clear();
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}
