// Soundfonts as project assets on a real host: a whole SF2 is stored (type audio/x-soundfont, its
// file named by its hash), a damaged one and a non-soundfont are refused with a sentence and
// nothing is kept.
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../shared/api';
import { soundfontSkeleton } from '../../shared/assets/testing/soundfont-skeleton';
import { assetFilePath, projectUploadsDir } from '../assets/asset-request';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';

describe('soundfont assets', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  afterEach(() => {
    host?.close();
    home?.remove();
  });
  const upload = async (projectId: string, name: string, bytes: Uint8Array) => {
    const call = (method: string, args: unknown) => host.dispatch('assets', method, args, { clientId: 'c1' });
    const { uploadId } = (await call('beginUpload', { projectId, name, bytes: bytes.length, mime: '' })) as { uploadId: string };
    await call('uploadChunk', { uploadId, index: 0, data: Buffer.from(bytes).toString('base64') });
    return (await call('finishUpload', { uploadId })) as Asset;
  };

  it('stores a whole soundfont and refuses a damaged one or another file, keeping nothing', async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    const projectId = ((await host.dispatch('projects', 'create', { name: 'P' })) as { id: string }).id;
    const asset = await upload(projectId, 'GM.sf2', soundfontSkeleton());
    expect(asset).toMatchObject({ kind: 'audio', mime: 'audio/x-soundfont', name: 'GM.sf2' });
    expect(existsSync(assetFilePath(home.dir, projectId, asset.hash, 'sf2'))).toBe(true);
    await expect(upload(projectId, 'cut.sf2', soundfontSkeleton().subarray(0, 50))).rejects.toThrow(/This soundfont is damaged \(.*cut short\)/);
    await expect(upload(projectId, 'nopdta.sf2', soundfontSkeleton(['INFO', 'sdta']))).rejects.toThrow(/“pdta” part is missing/);
    await expect(upload(projectId, 'text.sf2', new TextEncoder().encode('not a soundfont at all'))).rejects.toThrow(/this file is not one of them/);
    expect(((await host.dispatch('assets', 'list', { projectId })) as Asset[]).map((a) => a.name)).toEqual(['GM.sf2']);
    expect(readdirSync(projectUploadsDir(home.dir, projectId))).toEqual([]);
  });
});
