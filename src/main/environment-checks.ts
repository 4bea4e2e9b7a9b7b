// Finds the optional pieces of a Montage install: the Electron binary, a Chromium for serve mode
// and e2e tests, and GPU-capable ML packages. `montage doctor` and `npm start` report them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from './paths';

export interface Found {
  found: boolean;
  /** Binary or package path when found. */
  path?: string;
  version?: string;
  /** One line a user can act on. */
  detail: string;
}

const requireHere = createRequire(join(packageRoot(), 'package.json'));

function packageVersion(name: string): string | undefined {
  try {
    const pkg = requireHere.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** The Electron binary, if the `electron` package installed and downloaded it. */
export function findElectron(): Found {
  const version = packageVersion('electron');
  if (!version) return { found: false, detail: 'the electron package is not installed (its download needs internet access)' };
  const pkgDir = dirname(requireHere.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const binary = existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
  if (!binary || !existsSync(binary)) {
    return { found: false, version, detail: `electron ${version} is installed but its binary was not downloaded (no internet during install?)` };
  }
  return { found: true, path: binary, version, detail: `electron ${version}` };
}

const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** A Chromium-family browser: CHROMIUM_PATH wins, then the usual install locations. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): Found {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : chromiumCandidates;
  const path = candidates.find((p) => existsSync(p));
  if (!path) {
    return { found: false, detail: 'no Chromium found: install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH' };
  }
  let version: string | undefined;
  try {
    version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    version = undefined;
  }
  return { found: true, path, ...(version ? { version } : {}), detail: version ?? path };
}

/** Optional ML accelerator packages and whether they are installed. */
export function findGpuPackages(): Found[] {
  return ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].map((name) => {
    const version = packageVersion(name);
    return version
      ? { found: true, version, detail: `${name} ${version} installed` }
      : { found: false, detail: `${name} not installed (optional; see README "GPU")` };
  });
}

export function tfjsVersion(): string | undefined {
  return packageVersion('@tensorflow/tfjs');
}
