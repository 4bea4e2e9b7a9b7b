// `montage serve --open` as built (dist/cli/montage.js), with a fake xdg-open on PATH that records
// its arguments: the token must never be on a command line (every local user sees those in `ps`),
// the redirect file that carries it must be private and gone after serve stops, and a machine
// with no display must be told to open the link by hand. Also checks the printed links.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../test/temp-home';

const cli = 'dist/cli/montage.js';

describe.runIf(process.platform === 'linux')('serve --open', () => {
  let home: ReturnType<typeof tempHome>;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `npm run build` before the integration tests.');
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    child = undefined;
    home.remove();
  });

  /** Starts serve and resolves with its stdout once `until` matches it. */
  function serve(env: NodeJS.ProcessEnv, until: RegExp): Promise<string> {
    child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--open', '--data-dir', join(home.dir, 'data')], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const c = child;
    return new Promise((resolve, reject) => {
      let out = '';
      c.stdout?.setEncoding('utf8');
      c.stdout?.on('data', (chunk: string) => {
        out += chunk;
        if (until.test(out)) resolve(out);
      });
      c.once('exit', (code) => reject(new Error(`montage serve exited (${code}):\n${out}`)));
    });
  }

  function baseEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    delete env.MONTAGE_HOME;
    return env;
  }

  it('opens a private redirect file, never the token, prints both links and removes the file on exit (items 8, 9)', async () => {
    home = tempHome();
    const bin = join(home.dir, 'bin');
    mkdirSync(bin);
    const argsFile = join(home.dir, 'xdg-open-args.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}.tmp' && mv '${argsFile}.tmp' '${argsFile}'\n`, { mode: 0o755 });
    const out = await serve({ ...baseEnv(), PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, DISPLAY: ':99' }, /Press Ctrl\+C/);

    const primary = /Montage is running at (http:\/\/m-[0-9a-f]{12}\.localhost:(\d+)\/\?token=([\w-]+))\n/.exec(out);
    expect(primary, out).not.toBeNull();
    const [, launchUrl, port, token] = primary as RegExpExecArray;
    // The line e2e/serve-fixture.ts and bench/ look for still matches, on the 127.0.0.1 fallback.
    expect(/running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)?.[1]).toBe(`http://127.0.0.1:${port}/?token=${token}`);

    await expect.poll(() => existsSync(argsFile), { timeout: 20_000 }).toBe(true);
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(args).toHaveLength(1);
    expect(args[0]).toMatch(/^file:\/\/\/.*\/runtime\/open-[0-9a-f]+\.html$/);
    expect(args[0]).not.toContain(token as string);
    const file = fileURLToPath(args[0] as string);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home.dir, 'data', 'runtime')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toContain(`url=${launchUrl}"`);
    expect(out).not.toMatch(/could not open a browser/);

    const exited = new Promise((r) => child?.once('exit', r));
    child?.kill('SIGTERM');
    await exited;
    expect(existsSync(file)).toBe(false);
  });

  it('says when no browser can be opened (no display)', async () => {
    home = tempHome();
    const out = await serve(baseEnv(), /could not open a browser.*\n/);
    expect(out).toMatch(/Montage could not open a browser: there is no graphical display \(DISPLAY and WAYLAND_DISPLAY are not set\)\. Open the link above by hand\./);
    // No redirect file is left behind for nobody.
    const exited = new Promise((r) => child?.once('exit', r));
    child?.kill('SIGTERM');
    await exited;
    const runtime = join(home.dir, 'data', 'runtime');
    expect(existsSync(runtime) ? readdirSync(runtime) : []).toEqual([]);
  });
});
