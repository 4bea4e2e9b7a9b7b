// Whether a file that starts as a SoundFont (RIFF 'sfbk', see audio-sniff.ts) is whole: its RIFF
// size matches the file, and its three top-level lists (INFO, sdta, pdta) are there, each inside
// the file. A truncated download or a damaged file is refused at import with a sentence, before it
// is stored, rather than failing later when a song plays. Pure: the caller reads the bytes (a file
// handle on the host, a File in the renderer), so both sides apply the same rule.

/** Refusals a user sees. */
export const notSoundfont = 'This file is not a SoundFont: Montage reads SF2 and SF3 soundfonts (RIFF “sfbk” files).';
export const damagedSoundfont = (detail: string): string => `This soundfont is damaged (${detail}); Montage cannot use it. Try another copy of the file.`;

const ascii = (b: Uint8Array, at: number, length: number): string => String.fromCharCode(...b.subarray(at, at + length));
const u32 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;

/**
 * Null when the soundfont's chunk structure is whole, else the sentence refusing it.
 * `read(offset, length)` gives up to `length` bytes of the file from `offset`.
 */
export async function checkSoundfont(size: number, read: (offset: number, length: number) => Promise<Uint8Array>): Promise<string | null> {
  const head = await read(0, 12);
  if (head.length < 12 || ascii(head, 0, 4) !== 'RIFF' || ascii(head, 8, 4) !== 'sfbk') return notSoundfont;
  const riffSize = u32(head, 4);
  if (riffSize + 8 > size) return damagedSoundfont(`it says it holds ${riffSize + 8} bytes but the file has ${size}: it is cut short`);
  const found = new Set<string>();
  let at = 12;
  // RIFF chunks are padded to an even length.
  while (at + 8 <= riffSize + 8) {
    const header = await read(at, 12);
    if (header.length < 8) return damagedSoundfont(`a chunk header at byte ${at} is missing`);
    const id = ascii(header, 0, 4);
    const length = u32(header, 4);
    const end = at + 8 + length + (length % 2);
    if (at + 8 + length > riffSize + 8) return damagedSoundfont(`the “${id}” chunk runs past the end of the file`);
    if (id === 'LIST' && header.length >= 12) found.add(ascii(header, 8, 4));
    at = end;
  }
  for (const list of ['INFO', 'sdta', 'pdta']) if (!found.has(list)) return damagedSoundfont(`its “${list}” part is missing`);
  return null;
}
