// The arrangement: the song's tracks as lanes beside the track list (each lane drawn level with
// its track row, wherever the list is scrolled), clips on a bar ruler, the loop region and the
// playhead.
// A click on a clip chooses it and shows it in the piano roll below; dragging moves it along its
// lane or onto another track (one undo step); a double-click names it, or on empty lane space adds
// an empty one-bar clip. The ruler seeks on a click and sets the loop region on a drag. Ctrl/Cmd +
// wheel zooms, Shift + wheel (or a sideways trackpad) scrolls time, the plain wheel scrolls the
// tracks. Drawn on one canvas.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { arrangeTrack, isFree, type ArrangedClip } from '../../../shared/music/clips';
import type { NoteSequence, Track } from '../../../shared/music/note-sequence';
import { defaultLoop, loopFromDrag } from '../../audio/playback-logic';
import { livePlayheadTick, seek, setLoopRegion } from '../../audio/transport-actions';
import { useStudioClient } from '../../client/client-context';
import { InlineRename } from '../../components/inline-rename';
import { fitToDevicePixels } from '../../lib/canvas';
import { usePlaybackStore } from '../../stores/playback-store';
import { selectClip, useSongEditorStore } from '../../stores/song-editor-store';
import { drawArrangement, type ArrangeTrack } from './arrangement-draw';
import { arrTickToX, arrXToTick, arrZoomAt, clipAt, clipGrid, dropStart, fitZoom, laneAt, type ArrangeView, type Lane } from './arrangement-logic';
import { addClip, moveClip, renameClip } from './clip-actions';
import { draggedCard, dropDragged } from '../generate/generate-actions';
import { dropBar, trackSuits } from '../generate/generate-logic';

type Gesture =
  | { kind: 'ruler'; tick0: number; x0: number; moved: boolean }
  | { kind: 'clip'; fromTrackId: string; clip: ArrangedClip; grabOffset: number; x0: number; y0: number; moved: boolean };

interface Ghost {
  trackId: string;
  start: number;
  duration: number;
  ok: boolean;
}

/** Lanes from the track rows' positions in the scrolled list, relative to the canvas. */
function measureLanes(area: HTMLElement, canvas: HTMLCanvasElement): { lanes: Lane[]; rulerHeight: number } {
  const top = canvas.getBoundingClientRect().top;
  const head = area.querySelector('.track-list-head');
  const rulerHeight = head ? Math.max(20, Math.round(head.getBoundingClientRect().bottom - top)) : 28;
  const lanes = [...area.querySelectorAll<HTMLElement>('[data-testid="track-row"]')].map((row) => {
    const r = row.getBoundingClientRect();
    return { trackId: row.dataset.trackId ?? '', top: r.top - top, height: r.height };
  });
  return { lanes, rulerHeight };
}

