// documents.importMidi stores the importer's JSON without parsing and checking it again (a 1 MB
// file is 100,000 notes): this holds the importer to the checks that content from clients gets,
// noteSequenceSchema and sequenceProblem, on generated files, damaged ones included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MidiImportError, importMidiAsJson } from '../../shared/music/midi-convert';
import { arbitraryMidiFile } from '../../shared/music/midi-import-reference';
import { noteSequenceSchema, type NoteSequence } from '../../shared/music/note-sequence';
import { isSortedNotes } from '../../shared/music/note-order';
import { sequenceProblem } from './content-checks';

describe('songs made by the MIDI importer', () => {
  it('pass every check on content from clients, or the file is refused with MidiImportError', () => {
    fc.assert(
      fc.property(arbitraryMidiFile(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 3 }), (file, flips) => {
        const bytes = file.slice();
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        let json: string;
        try {
          json = importMidiAsJson(bytes).contentJson;
        } catch (err) {
          expect(err).toBeInstanceOf(MidiImportError);
          return;
        }
        const song = JSON.parse(json) as NoteSequence;
        expect(noteSequenceSchema.parse(song)).toEqual(song);
        expect(sequenceProblem(song)).toBeNull();
        expect(song.tracks.every((t) => isSortedNotes(t.notes))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
