// What the MIDI parsing thread answers (midi-parse-thread.ts), once per file it is sent: the song
// as JSON in UTF-8 bytes, whose buffer is transferred (nothing is cloned: not 100,000 note objects,
// not a 9 MB string), and its summary. `refused`: the file itself is the problem (MidiImportError,
// a message for the user); otherwise an unexpected failure.
import type { SequenceSummary } from '../shared/music/timing';

export type MidiParseReply = { ok: true; contentUtf8: Uint8Array; summary: SequenceSummary } | { ok: false; refused: boolean; message: string };
