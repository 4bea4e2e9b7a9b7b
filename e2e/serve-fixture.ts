// Starts `montage serve` (the built CLI) on a random port with a fresh MONTAGE_HOME, and hands the
// tests its launch URL. One server per test file; it is stopped afterwards. The launch URL is the
// first `http://…?token=…` the CLI prints, whatever its host (127.0.0.1, localhost, or a
// per-launch `m-<hex>.localhost` name with a 127.0.0.1 fallback line after it).
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServeProcess {
  launchUrl: string;
  origin: string;
  dataDir: string;
  /** Stops the server; the data folder is removed unless `keepData` (to start another on it). */
  stop(options?: { keepData?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

/** The first http URL with a token (base64url, or percent-encoded), on any host. */
export const launchUrlPattern = /(http:\/\/[^\s/'"<>]+\/?[^\s'"<>?]*\?token=[\w%-]+)/;

export async function startServe(options: { dataDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'montage-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['dist/cli/montage.js', 'serve', '--port', String(options.port ?? 0), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`montage serve printed no URL within 30 s:\n${out}`)), 30_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      // Only whole lines: a chunk may end in the middle of the token.
      const m = launchUrlPattern.exec(out.slice(0, out.lastIndexOf('\n') + 1));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`montage serve exited with ${code}:\n${out}`)));
  });
  return {
    launchUrl,
    origin: new URL(launchUrl).origin,
    dataDir,
    async stop({ keepData = false, signal = 'SIGTERM' } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await exited;
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One server for the calling spec file: started before its first test, stopped after its last.
 * The returned object reads through to it, so tests use it like a ServeProcess.
 */
export function serveForThisFile(options: { env?: Record<string, string> } = {}): ServeProcess {
  let serve: ServeProcess | undefined;
  test.beforeAll(async () => {
    serve = await startServe(options.env ? { env: options.env } : {});
  });
  test.afterAll(async () => {
    await serve?.stop();
  });
  const current = (): ServeProcess => {
    if (!serve) throw new Error('the spec file’s server is not running (used outside a test?)');
    return serve;
  };
  return {
    get launchUrl() {
      return current().launchUrl;
    },
    get origin() {
      return current().origin;
    },
    get dataDir() {
      return current().dataDir;
    },
    stop: (options) => current().stop(options),
  };
}

/** A full-page screenshot kept with the test's results and attached to its report. */
export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** Opens the app at `launchUrl`, creates the project `name` and opens it. */
export async function openNewProject(page: Page, launchUrl: string, name: string): Promise<void> {
  await page.goto(launchUrl);
  await page.getByTestId('new-project-name').fill(name);
  await page.getByTestId('create-project').click();
  await page.getByTestId('project-row').filter({ hasText: name }).getByTestId('project-open').click();
  await expect(page.getByTestId('project-title')).toHaveText(name);
}
