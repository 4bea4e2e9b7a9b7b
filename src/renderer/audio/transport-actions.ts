// The transport's actions, shared by the command registry (Space, Home, L, M) and the toolbar.
// Tone.js is imported only when first needed (playback-engine.ts, on Play), since importing it
// creates an AudioContext; switches made before that are plain store changes the engine reads.
import type { StudioClient } from '../client/studio-client';
import type * as EngineModule from './playback-engine';
import { editSong, useDocumentsStore } from '../stores/documents-store';
import { isRunning, usePlaybackStore, initialPlaybackState } from '../stores/playback-store';
import { tempoIndexAt, withTempoAt } from '../../shared/sound/playback-logic';

type Engine = typeof EngineModule;
let engine: Engine | null = null;
let loading: Promise<Engine> | null = null;
let attached = false;

async function loadEngine(): Promise<Engine> {
  loading ??= import('./playback-engine').then((m) => {
    engine = m;
    if (attached) m.attach();
    return m;
  });
  return loading;
}

/** The song editor is shown: the engine (once loaded) follows the open song until the returned stop. */
export function attachPlayback(): () => void {
  attached = true;
  usePlaybackStore.setState((s) => ({ ...initialPlaybackState(), loop: s.loop, metronome: s.metronome, countIn: s.countIn }));
  engine?.attach();
  return () => {
    attached = false;
    engine?.detach();
    usePlaybackStore.setState({ status: 'stopped', playheadTick: 0, loopRegion: null });
  };
}

/** The playhead now: every frame while playing (from Tone's Transport), else the stored one. */
export function livePlayheadTick(): number {
  return engine ? engine.playheadTick() : usePlaybackStore.getState().playheadTick;
}

export function playStop(): void {
  if (isRunning(usePlaybackStore.getState())) {
    engine?.stop();
    usePlaybackStore.setState({ status: 'stopped' });
    return;
  }
  usePlaybackStore.setState({ status: 'loading', error: null });
  loadEngine().then(
    (m) => (attached ? m.play() : undefined),
    (err: unknown) => usePlaybackStore.setState({ status: 'stopped', error: `Audio could not start: ${err instanceof Error ? err.message : String(err)}` }),
  );
}

export function seek(tick: number): void {
  if (engine) engine.seek(tick);
  else usePlaybackStore.setState({ playheadTick: Math.max(0, Math.round(tick)) });
}

export function toStart(): void {
  const { loop, loopRegion } = usePlaybackStore.getState();
  seek(loop && loopRegion ? loopRegion.start : 0);
}

export function toggleLoop(): void {
  usePlaybackStore.setState((s) => ({ loop: !s.loop }));
  engine?.reschedule();
}

export function setLoopRegion(region: { start: number; end: number }): void {
  usePlaybackStore.setState({ loopRegion: region, loop: true });
  engine?.reschedule();
}

export function toggleMetronome(): void {
  usePlaybackStore.setState((s) => ({ metronome: !s.metronome }));
  engine?.reschedule();
}

export function toggleCountIn(): void {
  usePlaybackStore.setState((s) => ({ countIn: !s.countIn }));
}

/** The tempo in effect at the playhead, as the toolbar shows it. */
export function tempoAtPlayhead(): number {
  const song = useDocumentsStore.getState().open?.content;
  if (!song) return 120;
  return song.tempos[tempoIndexAt(song.tempos, usePlaybackStore.getState().playheadTick)]?.bpm ?? 120;
}

/** Sets the tempo in effect at the playhead: one `setTempos` edit, undoable as "Change tempo". */
export function setTempo(client: StudioClient, bpm: number): void {
  const song = useDocumentsStore.getState().open?.content;
  if (!song || !Number.isFinite(bpm)) return;
  const tempos = withTempoAt(song.tempos, usePlaybackStore.getState().playheadTick, bpm);
  if (tempos.every((t, i) => t.bpm === song.tempos[i]?.bpm)) return;
  void editSong(client, [{ type: 'setTempos', tempos }], 'Change tempo');
}
