// The piano roll of the edited track: one canvas (never a DOM node per note), redrawn in one
// requestAnimationFrame when something it shows changed, at the display's devicePixelRatio.
// Pointer gestures (draw, select, marquee, move, resize, velocity) keep a local preview while the
// pointer is down and send one edit on release; the preview stays until the host's event brings
// the change (or the edit fails), so notes never jump back for a frame. The transport (playhead,
// loop region) is a second canvas on top, redrawn every frame while playing; a click on the ruler
// moves the playhead and a drag along it sets the loop region.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { gmDrumName } from '../../../shared/music/gm-names';
import { newId } from '../../../shared/music/new-id';
import { scalePitchClasses } from '../../../shared/music/scales';
import type { Note, NoteSequence, Track } from '../../../shared/music/note-sequence';
import type { NotePatch } from '../../../shared/music/song-ops';
import { useStudioClient } from '../../client/client-context';
import { newGroupId } from '../../stores/document-logic';
import { editSong, useDocumentsStore } from '../../stores/documents-store';
import { setSelection, useSongEditorStore } from '../../stores/song-editor-store';
import { usePlaybackStore } from '../../stores/playback-store';
import { songDurationTicks } from '../../../shared/music/timing';
import { defaultLoop, loopFromDrag } from '../../audio/playback-logic';
import { livePlayheadTick, seek, setLoopRegion } from '../../audio/transport-actions';
import { plural } from './song-actions';
import { drawRoll, drawTransport } from './piano-roll-draw';
import { fitToDevicePixels } from '../../lib/canvas';
import {
  centerOnPitch,
  clampScroll,
  dragDelta,
  followPlayhead,
  drawnNote,
  gridBottom,
  gridTicks,
  gridTop,
  hitTest,
  indexNotes,
  marqueeSelect,
  movePatches,
  noteName,
  notesIn,
  resizePatches,
  tickToX,
  velocityAtY,
  visibleTicks,
  xToTick,
  yToPitch,
  zoomAt,
  type RollView,
} from './piano-roll-logic';

const keysWidth = 112;
const rulerHeight = 26;
const laneHeight = 84;
/** The rows a drum track shows: the GM percussion map (35…81) with a little room either side. */
const drumRange: [number, number] = [27, 87];

type Gesture =
  | { kind: 'move'; x0: number; y0: number; grabbed: Note; group: Note[]; moved: boolean; copy: boolean }
  | { kind: 'resize'; x0: number; grabbed: Note; group: Note[] }
  | { kind: 'marquee'; x0: number; y0: number; x1: number; y1: number; base: Set<string> }
  | { kind: 'velocity'; targets: Note[] }
  | { kind: 'draw'; note: Note }
  | { kind: 'ruler'; x0: number; tick0: number; moved: boolean };

function applyPatches(notes: readonly Note[], patches: readonly NotePatch[]): Map<string, Note> {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const out = new Map<string, Note>();
  for (const p of patches) {
    const n = byId.get(p.id);
    if (n) out.set(p.id, { ...n, ...Object.fromEntries(Object.entries(p).filter(([, value]) => value !== undefined)) });
  }
  return out;
}

/** One paint of the roll, as the bench reads it: its time in ms and how many notes it drew. */
export interface RollPaintSample {
  ms: number;
  notes: number;
}

/**
 * For `npm run bench` (bench/renderer-bench.ts) only: when `localStorage['montage.perf']` is '1' as
 * the page loads, every paint of the roll appends a sample to `window.__montagePerf` (the newest
 * 5,000 are kept). Otherwise it is null and nothing is timed or kept.
 */
const paintLog: RollPaintSample[] | null = (() => {
  try {
    if (typeof window === 'undefined' || window.localStorage.getItem('montage.perf') !== '1') return null;
  } catch {
    return null; // storage refused (a sandboxed frame): no measuring
  }
  const log: RollPaintSample[] = [];
  (window as unknown as { __montagePerf: RollPaintSample[] }).__montagePerf = log;
  return log;
})();

