// The microphone, for dictation and voice commands: getUserMedia (audio only), then the samples,
// downmixed to mono and brought to 16 kHz (pcm16-logic.ts), handed to `onSamples` as they come.
//
// The browser's voice processing (echo cancellation, noise suppression, automatic gain) is off:
// it is made for people listening to a call, and it hurts recognition. Measured with Chromium's
// fake microphone playing pocketsphinx's "go forward ten meters": with the processing on,
// pocketsphinx heard "go forward and eight years"; with gain control alone, "go forward and
// majors"; with none, every word. (pocketsphinx normalises the level itself.)
//
// Why a ScriptProcessorNode and not an AudioWorklet: a worklet's code must be loaded from a URL
// of the page's own origin (the CSP allows no blob: scripts), which would mean shipping a separate
// untyped file beside the bundle; the processor runs on the main thread, but at 4096 frames a
// buffer that is about a dozen short callbacks a second, and the downsampling is a few thousand
// additions each. Its output is silence: it is connected to the destination only because a
// processor that goes nowhere is not run.
import { Downsampler } from './pcm16-logic';

export class MicrophoneError extends Error {
  /** The DOMException's name ('NotAllowedError' …), or 'unsupported'. */
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Microphone {
  /** The device's own rate, before downsampling. */
  readonly inputRate: number;
  stop(): void;
}

export async function openMicrophone(onSamples: (samples: Float32Array) => void): Promise<Microphone> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw new MicrophoneError('unsupported', 'getUserMedia is not available');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false }, video: false });
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    throw new MicrophoneError(name, err instanceof Error ? err.message : String(err));
  }
  const context = new AudioContext();
  try {
    if (context.state === 'suspended') await context.resume();
    const source = context.createMediaStreamSource(stream);
    const processor = context.createScriptProcessor(4096, 1, 1);
    const down = new Downsampler(context.sampleRate);
    processor.onaudioprocess = (e) => {
      e.outputBuffer.getChannelData(0).fill(0);
      const samples = down.push(e.inputBuffer.getChannelData(0));
      if (samples.length > 0) onSamples(samples);
    };
    source.connect(processor);
    processor.connect(context.destination);
    let stopped = false;
    return {
      inputRate: context.sampleRate,
      stop() {
        if (stopped) return;
        stopped = true;
        processor.onaudioprocess = null;
        source.disconnect();
        processor.disconnect();
        for (const track of stream.getTracks()) track.stop();
        void context.close();
      },
    };
  } catch (err) {
    for (const track of stream.getTracks()) track.stop();
    void context.close();
    throw new MicrophoneError('Error', err instanceof Error ? err.message : String(err));
  }
}
