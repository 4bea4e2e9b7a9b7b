import { describe, expect, it } from 'vitest';
import { sniffAudio } from '../assets/audio-sniff';
import { encodeWav, toInt16 } from './wav-encode';

const text = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

describe('encodeWav', () => {
  const left = new Float32Array([0, 0.5, -0.5, 1, 2]);
  const right = new Float32Array([-1, -2, 0.25, Number.NaN, 0]);
  const bytes = encodeWav([left, right], 44_100);
  const view = new DataView(bytes.buffer);

  it('writes the RIFF header of 16-bit stereo PCM', () => {
    expect(bytes.length).toBe(44 + 5 * 4);
    expect(text(bytes, 0, 4)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 20);
    expect(text(bytes, 8, 4)).toBe('WAVE');
    expect(text(bytes, 12, 4)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(44_100);
    expect(view.getUint32(28, true)).toBe(44_100 * 4);
    expect(view.getUint16(32, true)).toBe(4);
    expect(view.getUint16(34, true)).toBe(16);
    expect(text(bytes, 36, 4)).toBe('data');
    expect(view.getUint32(40, true)).toBe(20);
    expect(sniffAudio(bytes.subarray(0, 16))).toBeTruthy();
  });

  it('interleaves and clamps the samples', () => {
    const samples = Array.from({ length: 10 }, (_, i) => view.getInt16(44 + i * 2, true));
    expect(samples).toEqual([0, -32768, 16384, -32768, -16384, 8192, 32767, 0, 32767, 0]);
  });

  it('refuses no channels or ragged ones', () => {
    expect(() => encodeWav([], 44_100)).toThrow();
    expect(() => encodeWav([new Float32Array(2), new Float32Array(3)], 44_100)).toThrow();
  });

  it('maps the ends of the range', () => {
    expect(toInt16(1)).toBe(32767);
    expect(toInt16(-1)).toBe(-32768);
    expect(toInt16(0.5)).toBe(16384);
  });
});
