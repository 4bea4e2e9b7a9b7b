// What the MIDI parsing thread answers (midi-parse-thread.ts). `refused`: the file itself is the
// problem (MidiImportError, a message for the user); otherwise an unexpected failure.
import type { NoteSequence } from '../shared/music/note-sequence';

export type MidiParseReply = { ok: true; sequence: NoteSequence } | { ok: false; refused: boolean; message: string };
