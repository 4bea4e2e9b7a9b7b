import { describe, expect, it } from 'vitest';
import { emptySequence, type NoteSequence, type Track } from '../music/note-sequence';
import { barBeatAt } from '../music/timing';
import { barStartTick, regionFromBars, renderSampleRate, renderTailSeconds, renderWindow, soundingSong, splitTracks } from './render-plan';

const track = (id: string, over: Partial<Track> = {}, starts: number[] = [0]): Track => ({
  id,
  name: id,
  program: 0,
  isDrum: false,
  mute: false,
  solo: false,
  volume: 0.8,
  pan: 0,
  notes: starts.map((start, i) => ({ id: `${id}-${i}`, pitch: 60, velocity: 100, start, duration: 240 })),
  ...over,
});

/** 480 PPQ, 120 BPM (a quarter is 0.5 s, a 4/4 bar 2 s). */
function song(tracks: Track[], over: Partial<NoteSequence> = {}): NoteSequence {
  return { ...emptySequence(480), tracks, ...over };
}

describe('render plan', () => {
  it('renders the whole song to its last bar line plus the tail', () => {
    // A note ending in bar 2 (ticks 1920…3840): two bars, 4 s.
    const w = renderWindow(song([track('a', {}, [2000])]), null);
    expect(w).toEqual({ from: 0, to: 4, seconds: 4 + renderTailSeconds, frames: (4 + renderTailSeconds) * renderSampleRate });
  });

  it('renders a region in seconds of the tempo map', () => {
    const s = song([track('a')], {
      tempos: [
        { tick: 0, bpm: 120 },
        { tick: 1920, bpm: 60 },
      ],
    });
    // Bar 2 at 60 BPM lasts 4 s and starts at 2 s.
    expect(renderWindow(s, { start: 1920, end: 3840 })).toMatchObject({ from: 2, to: 6, seconds: 4 + renderTailSeconds });
  });

  it('leaves out muted, unsoloed and silent tracks, and keeps the rest audible', () => {
    const w = { from: 0, to: 4 };
    const tracks = [track('a'), track('b', { mute: true }), track('c', {}, [5000]), track('d')];
    expect(soundingSong(song(tracks), w).tracks.map((t) => t.id)).toEqual(['a', 'd']);
    const soloed = [track('a'), track('b', { solo: true }), track('c', { solo: true, mute: true })];
    const heard = soundingSong(song(soloed), w);
    expect(heard.tracks.map((t) => t.id)).toEqual(['b']);
    // An empty song is an empty render, not an error.
    expect(soundingSong(song([]), w).tracks).toEqual([]);
  });

  it('shares tracks between contexts by cost, keeping their order and every track once', () => {
    const drums = track('drums', { isDrum: true }, Array.from({ length: 400 }, (_, i) => i * 240));
    const pad = track('pad', { program: 89 }, Array.from({ length: 100 }, (_, i) => i * 960));
    const bass = track('bass', { program: 33 }, Array.from({ length: 400 }, (_, i) => i * 240));
    const piano = track('piano', {}, Array.from({ length: 400 }, (_, i) => i * 240));
    const s = song([piano, bass, pad, drums]);
    const w = renderWindow(s, null);
    const parts = splitTracks(s, 2, w);
    expect(parts).toHaveLength(2);
    expect(parts.flatMap((p) => p.tracks.map((t) => t.id)).sort()).toEqual(['bass', 'drums', 'pad', 'piano']);
    for (const p of parts) {
      expect(p.tempos).toBe(s.tempos);
      const order = p.tracks.map((t) => s.tracks.indexOf(t));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    expect(splitTracks(s, 8, w)).toHaveLength(4);
    expect(splitTracks(s, 1, w)).toEqual([s]);
  });

  it('finds bar starts as the ruler counts them, across signature changes', () => {
    // 4/4 for one and a half bars (the half bar counts), then 3/4.
    const s = song([], {
      timeSignatures: [
        { tick: 0, numerator: 4, denominator: 4 },
        { tick: 2880, numerator: 3, denominator: 4 },
      ],
    });
    expect([1, 2, 3, 4].map((bar) => barStartTick(s, bar))).toEqual([0, 1920, 2880, 4320]);
    for (const bar of [1, 2, 3, 4, 7]) expect(barBeatAt(s, barStartTick(s, bar))).toMatchObject({ bar, beat: 1, tick: 0 });
  });

  it('turns --start-bar and --end-bar into a region, and says why one cannot be', () => {
    const s = song([track('a', {}, [0, 5000])]); // 3 bars: 0…5760
    expect(regionFromBars(s, undefined, undefined)).toEqual({ start: 0, end: 5760 });
    expect(regionFromBars(s, 2, 2)).toEqual({ start: 1920, end: 3840 });
    expect(regionFromBars(s, 2, undefined)).toEqual({ start: 1920, end: 5760 });
    expect(regionFromBars(s, undefined, 1)).toEqual({ start: 0, end: 1920 });
    // Bars past the end render silence up to them (a region may be longer than the song).
    expect(regionFromBars(s, 3, 5)).toEqual({ start: 3840, end: 9600 });
    expect(regionFromBars(s, 3, 2)).toBe('--end-bar (2) comes before --start-bar (3).');
    expect(regionFromBars(s, 4, undefined)).toBe('The song ends before bar 4.');
  });
});
