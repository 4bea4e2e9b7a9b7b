// The shape of `window.montage`, the one frozen object the Electron preload exposes. The renderer
// declares it here rather than importing it from src/main, because the renderer may only import
// from src/renderer and src/shared; the preload must keep to this shape.
import type { SerializedStudioError } from '../../shared/api';

export type BridgeCallResult = { ok: true; value: unknown } | { ok: false; error: SerializedStudioError };

export interface MontageBridge {
  readonly shell: 'electron';
  call(service: string, method: string, args: unknown): Promise<BridgeCallResult>;
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron window. */
    readonly montage?: MontageBridge;
  }
}
