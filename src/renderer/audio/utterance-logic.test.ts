import { describe, expect, it } from 'vitest';
import { UtteranceWatch } from './utterance-logic';

const seconds = (s: number, level: number) => Float32Array.from({ length: Math.round(s * 16_000) }, (_, i) => level * Math.sin(i / 3) * Math.SQRT2);

describe('the end of a spoken command', () => {
  it('waits through silence before speech, and ends after the quiet that follows it', () => {
    const watch = new UtteranceWatch();
    expect(watch.push(seconds(1.5, 0.001))).toBe(false);
    expect(watch.push(seconds(0.6, 0.1))).toBe(false);
    expect(watch.heard()).toBe(true);
    // A short gap between words does not end it.
    expect(watch.push(seconds(0.3, 0.001))).toBe(false);
    expect(watch.push(seconds(0.4, 0.1))).toBe(false);
    expect(watch.push(seconds(0.5, 0.001))).toBe(false);
    expect(watch.push(seconds(0.3, 0.001))).toBe(true);
  });

  it('gives up after the longest wait', () => {
    const watch = new UtteranceWatch({ maxSeconds: 2 });
    expect(watch.push(seconds(1.9, 0.001))).toBe(false);
    expect(watch.push(seconds(0.2, 0.001))).toBe(true);
    expect(watch.heard()).toBe(false);
  });
});
