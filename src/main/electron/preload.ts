// The preload of the sandboxed renderer (contextIsolation on, nodeIntegration off): exposes one
// small frozen object, `window.montage`, with `call` and `onEvent` over two fixed channels.
import { contextBridge, ipcRenderer } from 'electron';
import type { SerializedStudioError } from '../../shared/api/errors';
import { callChannel, eventChannel } from './channels';

type Listener = (name: string, payload: unknown) => void;
type CallResult = { ok: true; value: unknown } | { ok: false; error: SerializedStudioError };

contextBridge.exposeInMainWorld(
  'montage',
  Object.freeze({
    shell: 'electron',
    call: (service: string, method: string, args: unknown): Promise<CallResult> => {
      if (typeof service !== 'string' || typeof method !== 'string') {
        return Promise.reject(new Error('montage.call(service, method, args) needs two strings'));
      }
      return ipcRenderer.invoke(callChannel, service, method, args) as Promise<CallResult>;
    },
    onEvent: (listener: Listener): (() => void) => {
      const handler = (_event: unknown, name: unknown, payload: unknown): void => listener(String(name), payload);
      ipcRenderer.on(eventChannel, handler);
      return () => ipcRenderer.removeListener(eventChannel, handler);
    },
  }),
);
