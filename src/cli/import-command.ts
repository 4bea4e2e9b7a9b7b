// `montage import FILE… [--project NAME] [--json]`: MIDI files become songs of a project, .fountain
// and .fdx files its scripts, and WAV, MP3, OGG and FLAC files its audio assets (the project is made when no project has that name;
// default: the first file's base name). Every file is checked (type by its first bytes, size,
// MIDI parse) before anything is written, so a bad file leaves the project as it was. Goes through
// the running host's API, or a host of its own (host-session.ts); audio is sent in chunks, as the
// renderer sends it, so a large file never sits in one message.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { StudioError, type Asset, type ImportSummary, type Project, type ScriptFormat, type ScriptImportSummary } from '../shared/api';
import { scriptFormatOf } from '../shared/script/decode';
import { isScriptRefusal, readScriptBytes } from '../main/script/read-script';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, fail, openStudioSession, type StudioSession } from './host-session';
import { InputRefusal, checkAudioFile, checkMidiBytes, checkMidiFile, findProject, isAudioPath } from './song-files';

export interface ImportFlags {
  project?: string;
  json?: boolean;
  dataDir?: string;
}

const songName = (path: string): string => basename(path, extname(path)).trim().slice(0, 120) || 'Imported';

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Sends one audio file in chunks; a failure cancels the upload so the host keeps nothing. */
async function uploadAudio(session: StudioSession, projectId: string, path: string, size: number, mime: string): Promise<Asset> {
  const { uploadId, chunkBytes } = (await session.call('assets', 'beginUpload', { projectId, name: basename(path).slice(0, 200), bytes: size, mime })) as {
    uploadId: string;
    chunkBytes: number;
  };
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(chunkBytes);
      for (let index = 0, at = 0; at < size; index++) {
        const n = readSync(fd, buf, 0, Math.min(chunkBytes, size - at), at);
        if (n === 0) throw new InputRefusal(`${path} changed while it was being imported.`);
        await session.call('assets', 'uploadChunk', { uploadId, index, data: buf.subarray(0, n).toString('base64') });
        at += n;
      }
    } finally {
      closeSync(fd);
    }
    return (await session.call('assets', 'finishUpload', { uploadId })) as Asset;
  } catch (err) {
    await session.call('assets', 'cancelUpload', { uploadId }).catch(() => undefined);
    throw err;
  }
}

/** Exit codes: 0 ok, 1 failed, 2 bad usage. Errors are one line on stderr. */
export async function importCommand(files: string[], flags: ImportFlags): Promise<number> {
  if (files.length === 0) return fail(2, 'usage: montage import FILE… [--project NAME] [--json]');
  const loaded: { path: string; bytes: Buffer }[] = [];
  const audio: { path: string; size: number; mime: string }[] = [];
  const scriptFiles: { path: string; bytes: Buffer; format: ScriptFormat }[] = [];
  try {
    for (const path of files) {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw new InputRefusal(`${path}: no such file.`);
      }
      if (isAudioPath(path)) {
        audio.push({ path, size, mime: checkAudioFile(path, size, readHead(path)).mime });
        continue;
      }
      const scriptFormat = scriptFormatOf(path);
      if (scriptFormat) {
        const bytes = readFileSync(path);
        try {
          readScriptBytes(bytes, scriptFormat);
        } catch (err) {
          if (isScriptRefusal(err)) throw new InputRefusal(`${path}: ${err.message}`);
          throw err;
        }
        scriptFiles.push({ path, bytes, format: scriptFormat });
        continue;
      }
      checkMidiFile(path, size);
      const bytes = readFileSync(path);
      checkMidiBytes(path, bytes);
      loaded.push({ path, bytes });
    }
  } catch (err) {
    if (err instanceof InputRefusal) return fail(1, err.message);
    throw err;
  }
  const projectName = (flags.project ?? songName(files[0] as string)).trim();
  let session: StudioSession | undefined;
  let project: Project;
  let created = false;
  const songs: ImportSummary[] = [];
  const assets: Asset[] = [];
  const scripts: ScriptImportSummary[] = [];
  const total = loaded.length + audio.length + scriptFiles.length;
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
    for (const { path, size, mime } of audio) assets.push(await uploadAudio(session, project.id, path, size, mime));
    for (const { path, bytes, format } of scriptFiles) {
      scripts.push((await session.call('scripts', 'importFile', { projectId: project.id, name: songName(path), format, data: bytes.toString('base64') })) as ScriptImportSummary);
    }
  } catch (err) {
    if (err instanceof CliRefusal || err instanceof InputRefusal) return fail(1, err.message);
    const e = StudioError.from(err);
    const done = songs.length + assets.length + scripts.length;
    return fail(1, done > 0 ? `${e.message} (${done} of ${total} files were imported)` : e.message);
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
        assets: assets.map((a) => ({ id: a.id, name: a.name, bytes: a.bytes, hash: a.hash })),
        scripts: scripts.map((s) => ({ id: s.document.id, name: s.document.name, scenes: s.scenes, pages: s.pages })),
        ...totals,
      }),
    );
  } else {
    console.log(`${created ? 'Created' : 'Added to'} project “${project.name}” (${project.id}):`);
    for (const s of songs) console.log(`  ${s.document.name}: ${s.tracks} tracks, ${s.notes} notes, ${s.durationSeconds.toFixed(1)} s`);
    for (const a of assets) console.log(`  ${a.name}: audio, ${(a.bytes / 1024).toFixed(0)} KB`);
    for (const s of scripts) console.log(`  ${s.document.name}: script, ${s.scenes} scenes, ${s.pages} pages`);
  }
  return 0;
}
