// A worker thread that turns the bytes of a MIDI file into a NoteSequence, for the host. Parsing
// runs here, not on the host's event loop, because @tonejs/midi pairs note-ons with note-offs in
// time that grows with the square of a track's notes (60,000 notes in one track: ~3.5 s on a laptop
// core, a 4 MB file: minutes). On the loop that would freeze every window; here the host stays
// responsive and can stop the thread when it takes too long (parse-midi-off-thread.ts).
import { parentPort } from 'node:worker_threads';
import { MidiImportError, midiToSequence } from '../shared/music';
import type { MidiParseReply } from './midi-parse-protocol';

parentPort?.once('message', (bytes: Uint8Array) => {
  let reply: MidiParseReply;
  try {
    reply = { ok: true, sequence: midiToSequence(bytes) };
  } catch (err) {
    reply = { ok: false, refused: err instanceof MidiImportError, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
