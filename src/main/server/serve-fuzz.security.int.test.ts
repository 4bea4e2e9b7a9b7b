// Fuzzes serve mode over raw TCP: a few thousand generated requests (malformed request lines, odd
// paths, bad Host/Origin/Cookie and upgrade headers, garbage bytes, resets, random WebSocket frames
// and API calls) against a real startServer() and a real host, then checks the host still serves
// an authenticated page and answers a WebSocket call. Any web page can make a browser send
// requests to 127.0.0.1, so no request may take the host down.
//
// Deterministic: a seeded PRNG (MONTAGE_FUZZ_SEED to replay another seed, MONTAGE_FUZZ_COUNT for
// more requests). The seed is in every failure message.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allowedMethods } from '../../shared/api';
import { createHost, type Host } from '../host';
import { rendererDir } from '../paths';
import { tempHome } from '../test/temp-home';
import { getRequest, rawRequest, textFrame, upgradeRequest, type RawResult } from './raw-http';
import { startServer, type RunningServer } from './serve';
import { WsStudioClient } from './ws-client';

const seed = Number(process.env.MONTAGE_FUZZ_SEED ?? 0x5eed);
const count = Math.min(Number(process.env.MONTAGE_FUZZ_COUNT ?? 3000), 50_000);
const concurrency = 32;

/** mulberry32: small, fast and good enough to pick fuzz cases reproducibly. */
function prng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

const pathPieces = ['/', '//', '\\', '\\\\', '%', '%%', '%zz', '%00', '%2e%2e/', '../', '..\\', '/..', '.', 'api', 'index.html', 'assets/', '?', '?token=', '&', '#', '@', ':', ';', ' ', '\t', '"', '<', '%ED%A0%80', '%C0%AF', '\u00ff', '~', '*'];

interface Ctx {
  port: number;
  token: string;
  label: string;
}

function path(g: Gen, ctx: Ctx): string {
  if (g.chance(0.05)) return `/${'a'.repeat(g.pick([1000, 9000, 20_000, 70_000]))}`;
  if (g.chance(0.05)) return g.pick(['*', 'http://evil.example/', `http://127.0.0.1:${ctx.port}/`, '', 'api', '//evil.example/?token=' + ctx.token]);
  let p = g.chance(0.8) ? '/' : '';
  for (let i = g.int(6); i > 0; i--) p += g.pick(pathPieces);
  if (g.chance(0.2)) p += `${p.includes('?') ? '&' : '?'}token=${g.chance(0.5) ? ctx.token : g.pick(['', '%', 'x', ctx.token.slice(1)])}`;
  return p;
}

function hostHeader(g: Gen, ctx: Ctx): string | null {
  return g.pick([
    `127.0.0.1:${ctx.port}`,
    `localhost:${ctx.port}`,
    `${ctx.label}.localhost:${ctx.port}`,
    `${ctx.label.toUpperCase()}.LOCALHOST:${ctx.port}`,
    `evil.example:${ctx.port}`,
    `127.0.0.1:${ctx.port + 1}`,
    '',
    '%',
    '[::1]',
    'a'.repeat(5000),
    null,
  ]);
}

