// Listening to the microphone for the host's speech recognition: one listening at a time in a
// window, either dictation (until the user stops it) or a voice command (one utterance: it stops
// by itself once the user has spoken and paused, utterance-logic.ts). The dictation is opened on
// the host first (so an engine that cannot run is said before the browser asks for the
// microphone), then the microphone; 16 kHz 16-bit audio goes to the host in quarter-second chunks,
// one call at a time, and each answer carries the partial text shown while speaking. Stopping
// sends what is left and asks for the final transcript, handed to the caller's `onFinal` when it
// has words; silence, a refused microphone or a missing engine are kept as the `problem` the
// listening panel shows.
import { create } from 'zustand';
import type { DictationProgress, DictationStarted } from '../../shared/api/speech';
import type { Transcript } from '../../shared/speech/transcript';
import { MicrophoneError, openMicrophone, type Microphone } from '../audio/microphone';
import { meterLevel, rmsLevel, toPcm16 } from '../audio/pcm16-logic';
import { UtteranceWatch } from '../audio/utterance-logic';
import type { StudioClient } from '../client/studio-client';
import { bytesToBase64 } from '../views/project/midi-file-logic';
import { hostProblem, microphoneProblem, silenceProblem, type ListenProblem } from './dictation-logic';

export type ListenMode = 'dictate' | 'command';

export interface DictationState {
  mode: ListenMode | null;
  phase: 'idle' | 'starting' | 'listening' | 'finishing';
  /** Text recognised so far (it may still change). */
  partial: string;
  /** Seconds of audio sent. */
  seconds: number;
  /** The microphone's level, 0…1, for the meter. */
  level: number;
  problem: ListenProblem | null;
  /** What the last voice command did, for the panel. */
  outcome: { heard: string; text: string; ran: boolean } | null;
  /** Milliseconds from Stop to the final text, the last time. */
  lastLatencyMs: number | null;
}

export const initialDictationState = (): DictationState => ({
  mode: null,
  phase: 'idle',
  partial: '',
  seconds: 0,
  level: 0,
  problem: null,
  outcome: null,
  lastLatencyMs: null,
});

export const useDictationStore = create<DictationState>()(initialDictationState);

/** Samples per chunk sent: a quarter of a second. */
const chunkSamples = 4000;

interface Session {
  client: StudioClient;
  started: DictationStarted;
  mic: Microphone | null;
  pending: Float32Array[];
  pendingLength: number;
  /** The appends on their way, one after another. */
  sending: Promise<void>;
  watch: UtteranceWatch | null;
  onFinal: (t: Transcript) => void;
  closed: boolean;
}

let current: Session | null = null;
const set = (patch: Partial<DictationState>): void => useDictationStore.setState(patch);

export const isListening = (mode?: ListenMode): boolean => {
  const s = useDictationStore.getState();
  return s.phase !== 'idle' && (mode === undefined || s.mode === mode);
};

/** The whole chunks waiting (or, with `all`, everything), leaving the rest for the next time. */
function takePending(s: Session, all: boolean): Float32Array | null {
  const n = all ? s.pendingLength : s.pendingLength - (s.pendingLength % chunkSamples);
  if (n === 0) return null;
  const joined = new Float32Array(s.pendingLength);
  let at = 0;
  for (const p of s.pending) {
    joined.set(p, at);
    at += p.length;
  }
  s.pending = n < joined.length ? [joined.slice(n)] : [];
  s.pendingLength = joined.length - n;
  return joined.subarray(0, n);
}

function send(s: Session, samples: Float32Array): void {
  for (let at = 0; at < samples.length; at += chunkSamples) {
    const piece = samples.subarray(at, at + chunkSamples);
    s.sending = s.sending.then(async () => {
      if (s.closed) return;
      const progress: DictationProgress = await s.client.call('speech', 'dictationAppend', { dictationId: s.started.dictationId, samples: bytesToBase64(toPcm16(piece)) });
      if (current === s && !s.closed) set({ partial: progress.partial, seconds: progress.seconds });
    });
  }
  s.sending = s.sending.catch((err: unknown) => {
    if (s.closed || current !== s) return;
    fail(s, hostProblem(err));
  });
}

