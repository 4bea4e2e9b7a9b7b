// Test helpers that talk to a server over raw TCP (node:net), byte for byte, so tests can send
// what no well-behaved HTTP or WebSocket client would: malformed request lines, odd paths, bad
// headers, garbage, resets, a WebSocket client that never reads. Used by the *.security.int tests.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawResult {
  /** Everything the server sent before it closed (or before the safety limit). */
  response: string;
  /** The status code of the first response line, or 0 when there was none. */
  status: number;
}

export interface RawOptions {
  /** Reset the connection (RST) right after writing, instead of waiting for the answer. */
  reset?: boolean;
  /**
   * End our side after writing, so a server waiting for more bytes answers now. Off by default:
   * Node's HTTP server abandons a response still being produced when the client half-closes.
   */
  end?: boolean;
  /** Give up waiting after this long; a safety net against hangs, never asserted on. */
  giveUpMs?: number;
}

/** Sends `bytes` on a fresh connection to 127.0.0.1:port and collects what comes back. */
export function rawRequest(port: number, bytes: string | Buffer, opts: RawOptions = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sock = connect(port, '127.0.0.1');
    const finish = (): void => {
      clearTimeout(timer);
      const response = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(response);
      resolve({ response, status: m ? Number(m[1]) : 0 });
    };
    const timer = setTimeout(() => sock.destroy(), opts.giveUpMs ?? 5000);
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', () => undefined);
    sock.on('close', finish);
    sock.on('connect', () => {
      sock.write(bytes);
      if (opts.reset) sock.resetAndDestroy();
      else if (opts.end) sock.end();
    });
  });
}

/** A plain GET as a browser would send it, with our Host and the given extra header lines. */
export function getRequest(port: number, path: string, headers: string[] = [], host = `127.0.0.1:${port}`): string {
  return [`GET ${path} HTTP/1.1`, `Host: ${host}`, ...headers, 'Connection: close', '', ''].join('\r\n');
}

/** The handshake request of a WebSocket client. */
export function upgradeRequest(port: number, path: string, headers: string[] = [], host = `127.0.0.1:${port}`): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...headers,
    '',
    '',
  ].join('\r\n');
}

/** One client-to-server text frame (masked, as the protocol requires; a zero mask keeps it simple). */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x81, 0x80 | n]) : n < 65536 ? Buffer.from([0x81, 0x80 | 126, n >> 8, n & 0xff]) : null;
  if (!header) throw new Error('textFrame: payload too large for this helper');
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

/**
 * Opens a WebSocket at /api on a raw socket and resolves once the server has answered 101, with
 * the socket paused: it reads nothing more until the caller resumes it.
 */
export function rawWebSocket(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let head = '';
    const onData = (c: Buffer): void => {
      head += c.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      sock.off('data', onData);
      sock.pause();
      if (head.startsWith('HTTP/1.1 101')) resolve(sock);
      else reject(new Error(`WebSocket handshake refused: ${head.split('\r\n')[0]}`));
    };
    sock.on('data', onData);
    sock.once('error', reject);
    sock.on('connect', () => sock.write(upgradeRequest(port, '/api', [`Cookie: montage_token_${port}=${token}`])));
  });
}
