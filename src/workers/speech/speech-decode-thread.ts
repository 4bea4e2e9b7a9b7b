// A worker thread (dist/workers/speech-decode-thread.js) that decodes one audio file for speech
// recognition: node-web-audio-api reads WAV, MP3, OGG and FLAC and resamples to its context's rate,
// here 16 kHz, and the channels are mixed down to mono. It runs off the host's event loop because
// decoding a long recording takes seconds of CPU; src/main/speech/decode-speech-audio.ts starts it,
// one thread per file, and ends it when the answer is in (or the user cancels).
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { OfflineAudioContext } from 'node-web-audio-api';
import { speechSampleRate } from '../../shared/speech/transcript';
import type { SpeechDecodeReply, SpeechDecodeRequest } from './speech-decode-protocol';

async function decode(path: string): Promise<SpeechDecodeReply> {
  const file = await readFile(path);
  const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const audio = await new OfflineAudioContext(1, 1, speechSampleRate).decodeAudioData(bytes);
  const pcm = new Float32Array(audio.length);
  const channel = new Float32Array(audio.length);
  for (let c = 0; c < audio.numberOfChannels; c++) {
    audio.copyFromChannel(channel, c);
    for (let i = 0; i < pcm.length; i++) pcm[i] = (pcm[i] as number) + (channel[i] as number);
  }
  if (audio.numberOfChannels > 1) for (let i = 0; i < pcm.length; i++) pcm[i] = (pcm[i] as number) / audio.numberOfChannels;
  return { ok: true, pcm, channels: audio.numberOfChannels };
}

parentPort?.once('message', (request: SpeechDecodeRequest) => {
  decode(request.path).then(
    (reply) => parentPort?.postMessage(reply, reply.ok ? [reply.pcm.buffer as ArrayBuffer] : []),
    (err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies SpeechDecodeReply),
  );
});