export function Arrangement({ song, listRef: areaRef }: { song: NoteSequence; listRef: RefObject<HTMLDivElement | null> }) {
  const client = useStudioClient();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 600, height: 200 });
  const [, setScrollTop] = useState(0);
  // Only what the arrangement shows: a piano-roll scroll must not repaint it.
  const editor = useSongEditorStore(
    useShallow((s) => ({ clipId: s.clipId, trackId: s.trackId, renamingClipId: s.renamingClipId, arrangePxPerTick: s.arrangePxPerTick, arrangeScrollX: s.arrangeScrollX })),
  );
  const userLoop = usePlaybackStore((s) => s.loopRegion);
  const loop = usePlaybackStore((s) => s.loop);
  const status = usePlaybackStore((s) => s.status);
  usePlaybackStore((s) => (s.status === 'playing' ? -1 : s.playheadTick));
  const [loopPreview, setLoopPreview] = useState<{ start: number; end: number } | null>(null);
  const [ghost, setGhost] = useState<Ghost | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const [cursor, setCursor] = useState('default');

  const tracks = useMemo(
    () => new Map<string, ArrangeTrack>(song.tracks.map((t: Track) => [t.id, { id: t.id, notes: t.notes, clips: arrangeTrack(song, t), muted: t.mute }])),
    [song],
  );
  const clipsByTrack = useMemo(() => new Map([...tracks].map(([id, t]) => [id, t.clips])), [tracks]);
  const loopRegion = loopPreview ?? userLoop ?? defaultLoop(song);
  const loopOn = loop || loopPreview !== null;

  const viewFor = (rulerHeight: number): ArrangeView => ({ width: size.width, height: size.height, rulerHeight, pxPerTick: editor.arrangePxPerTick, scrollX: editor.arrangeScrollX });
  const stateRef = useRef({ viewFor, tracks, clipsByTrack });
  useLayoutEffect(() => {
    stateRef.current = { viewFor, tracks, clipsByTrack };
  });

  // Size from the layout; a scroll of the track list redraws the lanes.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const area = areaRef.current;
    if (!canvas || !area) return;
    const observer = new ResizeObserver(() => setSize({ width: Math.max(100, Math.floor(canvas.clientWidth)), height: Math.max(60, Math.floor(canvas.clientHeight)) }));
    observer.observe(canvas);
    const onScroll = () => setScrollTop(area.scrollTop);
    area.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      area.removeEventListener('scroll', onScroll);
    };
  }, [areaRef]);

  // A song opens fitted to the width.
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || size.width < 200) return;
    fitted.current = true;
    const bar = song.ppq * 4;
    const end = Math.max(...song.tracks.flatMap((t) => t.notes.slice(-1).map((n) => n.start + n.duration)), 8 * bar);
    useSongEditorStore.setState({ arrangePxPerTick: fitZoom(size.width, end), arrangeScrollX: 0 });
  }, [size.width, song]);

  const running = status === 'playing' || status === 'counting';
  const selected = editor.clipId && editor.trackId ? { trackId: editor.trackId, clipId: editor.clipId } : null;

  // Paint once per change, and every frame while playing (keeping the playhead in view).
  useEffect(() => {
    const canvas = canvasRef.current;
    const area = areaRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !area || !ctx) return;
    const paint = () => {
      const { lanes, rulerHeight } = measureLanes(area, canvas);
      const view = viewFor(rulerHeight);
      fitToDevicePixels(canvas, ctx, view);
      const playhead = livePlayheadTick();
      drawArrangement(ctx, { view, lanes, tracks, ppq: song.ppq, timeSignatures: song.timeSignatures, selected, ghost, loop: { ...loopRegion, on: loopOn }, playhead });
      canvas.dataset.playheadTick = String(Math.round(playhead));
      return { view, playhead };
    };
    let id = requestAnimationFrame(function frame() {
      const { view, playhead } = paint();
      if (!running) return;
      const x = arrTickToX(view, playhead);
      if (x < 0 || x > view.width - 16) useSongEditorStore.setState({ arrangeScrollX: Math.max(0, playhead * view.pxPerTick - view.width * 0.1) });
      id = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(id);
  });

  // Wheel: Ctrl/Cmd zooms time at the pointer, Shift or a sideways swipe scrolls time; a plain
  // vertical wheel scrolls the track list, and the lanes with it.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const rect = canvas.getBoundingClientRect();
      const { viewFor: vf } = stateRef.current;
      const v = vf(0);
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        useSongEditorStore.setState((s) => {
          const z = arrZoomAt({ ...v, pxPerTick: s.arrangePxPerTick, scrollX: s.arrangeScrollX }, Math.exp(-e.deltaY * 0.002), e.clientX - rect.left);
          return { arrangePxPerTick: z.pxPerTick, arrangeScrollX: z.scrollX };
        });
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
        useSongEditorStore.setState((s) => ({ arrangeScrollX: Math.max(0, s.arrangeScrollX + dx) }));
      } else if (areaRef.current) {
        e.preventDefault();
        areaRef.current.scrollTop += e.deltaY;
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [areaRef]);

  const locate = (e: React.PointerEvent | React.MouseEvent) => {
    const canvas = canvasRef.current as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const { lanes, rulerHeight } = measureLanes(areaRef.current as HTMLElement, canvas);
    const view = stateRef.current.viewFor(rulerHeight);
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    return { x, y, view, lanes, tick: arrXToTick(view, x) };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    const { x, y, view, lanes, tick } = locate(e);
    e.currentTarget.setPointerCapture(e.pointerId);
    if (y < view.rulerHeight) {
      gesture.current = { kind: 'ruler', tick0: Math.max(0, tick), x0: x, moved: false };
      return;
    }
    const hit = clipAt(view, lanes, clipsByTrack, x, y);
    if (hit) {
      selectClip(hit.lane.trackId, hit.clip.id);
      // Show the clip in the piano roll below.
      const roll = useSongEditorStore.getState();
      useSongEditorStore.setState({ scrollX: Math.max(0, hit.clip.start * roll.pxPerTick - 24) });
      gesture.current = { kind: 'clip', fromTrackId: hit.lane.trackId, clip: hit.clip, grabOffset: tick - hit.clip.start, x0: x, y0: y, moved: false };
      return;
    }
    const lane = laneAt(lanes, y);
    if (lane) selectClip(lane.trackId, null);
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y, view, lanes, tick } = locate(e);
    const g = gesture.current;
    if (!g) {
      setCursor(y < view.rulerHeight ? 'text' : clipAt(view, lanes, clipsByTrack, x, y) ? 'grab' : 'default');
      return;
    }
    if (g.kind === 'ruler') {
      if (Math.abs(x - g.x0) > 3) g.moved = true;
      if (g.moved) setLoopPreview(loopFromDrag(g.tick0, Math.max(0, tick), clipGrid(view, song)));
      return;
    }
    if (!g.moved && Math.hypot(x - g.x0, y - g.y0) < 4) return;
    g.moved = true;
    setCursor('grabbing');
    const target = laneAt(lanes, y)?.trackId ?? g.fromTrackId;
    const start = dropStart(tick, g.grabOffset, clipGrid(view, song));
    const to = song.tracks.find((t) => t.id === target);
    const ok = to ? isFree(song, to, start, g.clip.duration, target === g.fromTrackId ? g.clip.id : undefined) : false;
    setGhost({ trackId: target, start, duration: g.clip.duration, ok });
  };

  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g) return;
    const { tick } = locate(e);
    if (g.kind === 'ruler') {
      if (g.moved && loopPreview) setLoopRegion(loopPreview);
      else seek(Math.max(0, tick));
      setLoopPreview(null);
      return;
    }
    setCursor('grab');
    const shown = ghost;
    setGhost(null);
    if (g.moved && shown && (shown.start !== g.clip.start || shown.trackId !== g.fromTrackId)) moveClip(client, g.fromTrackId, g.clip, shown.trackId, shown.start);
  };

  const onDoubleClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { x, y, view, lanes, tick } = locate(e);
    if (y < view.rulerHeight) return;
    const hit = clipAt(view, lanes, clipsByTrack, x, y);
    if (hit) {
      selectClip(hit.lane.trackId, hit.clip.id);
      useSongEditorStore.setState({ renamingClipId: hit.clip.id });
      return;
    }
    const lane = laneAt(lanes, y);
    if (lane) addClip(client, lane.trackId, Math.max(0, tick));
  };

  // A result card of the Generate panel dragged over a lane: a ghost at the bar under the pointer.
  const onDragOver = (e: React.DragEvent<HTMLCanvasElement>) => {
    const card = draggedCard();
    if (!card) return;
    const { y, view, lanes, tick } = locate(e);
    const lane = y >= view.rulerHeight ? laneAt(lanes, y) : null;
    const to = lane ? song.tracks.find((t) => t.id === lane.trackId) : undefined;
    if (!lane || !to) {
      setGhost(null);
      return;
    }
    e.preventDefault();
    const start = dropBar(song, tick);
    const ok = trackSuits(to, card.kind) && isFree(song, to, start, card.ticks);
    e.dataTransfer.dropEffect = ok ? 'copy' : 'none';
    setGhost({ trackId: lane.trackId, start, duration: card.ticks, ok });
  };
  const onDrop = (e: React.DragEvent<HTMLCanvasElement>) => {
    const shown = ghost;
    setGhost(null);
    if (!draggedCard()) return;
    e.preventDefault();
    const { y, view, lanes, tick } = locate(e);
    const lane = y >= view.rulerHeight ? laneAt(lanes, y) : null;
    if (lane) dropDragged(client, lane.trackId, shown?.trackId === lane.trackId ? shown.start : tick);
  };

  // The rename field sits over the clip being named.
  const renaming = editor.renamingClipId && editor.trackId ? clipsByTrack.get(editor.trackId)?.find((c) => c.id === editor.renamingClipId) : undefined;
  const renameBox = (() => {
    const canvas = canvasRef.current;
    const area = areaRef.current;
    if (!renaming || !canvas || !area) return null;
    const { lanes, rulerHeight } = measureLanes(area, canvas);
    const lane = lanes.find((l) => l.trackId === editor.trackId);
    if (!lane) return null;
    const v = viewFor(rulerHeight);
    const left = Math.max(0, arrTickToX(v, renaming.start));
    return { left, top: lane.top, width: Math.max(140, renaming.duration * v.pxPerTick) };
  })();
  const chosenTrack = song.tracks.find((t) => t.id === editor.trackId);

  return (
    <div className="arrangement" data-testid="arrangement">
      <canvas
        ref={canvasRef}
        className="arrangement-canvas"
        style={{ cursor }}
        data-testid="arrangement-canvas"
        data-clips={[...clipsByTrack.values()].reduce((n, c) => n + c.length, 0)}
        data-px-per-tick={editor.arrangePxPerTick}
        data-scroll-x={Math.round(editor.arrangeScrollX)}
        data-selected-clip={editor.clipId ?? ''}
        aria-label={`Arrangement: ${song.tracks.length} tracks. Drag clips to move them; double-click to name a clip or add one.`}
        role="img"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          gesture.current = null;
          setGhost(null);
          setLoopPreview(null);
        }}
        onDoubleClick={onDoubleClick}
        onDragOver={onDragOver}
        onDragLeave={() => setGhost(null)}
        onDrop={onDrop}
      />
      {renaming && renameBox && (
        <div className="clip-rename" style={{ left: renameBox.left, top: renameBox.top, width: renameBox.width }}>
          <InlineRename
            initial={renaming.auto ? (chosenTrack?.name ?? '') : renaming.name}
            label="Clip name"
            onSave={(name) => renameClip(client, name)}
            onDone={() => useSongEditorStore.setState({ renamingClipId: null })}
          />
        </div>
      )}
    </div>
  );
}
