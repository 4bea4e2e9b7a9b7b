// `montage import FILE… [--project NAME] [--json]`: MIDI files become songs of a project (made when
// no project has that name; default: the first file's base name). Every file is checked (type,
// size, parse) before anything is written, so a bad file leaves the project as it was. Goes through
// the running host's API, or a host of its own (host-session.ts). Audio is refused for now.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { StudioError, type ImportSummary, type Project } from '../shared/api';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, openStudioSession, type StudioSession } from './host-session';
import { InputRefusal, checkMidiBytes, checkMidiFile, findProject } from './song-files';

export interface ImportFlags {
  project?: string;
  json?: boolean;
  dataDir?: string;
}

const songName = (path: string): string => basename(path, extname(path)).trim().slice(0, 120) || 'Imported song';

/** Exit codes: 0 ok, 1 failed, 2 bad usage. Errors are one line on stderr. */
export async function importCommand(files: string[], flags: ImportFlags): Promise<number> {
  const error = (code: number, message: string): number => {
    console.error(`montage: ${message.replace(/\s*\n\s*/g, ' ')}`);
    return code;
  };
  if (files.length === 0) return error(2, 'usage: montage import FILE… [--project NAME] [--json]');
  const loaded: { path: string; bytes: Buffer }[] = [];
  try {
    for (const path of files) {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw new InputRefusal(`${path}: no such file.`);
      }
      checkMidiFile(path, size);
      const bytes = readFileSync(path);
      checkMidiBytes(path, bytes);
      loaded.push({ path, bytes });
    }
  } catch (err) {
    if (err instanceof InputRefusal) return error(1, err.message);
    throw err;
  }
  const projectName = (flags.project ?? songName(files[0] as string)).trim();
  let session: StudioSession | undefined;
  let project: Project;
  let created = false;
  const songs: ImportSummary[] = [];
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'import the files');
    const found = await findProject(session, projectName);
    if (found) project = found;
    else {
      project = (await session.call('projects', 'create', { name: projectName })) as Project;
      created = true;
    }
    for (const { path, bytes } of loaded) {
      songs.push((await session.call('documents', 'importMidi', { projectId: project.id, name: songName(path), data: bytes.toString('base64') })) as ImportSummary);
    }
  } catch (err) {
    if (err instanceof CliRefusal) return error(1, err.message);
    const e = StudioError.from(err);
    return error(1, songs.length > 0 ? `${e.message} (${songs.length} of ${loaded.length} files were imported)` : e.message);
  } finally {
    session?.close();
  }
  const totals = {
    tracks: songs.reduce((n, s) => n + s.tracks, 0),
    notes: songs.reduce((n, s) => n + s.notes, 0),
    durationSeconds: songs.reduce((n, s) => Math.max(n, s.durationSeconds), 0),
  };
  if (flags.json) {
    console.log(
      JSON.stringify({
        project: { id: project.id, name: project.name, created },
        songs: songs.map((s) => ({ id: s.document.id, name: s.document.name, tracks: s.tracks, notes: s.notes, durationSeconds: s.durationSeconds })),
        ...totals,
      }),
    );
  } else {
    console.log(`${created ? 'Created' : 'Added to'} project “${project.name}” (${project.id}):`);
    for (const s of songs) console.log(`  ${s.document.name}: ${s.tracks} tracks, ${s.notes} notes, ${s.durationSeconds.toFixed(1)} s`);
  }
  return 0;
}
