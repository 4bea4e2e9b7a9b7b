import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpmForEncoder, ccToPan, fromMidiText, keyFromMidi, keyFromSharps, keyToMidi, panToCc, toUtf8Bytes } from './midi-meta';

describe('midi-meta', () => {
  it('round-trips text through UTF-8 and falls back to Latin-1', () => {
    expect(toUtf8Bytes('é')).toBe('\xc3\xa9');
    expect(fromMidiText('\xc3\xa9')).toBe('é');
    expect(fromMidiText('Caf\xe9')).toBe('Café');
    expect(toUtf8Bytes('\ud800')).toBe(toUtf8Bytes('\ufffd'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(fromMidiText(toUtf8Bytes(s))).toBe(s);
      }),
    );
  });
  it('maps key signatures both ways (sf = 0 minor is A minor)', () => {
    expect(keyFromMidi('C', 'minor')).toEqual({ tonic: 9, mode: 'minor' });
    expect(keyFromMidi('Eb', 'major')).toEqual({ tonic: 3, mode: 'major' });
    // As the file stores it: sharps (negative: flats) and a mode byte.
    expect(keyFromSharps(-3, false)).toEqual({ tonic: 3, mode: 'major' });
    expect(keyFromSharps(0, true)).toEqual({ tonic: 9, mode: 'minor' });
    expect(keyFromSharps(7, false)).toEqual({ tonic: 1, mode: 'major' });
    expect([keyFromSharps(8, false), keyFromSharps(-8, true)]).toEqual([undefined, undefined]);
    expect(keyToMidi(9, 'minor')).toEqual({ key: 'C', scale: 'minor', sharps: 0 });
    expect(keyToMidi(2, 'major')).toEqual({ key: 'D', scale: 'major', sharps: 2 });
    expect(keyToMidi(5, 'major')).toEqual({ key: 'F', scale: 'major', sharps: -1 });
    for (const mode of ['major', 'minor'] as const) {
      for (let tonic = 0; tonic < 12; tonic++) {
        const k = keyToMidi(tonic, mode);
        expect(keyFromMidi(k.key, k.scale)).toEqual({ tonic, mode });
      }
    }
  });
  it('makes tonejs write the exact tempo and controller values', () => {
    for (let us = 60_061; us <= 6_000_000; us += 997) expect(Math.floor(60_000_000 / bpmForEncoder(us))).toBe(us);
    for (let cc = 0; cc <= 127; cc++) expect(panToCc(ccToPan(cc))).toBe(cc);
  });
});
