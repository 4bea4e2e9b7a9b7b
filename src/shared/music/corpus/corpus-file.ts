// The corpus file the music models train from: one file per kind and length
// ("melody-2bar.bin", "drums-2bar.bin"), self-describing and compact.
//
//   bytes 0…3   "MTGC" (Montage corpus)
//   bytes 4…7   header length H in bytes, uint32 little-endian
//   bytes 8…    the header: JSON in ASCII (non-ASCII escaped as \uXXXX), space-padded so the data
//               starts at a multiple of 4
//   then        count × steps values, little-endian: Int32 melody tokens or Uint16 drum bitmasks,
//               example after example
//
// Pure (no Node Buffer, no TextEncoder), so the trainer, a worker or a test can read it alike.
import type { SkipCount } from '../encoding';

export const corpusMagic = 'MTGC';
export const corpusFormatVersion = 1;

export interface CorpusSourceSummary {
  /** Files (MIDI, charts, tunes) read from this source type. */
  files: number;
  /** Files that could not be rendered or imported. */
  failed: number;
  /** Examples of this kind this source added (after deduplication across the corpus). */
  examples: number;
  skipped: SkipCount[];
}

export interface CorpusHeader {
  format: 'montage-music-corpus';
  version: number;
  kind: 'melody' | 'drums';
  bars: number;
  /** Values per example (16 a bar). */
  steps: number;
  count: number;
  dtype: 'int32' | 'uint16';
  /** Melody: token vocabulary; drums: the class bits. */
  vocabulary: { size: number; minPitch?: number; maxPitch?: number; classes?: readonly string[] };
  seed: number;
  /** The summariseCorpus line of the whole corpus. */
  summary: string;
  sources: Record<string, CorpusSourceSummary>;
  /** Anything else the builder records (tool versions, options). */
  meta?: Record<string, unknown>;
}

const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The bytes of a corpus file. `examples` must all have header.steps values. */
export function encodeCorpusFile(header: Omit<CorpusHeader, 'format' | 'version' | 'count' | 'steps' | 'dtype'>, examples: readonly (Int32Array | Uint16Array)[]): Uint8Array {
  const steps = header.bars * 16;
  const dtype = header.kind === 'melody' ? 'int32' : 'uint16';
  const full: CorpusHeader = { format: 'montage-music-corpus', version: corpusFormatVersion, ...header, steps, count: examples.length, dtype };
  let json = asciiJson(full);
  while ((8 + json.length) % 4 !== 0) json += ' ';
  const width = dtype === 'int32' ? 4 : 2;
  const bytes = new Uint8Array(8 + json.length + examples.length * steps * width);
  for (let i = 0; i < 4; i++) bytes[i] = corpusMagic.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, json.length, true);
  for (let i = 0; i < json.length; i++) bytes[8 + i] = json.charCodeAt(i);
  let offset = 8 + json.length;
  for (const example of examples) {
    if (example.length !== steps) throw new RangeError(`An example has ${example.length} steps; the corpus has ${steps}.`);
    if (dtype === 'int32' ? !(example instanceof Int32Array) : !(example instanceof Uint16Array)) throw new TypeError(`A ${header.kind} corpus holds ${dtype} examples.`);
    for (let s = 0; s < steps; s++) {
      if (dtype === 'int32') view.setInt32(offset, example[s] as number, true);
      else view.setUint16(offset, example[s] as number, true);
      offset += width;
    }
  }
  return bytes;
}

export interface CorpusFile {
  header: CorpusHeader;
  /** All values, example after example (count × steps). */
  data: Int32Array | Uint16Array;
  /** Example i as a view into data. */
  example(i: number): Int32Array | Uint16Array;
}

/** Reads a corpus file; throws a RangeError naming what is wrong. */
export function decodeCorpusFile(bytes: Uint8Array): CorpusFile {
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== corpusMagic) throw new RangeError('Not a Montage corpus file (no MTGC magic).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new RangeError('The corpus header runs past the end of the file.');
  let json = '';
  for (let i = 0; i < headerLength; i += 4096) json += String.fromCharCode(...bytes.subarray(8 + i, 8 + Math.min(headerLength, i + 4096)));
  const header = JSON.parse(json) as CorpusHeader;
  if (header.format !== 'montage-music-corpus' || header.version !== corpusFormatVersion) throw new RangeError(`Unsupported corpus format ${header.format} v${header.version}.`);
  const width = header.dtype === 'int32' ? 4 : 2;
  const values = header.count * header.steps;
  const start = 8 + headerLength;
  if (start + values * width !== bytes.length) throw new RangeError(`The corpus should hold ${values} values after its header; the file has ${(bytes.length - start) / width}.`);
  const data = header.dtype === 'int32' ? new Int32Array(values) : new Uint16Array(values);
  for (let i = 0; i < values; i++) data[i] = header.dtype === 'int32' ? view.getInt32(start + i * 4, true) : view.getUint16(start + i * 2, true);
  return { header, data, example: (i) => data.subarray(i * header.steps, (i + 1) * header.steps) };
}
