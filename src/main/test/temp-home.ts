// A throwaway MONTAGE_HOME for tests: a real folder with a real SQLite file, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempHome(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'montage-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
