// The Settings screen's state and calls: whether activity is recorded (the History view's pause,
// history.setPaused, a setting the host keeps) and the speech engines (speech.status, the engine
// chosen with speech.setEngine, also kept by the host).
import { create } from 'zustand';
import type { HistoryStatus } from '../../../shared/api/history';
import type { SpeechStatus } from '../../../shared/api/speech';
import { StudioError } from '../../../shared/api/errors';
import type { SpeechEngineName } from '../../../shared/speech/transcript';
import type { StudioClient } from '../../client/studio-client';

interface SettingsState {
  speech: SpeechStatus | null;
  history: HistoryStatus | null;
  loading: boolean;
  /** A call in flight ('recording', 'engine'), so its control waits. */
  busy: 'recording' | 'engine' | null;
  error: string | null;
}

export const useSettingsStore = create<SettingsState>()(() => ({ speech: null, history: null, loading: false, busy: null, error: null }));

const set = (patch: Partial<SettingsState>): void => useSettingsStore.setState(patch);

export async function loadSettings(client: StudioClient): Promise<void> {
  set({ loading: true, error: null });
  try {
    const [speech, history] = await Promise.all([client.call('speech', 'status', {}), client.call('history', 'status', {})]);
    set({ speech, history, loading: false });
  } catch (err) {
    set({ loading: false, error: `Settings could not be read: ${StudioError.from(err).message}` });
  }
}

/** Shown at once; put back as it was if the host refuses. */
export async function setRecording(client: StudioClient, record: boolean): Promise<void> {
  const before = useSettingsStore.getState().history;
  set({ busy: 'recording', error: null, ...(before ? { history: { ...before, paused: !record } } : {}) });
  try {
    set({ history: await client.call('history', 'setPaused', { paused: !record }), busy: null });
  } catch (err) {
    set({ busy: null, history: before, error: `Recording could not be ${record ? 'resumed' : 'paused'}: ${StudioError.from(err).message}` });
  }
}

/** Shown at once; put back as it was if the host refuses. */
export async function chooseEngine(client: StudioClient, engine: SpeechEngineName): Promise<void> {
  const before = useSettingsStore.getState().speech;
  set({ busy: 'engine', error: null, ...(before ? { speech: { ...before, engine } } : {}) });
  try {
    set({ speech: await client.call('speech', 'setEngine', { engine }), busy: null });
  } catch (err) {
    set({ busy: null, speech: before, error: `The speech engine could not be changed: ${StudioError.from(err).message}` });
  }
}
