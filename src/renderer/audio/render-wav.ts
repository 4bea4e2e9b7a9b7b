// Renders the song to a 16-bit 44.1 kHz stereo WAV with Tone.Offline: the same instruments, mix
// and note schedule as playback (song-rig.ts), the whole song (to its last bar line) or the loop
// region, plus a tail so releases and reverb-like decays are not cut. Imported lazily, like the
// playback engine, because importing Tone.js creates its AudioContext.
import * as Tone from 'tone';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { loadPianoSamples } from './instruments';
import { defaultLoop, instrumentKind, tickClock } from './playback-logic';
import { scheduleNotes, syncRigs, type TrackRig } from './song-rig';
import { encodeWav } from './wav-encode';

export const renderSampleRate = 44_100;
/** Seconds rendered after the end (of the song or region), for releases to die away. */
export const renderTailSeconds = 2;

/** The WAV bytes of `song`, from `region` (ticks) or the whole song. */
export async function renderSongWav(song: NoteSequence, region: { start: number; end: number } | null): Promise<Uint8Array<ArrayBuffer>> {
  const samples = song.tracks.some((t) => instrumentKind(t) === 'piano') ? await loadPianoSamples() : null;
  const at = tickClock(song);
  const { start, end } = region ?? { start: 0, end: defaultLoop(song).end };
  const from = at(start);
  const to = at(end);
  const buffer = await Tone.Offline(
    () => {
      const transport = Tone.getTransport();
      const rigs = new Map<string, TrackRig>();
      syncRigs(rigs, song, samples);
      scheduleNotes(transport, song, rigs, { start: from, end: to });
      transport.start(0, from);
    },
    to - from + renderTailSeconds,
    2,
    renderSampleRate,
  );
  return encodeWav([buffer.getChannelData(0), buffer.getChannelData(1)], renderSampleRate);
}
