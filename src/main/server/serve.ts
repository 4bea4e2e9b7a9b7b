// Serve mode: the renderer over HTTP and the Studio API over a WebSocket (/api), on 127.0.0.1
// only, behind the per-launch token. The same Host.dispatch the Electron IPC uses.
//
// Any web page the user visits can send requests here (an <img> tag is enough), so every handler
// (HTTP request, WebSocket upgrade, WebSocket message) is total: a malformed request gets a 400 or
// loses its connection, and the host lives on.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { StudioError, callMessage, maxCallBytes, type HostMessage } from '../../shared/api';
import type { Host } from '../host';
import { authenticate, cookieName, newHostLabel, newToken } from './auth';
import { parseAssetPath } from '../assets/asset-request';
import { serveAsset } from './asset-files';
import { securityHeaders, serveStatic } from './static-files';

export interface ServeOptions {
  host: Host;
  rendererDir: string;
  port?: number;
  token?: string;
  /** The label of our own host name, `<label>.localhost` (default: random per launch). */
  hostLabel?: string;
  /** Unsent bytes a WebSocket client may leave waiting before it is dropped (default 8 MiB). */
  maxBufferedBytes?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/`, for programs (Node does not resolve *.localhost everywhere). */
  url: string;
  /** The URL with the token on our own host name, `http://<label>.localhost:PORT/?token=…`: what a user opens. */
  launchUrl: string;
  /** The same on `http://127.0.0.1:PORT/`, for browsers that do not resolve *.localhost. */
  fallbackUrl: string;
  /** `<label>.localhost`. */
  hostName: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const loopback = '127.0.0.1';
const defaultMaxBufferedBytes = 8 * 1024 * 1024;
/** How long a dropped client's close frame may wait behind its unread data before the socket goes. */
const dropGraceMs = 1000;

const reasons: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/**
 * The request target as a URL on our own origin, or null. Only origin-form targets (`/path?query`)
 * are accepted; the target is appended to the base rather than resolved against it, so `//x` is the
 * path `//x` and not the host `x`, and nothing a client sends can make this throw.
 */
export function requestUrl(target: string | undefined, port: number): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://${loopback}:${port}${target}`);
  } catch {
    return null;
  }
}

