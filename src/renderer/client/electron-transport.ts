// Electron transport: a thin adapter over the preload's `window.montage` bridge. IPC cannot drop
// while the window lives, so the connection is always 'connected'.
import { StudioError } from '../../shared/api';
import type { MontageBridge } from './montage-bridge';
import type { ConnectionState, Transport } from './transport';

export class ElectronTransport implements Transport {
  readonly connection: ConnectionState = 'connected';
  private readonly unsubscribers = new Set<() => void>();

  constructor(private readonly bridge: MontageBridge) {}

  async call(service: string, method: string, args: unknown): Promise<unknown> {
    let reply;
    try {
      reply = await this.bridge.call(service, method, args);
    } catch (err) {
      throw StudioError.from(err);
    }
    if (reply.ok) return reply.value;
    throw StudioError.fromJSON(reply.error);
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    const unsubscribe = this.bridge.onEvent(listener);
    this.unsubscribers.add(unsubscribe);
    return () => {
      this.unsubscribers.delete(unsubscribe);
      unsubscribe();
    };
  }

  onConnection(): () => void {
    return () => {};
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers.clear();
  }
}
