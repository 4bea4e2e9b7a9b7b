// The project's audio: the list of audio assets (name, size, date), "Import audio…" (a file input;
// dropping audio files on the window goes to the same uploader, see midi-drop-overlay.tsx), one
// progress bar with Cancel per upload, refusals at the control, and the waveform of the selected
// asset. Delete asks first. Uploads and the list live in stores/assets-store.ts.
import { useEffect, useId, useRef, useState } from 'react';
import type { Asset } from '../../../shared/api/assets';
import { audioExtensions, soundfontMime } from '../../../shared/assets/audio-sniff';
import { useStudioClient } from '../../client/client-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatDateTime } from '../../lib/format';
import { cancelAudioUpload, uploadAudioFiles, useAssetsStore, watchAssets } from '../../stores/assets-store';
import { reportError } from '../../stores/ui-store';
import { formatBytes } from './upload-logic';
import { WaveformView } from './waveform-view';
import './audio.css';

/** Soundfonts are kept with the audio but have no waveform: songs play through them (Instruments menu). */
const isSoundfont = (a: Asset): boolean => a.mime === soundfontMime;

export function AudioSection({ projectId }: { projectId: string }) {
  const client = useStudioClient();
  const assets = useAssetsStore((s) => (s.projectId === projectId ? s.assets : []));
  const loaded = useAssetsStore((s) => s.projectId === projectId && s.loaded);
  const uploads = useAssetsStore((s) => s.uploads);
  const errors = useAssetsStore((s) => (s.projectId === projectId ? s.errors : []));
  // A song just rendered to WAV opens here with its waveform shown (render-actions.ts).
  const [selected, setSelected] = useState<string | null>(() => useAssetsStore.getState().reveal);
  const [deleting, setDeleting] = useState<Asset | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => watchAssets(client, projectId), [client, projectId]);
  useEffect(() => useAssetsStore.setState({ reveal: null }), []);
  const current = assets.find((a) => a.id === selected) ?? null;

  return (
    <section className="audio-assets" aria-labelledby="audio-title">
      <div className="songs-bar">
        <h2 id="audio-title" className="section-label">
          Audio
        </h2>
        <button
          type="button"
          className="btn btn-small"
          data-testid="import-audio"
          aria-describedby={errors.length ? errorId : undefined}
          onClick={() => input.current?.click()}
        >
          Import audio…
        </button>
        <input
          ref={input}
          type="file"
          accept={[...audioExtensions, 'audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/flac'].join(',')}
          multiple
          hidden
          data-testid="import-audio-input"
          aria-invalid={errors.length > 0}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void uploadAudioFiles(client, projectId, files);
          }}
        />
        <span className="text-dim songs-hint">WAV, MP3, OGG or FLAC (and SF2/SF3 soundfonts), up to 512 MB; or drop them onto the window</span>
      </div>
      {uploads.map((u) => (
        <div key={u.key} className="upload-row" data-testid="upload-progress">
          <span className="upload-name">{u.name}</span>
          <progress max={u.total} value={u.sent} aria-label={`Uploading ${u.name}`} />
          <span className="text-dim">
            {formatBytes(u.sent)} of {formatBytes(u.total)}
          </span>
          <button type="button" className="btn btn-small btn-ghost" data-testid="upload-cancel" onClick={() => cancelAudioUpload(u.key)}>
            Cancel
          </button>
        </div>
      ))}
      {errors.length > 0 && (
        <div id={errorId} className="field-error import-error" role="alert" data-testid="import-audio-error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {!loaded && <p className="empty-note">Loading audio…</p>}
      {loaded && assets.length === 0 && uploads.length === 0 && <p className="empty-note">No audio yet.</p>}
      {assets.length > 0 && (
        <ul className="song-list" data-testid="audio-list">
          {assets.map((a) => (
            <li key={a.id} className={`song-row audio-row${a.id === selected ? ' is-selected' : ''}`} data-testid="audio-row">
              {isSoundfont(a) ? (
                <span className="audio-name" title="A soundfont: choose it for a song in the song's Instruments menu">
                  {a.name}
                </span>
              ) : (
                <button type="button" className="audio-name" aria-pressed={a.id === selected} data-testid="audio-select" onClick={() => setSelected(a.id === selected ? null : a.id)}>
                  {a.name}
                </button>
              )}
              <span className="text-dim">
                {isSoundfont(a) ? 'Soundfont · ' : ''}
                {formatBytes(a.bytes)} · <time dateTime={new Date(a.createdAt).toISOString()}>{formatDateTime(a.createdAt)}</time>
              </span>
              <button type="button" className="btn btn-small btn-ghost" data-testid="audio-delete" onClick={() => setDeleting(a)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && !isSoundfont(current) && <WaveformView key={current.id} asset={current} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          confirmTestId="audio-delete-confirm"
          danger
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            if (selected === id) setSelected(null);
            client.assets.delete({ id }).catch(reportError);
          }}
          onCancel={() => setDeleting(null)}
        >
          <p>The audio file is removed from this project.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