function headerLines(g: Gen, ctx: Ctx): string[] {
  const lines: string[] = [];
  const host = hostHeader(g, ctx);
  if (host !== null) lines.push(`Host: ${host}`);
  if (g.chance(0.1)) lines.push(`Host: ${hostHeader(g, ctx) ?? 'x'}`);
  if (g.chance(0.4)) {
    lines.push(`Origin: ${g.pick(['null', 'http://evil.example', `http://127.0.0.1:${ctx.port}`, `http://${ctx.label}.localhost:${ctx.port}`, 'file://', '%', '', 'http://', `https://localhost:${ctx.port}`])}`);
  }
  if (g.chance(0.6)) {
    const value = g.pick([ctx.token, '%', '%%', '%zz', '%ED%A0%80', '', ctx.token + '%', 'a=b=c', '"quoted"', 'x'.repeat(3000)]);
    const name = g.chance(0.85) ? `montage_token_${ctx.port}` : g.pick(['', '=', `montage_token_${ctx.port + 1}`, ' ']);
    lines.push(`Cookie: ${g.chance(0.3) ? 'a=%; ' : ''}${name}=${value}${g.chance(0.2) ? '; ;;=;' : ''}`);
  }
  if (g.chance(0.1)) lines.push(g.pick(['Content-Length: 5', 'Content-Length: -1', 'Content-Length: abc', 'Content-Length: 99999999999999999999', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Expect: 100-continue']));
  if (g.chance(0.05)) lines.push(g.pick(['NoColonHere', ': empty name', 'X-Bad\u0000: nul', 'X-Folded: a\r\n  continued', 'X-Long: ' + 'b'.repeat(20_000)]));
  return lines;
}

function upgradeLines(g: Gen): string[] {
  const lines = [
    `Upgrade: ${g.pick(['websocket', 'WebSocket', 'h2c', '', 'websocket, garbage', '\u00ff'])}`,
    `Connection: ${g.pick(['Upgrade', 'upgrade, keep-alive', 'close', 'Upgrade, Upgrade'])}`,
  ];
  if (g.chance(0.8)) lines.push(`Sec-WebSocket-Key: ${g.pick(['dGhlIHNhbXBsZSBub25jZQ==', '', 'short', '%%%%', 'A'.repeat(200)])}`);
  if (g.chance(0.8)) lines.push(`Sec-WebSocket-Version: ${g.pick(['13', '8', '', 'x', '13, 8', '-1'])}`);
  if (g.chance(0.2)) lines.push(`Sec-WebSocket-Extensions: ${g.pick(['permessage-deflate', 'permessage-deflate; client_max_window_bits=99', ';;;', 'x; y="', 'permessage-deflate, permessage-deflate'])}`);
  if (g.chance(0.2)) lines.push(`Sec-WebSocket-Protocol: ${g.pick(['', ',', 'a b', 'chat, chat'])}`);
  return lines;
}

/** JSON values a hostile page might put in an API call. */
function jsonValue(g: Gen, depth = 0): unknown {
  switch (depth > 3 ? g.int(6) : g.int(9)) {
    case 0:
      return g.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, -0]);
    case 1:
      return g.pick(['', 'x', '\ud800', 'a\udfffb', '😀', 'n'.repeat(130), '__proto__', '\u0000', '../../etc/passwd']);
    case 2:
      return g.pick([true, false, null]);
    case 3:
      return '00000000-0000-4000-8000-000000000000';
    case 4:
      return g.pick(['Fuzz project', '  spaced  ']);
    case 5:
      return [];
    case 6:
      return Array.from({ length: g.int(4) }, () => jsonValue(g, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = g.int(4); i > 0; i--) o[g.pick(['name', 'id', 'limit', 'offset', 'steps', '__proto__', 'constructor', 'k\ud800', ''])] = jsonValue(g, depth + 1);
      return o;
    }
  }
}

const methods = [...allowedMethods].filter((m) => m !== 'benchmarks.start'); // no worker processes

function wsFrames(g: Gen): Buffer {
  const frames: Buffer[] = [];
  for (let i = 1 + g.int(4); i > 0; i--) {
    switch (g.int(6)) {
      case 0: {
        const [service, method] = g.pick(methods).split('.');
        frames.push(textFrame(JSON.stringify({ kind: 'call', id: g.int(1000), service, method, args: jsonValue(g) })));
        break;
      }
      case 1:
        frames.push(textFrame(g.pick(['', '{', 'null', '[]', '{"kind":"call"}', '{"kind":"call","id":-1,"service":"x","method":"y"}', '"\\ud800"', '{"kind":"call","id":1,"service":"__proto__","method":"constructor","args":{}}'])));
        break;
      case 2: // invalid UTF-8 in a text frame
        frames.push(Buffer.concat([Buffer.from([0x81, 0x82, 0, 0, 0, 0]), Buffer.from([0xc3, 0x28])]));
        break;
      case 3: // unmasked, reserved opcode, or a huge declared length
        frames.push(g.pick([Buffer.from([0x81, 0x02, 0x7b, 0x7d]), Buffer.from([0x83, 0x80, 0, 0, 0, 0]), Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])]));
        break;
      case 4: // binary frame, ping, close with a bad code
        frames.push(g.pick([Buffer.from([0x82, 0x81, 0, 0, 0, 0, 0x01]), Buffer.from([0x89, 0x80, 0, 0, 0, 0]), Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x00, 0x01])]));
        break;
      default:
        frames.push(g.bytes(1 + g.int(64)));
    }
  }
  return Buffer.concat(frames);
}

