// Crash-safe file writes for checkpoints and model files: a temp file beside the target, fsynced,
// then renamed over it, so a reader sees the old file or the new one, never half of one.
import { open, rename } from 'node:fs/promises';

/** Writes `data` to `path` through `<path>.<pid>.tmp` (write, fsync, rename). */
export async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
