// Decodes an audio file to 16 kHz mono in a worker thread (src/workers/speech/speech-decode-thread.ts),
// so that a long recording never holds up the host's event loop. A thread per file: decoding is
// rare next to recognising, and ending the thread frees everything the decoder made. Aborting the
// signal ends the thread at once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StudioError } from '../../shared/api';
import type { SpeechDecodeReply, SpeechDecodeRequest } from '../../workers/speech/speech-decode-protocol';
import { packageRoot } from '../paths';
import { cancelledTranscription } from './speech-engine';

/** The built thread entry: <package>/dist/workers/speech-decode-thread.js. */
export const speechDecodeThreadEntry = (root = packageRoot()): string => join(root, 'dist', 'workers', 'speech-decode-thread.js');

/** The file could not be decoded: the decoder's reason. */
export class AudioDecodeError extends Error {}

export function decodeSpeechAudio(path: string, options: { entry?: string; signal?: AbortSignal } = {}): Promise<Float32Array> {
  const entry = options.entry ?? speechDecodeThreadEntry();
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(cancelledTranscription());
  if (!existsSync(entry)) return Promise.reject(new StudioError('internal', `Montage's audio decoder (${entry}) is missing; build Montage first (npm run build).`));
  return new Promise((resolve, reject) => {
    const thread = new Worker(entry);
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void thread.terminate();
      fn();
    };
    const onAbort = (): void => settle(() => reject(cancelledTranscription()));
    signal?.addEventListener('abort', onAbort, { once: true });
    thread.on('message', (reply: SpeechDecodeReply) => settle(() => (reply.ok ? resolve(reply.pcm) : reject(new AudioDecodeError(reply.message)))));
    thread.once('error', (err) => settle(() => reject(new AudioDecodeError(err.message))));
    thread.once('exit', (code) => settle(() => reject(new StudioError('internal', `The audio decoder stopped unexpectedly (exit code ${code}).`))));
    thread.postMessage({ path } satisfies SpeechDecodeRequest);
  });
}