/** One generated request: the bytes and how the connection ends. */
function fuzzCase(g: Gen, ctx: Ctx): { bytes: Buffer; reset: boolean; end?: boolean } {
  const reset = g.chance(0.15);
  const cookie = `Cookie: montage_token_${ctx.port}=${ctx.token}`;
  switch (g.int(6)) {
    case 0: // garbage
      return { bytes: g.bytes(1 + g.int(512)), reset };
    case 1: {
      // a malformed request line
      const method = g.pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'G E T', '', 'get', 'PRI', '\u00ff\u00fe']);
      const version = g.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', '', 'HTTP/1.1 extra', 'http/1.1']);
      const eol = g.pick(['\r\n', '\n', '\r', '']);
      return { bytes: Buffer.from(`${method} ${path(g, ctx)} ${version}${eol}${headerLines(g, ctx).join(eol)}${eol}${eol}`, 'latin1'), reset };
    }
    case 2: // a well-formed GET with odd paths and headers
      return { bytes: Buffer.from([`GET ${path(g, ctx)} HTTP/1.1`, ...headerLines(g, ctx), '', ''].join('\r\n'), 'latin1'), reset };
    case 3: // an upgrade with odd headers
      return { bytes: Buffer.from([`${g.pick(['GET', 'POST'])} ${g.chance(0.6) ? '/api' : path(g, ctx)} HTTP/1.1`, ...headerLines(g, ctx), ...upgradeLines(g), '', ''].join('\r\n'), 'latin1'), reset };
    case 4: // a valid WebSocket, then random frames and API calls
      return { bytes: Buffer.concat([Buffer.from(upgradeRequest(ctx.port, '/api', [cookie]), 'latin1'), wsFrames(g)]), reset: false };
    default: {
      // a valid page request with a valid token: whole (the server closes after answering), cut
      // short, or followed by junk
      const whole = g.chance(0.5);
      const request = Buffer.from(getRequest(ctx.port, path(g, ctx), [cookie])).subarray(0, whole ? undefined : g.int(60));
      return { bytes: Buffer.concat([request, g.chance(0.3) ? g.bytes(g.int(100)) : Buffer.alloc(0)]), reset, end: !whole };
    }
  }
}

describe('serve mode fuzz', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  let server: RunningServer;
  const escaped: unknown[] = [];
  const record = (err: unknown): void => void escaped.push(err);

  beforeAll(async () => {
    if (!existsSync(rendererDir())) throw new Error('dist/renderer is not built: run `npm run build` before the integration tests.');
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'serve', probe: false });
    server = await startServer({ host, rendererDir: rendererDir(), hostLabel: 'm-f00dfeedbeef' });
  });
  afterAll(async () => {
    await server?.close();
    host?.close();
    home?.remove();
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  it(`survives ${count} generated hostile requests (seed ${seed})`, async () => {
    // The host logs every refused WebSocket frame; thousands of lines would drown the report.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ctx: Ctx = { port: server.port, token: server.token, label: 'm-f00dfeedbeef' };
    const g = new Gen(prng(seed));
    const cases = Array.from({ length: count }, () => fuzzCase(g, ctx));
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const r: RawResult = await rawRequest(ctx.port, c.bytes, { end: c.end ?? true, reset: c.reset, giveUpMs: 3000 });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    errors.mockRestore();
    const seen = JSON.stringify(Object.fromEntries(statuses));
    expect(escaped, `seed ${seed}: an exception escaped a handler`).toEqual([]);
    expect(statuses.get(500) ?? 0, `seed ${seed}: statuses ${seen}`).toBe(0);
    // The mix reached every layer: Node's parser, our target check, Host/Origin, the token, ws.
    for (const s of [101, 200, 400, 401, 403, 404]) expect(statuses.get(s) ?? 0, `seed ${seed}: no ${s} among ${seen}`).toBeGreaterThan(0);

    const page = await rawRequest(ctx.port, getRequest(ctx.port, '/', [`Cookie: montage_token_${ctx.port}=${ctx.token}`]));
    expect(page.status).toBe(200);
    expect(page.response).toMatch(/<div id="root">/);
    const client = await WsStudioClient.connect(ctx.port, ctx.token);
    expect((await client.call('system', 'info', {})).shell).toBe('serve');
    expect((await client.call('projects', 'create', { name: 'After the fuzz' })).name).toBe('After the fuzz');
    client.close();
  });
});
