// The browser the e2e tests drive: Debian's Chromium (or CHROMIUM_PATH). Playwright's own browser
// download cannot run offline, and a missing browser must fail loudly, never skip.
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? candidates.find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new Error(
      'No Chromium found for the e2e tests. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
    );
  }
  return path;
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