export function PianoRoll({ song, track }: { song: NoteSequence; track: Track }) {
  const client = useStudioClient();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  const editor = useSongEditorStore();
  const rev = useDocumentsStore((s) => s.open?.rev ?? 0);
  const gesture = useRef<Gesture | null>(null);
  // The preview shown during a gesture, and after it until the host's change arrives.
  const [preview, setPreview] = useState<{ notes: Map<string, Note>; extra: Note[]; untilAfter: number | null } | null>(null);
  const [marquee, setMarquee] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [cursor, setCursor] = useState('default');
  const [hoverLabel, setHoverLabel] = useState('');

  const index = useMemo(() => indexNotes(track.notes), [track.notes]);
  const range: [number, number] = track.isDrum ? drumRange : [0, 127];
  const grid = gridTicks(editor.snap, song.ppq);
  // Room for this track's notes and, so that playback can scroll to it, the rest of the song.
  const songEnd = useMemo(() => songDurationTicks(song), [song]);
  const endTick = useMemo(() => index.notes.reduce((end, n) => Math.max(end, n.start + n.duration), Math.max(song.ppq * 16, songEnd)), [index, song.ppq, songEnd]);
  // Not the playhead: that changes every beat, and the roll must not repaint for it.
  const userLoop = usePlaybackStore((s) => s.loopRegion);
  const loop = usePlaybackStore((s) => s.loop);
  const status = usePlaybackStore((s) => s.status);
  // The playhead only while it stands still (a click on the ruler, Home): its layer is redrawn then.
  usePlaybackStore((s) => (s.status === 'playing' ? -1 : s.playheadTick));
  const loopRegion = useMemo(() => userLoop ?? defaultLoop(song), [userLoop, song]);
  const [loopPreview, setLoopPreview] = useState<{ start: number; end: number } | null>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const key = song.keySignatures[0];
  const scale = useMemo(() => (key ? new Set<number>(scalePitchClasses(key.tonic, key.mode)) : null), [key]);

  const view: RollView = clampScroll(
    {
      width: size.width,
      height: size.height,
      keysWidth,
      rulerHeight,
      laneHeight,
      pxPerTick: editor.pxPerTick,
      rowHeight: editor.rowHeight,
      scrollX: editor.scrollX,
      scrollY: editor.scrollY,
      lowPitch: range[0],
      highPitch: range[1],
    },
    endTick,
  );
  const viewRef = useRef(view);
  const endTickRef = useRef(endTick);
  useLayoutEffect(() => {
    viewRef.current = view;
    endTickRef.current = endTick;
  });

  // A preview ends once the host's change for it (a later rev) has arrived.
  const shownPreview = preview && (preview.untilAfter === null || rev <= preview.untilAfter) ? preview : null;

  // Size, from the layout.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setSize({ width: Math.max(200, Math.floor(entry.contentRect.width)), height: Math.max(200, Math.floor(entry.contentRect.height)) });
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // When a track opens, show its notes: scroll to the middle of their pitches (or C4) and bar 1.
  useEffect(() => {
    if (!editor.needsFit) return;
    const pitches = track.notes.map((n) => n.pitch).sort((a, b) => a - b);
    const middle = pitches.length ? (pitches[Math.floor(pitches.length / 2)] as number) : track.isDrum ? 42 : 60;
    const fitted = centerOnPitch(viewRef.current, middle);
    useSongEditorStore.setState({ scrollY: fitted.scrollY, scrollX: 0, needsFit: false });
  }, [editor.needsFit, track]);
  useEffect(() => {
    useSongEditorStore.setState({ needsFit: true });
  }, [track.id]);

  // Paint in the next frame, once per change. The count of notes drawn goes straight to the
  // canvas's data-visible-notes (for tests), not into React state: a state change would render
  // the roll again and paint it twice per scroll step.
  const frame = useRef(0);
  useEffect(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const t0 = paintLog ? performance.now() : 0;
      fitToDevicePixels(canvas, ctx, view);
      const count = drawRoll(ctx, {
        view,
        index,
        ppq: song.ppq,
        grid,
        timeSignatures: song.timeSignatures,
        selection: editor.selection,
        preview: shownPreview?.notes ?? null,
        extra: shownPreview?.extra ?? [],
        marquee,
        scale,
        isDrum: track.isDrum,
        rowLabel: track.isDrum ? gmDrumName : noteName,
      });
      if (paintLog) {
        paintLog.push({ ms: performance.now() - t0, notes: count });
        if (paintLog.length > 5000) paintLog.splice(0, paintLog.length - 5000);
      }
      canvas.dataset.visibleNotes = String(count);
    });
    return () => cancelAnimationFrame(frame.current);
  });

  // The transport layer: drawn when what it shows changes, and every frame while playing, when it
  // also keeps the playhead in view and tells the toolbar each new beat.
  const shownLoop = loopPreview ?? loopRegion;
  const loopOn = loop || loopPreview !== null;
  const running = status === 'playing' || status === 'counting';
  useEffect(() => {
    const canvas = overlayRef.current;
    const main = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !main) return;
    const paint = () => {
      const v = viewRef.current;
      fitToDevicePixels(canvas, ctx, v);
      const tick = livePlayheadTick();
      drawTransport(ctx, v, tick, { ...shownLoop, on: loopOn });
      main.dataset.playheadTick = String(Math.round(tick));
      return tick;
    };
    if (!running) {
      const id = requestAnimationFrame(() => void paint());
      return () => cancelAnimationFrame(id);
    }
    let id = 0;
    const tickFrame = () => {
      const tick = paint();
      const scrollX = followPlayhead(viewRef.current, tick);
      if (scrollX !== null) useSongEditorStore.setState({ scrollX });
      const beat = Math.floor(tick / song.ppq) * song.ppq;
      if (usePlaybackStore.getState().status === 'playing' && beat !== usePlaybackStore.getState().playheadTick) usePlaybackStore.setState({ playheadTick: beat });
      id = requestAnimationFrame(tickFrame);
    };
    id = requestAnimationFrame(tickFrame);
    return () => cancelAnimationFrame(id);
  });

  // Wheel: scroll rows, Shift (or a sideways trackpad) scrolls time, Ctrl/Cmd zooms time.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = viewRef.current;
      if (e.ctrlKey || e.metaKey) {
        const rect = canvas.getBoundingClientRect();
        const zoomed = zoomAt(v, Math.exp(-e.deltaY * 0.002), Math.max(v.keysWidth, e.clientX - rect.left));
        useSongEditorStore.setState({ pxPerTick: zoomed.pxPerTick, scrollX: zoomed.scrollX });
        return;
      }
      const dx = e.shiftKey ? e.deltaY : e.deltaX;
      const dy = e.shiftKey ? 0 : e.deltaY;
      const next = clampScroll({ ...v, scrollX: v.scrollX + dx, scrollY: v.scrollY + dy }, endTickRef.current);
      useSongEditorStore.setState({ scrollX: next.scrollX, scrollY: next.scrollY });
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  const local = (e: { clientX: number; clientY: number }) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
  };

  const send = useCallback(
    (ops: Parameters<typeof editSong>[1], label: string, shown: { notes: Map<string, Note>; extra: Note[] } | null) => {
      const baseRev = useDocumentsStore.getState().open?.rev ?? 0;
      if (shown) setPreview({ ...shown, untilAfter: baseRev });
      void editSong(client, ops, label, newGroupId()).then((ok) => {
        if (!ok) setPreview(null);
      });
    },
    [client],
  );

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    const { x, y } = local(e);
    const v = viewRef.current;
    e.currentTarget.setPointerCapture(e.pointerId);
    const selection = useSongEditorStore.getState().selection;

    if (y >= gridBottom(v)) {
      // Velocity lane: the clicked note's bar (and the selection with it, if it is selected).
      const [t0, t1] = visibleTicks(v);
      const near = notesIn(index, t0, t1).filter((n) => Math.abs(tickToX(v, n.start) - x) <= 5);
      const hit = near.find((n) => selection.has(n.id)) ?? near[0];
      if (!hit) return;
      const targets = selection.has(hit.id) ? track.notes.filter((n) => selection.has(n.id)) : [hit];
      if (!selection.has(hit.id)) setSelection([hit.id]);
      gesture.current = { kind: 'velocity', targets };
      const velocity = velocityAtY(gridBottom(v), v.laneHeight, y);
      setPreview({ notes: new Map(targets.map((n) => [n.id, { ...n, velocity }])), extra: [], untilAfter: null });
      return;
    }
    if (x < v.keysWidth) return;
    if (y < gridTop(v)) {
      // The ruler: a click moves the playhead, a drag sets the loop region.
      gesture.current = { kind: 'ruler', x0: x, tick0: Math.max(0, xToTick(v, x)), moved: false };
      return;
    }

    const hit = hitTest(v, index, x, y);
    if (hit) {
      let ids: ReadonlySet<string> = selection;
      if (e.shiftKey) {
        const toggled = new Set(selection);
        if (toggled.has(hit.note.id)) toggled.delete(hit.note.id);
        else toggled.add(hit.note.id);
        ids = toggled;
        setSelection(ids);
        if (!ids.has(hit.note.id)) return;
      } else if (!selection.has(hit.note.id)) {
        ids = new Set([hit.note.id]);
        setSelection(ids);
      }
      const group = track.notes.filter((n) => ids.has(n.id));
      gesture.current =
        hit.part === 'end'
          ? { kind: 'resize', x0: x, grabbed: hit.note, group }
          : { kind: 'move', x0: x, y0: y, grabbed: hit.note, group, moved: false, copy: e.altKey };
      return;
    }

    const drawing = editor.drawMode || e.detail >= 2;
    if (drawing) {
      const pitch = yToPitch(v, y);
      if (pitch < v.lowPitch || pitch > v.highPitch) return;
      const note = drawnNote(newId(), xToTick(v, x), pitch, grid, song.ppq);
      gesture.current = { kind: 'draw', note };
      setPreview({ notes: new Map(), extra: [note], untilAfter: null });
      return;
    }
    const base = e.shiftKey ? new Set(selection) : new Set<string>();
    if (!e.shiftKey) setSelection([]);
    gesture.current = { kind: 'marquee', x0: x, y0: y, x1: x, y1: y, base };
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = local(e);
    const v = viewRef.current;
    const g = gesture.current;
    if (!g) {
      // Hover: the cursor says what a press would do.
      const hit = y >= gridTop(v) && y < gridBottom(v) ? hitTest(v, index, x, y) : null;
      setCursor(hit ? (hit.part === 'end' ? 'ew-resize' : 'grab') : editor.drawMode && x > v.keysWidth && y > gridTop(v) && y < gridBottom(v) ? 'crosshair' : 'default');
      if (y >= gridTop(v) && y < gridBottom(v) && x >= 0) {
        const pitch = yToPitch(v, y);
        setHoverLabel(pitch >= v.lowPitch && pitch <= v.highPitch ? (track.isDrum ? `${gmDrumName(pitch)} (${pitch})` : `${noteName(pitch)} (${pitch})`) : '');
      }
      return;
    }
    if (g.kind === 'ruler') {
      if (!g.moved && Math.abs(x - g.x0) < 4) return;
      g.moved = true;
      setLoopPreview(loopFromDrag(g.tick0, Math.max(0, xToTick(v, x)), grid > 1 ? grid : song.ppq));
    } else if (g.kind === 'move') {
      const rawTicks = (x - g.x0) / v.pxPerTick;
      const rawRows = (g.y0 - y) / v.rowHeight;
      if (!g.moved && Math.abs(x - g.x0) < 3 && Math.abs(y - g.y0) < 3) return;
      g.moved = true;
      const d = dragDelta(g.grabbed, g.group, rawTicks, rawRows, grid, [v.lowPitch, v.highPitch]);
      const moved = applyPatches(g.group, movePatches(g.group, d.ticks, d.pitches));
      if (g.copy) setPreview({ notes: new Map(), extra: [...moved.values()], untilAfter: null });
      else setPreview({ notes: moved, extra: [], untilAfter: null });
      setCursor('grabbing');
    } else if (g.kind === 'resize') {
      setPreview({ notes: applyPatches(g.group, resizePatches(g.grabbed, g.group, (x - g.x0) / v.pxPerTick, grid)), extra: [], untilAfter: null });
    } else if (g.kind === 'marquee') {
      g.x1 = x;
      g.y1 = y;
      setMarquee({ x0: g.x0, y0: g.y0, x1: x, y1: y });
      setSelection([...g.base, ...marqueeSelect(v, index, g.x0, g.y0, x, y)]);
    } else if (g.kind === 'velocity') {
      const velocity = velocityAtY(gridBottom(v), v.laneHeight, y);
      setPreview({ notes: new Map(g.targets.map((n) => [n.id, { ...n, velocity }])), extra: [], untilAfter: null });
    } else if (g.kind === 'draw') {
      // Dragging right after drawing stretches the new note, on the grid.
      const end = Math.max(g.note.start + Math.max(grid, 1), Math.ceil(xToTick(v, x) / Math.max(grid, 1)) * Math.max(grid, 1));
      const note = { ...g.note, duration: end - g.note.start };
      g.note = note;
      setPreview({ notes: new Map(), extra: [note], untilAfter: null });
    }
  };

  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    setMarquee(null);
    if (!g) return;
    const shown = preview ? { notes: preview.notes, extra: preview.extra } : null;
    if (g.kind === 'ruler') {
      if (g.moved && loopPreview) setLoopRegion(loopPreview);
      else if (!g.moved) seek(g.tick0);
      setLoopPreview(null);
      return;
    }
    if (g.kind === 'move') {
      if (!g.moved || !shown) return setPreview(null);
      if (g.copy) {
        const copies = shown.extra.map((n) => ({ ...n, id: newId() }));
        send([{ type: 'addNotes', trackId: track.id, notes: copies }], `Copy ${plural(copies.length, 'note')}`, { notes: new Map(), extra: copies });
        setSelection(copies.map((n) => n.id));
        return;
      }
      const patches: NotePatch[] = [...shown.notes.values()].map((n) => ({ id: n.id, start: n.start, pitch: n.pitch }));
      const original = new Map(g.group.map((n) => [n.id, n]));
      const changed = patches.filter((p) => original.get(p.id)?.start !== p.start || original.get(p.id)?.pitch !== p.pitch);
      if (!changed.length) return setPreview(null);
      send([{ type: 'updateNotes', trackId: track.id, changes: changed }], `Move ${plural(changed.length, 'note')}`, shown);
    } else if (g.kind === 'resize') {
      if (!shown || !shown.notes.size) return setPreview(null);
      const patches = [...shown.notes.values()].map((n) => ({ id: n.id, duration: n.duration }));
      send([{ type: 'updateNotes', trackId: track.id, changes: patches }], `Resize ${plural(patches.length, 'note')}`, shown);
    } else if (g.kind === 'velocity') {
      if (!shown) return;
      const patches = [...shown.notes.values()].filter((n) => g.targets.find((t) => t.id === n.id)?.velocity !== n.velocity).map((n) => ({ id: n.id, velocity: n.velocity }));
      if (!patches.length) return setPreview(null);
      send([{ type: 'updateNotes', trackId: track.id, changes: patches }], `Change velocity of ${plural(patches.length, 'note')}`, shown);
    } else if (g.kind === 'draw') {
      send([{ type: 'addNotes', trackId: track.id, notes: [g.note] }], 'Add note', { notes: new Map(), extra: [g.note] });
      setSelection([g.note.id]);
    }
  };

  return (
    <div className="piano-roll" data-testid="piano-roll-wrap">
      <canvas
        ref={canvasRef}
        className="piano-roll-canvas"
        data-testid="piano-roll"
        data-track-id={track.id}
        data-track-notes={track.notes.length}
        data-selected={editor.selection.size}
        data-drum={track.isDrum ? 'true' : 'false'}
        data-px-per-tick={view.pxPerTick}
        data-scroll-x={view.scrollX}
        data-scroll-y={view.scrollY}
        data-row-height={view.rowHeight}
        data-high-pitch={view.highPitch}
        data-keys-width={keysWidth}
        data-ruler-height={rulerHeight}
        data-lane-height={laneHeight}
        data-ppq={song.ppq}
        data-playing={running ? 'true' : 'false'}
        data-loop={loopOn ? `${shownLoop.start}-${shownLoop.end}` : 'off'}
        aria-label={`Piano roll of ${track.name || 'the track'}: ${track.notes.length} notes`}
        role="img"
        style={{ cursor }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          gesture.current = null;
          setMarquee(null);
          setPreview(null);
          setLoopPreview(null);
        }}
        onPointerLeave={() => setHoverLabel('')}
      />
      <canvas ref={overlayRef} className="piano-roll-overlay" aria-hidden="true" />
      <div className="piano-roll-status text-dim" aria-live="off">
        {hoverLabel}
      </div>
    </div>
  );
}
