// The song's tracks, each beside its lane of the arrangement (and in its colour): pick the edited
// track, rename it (double-click), mute/solo, volume and pan (one edit when the slider is let go,
// not one per pixel), add a piano or drum track, duplicate one, delete one after a confirmation. Every change is an updateTrack,
// addTrack or removeTrack op with a label, so it undoes like a note edit.
import { useState } from 'react';
import { gmProgramName } from '../../../shared/music/gm-names';
import type { NoteSequence, Track, TrackSettings } from '../../../shared/music/note-sequence';
import { useStudioClient } from '../../client/client-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { InlineRename } from '../../components/inline-rename';
import { newGroupId } from '../../stores/document-logic';
import { editSong } from '../../stores/documents-store';
import { selectTrack, useSongEditorStore } from '../../stores/song-editor-store';
import { addTrack, plural } from './song-actions';
import { duplicateTrack } from './clip-actions';
import { trackColors } from './arrangement-draw';
import { SuggestedInstruments } from '../foryou/suggested-instruments';

function Slider({ label, value, min, max, step, format, onCommit, testId }: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (v: number) => string;
  onCommit: (v: number) => void;
  testId: string;
}) {
  const [draft, setDraft] = useState<number | null>(null);
  const shown = draft ?? value;
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  return (
    <label className="track-slider" title={`${label}: ${format(shown)}`}>
      <span className="track-slider-label">{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={shown}
        data-testid={testId}
        aria-valuetext={format(shown)}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
    </label>
  );
}

export function TrackList({ song }: { song: NoteSequence }) {
  const client = useStudioClient();
  const current = useSongEditorStore((s) => s.trackId);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Track | null>(null);

  const update = (track: Track, changes: Partial<TrackSettings>, label: string) =>
    editSong(client, [{ type: 'updateTrack', trackId: track.id, changes }], label, newGroupId());

  return (
    <aside className="track-list" aria-label="Tracks" data-testid="track-list">
      <div className="track-list-head">
        <h2 className="section-label">Tracks</h2>
        <span className="track-add">
          <button type="button" className="btn btn-small" data-testid="add-piano-track" onClick={() => addTrack(client, 'piano')}>
            + Piano
          </button>
          <button type="button" className="btn btn-small" data-testid="add-drum-track" onClick={() => addTrack(client, 'drums')}>
            + Drums
          </button>
          <SuggestedInstruments />
        </span>
      </div>
      <ul className="tracks">
        {song.tracks.map((track, i) => (
          <li
            style={{ '--track-color': trackColors[i % trackColors.length] } as React.CSSProperties}
            key={track.id}
            className={`track-row${track.id === current ? ' is-current' : ''}`}
            data-testid="track-row"
            data-track-id={track.id}
            data-drum={track.isDrum ? 'true' : 'false'}
            aria-current={track.id === current ? 'true' : undefined}
            onClick={() => selectTrack(track.id)}
          >
            <div className="track-title">
              {renaming === track.id ? (
                <InlineRename
                  initial={track.name}
                  label="Track name"
                  onSave={async (name) => ((await update(track, { name }, `Rename track to “${name}”`)) ? null : 'The name was not saved.')}
                  onDone={() => setRenaming(null)}
                />
              ) : (
                <button type="button" className="track-name" data-testid="track-name" title="Double-click to rename" onDoubleClick={() => setRenaming(track.id)}>
                  {track.name || 'Untitled track'}
                </button>
              )}
              <span className="track-instrument text-dim" data-testid="track-instrument">
                {track.isDrum ? 'Drums' : gmProgramName(track.program)} · {plural(track.notes.length, 'note')}
              </span>
            </div>
            <div className="track-controls" onClick={(e) => e.stopPropagation()}>
              <button
                type="button"
                className={`btn btn-small track-toggle${track.mute ? ' is-on' : ''}`}
                aria-pressed={track.mute}
                title="Mute"
                data-testid="track-mute"
                onClick={() => void update(track, { mute: !track.mute }, `${track.mute ? 'Unmute' : 'Mute'} “${track.name}”`)}
              >
                M
              </button>
              <button
                type="button"
                className={`btn btn-small track-toggle solo${track.solo ? ' is-on' : ''}`}
                aria-pressed={track.solo}
                title="Solo"
                data-testid="track-solo"
                onClick={() => void update(track, { solo: !track.solo }, `${track.solo ? 'Unsolo' : 'Solo'} “${track.name}”`)}
              >
                S
              </button>
              <Slider
                label="Vol"
                testId="track-volume"
                value={track.volume}
                min={0}
                max={1}
                step={0.01}
                format={(v) => `${Math.round(v * 100)}%`}
                onCommit={(volume) => void update(track, { volume }, `Set volume of “${track.name}”`)}
              />
              <Slider
                label="Pan"
                testId="track-pan"
                value={track.pan}
                min={-1}
                max={1}
                step={0.02}
                format={(v) => (Math.abs(v) < 0.01 ? 'Centre' : `${Math.round(Math.abs(v) * 100)}% ${v < 0 ? 'left' : 'right'}`)}
                onCommit={(pan) => void update(track, { pan }, `Set pan of “${track.name}”`)}
              />
              <button
                type="button"
                className="btn btn-small btn-ghost"
                title="Duplicate track (Ctrl/Cmd+Shift+D)"
                data-testid="track-duplicate"
                onClick={() => {
                  selectTrack(track.id);
                  duplicateTrack(client);
                }}
              >
                ❏
              </button>
              <button type="button" className="btn btn-small btn-ghost" title="Rename track" data-testid="track-rename" onClick={() => setRenaming(track.id)}>
                ✎
              </button>
              <button type="button" className="btn btn-small btn-ghost btn-ghost-danger" title="Delete track" data-testid="track-delete" onClick={() => setDeleting(track)}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ul>
      {song.tracks.length === 0 && <p className="empty-note">No tracks. Add a piano or drum track to start writing.</p>}
      {deleting && (
        <ConfirmDialog
          title={`Delete the track “${deleting.name}”?`}
          confirmLabel="Delete track"
          confirmTestId="confirm-delete-track"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const track = deleting;
            setDeleting(null);
            if (track.id === useSongEditorStore.getState().trackId) selectTrack(null);
            void editSong(client, [{ type: 'removeTrack', trackId: track.id }], `Delete track “${track.name}”`);
          }}
        >
          <p>
            Its {plural(deleting.notes.length, 'note')} go with it. Undo (Ctrl/Cmd+Z) brings the track back.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
