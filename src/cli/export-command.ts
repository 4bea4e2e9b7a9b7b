// `montage export PROJECT --format mid [--song NAME] [--out FILE] [--force] [--json]`: writes a song
// of a project (by name or id) as a Standard MIDI File. Never overwrites a file unless --force (the
// file is opened with 'wx'). WAV needs the playback engine and is refused for now.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StudioError, type DocumentInfo, type OpenedDocument } from '../shared/api';
import { sequenceSummary } from '../shared/music';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, openStudioSession, type StudioSession } from './host-session';
import { InputRefusal, findProject } from './song-files';

export interface ExportFlags {
  format?: string;
  song?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  dataDir?: string;
}

/** A song name as a file name: no path separators or control characters. */
const fileName = (name: string): string => `${name.replace(/[/\\:*?"<>|\p{Cc}]+/gu, '_').replace(/^\.+/, '_') || 'song'}.mid`;

export async function exportCommand(positionals: string[], flags: ExportFlags): Promise<number> {
  const error = (code: number, message: string): number => {
    console.error(`montage: ${message.replace(/\s*\n\s*/g, ' ')}`);
    return code;
  };
  if (positionals.length !== 1) return error(2, 'usage: montage export PROJECT --format mid [--song NAME] [--out FILE] [--force] [--json]');
  const format = (flags.format ?? 'mid').toLowerCase();
  if (format === 'wav') return error(1, 'WAV rendering arrives with playback; only --format mid works now.');
  if (format !== 'mid' && format !== 'midi') return error(2, `unknown --format "${flags.format}" (mid)`);
  const started = performance.now();
  let session: StudioSession | undefined;
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'export the song');
    const project = await findProject(session, positionals[0] as string);
    if (!project) throw new InputRefusal(`No project is named or has the id “${positionals[0]}”; see \`montage projects list\`.`);
    const songs = (await session.call('documents', 'list', { projectId: project.id })) as DocumentInfo[];
    if (songs.length === 0) throw new InputRefusal(`The project “${project.name}” has no songs to export.`);
    let song: DocumentInfo | undefined;
    if (flags.song !== undefined) {
      const want = flags.song.trim().toLowerCase();
      song = songs.find((s) => s.name.toLowerCase() === want || s.id === flags.song);
      if (!song) throw new InputRefusal(`The project “${project.name}” has no song named “${flags.song}” (it has ${songs.map((s) => `“${s.name}”`).join(', ')}).`);
    } else if (songs.length === 1) {
      song = songs[0];
    } else {
      return error(2, `The project “${project.name}” has ${songs.length} songs (${songs.map((s) => `“${s.name}”`).join(', ')}); pick one with --song NAME.`);
    }
    const { id } = song as DocumentInfo;
    const opened = (await session.call('documents', 'open', { id })) as OpenedDocument;
    const midi = (await session.call('documents', 'exportMidi', { id })) as { name: string; data: string };
    await session.call('documents', 'close', { id });
    const path = resolve(flags.out ?? fileName(midi.name));
    try {
      writeFileSync(path, Buffer.from(midi.data, 'base64'), { flag: flags.force ? 'w' : 'wx' });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new InputRefusal(`${path} already exists; choose another --out, or add --force to replace it.`);
      throw new InputRefusal(`Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const durationSeconds = sequenceSummary(opened.content).durationSeconds;
    const renderSeconds = (performance.now() - started) / 1000;
    if (flags.json) console.log(JSON.stringify({ path, format: 'mid', durationSeconds, renderSeconds }));
    else console.log(`Wrote ${path} (“${midi.name}”, ${durationSeconds.toFixed(1)} s).`);
    return 0;
  } catch (err) {
    if (err instanceof CliRefusal || err instanceof InputRefusal) return error(1, err.message);
    return error(1, StudioError.from(err).message);
  } finally {
    session?.close();
  }
}
