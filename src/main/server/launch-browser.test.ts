import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../test/temp-home';
import { openInBrowser, sweepLaunchFiles, writeLaunchFile } from './launch-browser';

const posix = process.platform !== 'win32';
const url = 'http://m-0123456789ab.localhost:4000/?token=SECRET_token-123&x="<>';

describe('launch-browser', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  /** A fake xdg-open on PATH: records its arguments, then exits with `code`. */
  function fakeOpener(code: number): { env: NodeJS.ProcessEnv; argsFile: string } {
    const bin = join(home.dir, 'bin');
    mkdirSync(bin);
    const argsFile = join(home.dir, 'args.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit ${code}\n`, { mode: 0o755 });
    return { env: { PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ':0' }, argsFile };
  }

  it.runIf(posix)('writes the link to a 0600 file with a random name in a 0700 folder, and removes it', () => {
    mkdirSync(join(home.dir, 'runtime'), { mode: 0o755 });
    chmodSync(join(home.dir, 'runtime'), 0o755);
    const a = writeLaunchFile(home.dir, url);
    const b = writeLaunchFile(home.dir, url);
    expect(a.path).not.toBe(b.path);
    expect(statSync(join(home.dir, 'runtime')).mode & 0o777).toBe(0o700);
    expect(statSync(a.path).mode & 0o777).toBe(0o600);
    expect(fileURLToPath(a.fileUrl)).toBe(a.path);
    expect(a.fileUrl).not.toMatch(/SECRET/);
    const html = readFileSync(a.path, 'utf8');
    expect(html).toContain('content="0;url=http://m-0123456789ab.localhost:4000/?token=SECRET_token-123&amp;x=&quot;&lt;&gt;"');
    a.remove();
    expect(existsSync(a.path)).toBe(false);
    b.remove();
  });

  it('sweeps only stale redirect files', () => {
    const old = writeLaunchFile(home.dir, url);
    const fresh = writeLaunchFile(home.dir, url);
    const other = join(home.dir, 'runtime', 'keep.txt');
    writeFileSync(other, 'x');
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(old.path, past, past);
    utimesSync(other, past, past);
    sweepLaunchFiles(home.dir);
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(fresh.path)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('says there is no display, without trying to start anything', async () => {
    let spawned = false;
    const r = await openInBrowser('file:///x.html', {
      env: { PATH: '/usr/bin' },
      platform: 'linux',
      spawn: (() => {
        spawned = true;
        throw new Error('must not spawn');
      }) as never,
    });
    expect(r).toEqual({ opened: false, reason: expect.stringMatching(/no graphical display.*DISPLAY.*WAYLAND_DISPLAY/) });
    expect(spawned).toBe(false);
  });

  it.runIf(posix)('says xdg-open is missing or failed', async () => {
    const empty = join(home.dir, 'empty');
    mkdirSync(empty);
    expect(await openInBrowser('file:///x.html', { env: { PATH: empty, WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' })).toEqual({
      opened: false,
      reason: 'xdg-open is not installed',
    });
    const { env } = fakeOpener(3);
    expect(await openInBrowser('file:///x.html', { env, platform: 'linux' })).toEqual({ opened: false, reason: 'xdg-open exited with code 3' });
  });

  it.runIf(posix)('hands the browser the redirect file, never the token', async () => {
    const { env, argsFile } = fakeOpener(0);
    const file = writeLaunchFile(home.dir, url);
    expect(await openInBrowser(file.fileUrl, { env, platform: 'linux' })).toEqual({ opened: true });
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(args).toEqual([file.fileUrl]);
    expect(args.join(' ')).not.toMatch(/SECRET|token/);
    expect(readFileSync(fileURLToPath(args[0]!), 'utf8')).toContain('SECRET_token-123');
    file.remove();
  });
});
