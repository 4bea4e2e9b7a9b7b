// The small encodings between MIDI meta events and NoteSequence fields, kept apart from the
// converter so each is testable on its own: text (MIDI stores bytes; we write UTF-8 and read
// UTF-8, falling back to Latin-1 for older files), key signatures (MIDI stores sharps/flats and a
// mode; we store a tonic), tempo (integer microseconds per quarter) and the 7-bit controller
// values that carry a track's volume and pan.

/** A JS string as a "binary string" of UTF-8 bytes (one char per byte), as midi-file writes text. */
export function toUtf8Bytes(text: string): string {
  let out = '';
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate has no UTF-8 form
    if (cp < 0x80) out += String.fromCharCode(cp);
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Decodes a binary string as UTF-8; if it is not valid UTF-8, reads it as Latin-1 (each byte a char). */
export function fromMidiText(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes.charCodeAt(i);
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0 || i + need > bytes.length - 1) return bytes;
    let cp = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes.charCodeAt(i + k);
      if ((c & 0xc0) !== 0x80) return bytes;
      cp = (cp << 6) | (c & 63);
    }
    const min = [0, 0x80, 0x800, 0x10000][need] ?? 0;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return bytes;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** tonejs names a key signature by its major key for both modes ("C" minor means sf = 0, i.e. A minor). */
const majorKeyNames = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];

/** MIDI key signature (tonejs form) → tonic pitch class and mode; undefined for an unknown key name. */
export function keyFromMidi(key: string, scale: string): { tonic: number; mode: 'major' | 'minor' } | undefined {
  const index = majorKeyNames.indexOf(key);
  return index < 0 ? undefined : keyFromSharps(index - 7, scale === 'minor');
}

/**
 * A key-signature event as the file stores it (sharps −7…7, negative for flats; minor when the
 * mode byte is not 0) → tonic pitch class and mode; undefined outside −7…7, as tonejs ignores those.
 */
export function keyFromSharps(sharps: number, minor: boolean): { tonic: number; mode: 'major' | 'minor' } | undefined {
  if (!Number.isInteger(sharps) || sharps < -7 || sharps > 7) return undefined;
  const majorTonic = (((sharps * 7) % 12) + 12) % 12;
  return minor ? { tonic: (majorTonic + 9) % 12, mode: 'minor' } : { tonic: majorTonic, mode: 'major' };
}

/** Tonic and mode → tonejs key name, choosing the spelling with at most 6 accidentals (F# over Gb). */
export function keyToMidi(tonic: number, mode: 'major' | 'minor'): { key: string; scale: 'major' | 'minor'; sharps: number } {
  const majorTonic = mode === 'minor' ? (tonic + 3) % 12 : tonic;
  // sharps × 7 ≡ tonic (mod 12), and 7 is its own inverse mod 12.
  let sharps = (majorTonic * 7) % 12;
  if (sharps > 6) sharps -= 12;
  return { key: majorKeyNames[sharps + 7] as string, scale: mode, sharps };
}

/** MIDI stores tempo as whole microseconds per quarter note. */
export function bpmToMicroseconds(bpm: number): number {
  return Math.round(60_000_000 / bpm);
}

/**
 * The bpm to hand tonejs so that it writes exactly `microseconds`: its encoder floors
 * 60e6 / bpm, and 60e6 / (60e6 / m) can land a hair under m (it does for ~5% of tempos), so aim
 * at the middle of the integer.
 */
export function bpmForEncoder(microseconds: number): number {
  return 60_000_000 / (microseconds + 0.5);
}

/** A 7-bit value as tonejs's 0…1 controller value; tonejs writes floor(v × 127), so aim at the middle. */
export function controllerForEncoder(value7: number): number {
  return (value7 + 0.5) / 127;
}

/** Volume 0…1 ↔ CC 7 value 0…127. */
export const volumeToCc = (volume: number): number => Math.round(volume * 127);
export const ccToVolume = (cc: number): number => cc / 127;

/** Pan −1…1 ↔ CC 10 value 0…127 with 64 as centre (0 is hard left, 127 hard right). */
export const panToCc = (pan: number): number => Math.round(pan < 0 ? 64 + pan * 64 : 64 + pan * 63);
export const ccToPan = (cc: number): number => (cc < 64 ? (cc - 64) / 64 : (cc - 64) / 63);

/**
 * Rewrites the sharps/flats byte of the key-signature events in the conductor track (the first
 * MTrk) of a file tonejs just wrote. tonejs 2.0.28 writes `index + 7` where the file format wants
 * `index − 7` (C major comes out as 14 sharps, which no reader, tonejs included, understands).
 * This walks only that track, which tonejs fills with meta events alone; `sharps` are the values
 * wanted, in the order the events were given (tonejs keeps their order).
 */
export function fixKeySignatureBytes(bytes: Uint8Array, sharps: readonly number[]): void {
  if (sharps.length === 0) return;
  const readVarLen = (pos: number): [number, number] => {
    let value = 0;
    let b: number;
    do {
      b = bytes[pos++] ?? 0;
      value = (value << 7) | (b & 0x7f);
    } while (b & 0x80);
    return [value, pos];
  };
  let pos = 14 + 8; // the 14-byte MThd chunk, then "MTrk" and its length
  const end = pos + (((bytes[18] ?? 0) << 24) | ((bytes[19] ?? 0) << 16) | ((bytes[20] ?? 0) << 8) | (bytes[21] ?? 0));
  let next = 0;
  while (pos < end && next < sharps.length) {
    pos = readVarLen(pos)[1];
    if (bytes[pos] !== 0xff) return; // not a meta event: not the track we expect, leave it alone
    const type = bytes[pos + 1];
    const [length, data] = readVarLen(pos + 2);
    if (type === 0x59 && length === 2) bytes[data] = (sharps[next++] as number) & 0xff;
    pos = data + length;
  }
}
