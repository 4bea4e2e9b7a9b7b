// Brings what is to be transcribed to what engines hear: 16 kHz mono samples. A file is checked
// before it is decoded (it exists, it is not empty or over the import limit, its first bytes say
// WAV, MP3, OGG or FLAC, as `montage import` checks them), so a wrong file is refused with a
// sentence, not a decoder's error. `.raw` files are headerless 16 kHz 16-bit little-endian mono,
// the format of speech corpora such as pocketsphinx's test recordings.
import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { audioRefusal, maxAssetBytes, StudioError } from '../../shared/api';
import { sniffAudio, sniffBytes } from '../../shared/assets/audio-sniff';
import { encodeWav, toInt16 } from '../../shared/sound/wav-encode';
import { speechSampleRate } from '../../shared/speech/transcript';
import { AudioDecodeError, decodeSpeechAudio } from './decode-speech-audio';
import { throwIfCancelled, type SpeechInput } from './speech-engine';

export interface LoadSpeechAudioOptions {
  signal?: AbortSignal;
  /** The decoding thread's built entry (default: this package's dist/workers/speech-decode-thread.js). */
  decoderEntry?: string;
}

const rawExtensions = new Set(['.raw', '.pcm']);

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(sniffBytes);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** 16-bit little-endian samples as −1…1 floats. */
export function pcm16ToFloat(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/** 16 kHz mono samples of the input; rejects with a StudioError naming the file and what is wrong. */
export async function loadSpeechAudio(input: SpeechInput, options: LoadSpeechAudioOptions = {}): Promise<Float32Array> {
  throwIfCancelled(options.signal);
  if (typeof input !== 'string') return input;
  const path = input;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new StudioError('invalid-argument', `${path} is a folder, not an audio file.`);
    size = info.size;
  } catch (err) {
    if (err instanceof StudioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('not-found', `${path}: no such file.`);
    throw new StudioError('invalid-argument', `${path} cannot be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (size === 0) throw new StudioError('invalid-argument', `${path} is empty.`);
  if (size > maxAssetBytes) throw new StudioError('invalid-argument', `${path} is ${(size / 1024 / 1024).toFixed(0)} MB; Montage transcribes audio files up to ${maxAssetBytes / 1024 / 1024} MB.`);
  if (rawExtensions.has(extname(path).toLowerCase())) return pcm16ToFloat(await readFile(path));
  const type = sniffAudio(readHead(path));
  if (!type || type.ext === 'sf2') throw new StudioError('invalid-argument', `${path}: ${audioRefusal}`);
  try {
    return await decodeSpeechAudio(path, { entry: options.decoderEntry, signal: options.signal });
  } catch (err) {
    if (err instanceof AudioDecodeError) {
      const reason = err.message.replace(/^Failed to execute 'decodeAudioData':\s*/, '');
      throw new StudioError('invalid-argument', `${path} looks like ${type.ext.toUpperCase()} audio but cannot be decoded: it is damaged or uses an encoding Montage cannot read (${reason}).`);
    }
    throw err;
  }
}

/** Samples per piece written by `writeSpeechWav`: about 16 s of audio, a few milliseconds of work. */
const wavChunkSamples = 1 << 18;

/**
 * Writes the samples as the 16 kHz 16-bit mono WAV engines read, to a new file (never replacing
 * one; readable by its owner only). In pieces, with the event loop free between them: an hour of
 * audio is 58 million samples, over a second of conversion in one go.
 */
export async function writeSpeechWav(path: string, pcm: Float32Array): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    const header = encodeWav([new Float32Array(0)], speechSampleRate);
    const view = new DataView(header.buffer);
    view.setUint32(4, 36 + pcm.length * 2, true);
    view.setUint32(40, pcm.length * 2, true);
    await file.write(header);
    for (let at = 0; at < pcm.length; at += wavChunkSamples) {
      const piece = pcm.subarray(at, at + wavChunkSamples);
      const bytes = new Uint8Array(piece.length * 2);
      const out = new DataView(bytes.buffer);
      for (let i = 0; i < piece.length; i++) out.setInt16(i * 2, toInt16(piece[i] as number), true);
      await file.write(bytes);
    }
  } finally {
    await file.close();
  }
}