function onSamples(s: Session, samples: Float32Array): void {
  if (s.closed) return;
  s.pending.push(samples);
  s.pendingLength += samples.length;
  set({ level: meterLevel(rmsLevel(samples)) });
  const chunk = takePending(s, false);
  if (chunk) send(s, chunk);
  const heardSeconds = useDictationStore.getState().seconds;
  if (s.watch?.push(samples) || heardSeconds >= s.started.maxSeconds - 0.5) void stopListening();
}

/** Ends the session with a problem: the microphone is released and the host's dictation dropped. */
function fail(s: Session, problem: ListenProblem): void {
  s.closed = true;
  s.mic?.stop();
  if (current === s) current = null;
  s.client.call('speech', 'dictationCancel', { dictationId: s.started.dictationId }).catch(() => undefined);
  set({ phase: 'idle', mode: null, level: 0, problem });
}

/** Starts listening; `onFinal` receives the transcript when it has words. Resolves once listening (or refused). */
export async function startListening(client: StudioClient, mode: ListenMode, onFinal: (t: Transcript) => void): Promise<void> {
  if (useDictationStore.getState().phase !== 'idle') return;
  set({ ...initialDictationState(), mode, phase: 'starting', lastLatencyMs: useDictationStore.getState().lastLatencyMs });
  let started: DictationStarted;
  try {
    started = await client.call('speech', 'dictationStart', {});
  } catch (err) {
    set({ phase: 'idle', mode: null, problem: hostProblem(err) });
    return;
  }
  const s: Session = {
    client,
    started,
    mic: null,
    pending: [],
    pendingLength: 0,
    sending: Promise.resolve(),
    watch: mode === 'command' ? new UtteranceWatch() : null,
    onFinal,
    closed: false,
  };
  current = s;
  try {
    s.mic = await openMicrophone((samples) => onSamples(s, samples));
  } catch (err) {
    fail(s, err instanceof MicrophoneError ? microphoneProblem(err.reason, err.message) : microphoneProblem('Error', String(err)));
    return;
  }
  if (s.closed) {
    s.mic.stop();
    return;
  }
  set({ phase: 'listening' });
}

/** Stops listening and waits for the final text (handed to the session's onFinal). */
export async function stopListening(): Promise<void> {
  const s = current;
  if (!s || s.closed || useDictationStore.getState().phase !== 'listening') return;
  const stoppedAt = performance.now();
  set({ phase: 'finishing', level: 0 });
  s.mic?.stop();
  const rest = takePending(s, true);
  if (rest) send(s, rest);
  await s.sending;
  if (s.closed) return;
  s.closed = true;
  current = null;
  let transcript: Transcript;
  try {
    transcript = await s.client.call('speech', 'dictationFinish', { dictationId: s.started.dictationId });
  } catch (err) {
    set({ phase: 'idle', mode: null, problem: hostProblem(err) });
    return;
  }
  const latency = performance.now() - stoppedAt;
  set({ phase: 'idle', partial: transcript.text, lastLatencyMs: latency, problem: transcript.words.length === 0 ? silenceProblem(transcript.note) : null });
  if (transcript.words.length > 0) s.onFinal(transcript);
}

/** Stops listening and drops what was heard. */
export function cancelListening(): void {
  const s = current;
  if (s) {
    s.closed = true;
    s.mic?.stop();
    current = null;
    s.client.call('speech', 'dictationCancel', { dictationId: s.started.dictationId }).catch(() => undefined);
  }
  set({ phase: 'idle', mode: null, level: 0, partial: '' });
}

export function dismissListening(): void {
  if (useDictationStore.getState().phase === 'idle') set({ problem: null, outcome: null, partial: '', mode: null });
}
