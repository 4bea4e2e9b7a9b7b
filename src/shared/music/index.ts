// The public surface of src/shared/music: the song type and its edits, applying edits with undo,
// whole-song operations, time helpers, names, and MIDI conversion. Test support (testing/) is not
// exported: it depends on fast-check, a dev dependency.
export * from './note-sequence';
export * from './song-ops';
export { applySongOp, applySongOps, SongOpError, type AppliedSongOps } from './song-ops-apply';
export { describeSongOps } from './song-ops-describe';
export { compareNotes, isSortedNotes, sortNotes } from './note-order';
export { humanize, quantize, snapToScale, transpose, type HumanizeOptions, type NoteSelection, type QuantizeOptions } from './sequence-ops';
export { concat, merge, slice } from './sequence-arrange';
export { barBeatAt, barTicks, beatTicks, nextBarLine, secondsToTicks, sequenceSummary, songDurationTicks, ticksToSeconds, type BarBeat, type SequenceSummary } from './timing';
export { nearestScalePitch, scaleIntervals, scaleModes, scalePitchClasses, type ScaleMode } from './scales';
export { gmDrumName, gmProgramCount, gmProgramName } from './gm-names';
export { newId } from './new-id';
export { importMidi, maxBpm, MidiImportError, midiToSequence, minBpm, sequenceToMidi, type MidiImport } from './midi-convert';
