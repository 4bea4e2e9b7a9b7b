import { describe, expect, it } from 'vitest';
import { sniffAudio } from './audio-sniff';
import { checkSoundfont, notSoundfont } from './soundfont-check';
import { soundfontSkeleton, u32le as u32 } from './testing/soundfont-skeleton';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const check = (bytes: Uint8Array, size = bytes.length) => checkSoundfont(size, async (offset, length) => bytes.subarray(offset, offset + length));

describe('checkSoundfont', () => {
  it('accepts a whole SF2 skeleton, which sniffs as a soundfont', async () => {
    const sf = soundfontSkeleton();
    expect(sniffAudio(sf)).toEqual({ ext: 'sf2', mime: 'audio/x-soundfont' });
    expect(await check(sf)).toBeNull();
  });
  it('refuses a file cut short, a missing part and a chunk running past the end', async () => {
    const sf = soundfontSkeleton();
    expect(await check(sf.subarray(0, 40))).toMatch(/damaged.*cut short/);
    expect(await check(soundfontSkeleton(['INFO', 'pdta']))).toMatch(/damaged.*“sdta” part is missing/);
    const bad = sf.slice();
    bad.set(u32(9999), 16); // the first LIST's length
    expect(await check(bad)).toMatch(/damaged.*runs past the end/);
  });
  it('refuses what is not a soundfont', async () => {
    expect(await check(Uint8Array.from(ascii('RIFF\x04\x00\x00\x00WAVE')))).toBe(notSoundfont);
    expect(await check(Uint8Array.from(ascii('hello')))).toBe(notSoundfont);
  });
});
