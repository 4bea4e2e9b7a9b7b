// Regression tests for the serve-mode hardening issue, against a real startServer() and a real
// host (temp MONTAGE_HOME, real SQLite). Requests go over raw TCP where a normal client would
// refuse to send them. The server runs in this process, so an exception escaping a handler is
// caught here as an uncaught exception and fails the test that caused it.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from '../host';
import { rendererDir } from '../paths';
import { tempHome } from '../test/temp-home';
import { getRequest, rawRequest, rawWebSocket, textFrame, upgradeRequest } from './raw-http';
import { startServer, type RunningServer } from './serve';
import { WsStudioClient } from './ws-client';

const label = 'm-0123456789ab';

describe('serve mode under hostile requests', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  let server: RunningServer;
  const escaped: unknown[] = [];
  const record = (err: unknown): void => void escaped.push(err);

  beforeAll(() => {
    if (!existsSync(rendererDir())) throw new Error('dist/renderer is not built: run `npm run build` before the integration tests.');
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  beforeEach(async () => {
    escaped.length = 0;
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'serve', probe: false });
    server = await startServer({ host, rendererDir: rendererDir(), hostLabel: label });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
    host.close();
    home.remove();
    expect(escaped, 'no exception may escape a request handler').toEqual([]);
  });

  const cookie = (): string => `Cookie: montage_token_${server.port}=${server.token}`;

  /** The host still serves the page to an authenticated browser and answers an API call. */
  async function expectHealthy(): Promise<void> {
    const page = await rawRequest(server.port, getRequest(server.port, '/', [cookie()]));
    expect(page.status).toBe(200);
    expect(page.response).toMatch(/<div id="root">/);
    const client = await WsStudioClient.connect(server.port, server.token);
    expect((await client.call('system', 'info', {})).shell).toBe('serve');
    client.close();
  }

  it('answers a request for // with an HTTP status and stays up (item 1)', async () => {
    expect((await rawRequest(server.port, getRequest(server.port, '//'))).status).toBe(401);
    expect((await rawRequest(server.port, getRequest(server.port, '//', [cookie()]))).status).toBe(200);
    expect((await rawRequest(server.port, getRequest(server.port, '//x//y', [cookie()]))).status).toBe(404);
    expect((await rawRequest(server.port, upgradeRequest(server.port, '//', [cookie()]))).status).toBe(404);
    await expectHealthy();
  });

  it('refuses request targets that are not a path with 400 (item 1)', async () => {
    for (const target of ['*', 'http://evil.example/', 'evil', `http://127.0.0.1:${server.port}/?token=${server.token}`]) {
      expect((await rawRequest(server.port, getRequest(server.port, target, [cookie()]))).status, target).toBe(400);
      expect((await rawRequest(server.port, upgradeRequest(server.port, target, [cookie()]))).status, target).toBe(400);
    }
    await expectHealthy();
  });

  it('never redirects off-site when trading the token for a cookie', async () => {
    const res = await rawRequest(server.port, getRequest(server.port, `//evil.example/x?token=${server.token}`));
    expect(res.status).toBe(303);
    expect(res.response).toMatch(/\r\nLocation: \/evil\.example\/x\r\n/i);
  });

  it('lands a token link opened from another page (the --open redirect file) on a page that moves on by itself (item 8)', async () => {
    // SameSite=Strict cookies are not sent on any request of a navigation another site started,
    // so a 303 would arrive without the cookie: 401.
    const own = `${label}.localhost:${server.port}`;
    const res = await rawRequest(server.port, getRequest(server.port, `/?token=${server.token}`, ['Sec-Fetch-Site: cross-site'], own));
    expect(res.status).toBe(200);
    expect(res.response).toMatch(/\r\nSet-Cookie: montage_token_\d+=[\w-]+; HttpOnly; SameSite=Strict; Path=\/\r\n/i);
    expect(res.response).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(res.response).not.toContain(server.token.slice(0, 20) + '"');
    const odd = await rawRequest(server.port, getRequest(server.port, `//"><x?a="&token=${server.token}`, ['Sec-Fetch-Site: same-site'], own));
    expect(odd.response).toContain('content="0;url=/%22%3E%3Cx?a=%22"');
    expect(odd.response).not.toContain('"><x');
    // A link typed or opened from the command line keeps the plain redirect.
    expect((await rawRequest(server.port, getRequest(server.port, `/?token=${server.token}`, ['Sec-Fetch-Site: none'], own))).status).toBe(303);
  });

  it('treats a malformed token cookie as no token, over HTTP and WebSocket (item 2)', async () => {
    for (const value of ['%', '%%', '%zz', '%ED%A0%80', '%E0%A4%A']) {
      const bad = `Cookie: montage_token_${server.port}=${value}`;
      expect((await rawRequest(server.port, getRequest(server.port, '/', [bad]))).status, value).toBe(401);
      expect((await rawRequest(server.port, upgradeRequest(server.port, '/api', [bad]))).status, value).toBe(401);
    }
    await expectHealthy();
  });

  it('survives clients that reset the connection mid-upgrade', async () => {
    for (let i = 0; i < 20; i++) {
      await rawRequest(server.port, upgradeRequest(server.port, '/api'), { reset: true });
      await rawRequest(server.port, upgradeRequest(server.port, '/nope', [cookie()]), { reset: true });
    }
    await expectHealthy();
  });

  it('serves its own *.localhost name, and only the three allowed hosts (item 9)', async () => {
    const { port, token } = server;
    expect(server.hostName).toBe(`${label}.localhost`);
    expect(server.launchUrl).toBe(`http://${label}.localhost:${port}/?token=${token}`);
    expect(server.fallbackUrl).toBe(`http://127.0.0.1:${port}/?token=${token}`);

    const own = `${label}.localhost:${port}`;
    const traded = await rawRequest(port, getRequest(port, `/?token=${token}`, [], own));
    expect(traded.status).toBe(303);
    // A host-only cookie (no Domain): the browser sends it back to this host name alone.
    expect(traded.response).toMatch(new RegExp(`\\r\\nSet-Cookie: montage_token_${port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/\\r\\n`, 'i'));
    expect((await rawRequest(port, getRequest(port, '/', [cookie()], own))).status).toBe(200);
    expect((await rawRequest(port, getRequest(port, '/', [cookie()], `localhost:${port}`))).status).toBe(200);

    for (const foreign of [
      `m-ffffffffffff.localhost:${port}`,
      `${label}.localhost.evil.example:${port}`,
      `${label}.localhost:${port + 1}`,
      `127.0.0.1:${port + 1}`,
      `[::1]:${port}`,
      `${label}.localhost`,
      '',
    ]) {
      expect((await rawRequest(port, getRequest(port, `/?token=${token}`, [], foreign))).status, foreign).toBe(403);
    }

    const fromOwnPage = await WsStudioClient.connect(port, token, { Host: own, Origin: `http://${own}` });
    expect((await fromOwnPage.call('system', 'info', {})).shell).toBe('serve');
    fromOwnPage.close();
    for (const origin of [`http://m-ffffffffffff.localhost:${port}`, `https://${own}`, 'null', `http://${own}.evil.example`]) {
      await expect(WsStudioClient.connect(port, token, { Origin: origin }), origin).rejects.toThrow(/403/);
    }
  });

  it('refuses text that is not valid Unicode, and stores nothing (item 10)', async () => {
    const client = await WsStudioClient.connect(server.port, server.token);
    // JSON.stringify writes a lone surrogate as the escape `\ud800`: a raw frame a browser can send.
    await expect(client.raw('projects', 'create', { name: 'Demo \ud800' })).rejects.toMatchObject({
      code: 'invalid-argument',
      issues: [{ path: 'name' }],
    });
    await expect(client.raw('projects', 'create', { name: '\udfff' })).rejects.toMatchObject({ code: 'invalid-argument' });
    const made = await client.call('projects', 'create', { name: 'Well formed 😀' });
    await expect(client.raw('projects', 'rename', { id: made.id, name: 'x\ud83d' })).rejects.toMatchObject({
      code: 'invalid-argument',
      issues: [{ path: 'name' }],
    });
    expect((await client.call('projects', 'get', { id: made.id })).name).toBe('Well formed 😀');
    const rows = host.db.prepare('SELECT name FROM projects').all() as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(['Well formed 😀']);
    client.close();
  });

  it('drops a client that sends calls but never reads the answers, and stays healthy (item 11)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dropped = (): boolean => errors.mock.calls.some((c) => /dropped a WebSocket client.*1008/.test(String(c[0])));
    // Big answers: a list of 200 projects with long names is ~40 KB.
    const setup = await WsStudioClient.connect(server.port, server.token);
    for (let i = 0; i < 200; i++) await setup.call('projects', 'create', { name: `${i} ${'n'.repeat(110)}` });
    setup.close();

    const sock = await rawWebSocket(server.port, server.token);
    sock.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()));
    // Paused: the answers pile up in the kernel's buffers, then in the host's.
    let sent = 0;
    while (sent < 2000 && !dropped() && !sock.destroyed) {
      for (let i = 0; i < 50; i++) sock.write(textFrame(JSON.stringify({ kind: 'call', id: sent++, service: 'projects', method: 'list', args: {} })));
      await sleep(10);
    }
    await expect.poll(dropped, { timeout: 30_000 }).toBe(true);
    // The host let go of it: once the client reads again, its connection ends.
    sock.resume();
    await closed;
    errors.mockRestore();
    await expectHealthy();
  });
});
