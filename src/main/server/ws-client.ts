// A Node client of the serve-mode WebSocket API, used by integration tests and `npm run bench` to
// talk to a running host exactly as the browser renderer does.
import WebSocket from 'ws';
import { StudioError, type HostMessage, type ServiceName, type MethodName, type ArgsOf, type ResultOf, type StudioEventName, type StudioEvents } from '../../shared/api';

export class WsStudioClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private readonly listeners = new Set<(m: Extract<HostMessage, { kind: 'event' }>) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as HostMessage;
      if (m.kind === 'event') {
        for (const l of this.listeners) l(m);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(StudioError.fromJSON(m.error));
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new StudioError('unavailable', 'Connection closed.'));
      this.pending.clear();
    });
  }

  /** Connects to `ws://127.0.0.1:PORT/api` with the token as a cookie, like a browser page. */
  static connect(port: number, token: string, headers: Record<string, string> = {}): Promise<WsStudioClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { Cookie: `montage_token_${port}=${token}`, ...headers } });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WsStudioClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  call<S extends ServiceName, M extends MethodName<S>>(service: S, method: M, args: ArgsOf<S, M>): Promise<ResultOf<S, M>> {
    return this.raw(service, method, args) as Promise<ResultOf<S, M>>;
  }

  /** Sends any service/method/args, valid or not (for tests of validation). */
  raw(service: string, method: string, args: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ kind: 'call', id, service, method, args }));
    });
  }

  on<K extends StudioEventName>(name: K, cb: (payload: StudioEvents[K]) => void): () => void {
    const l = (m: Extract<HostMessage, { kind: 'event' }>): void => {
      if (m.name === name) cb(m.payload as StudioEvents[K]);
    };
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Resolves with the first event payload that satisfies `until`. */
  waitFor<K extends StudioEventName>(name: K, until: (payload: StudioEvents[K]) => boolean, timeoutMs = 90_000): Promise<StudioEvents[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for ${name}`));
      }, timeoutMs);
      const off = this.on(name, (p) => {
        if (!until(p)) return;
        clearTimeout(timer);
        off();
        resolve(p);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
