import { describe, expect, it } from 'vitest';
import { Downsampler, meterLevel, rmsLevel, toPcm16 } from './pcm16-logic';

describe('pcm16 for dictation', () => {
  it('takes 48 kHz to 16 kHz, averaging each span, across buffers of any size', () => {
    const input = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 200 * i) / 48_000));
    const whole = new Downsampler(48_000).push(input);
    const pieces = new Downsampler(48_000);
    const parts = [input.subarray(0, 1000), input.subarray(1000, 1001), input.subarray(1001, 4096), input.subarray(4096)].map((p) => pieces.push(p));
    const joined = Float32Array.from(parts.flatMap((p) => [...p]));
    expect(whole.length).toBe(1600);
    expect([...joined]).toEqual([...whole]);
    expect(whole[1]).toBeCloseTo((input[3]! + input[4]! + input[5]!) / 3, 6);
    // A 200 Hz tone keeps its level.
    expect(rmsLevel(whole)).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it('takes 44.1 kHz to 16 kHz with the right count over time', () => {
    const d = new Downsampler(44_100);
    let n = 0;
    for (let i = 0; i < 100; i++) n += d.push(new Float32Array(441)).length;
    expect(n).toBe(16_000);
  });

  it('interpolates a slower input up to 16 kHz', () => {
    const out = new Downsampler(8000).push(Float32Array.from([0, 1, 0, -1]));
    expect([...out]).toEqual([0, 0.5, 1, 0.5, 0, -0.5, -1]);
  });

  it('meters in decibels', () => {
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(0.001)).toBeCloseTo(0);
    expect(meterLevel(0.0316)).toBeCloseTo(0.5, 2);
    expect(meterLevel(1)).toBe(1);
  });

  it('writes clipped 16-bit little-endian samples', () => {
    expect([...toPcm16(Float32Array.from([0, 1, -1, 2, 0.5]))]).toEqual([0, 0, 0xff, 0x7f, 0x00, 0x80, 0xff, 0x7f, 0x00, 0x40]);
  });
});
