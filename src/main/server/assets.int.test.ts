// Assets end to end through serve mode: a real host on a temp data folder, uploads over the
// WebSocket API (WsStudioClient, as the renderer and the CLI send them), files read back over
// GET /assets/… with the token cookie and Range.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audioRefusal, type Asset } from '../../shared/api';
import { projectUploadsDir } from '../assets/asset-request';
import { createHost, type Host } from '../host';
import { rendererDir } from '../paths';
import { tempHome } from '../test/temp-home';
import { sineWav } from '../test/wav-fixture';
import { startServer, type RunningServer } from './serve';
import { WsStudioClient } from './ws-client';

describe('assets over serve mode', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  let server: RunningServer;
  let client: WsStudioClient;
  let projectId: string;

  beforeAll(() => {
    if (!existsSync(rendererDir())) throw new Error('dist/renderer is not built: run `npm run build` before the integration tests.');
  });
  beforeEach(async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'serve', probe: false, uploadIdleMs: 0 });
    server = await startServer({ host, rendererDir: rendererDir() });
    client = await WsStudioClient.connect(server.port, server.token);
    projectId = ((await client.raw('projects', 'create', { name: 'Takes' })) as { id: string }).id;
  });
  afterEach(async () => {
    client.close();
    await server.close();
    host.close();
    home.remove();
  });

  const get = (path: string, headers: Record<string, string> = {}, withCookie = true) =>
    fetch(`${server.url.replace(/\/$/, '')}${path}`, { headers: { ...(withCookie ? { Cookie: `montage_token_${server.port}=${server.token}` } : {}), ...headers } });

  /** Uploads `bytes` in chunks of `chunk` bytes, as the renderer does. */
  async function upload(name: string, bytes: Buffer, chunk = 4096): Promise<Asset> {
    const { uploadId } = (await client.raw('assets', 'beginUpload', { projectId, name, bytes: bytes.length, mime: 'audio/wav' })) as { uploadId: string };
    for (let i = 0, at = 0; at < bytes.length; i++, at += chunk) {
      await client.raw('assets', 'uploadChunk', { uploadId, index: i, data: bytes.subarray(at, at + chunk).toString('base64') });
    }
    return (await client.raw('assets', 'finishUpload', { uploadId })) as Asset;
  }
  const uploadsLeft = () => {
    const dir = projectUploadsDir(home.dir, projectId);
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('stores a chunked upload, lists it, and serves it with Range', async () => {
    const wav = sineWav(1);
    const asset = await upload('sine.wav', wav);
    expect(asset).toMatchObject({ name: 'sine.wav', mime: 'audio/wav', bytes: wav.length, kind: 'audio' });
    expect(asset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await client.raw('assets', 'list', { projectId })).toEqual([asset]);
    const file = join(home.dir, 'projects', projectId, 'assets', `${asset.hash}.wav`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home.dir, 'projects', projectId, 'assets')).mode & 0o777).toBe(0o700);
    expect(uploadsLeft()).toEqual([]);

    const full = await get(`/assets/${projectId}/${asset.hash}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/wav');
    expect(full.headers.get('cache-control')).toBe('private');
    expect(Buffer.from(await full.arrayBuffer()).equals(wav)).toBe(true);

    const part = await get(`/assets/${projectId}/${asset.hash}`, { Range: 'bytes=8-15' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 8-15/${wav.length}`);
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('WAVEfmt ');

    const head = await fetch(`${server.url}assets/${projectId}/${asset.hash}`, { method: 'HEAD', headers: { Cookie: `montage_token_${server.port}=${server.token}` } });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(wav.length)]);

    const bad = await get(`/assets/${projectId}/${asset.hash}`, { Range: `bytes=${wav.length}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${wav.length}`);
  });

  it('still serves the renderer’s own bundles under /assets/', async () => {
    const bundle = readdirSync(join(rendererDir(), 'assets')).find((f) => f.endsWith('.js'));
    expect(bundle).toBeDefined();
    const r = await get(`/assets/${bundle}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses requests without the token and paths that name no asset', async () => {
    const asset = await upload('sine.wav', sineWav(0.1));
    expect((await get(`/assets/${projectId}/${asset.hash}`, {}, false)).status).toBe(401);
    const other = '0f8fad5b-d9cb-469f-a165-70867728950e';
    for (const path of [
      `/assets/${projectId}/${'0'.repeat(64)}`,
      `/assets/${other}/${asset.hash}`,
      `/assets/${projectId}/..%2f..%2f..%2fmontage.db`,
      `/assets/${projectId}/${asset.hash}.wav`,
      `/assets/%2e%2e/montage.db`,
      `/assets/${projectId}/${asset.hash}/x`,
    ]) {
      const r = await get(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.headers.get('content-type'), path).not.toBe('audio/wav');
    }
  });

  it('refuses a file that is not audio and keeps nothing', async () => {
    const text = Buffer.from('this is a text file, not audio at all\n'.repeat(20));
    await expect(upload('notes.wav', text)).rejects.toThrow(audioRefusal);
    expect(await client.raw('assets', 'list', { projectId })).toEqual([]);
    expect(uploadsLeft()).toEqual([]);
    expect(existsSync(join(home.dir, 'projects', projectId, 'assets')) ? readdirSync(join(home.dir, 'projects', projectId, 'assets')) : []).toEqual([]);
  });

  it('stores the same content once and removes the file with its last asset', async () => {
    const wav = sineWav(0.2);
    const a = await upload('one.wav', wav);
    const b = await upload('two.wav', wav, 1000);
    expect(b.hash).toBe(a.hash);
    const dir = join(home.dir, 'projects', projectId, 'assets');
    expect(readdirSync(dir)).toEqual([`${a.hash}.wav`]);
    await client.raw('assets', 'delete', { id: a.id });
    expect(readdirSync(dir)).toEqual([`${a.hash}.wav`]);
    expect((await get(`/assets/${projectId}/${a.hash}`)).status).toBe(200);
    await client.raw('assets', 'delete', { id: b.id });
    expect(readdirSync(dir)).toEqual([]);
    expect((await get(`/assets/${projectId}/${a.hash}`)).status).toBe(404);
  });

  it('leaves no temp file behind an upload cancelled, abandoned, or of a client gone', async () => {
    const begin = async (c: WsStudioClient) => {
      const { uploadId } = (await c.raw('assets', 'beginUpload', { projectId, name: 'x.wav', bytes: 100, mime: 'audio/wav' })) as { uploadId: string };
      await c.raw('assets', 'uploadChunk', { uploadId, index: 0, data: Buffer.alloc(10).toString('base64') });
      return uploadId;
    };
    const cancelled = await begin(client);
    expect(uploadsLeft()).toHaveLength(1);
    await client.raw('assets', 'cancelUpload', { uploadId: cancelled });
    expect(uploadsLeft()).toEqual([]);

    const abandoned = await begin(client);
    expect(uploadsLeft()).toHaveLength(1);
    // uploadIdleMs is 0 here, so the sweep (every minute in a real host) takes it now.
    expect(await host.sweepUploads()).toBe(1);
    expect(uploadsLeft()).toEqual([]);
    await expect(client.raw('assets', 'uploadChunk', { uploadId: abandoned, index: 1, data: 'AAAA' })).rejects.toThrow(/not in progress/);

    const other = await WsStudioClient.connect(server.port, server.token);
    await begin(other);
    expect(uploadsLeft()).toHaveLength(1);
    other.close();
    for (let i = 0; i < 100 && uploadsLeft().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses files over the size limit before any byte is sent, and bad arguments', async () => {
    await expect(client.raw('assets', 'beginUpload', { projectId, name: 'big.wav', bytes: 600 * 1024 * 1024, mime: 'audio/wav' })).rejects.toThrow(
      /up to 512 MB/,
    );
    await expect(client.raw('assets', 'uploadChunk', { uploadId: 'nope', index: 0, data: 'AAAA' })).rejects.toThrow(/upload id/);
    await expect(client.raw('assets', 'uploadChunk', { uploadId: '0f8fad5b-d9cb-469f-a165-70867728950e', index: 0, data: 'A!==' })).rejects.toThrow(/base64/);
    expect(uploadsLeft()).toEqual([]);
  });
});
