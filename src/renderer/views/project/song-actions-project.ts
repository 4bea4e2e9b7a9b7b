// What the project screen asks of the documents service: new song, MIDI import (from the file
// input or a drop), export as a download, rename and delete. Import refusals go back to the
// control that started them (the caller shows them there); the others are toasts.
import { fieldErrorOf } from '../../components/name-field-logic';
import type { DocumentInfo } from '../../../shared/api/documents';
import { StudioError } from '../../../shared/api/errors';
import { emptySequence, type NoteSequence } from '../../../shared/music/note-sequence';
import { newId } from '../../../shared/music/new-id';
import type { StudioClient } from '../../client/studio-client';
import { applyDocumentInfo, forgetDocument } from '../../stores/documents-store';
import { navigate, notify, reportError } from '../../stores/ui-store';
import { base64ToBytes, bytesToBase64, midiFileName, midiFileProblem, songNameOf } from './midi-file-logic';
import { downloadBlob } from '../../lib/download';

/** A new song is not blank paper: one piano track, ready to draw on. */
export function newSongContent(): NoteSequence {
  return {
    ...emptySequence(),
    tracks: [{ id: newId(), name: 'Piano', program: 0, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes: [] }],
  };
}

export function nextSongName(existing: readonly DocumentInfo[]): string {
  const names = new Set(existing.map((d) => d.name.toLowerCase()));
  for (let i = 1; ; i++) if (!names.has(`untitled song ${i}`)) return `Untitled song ${i}`;
}

export async function createSong(client: StudioClient, projectId: string, existing: readonly DocumentInfo[]): Promise<void> {
  try {
    const info = await client.documents.create({ projectId, kind: 'song', name: nextSongName(existing), content: newSongContent() });
    applyDocumentInfo(info);
    navigate({ name: 'song', projectId, docId: info.id });
  } catch (err) {
    reportError(err);
  }
}

let preparedAt = -Infinity;
/**
 * Tells the host a MIDI import is likely (a file dragged over the window, the pointer on Import) so
 * its reader is warm when the file comes. At most once in 20 s (the host keeps it warm 30 s); a
 * failure is not the user's concern (the import itself will say what is wrong).
 */
export function prepareMidiImport(client: StudioClient): void {
  const now = performance.now();
  if (now - preparedAt < 20_000) return;
  preparedAt = now;
  client.documents.prepareImport({}).catch(() => {
    preparedAt = -Infinity;
  });
}

/** Imports one file; resolves to the sentence to show at the control, or null on success. */
export async function importMidiFile(client: StudioClient, projectId: string, file: File, open: boolean): Promise<string | null> {
  const problem = midiFileProblem(file.name, file.size);
  if (problem) return problem;
  try {
    const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    const summary = await client.documents.importMidi({ projectId, name: songNameOf(file.name), data });
    applyDocumentInfo(summary.document);
    const seconds = Math.round(summary.durationSeconds);
    notify(
      `Imported “${summary.document.name}”: ${summary.tracks} track${summary.tracks === 1 ? '' : 's'}, ${summary.notes} note${summary.notes === 1 ? '' : 's'}, ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}.`,
    );
    if (open) navigate({ name: 'song', projectId, docId: summary.document.id });
    return null;
  } catch (err) {
    if (err instanceof StudioError && err.code !== 'internal' && err.code !== 'unavailable') return `“${file.name}”: ${fieldErrorOf(err)}`;
    return `“${file.name}” could not be imported: ${StudioError.from(err).message}`;
  }
}

/** Imports the files in turn; one file opens in the editor, several stay listed here. */
export async function importMidiFiles(client: StudioClient, projectId: string, files: readonly File[]): Promise<string[]> {
  const errors: string[] = [];
  for (const file of files) {
    const error = await importMidiFile(client, projectId, file, files.length === 1);
    if (error) errors.push(error);
  }
  return errors;
}

export async function exportSong(client: StudioClient, doc: DocumentInfo): Promise<void> {
  try {
    const { name, data } = await client.documents.exportMidi({ id: doc.id });
    downloadBlob(midiFileName(name || doc.name), new Blob([base64ToBytes(data)], { type: 'audio/midi' }));
  } catch (err) {
    reportError(err);
  }
}

export async function renameSong(client: StudioClient, id: string, name: string): Promise<string | null> {
  try {
    applyDocumentInfo(await client.documents.rename({ id, name }));
    return null;
  } catch (err) {
    return fieldErrorOf(err);
  }
}

export async function deleteSong(client: StudioClient, doc: DocumentInfo): Promise<boolean> {
  try {
    await client.documents.delete({ id: doc.id });
    forgetDocument(doc.id);
    notify(`Deleted “${doc.name}”.`);
    return true;
  } catch (err) {
    reportError(err);
    return false;
  }
}
