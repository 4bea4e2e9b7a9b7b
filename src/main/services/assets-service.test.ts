// AssetsService on a real host (real SQLite, real files in a temp data folder), called through
// Host.dispatch as both transports call it: disk faults mid-upload, start-up tidying, rename,
// another client's upload, and the files' permissions.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../shared/api';
import { projectUploadsDir } from '../assets/asset-request';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';
import { sineWav } from '../test/wav-fixture';

describe('assets service', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  afterEach(() => {
    vi.restoreAllMocks();
    host?.close();
    home?.remove();
  });

  const start = async () => {
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    return ((await host.dispatch('projects', 'create', { name: 'P' })) as { id: string }).id;
  };
  const call = (method: string, args: unknown, clientId = 'c1') => host.dispatch('assets', method, args, { clientId });
  const uploads = (projectId: string) => (existsSync(projectUploadsDir(home.dir, projectId)) ? readdirSync(projectUploadsDir(home.dir, projectId)) : []);

  it('a full disk mid-upload is said clearly, removes the temp file, and the host goes on', async () => {
    home = tempHome();
    const projectId = await start();
    const wav = sineWav(0.5);
    const { uploadId } = (await call('beginUpload', { projectId, name: 'a.wav', bytes: wav.length, mime: 'audio/wav' })) as { uploadId: string };
    // FileHandle is not exported; its prototype is reached through a handle of our own.
    const probe = await open(join(home.dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => Promise<unknown> };
    await probe.close();
    vi.spyOn(proto, 'write').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const failed = call('uploadChunk', { uploadId, index: 0, data: wav.toString('base64') });
    await expect(failed).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/could not save “a\.wav”: the disk is full/) });
    expect(uploads(projectId)).toEqual([]);
    await expect(call('uploadChunk', { uploadId, index: 0, data: 'AAAA' })).rejects.toMatchObject({ code: 'not-found' });
    // The next upload works.
    const again = (await call('beginUpload', { projectId, name: 'a.wav', bytes: wav.length, mime: 'audio/wav' })) as { uploadId: string };
    await call('uploadChunk', { uploadId: again.uploadId, index: 0, data: wav.toString('base64') });
    const asset = (await call('finishUpload', { uploadId: again.uploadId })) as Asset;
    expect(await call('list', { projectId })).toEqual([asset]);
  });

  it('an I/O error is said as such', async () => {
    home = tempHome();
    const projectId = await start();
    const { uploadId } = (await call('beginUpload', { projectId, name: 'b.wav', bytes: 3, mime: '' })) as { uploadId: string };
    const probe = await open(join(home.dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => Promise<unknown> };
    await probe.close();
    vi.spyOn(proto, 'write').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
    await expect(call('uploadChunk', { uploadId, index: 0, data: 'AAAA' })).rejects.toThrow(/a disk I\/O error/);
    expect(uploads(projectId)).toEqual([]);
  });

  it('keeps uploads to the client that began them, and checks size before finishing', async () => {
    home = tempHome();
    const projectId = await start();
    const { uploadId } = (await call('beginUpload', { projectId, name: 'c.wav', bytes: 10, mime: '' })) as { uploadId: string };
    await expect(call('uploadChunk', { uploadId, index: 0, data: 'AAAA' }, 'c2')).rejects.toMatchObject({ code: 'not-found' });
    await call('uploadChunk', { uploadId, index: 0, data: 'AAAA' });
    await expect(call('finishUpload', { uploadId })).rejects.toThrow('Only 3 of the 10 bytes announced have arrived.');
    await expect(call('uploadChunk', { uploadId, index: 1, data: 'AAAAAAAAAAAA' })).rejects.toThrow(/larger than the 10 bytes/);
  });

  it('renames, and refuses assets of a project in the trash', async () => {
    home = tempHome();
    const projectId = await start();
    const wav = sineWav(0.1);
    const { uploadId } = (await call('beginUpload', { projectId, name: 'take.wav', bytes: wav.length, mime: '' })) as { uploadId: string };
    await call('uploadChunk', { uploadId, index: 0, data: wav.toString('base64') });
    const asset = (await call('finishUpload', { uploadId })) as Asset;
    expect(await call('rename', { id: asset.id, name: '  Take 2 ' })).toMatchObject({ id: asset.id, name: 'Take 2' });
    expect(await host.assetFile(projectId, asset.hash)).toMatchObject({ mime: 'audio/wav', size: wav.length });
    await host.dispatch('projects', 'delete', { id: projectId });
    await expect(call('list', { projectId })).rejects.toMatchObject({ code: 'not-found' });
    expect(await host.assetFile(projectId, asset.hash)).toBeNull();
    await expect(call('beginUpload', { projectId, name: 'x.wav', bytes: 1, mime: '' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('at start, removes upload leftovers and the folders of projects that no longer exist', async () => {
    home = tempHome();
    const projectId = await start();
    host.close();
    mkdirSync(projectUploadsDir(home.dir, projectId), { recursive: true });
    writeFileSync(join(projectUploadsDir(home.dir, projectId), 'left.part'), 'x');
    const stray = join(home.dir, 'projects', '0f8fad5b-d9cb-469f-a165-70867728950e');
    mkdirSync(join(stray, 'assets'), { recursive: true });
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    expect(uploads(projectId)).toEqual([]);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(join(home.dir, 'projects', projectId))).toBe(true);
  });
});
