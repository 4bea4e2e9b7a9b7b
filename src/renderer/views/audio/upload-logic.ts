// Pure helpers of the audio uploader: refusing a file before any byte is sent (size, first bytes,
// the same rules the host applies), splitting it into the chunks the host asked for, base64 for the
// JSON API, and how a size reads. Kept apart from React and the client so they are unit-tested.
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
