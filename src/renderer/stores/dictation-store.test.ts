// The dictation store with a made-up microphone and host: the host is asked first (a missing
// engine never opens the microphone), audio goes in quarter-second chunks one call at a time,
// partial text is shown, Stop sends the rest and hands the final words over, silence and refusals
// become problems, and a refused microphone drops the host's dictation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import type { Transcript } from '../../shared/speech/transcript';
import type { StudioClient } from '../client/studio-client';

const mic = vi.hoisted(() => ({ feed: null as ((s: Float32Array) => void) | null, stopped: 0, refuse: null as string | null }));
vi.mock('../audio/microphone', () => ({
  MicrophoneError: class MicrophoneError extends Error {
    constructor(
      readonly reason: string,
      message: string,
    ) {
      super(message);
    }
  },
  openMicrophone: async (onSamples: (s: Float32Array) => void) => {
    const { MicrophoneError } = await import('../audio/microphone');
    if (mic.refuse) throw new MicrophoneError(mic.refuse, 'refused');
    mic.feed = onSamples;
    return { inputRate: 48_000, stop: () => mic.stopped++ };
  },
}));

const { cancelListening, initialDictationState, startListening, stopListening, useDictationStore } = await import('./dictation-store');

/** A host that records the calls and answers dictation methods. */
function fakeHost(options: { start?: () => unknown; final?: Partial<Transcript> } = {}) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  let received = 0;
  const client = {
    call: async (_service: string, method: string, args: Record<string, unknown>) => {
      calls.push({ method, args });
      if (method === 'dictationStart') return options.start ? options.start() : { dictationId: 'd1', engine: 'pocketsphinx', sampleRate: 16000, maxSeconds: 300, maxChunkBytes: 65536 };
      if (method === 'dictationAppend') {
        received += atob(args.samples as string).length / 2;
        return { partial: received >= 8000 ? 'go forward' : 'go', seconds: received / 16000 };
      }
      if (method === 'dictationFinish') return { engine: 'pocketsphinx', durationSeconds: received / 16000, seconds: 0.1, words: [{ word: 'go', start: 0, end: 0.2 }], text: 'go', ...options.final };
      return { dictationId: 'd1' };
    },
  } as unknown as StudioClient;
  return { client, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('dictation store', () => {
  beforeEach(() => {
    useDictationStore.setState(initialDictationState());
    Object.assign(mic, { feed: null, stopped: 0, refuse: null });
  });
  afterEach(() => cancelListening());

  it('streams quarter-second chunks, shows the partial text, and hands the final words over', async () => {
    const host = fakeHost();
    const finals: Transcript[] = [];
    await startListening(host.client, 'dictate', (t) => finals.push(t));
    expect(useDictationStore.getState()).toMatchObject({ phase: 'listening', mode: 'dictate' });
    // 0.6 s in buffers of 1,365 samples: two whole chunks go now, the rest at Stop.
    for (let i = 0; i < 7; i++) mic.feed!(new Float32Array(1365).fill(0.1));
    await flush();
    const appends = host.calls.filter((c) => c.method === 'dictationAppend');
    expect(appends.map((c) => atob(c.args.samples as string).length)).toEqual([8000, 8000]);
    expect(useDictationStore.getState()).toMatchObject({ partial: 'go forward', seconds: 0.5 });
    expect(useDictationStore.getState().level).toBeGreaterThan(0.5);
    await stopListening();
    expect(mic.stopped).toBe(1);
    expect(host.calls.map((c) => c.method)).toEqual(['dictationStart', 'dictationAppend', 'dictationAppend', 'dictationAppend', 'dictationFinish']);
    expect(finals.map((t) => t.text)).toEqual(['go']);
    expect(useDictationStore.getState()).toMatchObject({ phase: 'idle', partial: 'go', problem: null });
    expect(useDictationStore.getState().lastLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says what to install before opening the microphone when the engine cannot run', async () => {
    const host = fakeHost({ start: () => Promise.reject(new StudioError('unavailable', 'pocketsphinx is not installed. Install: apt-get install pocketsphinx pocketsphinx-en-us')) });
    await startListening(host.client, 'dictate', () => undefined);
    expect(mic.feed).toBeNull();
    expect(useDictationStore.getState()).toMatchObject({ phase: 'idle', problem: { kind: 'unavailable', installHint: 'apt-get install pocketsphinx pocketsphinx-en-us' } });
  });

  it('drops the host’s dictation when the microphone is refused, and says why', async () => {
    mic.refuse = 'NotAllowedError';
    const host = fakeHost();
    await startListening(host.client, 'dictate', () => undefined);
    expect(host.calls.map((c) => c.method)).toEqual(['dictationStart', 'dictationCancel']);
    expect(useDictationStore.getState().problem?.kind).toBe('denied');
  });

  it('calls silence a problem and inserts nothing', async () => {
    const host = fakeHost({ final: { words: [], text: '', note: 'No speech was recognised in the 1.0 s of audio.' } });
    const finals: Transcript[] = [];
    await startListening(host.client, 'dictate', (t) => finals.push(t));
    mic.feed!(new Float32Array(16000));
    await stopListening();
    expect(finals).toEqual([]);
    expect(useDictationStore.getState().problem).toMatchObject({ kind: 'silence', message: expect.stringMatching(/^Nothing was heard/) });
  });

  it('stops a voice command by itself after the utterance and the pause after it', async () => {
    const host = fakeHost();
    const finals: Transcript[] = [];
    await startListening(host.client, 'command', (t) => finals.push(t));
    const speech = Float32Array.from({ length: 8000 }, (_, i) => 0.2 * Math.sin(i / 3));
    mic.feed!(new Float32Array(8000).fill(0.001));
    mic.feed!(speech);
    mic.feed!(new Float32Array(16000).fill(0.001));
    await vi.waitFor(() => expect(finals).toHaveLength(1));
    expect(mic.stopped).toBe(1);
  });
});
