// The project's songs: the list (name, last change), New song, Import MIDI… (with its refusals
// said at the control), and per song Open, Rename, Export MIDI and Delete (after a confirmation).
// Dropping .mid files anywhere on the window imports them too (midi-drop-overlay.tsx), and dropped
// .fountain/.fdx files go to the scripts (script-list.tsx).
import { useEffect, useId, useRef, useState } from 'react';
import { useStudioClient } from '../../client/client-context';
import { useDocumentsStore, watchDocuments } from '../../stores/documents-store';
import { uploadAudioFiles } from '../../stores/assets-store';
import { DocumentRows } from './document-rows';
import { MidiDropOverlay } from './midi-drop-overlay';
import { uploadImageFiles } from '../images/images-store';
import { runScriptImport } from './script-list';
import { createSong, deleteSong, exportSong, importMidiFiles, prepareMidiImport, renameSong } from './song-actions-project';

export function SongList({ projectId }: { projectId: string }) {
  const client = useStudioClient();
  const songs = useDocumentsStore((s) => (s.projectId === projectId ? s.songs : []));
  const loaded = useDocumentsStore((s) => s.projectId === projectId && s.listLoaded);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [importing, setImporting] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => watchDocuments(client, projectId), [client, projectId]);

  const runImport = async (files: File[]) => {
    if (!files.length || importing) return;
    setImporting(true);
    setImportErrors([]);
    const errors = await importMidiFiles(client, projectId, files);
    setImporting(false);
    setImportErrors(errors);
  };

  return (
    <section className="songs" aria-labelledby="songs-title">
      <MidiDropOverlay
        onFiles={(files) => void runImport(files)}
        onAudioFiles={(files) => void uploadAudioFiles(client, projectId, files)}
        onImageFiles={(files) => void uploadImageFiles(client, projectId, files)}
        onFilesNear={() => prepareMidiImport(client)}
        onScriptFiles={(files) => void runScriptImport(client, projectId, files)}
      />
      <div className="songs-bar">
        <h2 id="songs-title" className="section-label">
          Songs
        </h2>
        <button type="button" className="btn btn-small btn-primary" data-testid="new-song" onClick={() => void createSong(client, projectId, songs)}>
          New song
        </button>
        <span className="import-control">
          <button
            type="button"
            className="btn btn-small"
            data-testid="import-midi"
            disabled={importing}
            aria-describedby={importErrors.length ? errorId : undefined}
            onPointerEnter={() => prepareMidiImport(client)}
            onFocus={() => prepareMidiImport(client)}
            onClick={() => input.current?.click()}
          >
            {importing ? 'Importing…' : 'Import MIDI…'}
          </button>
          <input
            ref={input}
            type="file"
            accept=".mid,.midi,audio/midi,audio/x-midi"
            multiple
            hidden
            data-testid="import-midi-input"
            aria-invalid={importErrors.length > 0}
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              // Choosing the same file again after fixing it must fire change again.
              e.currentTarget.value = '';
              void runImport(files);
            }}
          />
        </span>
        <span className="text-dim songs-hint">or drop .mid files onto the window</span>
      </div>
      {importErrors.length > 0 && (
        <div id={errorId} className="field-error import-error" role="alert" data-testid="import-error">
          {importErrors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {loaded && songs.length === 0 && (
        <div className="empty-state">
          <p className="empty-state-title">No songs yet</p>
          <p>Start a new song with a piano track, or import a MIDI file from your DAW or notation program.</p>
        </div>
      )}
      {!loaded && <p className="empty-note">Loading songs…</p>}
      <DocumentRows
        kind="song"
        projectId={projectId}
        documents={songs}
        onRename={(id, name) => renameSong(client, id, name)}
        onDelete={(song) => deleteSong(client, song)}
        extraActions={(song) => (
          <button type="button" className="btn btn-small btn-ghost" data-testid="song-export" onClick={() => void exportSong(client, song)}>
            Export MIDI
          </button>
        )}
        deleteNote={<p>The song and its undo history are removed from this project. Export it as MIDI first if you want a copy.</p>}
      />
    </section>
  );
}
