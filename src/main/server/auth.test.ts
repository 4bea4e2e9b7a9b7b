import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHosts, authenticate, cookieName, newHostLabel, newToken, readCookie, tokensEqual } from './auth';

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;
const url = (q = ''): URL => new URL(`http://127.0.0.1:4000/${q}`);

describe('serve-mode auth', () => {
  const token = newToken();

  it('makes long random tokens', () => {
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(newToken()).not.toBe(token);
  });

  it('compares tokens exactly', () => {
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token.slice(0, -1), token)).toBe(false);
    expect(tokensEqual(undefined, token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });

  it('reads a cookie among others', () => {
    expect(readCookie(`a=1; ${cookieName(4000)}=abc%2B; b=2`, cookieName(4000))).toBe('abc+');
    expect(readCookie('a=1', cookieName(4000))).toBeUndefined();
  });

  it('accepts the token from the query or the port cookie', () => {
    expect(authenticate(req({ host: '127.0.0.1:4000' }), token, 4000, url(`?token=${token}`))).toEqual({ ok: true, viaQuery: true });
    expect(authenticate(req({ host: 'localhost:4000', cookie: `${cookieName(4000)}=${token}` }), token, 4000, url())).toEqual({ ok: true, viaQuery: false });
  });

  it('refuses a missing or wrong token, another port’s cookie, foreign hosts and origins', () => {
    expect(authenticate(req({ host: '127.0.0.1:4000' }), token, 4000, url())).toMatchObject({ ok: false, status: 401 });
    expect(authenticate(req({ host: '127.0.0.1:4000' }), token, 4000, url('?token=nope'))).toMatchObject({ ok: false, status: 401 });
    expect(authenticate(req({ host: '127.0.0.1:4000', cookie: `${cookieName(4001)}=${token}` }), token, 4000, url())).toMatchObject({ ok: false });
    expect(authenticate(req({ host: 'evil.example:4000' }), token, 4000, url(`?token=${token}`))).toMatchObject({ ok: false, status: 403 });
    expect(authenticate(req({ host: '127.0.0.1:4000', origin: 'http://evil.example' }), token, 4000, url(`?token=${token}`))).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('reads a malformed cookie as no token instead of throwing', () => {
    for (const bad of ['%', '%%', '%zz', '%ED%A0%80', 'abc%']) {
      expect(readCookie(`${cookieName(4000)}=${bad}`, cookieName(4000)), bad).toBeUndefined();
      expect(authenticate(req({ host: '127.0.0.1:4000', cookie: `${cookieName(4000)}=${bad}` }), token, 4000, url()), bad).toMatchObject({ ok: false, status: 401 });
    }
  });

  it('allows exactly our own *.localhost name, 127.0.0.1 and localhost on our port', () => {
    const label = newHostLabel();
    expect(label).toMatch(/^m-[0-9a-f]{12}$/);
    expect(newHostLabel()).not.toBe(label);
    expect(allowedHosts(4000, label)).toEqual(new Set([`${label}.localhost:4000`, '127.0.0.1:4000', 'localhost:4000']));
    const own = `${label}.localhost:4000`;
    expect(authenticate(req({ host: own, origin: `http://${own}` }), token, 4000, url(`?token=${token}`), label)).toEqual({ ok: true, viaQuery: true });
    expect(authenticate(req({ host: own.toUpperCase() }), token, 4000, url(`?token=${token}`), label)).toMatchObject({ ok: true });
    expect(authenticate(req({ host: 'm-000000000000.localhost:4000' }), token, 4000, url(`?token=${token}`), label)).toMatchObject({ ok: false, status: 403 });
    expect(authenticate(req({ host: own, origin: `https://${own}` }), token, 4000, url(`?token=${token}`), label)).toMatchObject({ ok: false, status: 403 });
    expect(authenticate(req({ host: own, origin: 'null' }), token, 4000, url(`?token=${token}`), label)).toMatchObject({ ok: false, status: 403 });
  });
});
