// Builds MIDI file bytes event by event, for tests that need files @tonejs/midi would never write
// (format 0 with many channels, overlapping or zero-length notes, odd tempos). A writer of test
// fixtures, not a parser: the code under test still reads every file through @tonejs/midi.

/** One event: absolute tick plus raw bytes after the delta time (status byte included). */
export interface RawEvent {
  tick: number;
  bytes: number[];
}

export const on = (tick: number, channel: number, pitch: number, velocity: number): RawEvent => ({ tick, bytes: [0x90 | channel, pitch, velocity] });
export const off = (tick: number, channel: number, pitch: number): RawEvent => ({ tick, bytes: [0x80 | channel, pitch, 0] });
export const program = (tick: number, channel: number, value: number): RawEvent => ({ tick, bytes: [0xc0 | channel, value] });
export const tempo = (tick: number, microseconds: number): RawEvent => ({ tick, bytes: [0xff, 0x51, 3, (microseconds >> 16) & 255, (microseconds >> 8) & 255, microseconds & 255] });
export const trackName = (tick: number, name: string): RawEvent => ({ tick, bytes: [0xff, 0x03, name.length, ...Array.from(name, (c) => c.charCodeAt(0))] });

function varLen(value: number): number[] {
  const out = [value & 0x7f];
  for (let v = value >> 7; v > 0; v >>= 7) out.unshift((v & 0x7f) | 0x80);
  return out;
}

function chunk(id: string, body: number[]): number[] {
  const n = body.length;
  return [...Array.from(id, (c) => c.charCodeAt(0)), (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255, ...body];
}

/** A Standard MIDI File of the given format with these tracks (events in order; ticks absolute). */
export function rawMidi(format: 0 | 1, ppq: number, tracks: RawEvent[][]): Uint8Array {
  const header = chunk('MThd', [0, format, 0, tracks.length, (ppq >> 8) & 255, ppq & 255]);
  const body = tracks.flatMap((events) => {
    let last = 0;
    const data = events.flatMap((e) => {
      const delta = e.tick - last;
      last = e.tick;
      return [...varLen(delta), ...e.bytes];
    });
    return chunk('MTrk', [...data, 0, 0xff, 0x2f, 0]);
  });
  return new Uint8Array([...header, ...body]);
}
