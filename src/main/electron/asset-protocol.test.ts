// The Electron scheme's answers, with a stand-in host (the electron package is not installed
// here): the same strict URL parsing and Range handling as serve mode.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../host';
import { tempHome } from '../test/temp-home';
import { assetResponse } from './asset-protocol';

const pid = '0f8fad5b-d9cb-469f-a165-70867728950e';
const hash = 'b'.repeat(64);

describe('montage-asset:// responses', () => {
  let home: ReturnType<typeof tempHome>;
  afterEach(() => home.remove());

  const setup = () => {
    home = tempHome();
    const path = join(home.dir, 'f.wav');
    writeFileSync(path, '0123456789');
    const host = { assetFile: async (p: string, h: string) => (p === pid && h === hash ? { path, mime: 'audio/wav', size: 10 } : null) } as unknown as Host;
    return (url: string, headers: Record<string, string> = {}) => assetResponse(host, { url, method: 'GET', headers: new Headers(headers) });
  };

  it('serves the file whole or by range', async () => {
    const get = setup();
    const whole = await get(`montage-asset://${pid}/${hash}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(await whole.text()).toBe('0123456789');
    const part = await get(`montage-asset://${pid}/${hash}`, { Range: 'bytes=2-4' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    expect((await get(`montage-asset://${pid}/${hash}`, { Range: 'bytes=10-' })).status).toBe(416);
  });

  it('answers 404 for anything that is not exactly a known asset', async () => {
    const get = setup();
    for (const url of [`montage-asset://${pid}/${'c'.repeat(64)}`, `montage-asset://${pid}/..%2f..%2fmontage.db`, `montage-asset://${pid}/%2e%2e`, `montage-asset://${pid}/${hash}/x`, `montage-asset://x/${hash}`]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });
});
