// What `montage import` and `montage export` share: finding a project by name or id through the
// host's API, and checking a file before anything is written. Files are checked on the CLI's side
// first (extension, size, readable MIDI), so a bad file among several leaves the project untouched;
// the host checks again, since the API is its own door.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { audioRefusal, maxAssetBytes, maxMidiBytes, type Project, type ProjectPage } from '../shared/api';
import { sniffAudio, sniffBytes, type AudioType } from '../shared/assets/audio-sniff';
import { MidiImportError, midiToSequence } from '../shared/music';
import { projectNameKey } from '../main/db/project-name-key';
import type { StudioSession } from './host-session';

/** A refusal about the user's input: one line on stderr, exit 1. */
export class InputRefusal extends Error {}

const midiExtensions = new Set(['.mid', '.midi']);
const audioExtensions = new Set(['.wav', '.mp3', '.flac', '.ogg', '.oga', '.opus', '.aif', '.aiff', '.m4a', '.aac', '.wma']);


/** Whether `montage import` treats the file as audio (by name; its content decides after). */
export const isAudioPath = (path: string): boolean => audioExtensions.has(extname(path).toLowerCase());

/** Refuses an audio file that is too large or is not WAV, MP3, OGG or FLAC by its first bytes. */
export function checkAudioFile(path: string, size: number, head: Uint8Array): AudioType {
  if (size > maxAssetBytes) throw new InputRefusal(`${path} is ${(size / 1024 / 1024).toFixed(0)} MB; Montage imports audio files up to ${maxAssetBytes / 1024 / 1024} MB.`);
  if (size === 0) throw new InputRefusal(`${path} is empty.`);
  const type = sniffAudio(head.subarray(0, sniffBytes));
  if (!type) throw new InputRefusal(`${path}: ${audioRefusal}`);
  return type;
}

/** Refuses a file by its name and size before reading it (cheap, and a 20 MB file is never read). */
export function checkMidiFile(path: string, size: number): void {
  const ext = extname(path).toLowerCase();
  if (!midiExtensions.has(ext)) throw new InputRefusal(`${path}: Montage imports MIDI files (.mid, .midi), scripts (.fountain, .fdx) and WAV, MP3, OGG or FLAC audio.`);
  if (size > maxMidiBytes) {
    throw new InputRefusal(`${path} is ${(size / 1024 / 1024).toFixed(1)} MB; Montage imports MIDI files up to ${maxMidiBytes / 1024 / 1024} MB.`);
  }
}

/** Parses the bytes as the host will, so a damaged file is refused before the project is touched. */
export function checkMidiBytes(path: string, bytes: Uint8Array): void {
  try {
    midiToSequence(bytes);
  } catch (err) {
    if (err instanceof MidiImportError) throw new InputRefusal(`${path}: ${err.message}`);
    throw new InputRefusal(`${path} could not be read as a MIDI file (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/** The live project with this id, or whose name matches (the same name key the schema keeps unique). */
export async function findProject(session: StudioSession, nameOrId: string): Promise<Project | undefined> {
  const key = projectNameKey(nameOrId);
  for (let offset = 0; ; offset += 1000) {
    const page = (await session.call('projects', 'list', { limit: 1000, offset })) as ProjectPage;
    const hit = page.items.find((p) => p.id === nameOrId || projectNameKey(p.name) === key);
    if (hit) return hit;
    if (offset + page.items.length >= page.total || page.items.length === 0) return undefined;
  }
}

/** Writes `bytes` to `path`, refusing to replace a file unless `force`. */
export function writeOut(path: string, bytes: Uint8Array, force: boolean | undefined): void {
  try {
    writeFileSync(path, bytes, { flag: force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputRefusal(`${path} already exists; choose another --out, or add --force to replace it.`);
    throw new InputRefusal(`Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
