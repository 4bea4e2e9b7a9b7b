// Real multi-track MIDI files from two Debian packages (simutrans-data, openttd-openmsx; .ci/run
// installs both): each must import as a valid song and survive export → import unchanged
// (modulo ids). Skipped, with the reason, where neither package is installed.
// eslint-disable-next-line no-restricted-imports -- a test reading fixtures from disk; never shipped
import { existsSync, readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMidi, midiToSequence, sequenceToMidi } from './midi-convert';
import { noteSequenceSchema } from './note-sequence';
import { withoutIds } from './testing/arbitrary-sequence';

const folders = ['/usr/share/games/simutrans/music', '/usr/share/games/openttd/baseset/openmsx'];
const files = folders.filter((f) => existsSync(f)).flatMap((f) => readdirSync(f).filter((n) => /\.midi?$/i.test(n)).map((n) => join(f, n)));

describe.skipIf(files.length === 0)('real MIDI files (simutrans-data, openttd-openmsx; skipped: neither package is installed)', () => {
  it(`imports ${files.length} files as valid songs that survive export → import`, () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const { sequence, warnings } = importMidi(new Uint8Array(readFileSync(file)));
      expect(noteSequenceSchema.parse(sequence), file).toEqual(sequence);
      expect(warnings, file).toEqual([]);
      expect(sequence.tracks.length, file).toBeGreaterThan(0);
      const back = midiToSequence(sequenceToMidi(sequence));
      expect(withoutIds(back), file).toEqual(withoutIds(sequence));
    }
  });
});
