// Helpers of the chunked uploads (audio assets, the ratings files Insights evaluates): refusing an
// audio file before any byte is sent (size, first bytes, the same rules the host applies), splitting
// a file into the chunks the host asked for, base64 for the JSON API, sending the chunks in order
// with progress and a cancel check (the sender is passed in), and how a size reads. Kept apart from
// React and the client so they are unit-tested.
import { audioRefusal, maxAssetBytes } from '../../../shared/api/assets';
import { sniffAudio } from '../../../shared/assets/audio-sniff';

/** A refusal to show at the import control, or null when the file may be sent. */
export function checkAudioUpload(name: string, size: number, head: Uint8Array): string | null {
  if (size === 0) return `“${name}” is empty.`;
  if (size > maxAssetBytes) return `“${name}” is ${formatBytes(size)}; Montage imports audio files up to ${formatBytes(maxAssetBytes)}.`;
  if (!sniffAudio(head)) return `“${name}”: ${audioRefusal}`;
  return null;
}

/** [start, end) byte spans of `size` bytes in chunks of `chunk`. */
export function chunkSpans(size: number, chunk: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = 0; at < size; at += chunk) spans.push([at, Math.min(size, at + chunk)]);
  return spans;
}

/**
 * Sends `file` in chunks of `chunkBytes`, in order, one at a time: `send(index, base64)` for each,
 * then `onProgress(bytesSentSoFar)`. Stops before the next chunk once `cancelled()` says so.
 * Resolves true when every chunk went, false when cancelled; a failed send rejects.
 */
export async function sendChunks(
  file: Blob,
  chunkBytes: number,
  send: (index: number, data: string) => Promise<unknown>,
  options: { cancelled?: () => boolean; onProgress?: (sent: number) => void } = {},
): Promise<boolean> {
  for (const [index, [start, end]] of chunkSpans(file.size, chunkBytes).entries()) {
    if (options.cancelled?.()) return false;
    const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
    await send(index, toBase64(bytes));
    options.onProgress?.(end);
  }
  return !options.cancelled?.();
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  // String.fromCharCode takes arguments: a few KB at a time stays below engines' argument limits.
  for (let i = 0; i < bytes.length; i += 0x2000) s += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(s);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
