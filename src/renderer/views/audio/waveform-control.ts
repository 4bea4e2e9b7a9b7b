// The waveform on screen, as the command registry reaches it: the view registers its player
// while it is mounted and ready, so Space (play/pause) and Shift+Space (play the region) are
// registry commands like every other key, not keys the view binds itself.
import { create } from 'zustand';

export interface WaveformControl {
  playPause(): void;
  /** Plays the marked region; false when none is marked. */
  playRegion(): boolean;
}

export const useWaveformStore = create<{ active: WaveformControl | null }>()(() => ({ active: null }));

/** Registers `control` as the waveform on screen; the returned function unregisters it. */
export function registerWaveform(control: WaveformControl): () => void {
  useWaveformStore.setState({ active: control });
  return () => {
    if (useWaveformStore.getState().active === control) useWaveformStore.setState({ active: null });
  };
}
