// The song editor screen (#/projects/<id>/songs/<docId>): opens the song on the host for as long
// as the screen is shown (documents-store.ts mirrors it), with the toolbar (Undo/Redo with the
// host's labels, snap, pencil, zoom, the transport), the track list beside the arrangement's lanes
// (one scroll for both), and below them the piano roll of the chosen track. Playback lives as long as the screen: leaving it stops the sound and disposes the nodes.
import { useEffect, useRef } from 'react';
import { useStudioClient } from '../../client/client-context';
import { historyLabels } from '../../stores/document-logic';
import { openSong, useDocumentsStore } from '../../stores/documents-store';
import { routeHash } from '../../stores/route';
import { resetSongEditor, selectTrack, useSongEditorStore } from '../../stores/song-editor-store';
import { useProjectsStore } from '../../stores/projects-store';
import { usePlaybackStore } from '../../stores/playback-store';
import { recordEvent } from '../../lib/record-event';
import { PianoRoll } from './piano-roll';
import { snapChoices, type Snap } from './piano-roll-logic';
import { undoRedo, zoom } from './song-actions';
import { TrackList } from './track-list';
import { Arrangement } from './arrangement';
import { TransportBar } from './transport-bar';
import { RenderControl } from './render-control';
import { SoundfontControl } from './soundfont-control';
import { resetRender } from '../../audio/render-actions';
import { attachPlayback } from '../../audio/transport-actions';
import { GeneratePanel } from '../generate/generate-panel';
import { attachGeneration, resetGenerate, togglePanel } from '../generate/generate-actions';
import { useGenerateStore } from '../generate/generate-store';
import './song.css';

