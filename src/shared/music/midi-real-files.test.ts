// Real multi-track MIDI files from two Debian packages (simutrans-data, openttd-openmsx; .ci/run
// installs both): each must import as a valid song, survive export → import unchanged (modulo
// ids), and read exactly as @tonejs/midi's object model reads it (the importer before
// midi-convert.ts read midi-file's events itself). Skipped, with the reason, where neither package
// is installed.
// eslint-disable-next-line no-restricted-imports -- a test reading fixtures from disk; never shipped
import { existsSync, readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMidi, midiToSequence, sequenceToMidi } from './midi-convert';
import { idless, tonejsReferenceImport } from './midi-import-reference';
import { noteSequenceSchema } from './note-sequence';
import { isSortedNotes } from './note-order';
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

  it('reads each file as @tonejs/midi does: the same tracks, notes, tempos, signatures, key and warnings', () => {
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const ours = importMidi(bytes);
      const theirs = tonejsReferenceImport(bytes);
      expect({ sequence: idless(ours.sequence), warnings: ours.warnings }, file).toEqual({ sequence: idless(theirs.sequence), warnings: theirs.warnings });
      const ids = ours.sequence.tracks.flatMap((t) => [t.id, ...t.notes.map((n) => n.id)]);
      expect(new Set(ids).size, file).toBe(ids.length);
      expect(ours.sequence.tracks.every((t) => isSortedNotes(t.notes)), file).toBe(true);
    }
  });
});
