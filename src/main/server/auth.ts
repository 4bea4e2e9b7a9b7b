// Serve-mode access control: a random per-launch token that every HTTP and WebSocket request must
// carry (query `?token=` once, then a cookie scoped by port name), a Host header check against DNS
// rebinding, and an Origin check for WebSockets.
//
// The server also answers on a host name of its own, `<label>.localhost` (RFC 6761: browsers resolve
// every *.localhost name to loopback). Cookies are scoped by host name but not by port, so a cookie
// set for 127.0.0.1 reaches every other server on 127.0.0.1; one set for a random label reaches only
// us. Everything here must be total: a malformed header is a refusal, never an exception.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** A fresh host name label for this launch, e.g. `m-3f9a0c2b7d41`. */
export const newHostLabel = (): string => `m-${randomBytes(6).toString('hex')}`;

export const cookieName = (port: number): string => `montage_token_${port}`;

export function tokensEqual(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The named cookie's value, or undefined when absent or not valid percent-encoding. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        // `%`, `%zz`, an encoded lone surrogate: not a token we issued.
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * `host:port` values a page may be addressed as: exactly our own `<label>.localhost`, 127.0.0.1
 * and localhost, with our port. Anything else is DNS rebinding or a stray request.
 */
export function allowedHosts(port: number, hostLabel?: string): Set<string> {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (hostLabel) hosts.unshift(`${hostLabel}.localhost:${port}`);
  return new Set(hosts);
}

export type AuthResult = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export function authenticate(req: IncomingMessage, token: string, port: number, url: URL, hostLabel?: string): AuthResult {
  const hosts = allowedHosts(port, hostLabel);
  // Host names are case-insensitive; browsers send them lower-cased anyway.
  if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
    return { ok: false, status: 403, reason: 'Montage only answers requests addressed to its own local address.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.toLowerCase().startsWith('http://') && hosts.has(origin.slice('http://'.length).toLowerCase()))) {
    return { ok: false, status: 403, reason: 'Requests from other web pages are refused.' };
  }
  if (tokensEqual(url.searchParams.get('token'), token)) return { ok: true, viaQuery: true };
  if (tokensEqual(readCookie(req.headers.cookie, cookieName(port)), token)) return { ok: true, viaQuery: false };
  return {
    ok: false,
    status: 401,
    reason: 'This Montage server needs the access token from the link printed by `montage serve` (or `npm start`).',
  };
}
