// MIDI files in and out of the project screen, as pure functions: which files are refused before
// anything is sent (wrong kind, empty, over the host's maxMidiBytes: a 20 MB file should be told
// off at once, not after uploading it), the song name a file suggests, and base64 both ways (the
// API carries bytes as base64 strings), chunked so a 4 MB file does not blow the call stack.
import { maxMidiBytes } from '../../../shared/api/documents';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why this file is refused before sending it, or null when it may go to the host. */
export function midiFileProblem(name: string, size: number): string | null {
  if (!/\.(mid|midi)$/i.test(name)) return `“${name}” is not a MIDI file. Choose a .mid or .midi file.`;
  if (size === 0) return `“${name}” is empty.`;
  if (size > maxMidiBytes) return `“${name}” is ${formatBytes(size)}; Montage imports MIDI files up to ${formatBytes(maxMidiBytes)}.`;
  return null;
}

/** "Night Drive (v2).mid" → "Night Drive (v2)"; never empty, at most 120 characters. */
export function songNameOf(fileName: string): string {
  const base = fileName.replace(/\.(mid|midi)$/i, '').trim();
  return (base || 'Imported song').slice(0, 120);
}

/** The download's file name: the song's name made safe for every file system, with .mid. */
export function midiFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
  const safe = printable
    .replace(/\.(mid|midi)$/i, '')
    .replace(/[\\/:*?"<>|-]*[\\/:*?"<>|]+[\\/:*?"<>|-]*/g, '-')
    .trim()
    .replace(/^\.+/, '');
  return `${safe || 'song'}.mid`;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The MIDI files among dropped or chosen files (a drop may carry anything). */
export function looksLikeMidi(name: string): boolean {
  return /\.(mid|midi)$/i.test(name);
}
