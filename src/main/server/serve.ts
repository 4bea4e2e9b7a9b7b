// Serve mode: the renderer over HTTP and the Studio API over a WebSocket (/api), on 127.0.0.1
// only, behind the per-launch token. The same Host.dispatch the Electron IPC uses.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { StudioError, callMessage, maxCallBytes, type HostMessage } from '../../shared/api';
import type { Host } from '../host';
import { authenticate, cookieName, newToken } from './auth';
import { securityHeaders, serveStatic } from './static-files';

export interface ServeOptions {
  host: Host;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL with the token: what a user opens. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const loopback = '127.0.0.1';

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  if (!existsSync(opts.rendererDir)) {
    throw new Error(`The renderer is not built (${opts.rendererDir} is missing). Run \`npm run build\`.`);
  }
  const token = opts.token ?? newToken();
  let port = 0;
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxCallBytes });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', `http://${loopback}:${port}`);
    const auth = authenticate(req, token, port, url);
    if (!auth.ok) {
      res.writeHead(auth.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(auth.reason);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (auth.viaQuery) {
      // Trade the token in the address bar for a cookie, then drop it from the URL.
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { Location: url.pathname + url.search }).end();
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${loopback}:${port}`);
    const auth = authenticate(req, token, port, url);
    if (url.pathname !== '/api' || !auth.ok) {
      const status = auth.ok ? 404 : auth.status;
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // Oversized or malformed frames end that connection (ws closes it); never the host.
    ws.on('error', (err) => console.error(`montage: closed a WebSocket connection: ${err.message}`));
    ws.on('message', (data, isBinary) => void answer(ws, isBinary ? null : data.toString()));
  });

  const send = (ws: WebSocket, m: HostMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };

  async function answer(ws: WebSocket, text: string | null): Promise<void> {
    let raw: unknown;
    try {
      raw = text === null ? null : JSON.parse(text);
    } catch {
      raw = null;
    }
    const call = callMessage.safeParse(raw);
    if (!call.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send(ws, { kind: 'result', id, ok: false, error: { code: 'invalid-argument', message: 'Malformed API message.' } });
      return;
    }
    const { id, service, method, args } = call.data;
    try {
      const value = await opts.host.dispatch(service, method, args);
      send(ws, { kind: 'result', id, ok: true, value });
    } catch (err) {
      send(ws, { kind: 'result', id, ok: false, error: StudioError.from(err).toJSON() });
    }
  }

  const unsubscribe = opts.host.bus.onAny((name, payload) => {
    const frame = JSON.stringify({ kind: 'event', name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `Port ${opts.port} is already in use; pick another with --port.` : err.message)),
    );
    server.listen(opts.port ?? 0, loopback, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${loopback}:${port}/`;

  return {
    url,
    launchUrl: `${url}?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
