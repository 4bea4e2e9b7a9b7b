// The song editor's transport as the views see it: playing or not, the playhead, the loop region,
// metronome and count-in switches, and why audio could not start. The Tone.js engine
// (audio/playback-engine.ts) writes it; the toolbar, the piano roll and the commands read it. While
// playing, the playhead moves every frame: the roll reads that live value from the engine
// (audio/transport-actions.ts, livePlayheadTick) and this store takes it only once per beat, so
// React re-renders the toolbar per beat, not per frame.
import { create } from 'zustand';

export interface PlaybackState {
  /** 'loading': the piano samples (or Tone.js itself) are still on their way after Play. */
  status: 'stopped' | 'loading' | 'counting' | 'playing';
  /** In ticks of the open song; while playing, the start of the current beat. */
  playheadTick: number;
  loop: boolean;
  /** The loop region in ticks; null means the default (the whole song rounded to bars). */
  loopRegion: { start: number; end: number } | null;
  metronome: boolean;
  countIn: boolean;
  /** Why audio could not start, in a user's words; cleared by the next successful Play. */
  error: string | null;
}

export const initialPlaybackState = (): PlaybackState => ({
  status: 'stopped',
  playheadTick: 0,
  loop: false,
  loopRegion: null,
  metronome: false,
  countIn: false,
  error: null,
});

export const usePlaybackStore = create<PlaybackState>()(() => initialPlaybackState());

export const isRunning = (s: Pick<PlaybackState, 'status'>) => s.status !== 'stopped';
