// A worker thread that turns the bytes of MIDI files into songs for the host, one file per message,
// answering each with the song's JSON (midi-parse-protocol.ts). It runs here, not on the host's
// event loop, so that even a 4 MB file never holds up the windows, and so that the host can stop
// it when it takes too long (parse-midi-off-thread.ts). The host keeps one such thread warm
// between imports: its code is then loaded and optimised already.
import { parentPort } from 'node:worker_threads';
import { MidiImportError, importMidiAsJson } from '../shared/music/midi-convert';
import type { MidiParseReply } from './midi-parse-protocol';

const utf8 = new TextEncoder();

parentPort?.on('message', (bytes: Uint8Array) => {
  let reply: MidiParseReply;
  try {
    const { contentJson, summary } = importMidiAsJson(bytes);
    reply = { ok: true, contentUtf8: utf8.encode(contentJson), summary };
  } catch (err) {
    reply = { ok: false, refused: err instanceof MidiImportError, message: err instanceof Error ? err.message : String(err) };
  }
  // The song's bytes are moved to the host, not copied.
  parentPort?.postMessage(reply, reply.ok ? [reply.contentUtf8.buffer as ArrayBuffer] : []);
});
