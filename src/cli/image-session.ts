// What `montage tag` and `montage eval images` share: an image-tagger model session run by a
// SessionManager of the command's own (the host's manager, without a host: tagging reads files and
// writes nothing, so it needs neither the data folder nor a running Montage), and reading an image
// file with the checks the session would make, so a missing or oversized file is a per-file error
// before any bytes travel.
import { readFileSync, statSync } from 'node:fs';
import { StudioError } from '../shared/api/errors';
import { maxImageBytes } from '../shared/vision/image-header';
import { SessionManager, sessionWorkerEntry, type SessionHandle } from '../main/sessions';

export interface ImageSession {
  sessions: SessionManager;
  handle: SessionHandle<'image-tagger'>;
  close(): void;
}

/** Starts the session process and loads the models (~2 s); close() ends it. */
export async function openImageSession(): Promise<ImageSession> {
  const sessions = new SessionManager({ workerEntry: sessionWorkerEntry(), idleMs: 10 * 60_000, log: (line) => console.error(`montage: ${line}`) });
  try {
    const handle = await sessions.open('image-tagger', {});
    return { sessions, handle, close: () => sessions.close() };
  } catch (err) {
    sessions.close();
    throw err;
  }
}

/** The file's bytes; StudioError not-found or invalid-argument (too large, not a file) otherwise. */
export function readImageFile(path: string): Uint8Array {
  let size: number;
  try {
    const s = statSync(path);
    if (!s.isFile()) throw new StudioError('invalid-argument', `${path} is not a file.`);
    size = s.size;
  } catch (err) {
    if (err instanceof StudioError) throw err;
    throw new StudioError('not-found', `${path} does not exist or cannot be read.`);
  }
  if (size === 0) throw new StudioError('invalid-argument', `${path} is empty.`);
  if (size > maxImageBytes) throw new StudioError('invalid-argument', `${path} is ${(size / 2 ** 20).toFixed(0)} MB; Montage reads images of up to ${maxImageBytes / 2 ** 20} MB.`);
  const bytes = readFileSync(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
