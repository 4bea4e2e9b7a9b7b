import { describe, expect, it } from 'vitest';
import { gmDrumName, gmProgramCount, gmProgramName } from './gm-names';

describe('gmProgramName', () => {
  it('names all 128 programs, distinct, with known anchors', () => {
    expect(gmProgramCount).toBe(128);
    const names = new Set(Array.from({ length: 128 }, (_, i) => gmProgramName(i)));
    expect(names.size).toBe(128);
    expect(gmProgramName(0)).toBe('Acoustic Grand Piano');
    expect(gmProgramName(24)).toBe('Acoustic Guitar (nylon)');
    expect(gmProgramName(33)).toBe('Electric Bass (finger)');
    expect(gmProgramName(40)).toBe('Violin');
    expect(gmProgramName(56)).toBe('Trumpet');
    expect(gmProgramName(73)).toBe('Flute');
    expect(gmProgramName(127)).toBe('Gunshot');
  });
  it('falls back outside 0…127', () => {
    expect(gmProgramName(128)).toBe('Program 128');
    expect(gmProgramName(-1)).toBe('Program -1');
  });
});

describe('gmDrumName', () => {
  it('maps the GM percussion keys 35…81', () => {
    expect(gmDrumName(35)).toBe('Acoustic Bass Drum');
    expect(gmDrumName(36)).toBe('Bass Drum 1');
    expect(gmDrumName(38)).toBe('Acoustic Snare');
    expect(gmDrumName(42)).toBe('Closed Hi-Hat');
    expect(gmDrumName(46)).toBe('Open Hi-Hat');
    expect(gmDrumName(49)).toBe('Crash Cymbal 1');
    expect(gmDrumName(56)).toBe('Cowbell');
    expect(gmDrumName(81)).toBe('Open Triangle');
    expect(new Set(Array.from({ length: 47 }, (_, i) => gmDrumName(35 + i))).size).toBe(47);
  });
  it('falls back outside the map', () => {
    expect(gmDrumName(34)).toBe('Drum 34');
    expect(gmDrumName(82)).toBe('Drum 82');
  });
});