function log(message: string): void {
  console.error(`montage: ${message}`);
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  if (!existsSync(opts.rendererDir)) {
    throw new Error(`The renderer is not built (${opts.rendererDir} is missing). Run \`npm run build\`.`);
  }
  const token = opts.token ?? newToken();
  const hostLabel = (opts.hostLabel ?? newHostLabel()).toLowerCase();
  const maxBuffered = opts.maxBufferedBytes ?? defaultMaxBufferedBytes;
  let port = 0;
  /** Open connections by the client id Host.dispatch sees (scoped events go to some of them). */
  const sockets = new Map<WebSocket, string>();
  const byClient = new Map<string, WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxCallBytes });

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    securityHeaders(res);
    const url = requestUrl(req.url, port);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request.');
      return;
    }
    const auth = authenticate(req, token, port, url, hostLabel);
    if (!auth.ok) {
      res.writeHead(auth.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(auth.reason);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (auth.viaQuery) {
      // Trade the token in the address bar for a cookie, then drop it from the URL. The path keeps
      // one leading slash: `//evil.example` as a Location would leave for another site.
      url.searchParams.delete('token');
      const to = `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
      res.setHeader('Set-Cookie', `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      const site = req.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site') {
        // Opened from another page, such as the file:// redirect of `serve --open`: browsers keep a
        // SameSite=Strict cookie off every request of a navigation another site started, redirects
        // included. A page of our own that moves on by itself starts a same-origin one. A meta
        // refresh, since the CSP allows no inline script.
        const href = escapeHtml(to);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(`<!DOCTYPE html>\n<meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Montage</title><a href="${href}">Open Montage</a>\n`);
        return;
      }
      res.writeHead(303, { Location: to }).end();
      return;
    }
    // /assets/<projectId>/<hash> is a project's file; anything else under /assets/ is the built
    // renderer's own (Vite's hashed bundles, one level deep), served as static files.
    const asset = parseAssetPath(url.pathname);
    if (asset) {
      serveAsset(opts.host, asset, req, res).catch((err: unknown) => {
        log(`could not serve an asset: ${describe(err)}`);
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Could not read the file.');
      });
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    try {
      handleRequest(req, res);
    } catch (err) {
      log(`refused a malformed HTTP request: ${describe(err)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request.');
    }
  });

  function refuseUpgrade(socket: Duplex, status: number): void {
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node stops watching an upgraded socket for errors; a client that resets it would otherwise
    // raise an uncaught 'error' and take the host down.
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req.url, port);
      if (!url) return refuseUpgrade(socket, 400);
      const auth = authenticate(req, token, port, url, hostLabel);
      if (!auth.ok) return refuseUpgrade(socket, auth.status);
      if (url.pathname !== '/api') return refuseUpgrade(socket, 404);
      // ws answers a bad handshake (version, key, extensions) with a 400 itself.
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
    } catch (err) {
      log(`refused a malformed WebSocket upgrade: ${describe(err)}`);
      refuseUpgrade(socket, 400);
    }
  });

  /** Drops a client that does not read what it asked for, before its answers fill the host's memory. */
  function drop(ws: WebSocket): void {
    log(`dropped a WebSocket client that stopped reading (${Math.round(ws.bufferedAmount / 1024)} KiB unsent; close code 1008).`);
    ws.close(1008, 'Too many unread messages.');
    // The close frame waits behind the unread data; a client that reads again gets it, one that
    // does not loses its socket shortly after.
    setTimeout(() => ws.terminate(), dropGraceMs).unref();
  }

  const deliver = (ws: WebSocket, frame: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame);
    if (ws.bufferedAmount > maxBuffered) drop(ws);
  };
  const send = (ws: WebSocket, m: HostMessage): void => deliver(ws, JSON.stringify(m));

  wss.on('connection', (ws: WebSocket) => {
    const clientId = `ws-${randomUUID()}`;
    sockets.set(ws, clientId);
    byClient.set(clientId, ws);
    ws.on('close', () => {
      sockets.delete(ws);
      byClient.delete(clientId);
      opts.host.clientGone(clientId);
    });
    // Oversized or malformed frames end that connection (ws closes it); never the host.
    ws.on('error', (err) => log(`closed a WebSocket connection: ${err.message}`));
    ws.on('message', (data, isBinary) => {
      // A client being dropped gets no more answers.
      if (ws.readyState !== ws.OPEN) return;
      answer(ws, clientId, isBinary ? null : data.toString()).catch((err: unknown) => {
        log(`could not answer a WebSocket message: ${describe(err)}`);
        ws.terminate();
      });
    });
  });

  async function answer(ws: WebSocket, clientId: string, text: string | null): Promise<void> {
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
      const value = await opts.host.dispatch(service, method, args, { clientId });
      send(ws, { kind: 'result', id, ok: true, value });
    } catch (err) {
      send(ws, { kind: 'result', id, ok: false, error: StudioError.from(err).toJSON() });
    }
  }

  const unsubscribe = opts.host.bus.onAny((name, payload, targets) => {
    let frame: string;
    try {
      frame = JSON.stringify({ kind: 'event', name, payload });
    } catch (err) {
      log(`could not send event ${name}: ${describe(err)}`);
      return;
    }
    if (targets === undefined) {
      for (const ws of sockets.keys()) deliver(ws, frame);
      return;
    }
    // A scoped event (documents.open subscriptions): only the clients it names.
    for (const clientId of targets) {
      const ws = byClient.get(clientId);
      if (ws) deliver(ws, frame);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `Port ${opts.port} is already in use; pick another with --port.` : err.message)),
    );
    server.listen(opts.port ?? 0, loopback, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${loopback}:${port}/`;
  const hostName = `${hostLabel}.localhost`;

  return {
    url,
    launchUrl: `http://${hostName}:${port}/?token=${token}`,
    fallbackUrl: `${url}?token=${token}`,
    hostName,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
