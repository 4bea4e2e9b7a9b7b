import { describe, expect, it } from 'vitest';
import { degreeToPitch, generateSyntheticMelodies, isInKey, melodyVocabulary } from './synthetic-melodies';

const corpus = (seed: number, count = 256, length = 65) => generateSyntheticMelodies({ count, length, seed });

/** Entropy (nats) of the next token given the previous `context` tokens, estimated from counts. */
function conditionalEntropy(sequences: Int32Array[], context: number): number {
  const counts = new Map<string, Map<number, number>>();
  let total = 0;
  for (const s of sequences) {
    for (let i = context; i < s.length; i++) {
      const key = Array.from(s.subarray(i - context, i)).join(',');
      const row = counts.get(key) ?? new Map<number, number>();
      row.set(s[i] as number, (row.get(s[i] as number) ?? 0) + 1);
      counts.set(key, row);
      total++;
    }
  }
  let h = 0;
  for (const row of counts.values()) {
    const rowTotal = [...row.values()].reduce((a, b) => a + b, 0);
    for (const c of row.values()) h -= (c / total) * Math.log(c / rowTotal);
  }
  return h;
}

describe('generateSyntheticMelodies', () => {
  it('is deterministic for a seed', () => {
    const a = corpus(7);
    const b = corpus(7);
    expect(a.map((m) => m.key)).toEqual(b.map((m) => m.key));
    expect(a.map((m) => Array.from(m.tokens))).toEqual(b.map((m) => Array.from(m.tokens)));
  });

  it('differs for another seed', () => {
    const a = corpus(7).map((m) => Array.from(m.tokens).join(','));
    const b = corpus(8).map((m) => Array.from(m.tokens).join(','));
    const shared = a.filter((s, i) => s === b[i]).length;
    expect(shared).toBeLessThan(a.length / 10);
  });

  it('makes the requested number of melodies of the requested length', () => {
    const melodies = corpus(1, 33, 17);
    expect(melodies).toHaveLength(33);
    for (const m of melodies) expect(m.tokens).toHaveLength(17);
  });

  it('only uses tokens inside the vocabulary, and starts each melody on a note or rest', () => {
    for (const m of corpus(3)) {
      expect(Math.min(...m.tokens)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...m.tokens)).toBeLessThan(melodyVocabulary.size);
      expect(m.tokens[0]).not.toBe(melodyVocabulary.hold);
    }
  });

  it('keeps every note in the melody’s key', () => {
    let notes = 0;
    for (const m of corpus(5)) {
      for (const t of m.tokens) {
        const pitch = melodyVocabulary.tokenPitch(t);
        if (pitch === null) continue;
        notes++;
        expect(isInKey(m.key, pitch)).toBe(true);
      }
    }
    expect(notes).toBeGreaterThan(1000);
  });

  it('has structure that context predicts: far below uniform, and lower with more context', () => {
    const sequences = corpus(11, 1024, 65).map((m) => m.tokens);
    const uniform = Math.log(melodyVocabulary.size);
    const unigram = conditionalEntropy(sequences, 0);
    const bigram = conditionalEntropy(sequences, 1);
    const trigram = conditionalEntropy(sequences, 2);
    expect(unigram).toBeLessThan(0.8 * uniform);
    expect(bigram).toBeLessThan(0.9 * unigram);
    expect(trigram).toBeLessThan(0.92 * bigram);
  });

  it('moves mostly by step', () => {
    let steps = 0;
    let moves = 0;
    for (const m of corpus(9)) {
      const pitches = Array.from(m.tokens)
        .map((t) => melodyVocabulary.tokenPitch(t))
        .filter((p): p is number => p !== null);
      for (let i = 1; i < pitches.length; i++) {
        const interval = Math.abs((pitches[i] as number) - (pitches[i - 1] as number));
        moves++;
        if (interval <= 4) steps++;
      }
    }
    expect(steps / moves).toBeGreaterThan(0.6);
  });

  it('rejects impossible sizes', () => {
    expect(() => generateSyntheticMelodies({ count: 0, length: 8, seed: 1 })).toThrow(RangeError);
    expect(() => generateSyntheticMelodies({ count: 1, length: 1, seed: 1 })).toThrow(RangeError);
  });
});

describe('melody helpers', () => {
  it('maps scale degrees to pitches in the key', () => {
    const cMajor = { tonic: 60, mode: 'major' as const };
    expect([0, 1, 2, 3, 4, 5, 6, 7, -1].map((d) => degreeToPitch(cMajor, d))).toEqual([60, 62, 64, 65, 67, 69, 71, 72, 59]);
    expect(degreeToPitch({ tonic: 57, mode: 'minor' }, 2)).toBe(60);
    expect(isInKey(cMajor, 61)).toBe(false);
    expect(isInKey(cMajor, 47)).toBe(true);
  });

  it('round-trips pitches through tokens', () => {
    for (let p = melodyVocabulary.lowestPitch; p <= melodyVocabulary.highestPitch; p++) {
      expect(melodyVocabulary.tokenPitch(melodyVocabulary.pitchToken(p))).toBe(p);
    }
    expect(melodyVocabulary.tokenPitch(melodyVocabulary.rest)).toBeNull();
    expect(melodyVocabulary.tokenPitch(melodyVocabulary.hold)).toBeNull();
    expect(melodyVocabulary.pitchToken(melodyVocabulary.highestPitch)).toBe(melodyVocabulary.size - 1);
  });
});
