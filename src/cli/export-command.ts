// `montage export PROJECT [--format mid|wav] [--song NAME] [--out FILE] [--force] [--json]
// [--start-bar N] [--end-bar M]` (scripts: script-export.ts): writes a song of a project (by name or id) as a Standard MIDI File,
// or renders it to a 16-bit 44.1 kHz stereo WAV with the app's own instruments (Tone.js on
// node-web-audio-api, in a worker thread: src/workers/render). Never overwrites a file unless
// --force (the file is opened with 'wx').
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StudioError, type Asset, type DocumentInfo, type OpenedDocument } from '../shared/api';
import { sequenceSummary } from '../shared/music';
import type { NoteSequence } from '../shared/music/note-sequence';
import { regionFromBars } from '../shared/sound/render-plan';
import { defaultDataDir, packageRoot } from '../main/paths';
import { assetFilePath } from '../main/assets/asset-request';
import { RenderError, renderSongOffThread, renderThreadEntry } from '../workers/render/render-off-thread';
import { CliRefusal, fail, openStudioSession, type StudioSession } from './host-session';
import { InputRefusal, findProject, writeOut } from './song-files';
import { exportScriptCommand } from './script-export';

export interface ExportFlags {
  format?: string;
  song?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  dataDir?: string;
  /** Scripts (--format fountain|pdf|fdx): which script, PDF paper and scene numbers. */
  script?: string;
  paper?: string;
  sceneNumbers?: boolean;
  /** WAV only: the first and last bar to render (1-based, included). */
  startBar?: number;
  endBar?: number;
}

/** A song name as a file name: no path separators or control characters. */
const fileName = (name: string, ext: string): string => `${name.replace(/[/\\:*?"<>|\p{Cc}]+/gu, '_').replace(/^\.+/, '_') || 'song'}.${ext}`;

export async function exportCommand(positionals: string[], flags: ExportFlags): Promise<number> {
  if (positionals.length !== 1) return fail(2, 'usage: montage export PROJECT [--format mid|wav] [--song NAME] [--out FILE] [--force] [--json] [--start-bar N] [--end-bar M]');
  const format = (flags.format ?? 'mid').toLowerCase();
  if (format === 'fountain' || format === 'pdf' || format === 'fdx') {
    if (flags.song !== undefined || flags.startBar !== undefined || flags.endBar !== undefined) return fail(2, '--song, --start-bar and --end-bar go with songs (--format mid|wav).');
    return exportScriptCommand(positionals, format, flags);
  }
  if (flags.script !== undefined || flags.paper !== undefined || flags.sceneNumbers) return fail(2, '--script, --paper and --scene-numbers go with scripts (--format fountain|pdf|fdx).');
  const wav = format === 'wav';
  if (!wav && format !== 'mid' && format !== 'midi') return fail(2, `unknown --format "${flags.format}" (mid or wav for songs; fountain, pdf or fdx for scripts)`);
  if (!wav && (flags.startBar !== undefined || flags.endBar !== undefined)) return fail(2, '--start-bar and --end-bar go with --format wav.');
  const started = performance.now();
  let session: StudioSession | undefined;
  try {
    let name: string;
    let content: NoteSequence;
    let midi: Uint8Array | null = null;
    let soundfont: string | undefined;
    try {
      session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'export the song');
      const project = await findProject(session, positionals[0] as string);
      if (!project) throw new InputRefusal(`No project is named or has the id “${positionals[0]}”; see \`montage projects list\`.`);
      const songs = ((await session.call('documents', 'list', { projectId: project.id })) as DocumentInfo[]).filter((d) => d.kind === 'song');
      if (songs.length === 0) throw new InputRefusal(`The project “${project.name}” has no songs to export.`);
      let song: DocumentInfo | undefined;
      if (flags.song !== undefined) {
        const want = flags.song.trim().toLowerCase();
        song = songs.find((s) => s.name.toLowerCase() === want || s.id === flags.song);
        if (!song) throw new InputRefusal(`The project “${project.name}” has no song named “${flags.song}” (it has ${songs.map((s) => `“${s.name}”`).join(', ')}).`);
      } else if (songs.length === 1) {
        song = songs[0];
      } else {
        return fail(2, `The project “${project.name}” has ${songs.length} songs (${songs.map((s) => `“${s.name}”`).join(', ')}); pick one with --song NAME.`);
      }
      const { id } = song as DocumentInfo;
      const opened = (await session.call('documents', 'open', { id })) as OpenedDocument;
      content = opened.content;
      name = (song as DocumentInfo).name;
      if (!wav) {
        const file = (await session.call('documents', 'exportMidi', { id })) as { name: string; data: string };
        name = file.name;
        midi = Buffer.from(file.data, 'base64');
      }
      await session.call('documents', 'close', { id });
      if (wav && content.soundfont) {
        // The song plays from a soundfont of the project: the render thread reads its file.
        const assets = (await session.call('assets', 'list', { projectId: project.id })) as Asset[];
        if (!assets.some((a) => a.hash === content.soundfont)) {
          throw new InputRefusal(`The song “${name}” plays from a soundfont that is no longer in the project; choose another (or Built-in instruments) in the song editor.`);
        }
        soundfont = assetFilePath(session.dataDir, project.id, content.soundfont, 'sf2');
      }
    } finally {
      // The song is read: the host (and the data folder's lock, if it was ours) is not needed for the render.
      session?.close();
      session = undefined;
    }

    if (!wav) {
      const path = resolve(flags.out ?? fileName(name, 'mid'));
      writeOut(path, midi as Uint8Array, flags.force);
      const durationSeconds = sequenceSummary(content).durationSeconds;
      const renderSeconds = (performance.now() - started) / 1000;
      if (flags.json) console.log(JSON.stringify({ path, format: 'mid', durationSeconds, renderSeconds }));
      else console.log(`Wrote ${path} (“${name}”, ${durationSeconds.toFixed(1)} s).`);
      return 0;
    }

    const region = regionFromBars(content, flags.startBar, flags.endBar);
    if (typeof region === 'string') return fail(2, region);
    const path = resolve(flags.out ?? fileName(name, 'wav'));
    // Refused before the render rather than after it (the write itself is 'wx' all the same).
    if (!flags.force && existsSync(path)) throw new InputRefusal(`${path} already exists; choose another --out, or add --force to replace it.`);
    const showProgress = !flags.json && process.stderr.isTTY;
    const { wav: bytes, stats } = await renderSongOffThread(content, {
      entry: renderThreadEntry(packageRoot()),
      region,
      soundfont,
      onProgress: showProgress ? (f) => process.stderr.write(`\rRendering “${name}”… ${Math.floor(f * 100)} %`) : undefined,
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    writeOut(path, bytes, flags.force);
    const renderSeconds = (performance.now() - started) / 1000;
    if (flags.json) console.log(JSON.stringify({ path, format: 'wav', durationSeconds: stats.durationSeconds, renderSeconds }));
    else console.log(`Wrote ${path} (“${name}”, ${stats.durationSeconds.toFixed(1)} s of audio, rendered in ${renderSeconds.toFixed(1)} s).`);
    return 0;
  } catch (err) {
    if (err instanceof CliRefusal || err instanceof InputRefusal || err instanceof RenderError) return fail(1, err.message);
    return fail(1, StudioError.from(err).message);
  } finally {
    session?.close();
  }
}
