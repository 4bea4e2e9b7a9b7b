// The drum kit's cymbals and cowbell (Tone MetalSynths: crash, ride, cowbell) rendered only where
// they ring. A MetalSynth is some 160 native nodes (six FM oscillator pairs, their frequency and
// index signals, a filter swept by its envelope) and node-web-audio-api processes all of them in
// every 128-frame block from the moment the kit builds it to the end of the render, sounding or
// not: the benchmark song's crash, once every eight bars, was 40 % of its drum track's time.
//
// Here the hits of those voices leave the drum track and are grouped by the time between them;
// each group is rendered in a short context of its own (the track's kit, volume and pan, built
// there) from the frame of its first hit to its last hit's end plus the render tail, and added to
// the mix at that frame. Everything on a track's chain (the kit's voices, its output gain, volume
// and pan) is linear and the kit's voices are independent of each other, so the sum is the track.
// A MetalSynth left silent is as a new one: its oscillators stop when its envelope ends (within
// 1.4 s of the hit), its envelope rests at 0 and its filter hears silence; so a group sounds as it
// would in the whole track. A group starts on a block boundary of the render (node-web-audio-api
// computes some values once per 128-frame block), so every hit keeps its place in its block and
// between two samples.
import type { NoteSequence, Track } from '../../shared/music/note-sequence';
import { drumVoiceFor, instrumentKind, tickClock, type DrumVoice } from '../../shared/sound/playback-logic';
import { renderSampleRate, renderTailSeconds, type RenderWindow } from '../../shared/sound/render-plan';

/** The kit's voices that stand idle at a cost and ring for at most 1.4 s. */
const sparse: ReadonlySet<DrumVoice> = new Set(['crash', 'ride', 'cowbell']);

/** Hits closer than this (seconds, after one group's end) share a group: a context costs more to
 * set up than this much idle time. */
const joinWithin = 2;

/** Frames in one of node-web-audio-api's render quanta. */
const block = 128;

export interface VoiceWindow {
  /** One track: the drum track with only this group's hits. */
  song: NoteSequence;
  /** Song second of the group's first frame: the main window's start plus a whole number of frames. */
  origin: number;
  /** That frame in the render, and the group's length in frames. */
  offset: number;
  frames: number;
}

/** A stretch of one track: its first frame on a block boundary of the render at or before `first`
 * (node-web-audio-api computes some values once per 128-frame block, so every note keeps its place
 * in its block and between two samples), to `end` (song seconds) or the render's end. */
function stretch(song: NoteSequence, track: Track, window: RenderWindow, first: number, end: number): VoiceWindow {
  const offset = Math.max(0, Math.floor(((first - window.from) * renderSampleRate) / block) * block);
  const last = Math.min(window.frames, Math.ceil((end - window.from) * renderSampleRate));
  return { song: { ...song, tracks: [track] }, origin: window.from + offset / renderSampleRate, offset, frames: Math.max(1, last - offset) };
}

const isSparse = (track: Track, pitch: number): boolean => instrumentKind(track) === 'drums' && sparse.has(drumVoiceFor(pitch).voice);

/**
 * Takes the sparse voices' hits (those starting in the window) out of the song's drum tracks: the
 * song without them (tracks left with no note in the window dropped), and a window per group.
 */
export function isolateSparseVoices(song: NoteSequence, window: RenderWindow): { song: NoteSequence; windows: VoiceWindow[] } {
  const at = tickClock(song);
  const inWindow = (start: number): boolean => {
    const t = at(start);
    return t >= window.from && t < window.to;
  };
  const windows: VoiceWindow[] = [];
  const tracks: Track[] = [];
  for (const track of song.tracks) {
    const hits = track.notes.filter((n) => inWindow(n.start) && isSparse(track, n.pitch));
    if (hits.length === 0) {
      tracks.push(track);
      continue;
    }
    const taken = new Set(hits);
    const rest = track.notes.filter((n) => !taken.has(n));
    if (rest.some((n) => inWindow(n.start))) tracks.push({ ...track, notes: rest });
    // Groups, in time order (the notes keep their track order within a group).
    const byTime = [...hits].sort((a, b) => a.start - b.start);
    let group: typeof hits = [];
    let groupEnd = -Infinity;
    const close = (): void => {
      if (group.length === 0) return;
      const members = new Set(group);
      windows.push(stretch(song, { ...track, notes: track.notes.filter((n) => members.has(n)) }, window, at((group[0] as Track['notes'][number]).start), groupEnd));
      group = [];
    };
    for (const hit of byTime) {
      const start = at(hit.start);
      if (start >= groupEnd + joinWithin) close();
      group.push(hit);
      groupEnd = Math.max(groupEnd, at(hit.start + hit.duration) + renderTailSeconds, start + renderTailSeconds);
    }
    close();
  }
  return { song: { ...song, tracks }, windows };
}

