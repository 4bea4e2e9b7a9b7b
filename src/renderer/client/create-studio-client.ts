// Chooses the transport once at startup: the Electron preload's bridge when the page runs in the
// Montage window, otherwise a WebSocket back to the `montage serve` host that served this page.
import { ElectronTransport } from './electron-transport';
import { StudioClient } from './studio-client';
import { WebSocketTransport } from './websocket-transport';

export function createStudioClient(): StudioClient {
  if (window.montage) return new StudioClient(new ElectronTransport(window.montage));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new StudioClient(
    new WebSocketTransport({
      url: `${scheme}://${location.host}/api`,
      probeUrl: `${location.origin}/api`,
    }),
  );
}
