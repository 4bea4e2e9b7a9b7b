// What the speech decoding thread (speech-decode-thread.ts) is sent and answers: the path of an
// audio file; its samples at 16 kHz mono, whose buffer is transferred (a minute is 3.8 MB), or why
// it could not be decoded.
export interface SpeechDecodeRequest {
  path: string;
}

export type SpeechDecodeReply = { ok: true; pcm: Float32Array; channels: number } | { ok: false; message: string };
