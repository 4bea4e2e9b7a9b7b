// Serve-mode access control: a random per-launch token that every HTTP and WebSocket request must
// carry (query `?token=` once, then a cookie scoped by port name), a Host header check against DNS
// rebinding, and an Origin check for WebSockets.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const cookieName = (port: number): string => `montage_token_${port}`;

export function tokensEqual(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Hosts a page may be loaded from: loopback names with our port, nothing else. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type AuthResult = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export function authenticate(req: IncomingMessage, token: string, port: number, url: URL): AuthResult {
  if (!allowedHosts(port).has(req.headers.host ?? '')) {
    return { ok: false, status: 403, reason: 'Montage only answers requests addressed to 127.0.0.1 or localhost.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts(port).has(origin.replace(/^https?:\/\//, ''))) {
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
