// Test support: reads the 16-bit PCM WAV files Montage renders (wav-encode.ts) back into numbers,
// checking every header field on the way, and measures them.

export interface PcmWav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Sample frames. */
  frames: number;
  /** Interleaved samples, −1…1. */
  samples: Float32Array;
}

export function readWav(bytes: Uint8Array): PcmWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...bytes.subarray(at, at + n));
  if (ascii(0, 4) !== 'RIFF' || ascii(8, 4) !== 'WAVE' || ascii(12, 4) !== 'fmt ' || ascii(36, 4) !== 'data') throw new Error('not a canonical WAV file');
  if (view.getUint32(4, true) !== bytes.length - 8) throw new Error('the RIFF size is wrong');
  if (view.getUint16(20, true) !== 1) throw new Error('not PCM');
  const channels = view.getUint16(22, true);
  const sampleRate = view.getUint32(24, true);
  const bitsPerSample = view.getUint16(34, true);
  if (view.getUint32(28, true) !== sampleRate * channels * (bitsPerSample / 8)) throw new Error('the byte rate is wrong');
  const dataBytes = view.getUint32(40, true);
  if (dataBytes !== bytes.length - 44) throw new Error('the data size is wrong');
  const samples = new Float32Array(dataBytes / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(44 + i * 2, true) / 32768;
  return { sampleRate, channels, bitsPerSample, frames: dataBytes / (channels * 2), samples };
}

/** Root mean square of the samples in [fromSecond, toSecond) (all channels). */
export function rms(wav: PcmWav, fromSecond = 0, toSecond = Infinity): number {
  const from = Math.max(0, Math.floor(fromSecond * wav.sampleRate)) * wav.channels;
  const to = Math.min(wav.frames, Math.floor(toSecond * wav.sampleRate)) * wav.channels;
  let sum = 0;
  for (let i = from; i < to; i++) sum += (wav.samples[i] as number) ** 2;
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
}