export function SongEditor({ projectId, docId }: { projectId: string; docId: string }) {
  const client = useStudioClient();
  const open = useDocumentsStore((s) => (s.openId === docId ? s.open : null));
  const openState = useDocumentsStore((s) => (s.openId === docId ? s.openState : 'opening'));
  const busy = useDocumentsStore((s) => s.inFlight > 0);
  const projectName = useProjectsStore((s) => s.projects.find((p) => p.id === projectId)?.name);
  // One selector per field: the editor must not re-render on every scroll of the roll.
  const trackId = useSongEditorStore((s) => s.trackId);
  const snap = useSongEditorStore((s) => s.snap);
  const drawMode = useSongEditorStore((s) => s.drawMode);
  const arrangeRef = useRef<HTMLDivElement>(null);
  const generateOpen = useGenerateStore((s) => s.open);

  useEffect(() => {
    resetSongEditor();
    const stopPlayback = attachPlayback();
    // History: each start of playback of this song (Space, the Play button, any command) is one
    // `song.played`, counted when the sound starts (after loading and count-in), not on a failed start.
    const stopPlayWatch = usePlaybackStore.subscribe((now, before) => {
      if (now.status !== 'playing' || before.status === 'playing') return;
      const info = useDocumentsStore.getState().open?.info;
      if (info?.id !== docId) return;
      recordEvent(client, { type: 'song.played', item: `song:${docId}`, projectId: info.projectId });
    });
    const close = openSong(client, docId);
    const detachGeneration = attachGeneration(client);
    return () => {
      stopPlayWatch();
      stopPlayback();
      resetRender();
      detachGeneration();
      resetGenerate();
      close();
    };
  }, [client, docId]);

  // History: one `document.opened` once the song is open here (not for a song that is missing).
  const openedProjectId = open?.info.projectId;
  const recordedOpen = useRef(false);
  useEffect(() => {
    if (!openedProjectId || recordedOpen.current) return;
    recordedOpen.current = true;
    recordEvent(client, { type: 'document.opened', item: `song:${docId}`, projectId: openedProjectId });
  }, [client, docId, openedProjectId]);

  // Edit the first track with notes when the song opens, or whatever is left when one is deleted.
  const tracks = open?.content.tracks;
  useEffect(() => {
    if (!tracks || (trackId && tracks.some((t) => t.id === trackId))) return;
    selectTrack((tracks.find((t) => t.notes.length > 0) ?? tracks[0])?.id ?? null);
  }, [tracks, trackId]);

  const back = (
    <a className="back-link" href={routeHash({ name: 'project', projectId })} data-testid="project-link" title="Back to the project (Esc or Alt+←)">
      ← {projectName ?? 'Project'}
    </a>
  );

  if (!open) {
    return (
      <div className="song-screen">
        <nav className="breadcrumb">{back}</nav>
        {openState === 'missing' ? (
          <div className="empty-state">
            <p className="empty-state-title">This song is not here any more</p>
            <p>It may have been deleted in another window. Go back to the project to pick another one.</p>
          </div>
        ) : (
          <p className="empty-note">Opening song…</p>
        )}
      </div>
    );
  }

  const song = open.content;
  const track = song.tracks.find((t) => t.id === trackId) ?? null;
  const labels = historyLabels(open.history);

  return (
    <div className="song-screen" data-testid="song-editor" data-rev={open.rev}>
      <nav className="breadcrumb">{back}</nav>
      <header className="song-toolbar">
        <h1 className="song-title" data-testid="song-title">
          {open.info.name}
        </h1>
        <div className="toolbar-group">
          <button type="button" className="btn btn-small" data-testid="song-undo" disabled={!open.history.canUndo} title={`${labels.undo} (Ctrl/Cmd+Z)`} onClick={() => undoRedo(client, 'undo')}>
            {labels.undo}
          </button>
          <button type="button" className="btn btn-small" data-testid="song-redo" disabled={!open.history.canRedo} title={`${labels.redo} (Ctrl/Cmd+Shift+Z)`} onClick={() => undoRedo(client, 'redo')}>
            {labels.redo}
          </button>
        </div>
        <div className="toolbar-group">
          <button
            type="button"
            className={`btn btn-small${drawMode ? ' is-on' : ''}`}
            aria-pressed={drawMode}
            data-testid="draw-mode"
            title="Pencil: click draws a note (B). A double-click always draws."
            onClick={() => useSongEditorStore.setState({ drawMode: !drawMode })}
          >
            ✎ Draw
          </button>
          <label className="toolbar-field">
            Snap
            <select className="input input-small" data-testid="snap" value={snap} onChange={(e) => useSongEditorStore.setState({ snap: e.target.value as Snap })}>
              {snapChoices.map((s) => (
                <option key={s} value={s}>
                  {s === 'off' ? 'Off' : s}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small" data-testid="zoom-out" title="Zoom out (-, or Ctrl+wheel)" onClick={() => zoom(1 / 1.5)}>
            −
          </button>
          <button type="button" className="btn btn-small" data-testid="zoom-in" title="Zoom in (=, or Ctrl+wheel)" onClick={() => zoom(1.5)}>
            +
          </button>
        </div>
        <TransportBar song={song} />
        <SoundfontControl song={song} projectId={open.info.projectId} />
        <RenderControl />
        <button
          type="button"
          className={`btn btn-small${generateOpen ? ' is-on' : ''}`}
          aria-pressed={generateOpen}
          data-testid="generate-toggle"
          title="Generate music with a model (Ctrl/Cmd+G)"
          onClick={() => togglePanel(client)}
        >
          ✦ Generate
        </button>
        <span className="song-meta text-dim">
          {song.keySignatures[0] && `${['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'][song.keySignatures[0].tonic]} ${song.keySignatures[0].mode}`}
          {busy && (song.keySignatures[0] ? ' · saving…' : 'saving…')}
        </span>
      </header>
      <div className={`song-body${generateOpen ? ' with-generate' : ''}`}>
        <div className="arrange-area" data-testid="arrange-area">
          <div className="arrange-tracks" ref={arrangeRef}>
            <TrackList song={song} />
          </div>
          <Arrangement song={song} listRef={arrangeRef} />
        </div>
        {track ? (
          <PianoRoll song={song} track={track} />
        ) : (
          <div className="empty-state">
            <p className="empty-state-title">No track to edit</p>
            <p>Add a piano or drum track on the left.</p>
          </div>
        )}
        {generateOpen && <GeneratePanel song={song} />}
      </div>
    </div>
  );
}
