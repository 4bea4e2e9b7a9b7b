import { describe, expect, it } from 'vitest';
import { emptySequence, type NoteSequence, type Track } from '../music/note-sequence';
import { ticksToSeconds } from '../music/timing';
import {
  audibleTrackIds,
  countIn,
  defaultLoop,
  drumVoiceFor,
  loopFromDrag,
  metronomeBeats,
  noteEvents,
  pianoSampleFile,
  pianoSampleNotes,
  pianoSampleUrl,
  planInstruments,
  presetForProgram,
  tickClock,
  volumeToDb,
  withTempoAt,
  wrapIntoLoop,
} from './playback-logic';

const track = (id: string, over: Partial<Track> = {}): Track => ({ id, name: id, program: 0, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes: [], ...over });

function song(over: Partial<NoteSequence> = {}): NoteSequence {
  return { ...emptySequence(480), ...over };
}

describe('playback logic', () => {
  it('turns linear volume into decibels', () => {
    expect(volumeToDb(1)).toBe(0);
    expect(volumeToDb(0.5)).toBeCloseTo(-6.02, 2);
    expect(volumeToDb(0)).toBe(-Infinity);
  });

  it('lets only soloed tracks sound when any is soloed, and mute always silences', () => {
    const tracks = [track('a'), track('b', { mute: true }), track('c')];
    expect([...audibleTrackIds(tracks)]).toEqual(['a', 'c']);
    expect([...audibleTrackIds([track('a', { solo: true }), track('b'), track('c', { solo: true, mute: true })])]).toEqual(['a']);
  });

  it('maps GM families to presets', () => {
    expect([0, 4, 7].map(presetForProgram)).toEqual(['piano', 'piano', 'piano']);
    expect(presetForProgram(8)).toBe('fm'); // celesta
    expect(presetForProgram(14)).toBe('fm'); // tubular bells
    expect(presetForProgram(19)).toBe('am'); // church organ
    expect(presetForProgram(24)).toBe('pluck'); // nylon guitar
    expect(presetForProgram(33)).toBe('bass'); // finger bass
    expect(presetForProgram(38)).toBe('bass'); // synth bass
    expect(presetForProgram(40)).toBe('poly'); // violin
    expect(presetForProgram(45)).toBe('pluck'); // pizzicato
    expect(presetForProgram(46)).toBe('pluck'); // harp
    expect(presetForProgram(56)).toBe('am'); // trumpet
    expect(presetForProgram(73)).toBe('poly'); // flute
    expect(presetForProgram(81)).toBe('poly'); // saw lead
    expect(presetForProgram(105)).toBe('pluck'); // banjo
    expect(presetForProgram(108)).toBe('fm'); // kalimba
    expect(presetForProgram(127)).toBe('fm');
  });

  it('maps GM drum keys to kit voices, toms rising with the key', () => {
    expect(drumVoiceFor(36).voice).toBe('kick');
    expect(drumVoiceFor(35).voice).toBe('kick');
    expect(drumVoiceFor(38).voice).toBe('snare');
    expect(drumVoiceFor(42).voice).toBe('closedHat');
    expect(drumVoiceFor(46).voice).toBe('openHat');
    expect(drumVoiceFor(44).voice).toBe('pedalHat');
    expect(drumVoiceFor(49).voice).toBe('crash');
    expect(drumVoiceFor(51).voice).toBe('ride');
    expect(drumVoiceFor(39).voice).toBe('clap');
    expect(drumVoiceFor(56).voice).toBe('cowbell');
    const toms = [41, 43, 45, 47, 48, 50].map((p) => drumVoiceFor(p));
    expect(toms.every((t) => t.voice === 'tom')).toBe(true);
    const hz = toms.map((t) => t.hz ?? 0);
    expect(hz).toEqual([...hz].sort((a, b) => a - b));
    expect(new Set(hz).size).toBe(hz.length);
    expect(drumVoiceFor(100).voice).toBe('rim');
  });

  it('times notes by the tempo map, the same as ticksToSeconds', () => {
    const s = song({
      tempos: [
        { tick: 0, bpm: 120 },
        { tick: 1920, bpm: 60 },
        { tick: 2400, bpm: 240 },
      ],
      tracks: [
        track('a', {
          notes: [
            { id: 'n1', pitch: 60, velocity: 127, start: 960, duration: 480 },
            { id: 'n2', pitch: 62, velocity: 64, start: 1920, duration: 960 },
          ],
        }),
      ],
    });
    const at = tickClock(s);
    for (const tick of [0, 100, 1919, 1920, 2000, 2400, 2401, 10_000]) expect(at(tick)).toBeCloseTo(ticksToSeconds(s, tick), 9);
    const [first, second] = noteEvents(s);
    expect(first).toMatchObject({ trackId: 'a', pitch: 60, velocity: 1, time: 1, duration: 0.5 });
    // Starts at 2 s; 480 ticks at 60 BPM (1 s) then 480 at 240 BPM (0.25 s).
    expect(second?.time).toBeCloseTo(2, 9);
    expect(second?.duration).toBeCloseTo(1.25, 9);
    expect(second?.velocity).toBeCloseTo(64 / 127, 9);
  });

  it('changes the tempo in effect at the playhead, clamped', () => {
    const tempos = [
      { tick: 0, bpm: 120 },
      { tick: 1920, bpm: 90 },
    ];
    expect(withTempoAt(tempos, 0, 100)).toEqual([{ tick: 0, bpm: 100 }, { tick: 1920, bpm: 90 }]);
    expect(withTempoAt(tempos, 5000, 2000)).toEqual([{ tick: 0, bpm: 120 }, { tick: 1920, bpm: 999 }]);
    expect(tempos[1]?.bpm).toBe(90);
  });

  it('clicks each beat with an accent on every downbeat, across signature changes', () => {
    const s = song({
      timeSignatures: [
        { tick: 0, numerator: 3, denominator: 4 },
        // 6/8 from the middle of bar 2 starts a new bar there.
        { tick: 1920, numerator: 6, denominator: 8 },
      ],
    });
    const beats = metronomeBeats(s, 0, 1920 + 240 * 7);
    expect(beats.slice(0, 5)).toEqual([
      { tick: 0, accent: true },
      { tick: 480, accent: false },
      { tick: 960, accent: false },
      { tick: 1440, accent: true },
      { tick: 1920, accent: true },
    ]);
    expect(beats.slice(5).map((b) => b.tick)).toEqual([2160, 2400, 2640, 2880, 3120, 3360]);
    expect(beats.slice(5).map((b) => b.accent)).toEqual([false, false, false, false, false, true]);
    expect(metronomeBeats(s, 500, 1500).map((b) => b.tick)).toEqual([960, 1440]);
  });

  it('loops the whole song rounded up to a bar, and a ruler drag on the grid', () => {
    const notes = [{ id: 'n', pitch: 60, velocity: 100, start: 0, duration: 2000 }];
    expect(defaultLoop(song({ tracks: [track('a', { notes })] }))).toEqual({ start: 0, end: 3840 });
    expect(defaultLoop(song())).toEqual({ start: 0, end: 1920 });
    expect(loopFromDrag(1000, 100, 480)).toEqual({ start: 0, end: 960 });
    expect(loopFromDrag(500, 510, 480)).toEqual({ start: 480, end: 960 });
  });

  it('wraps a playhead read just past the loop end back into the loop', () => {
    const region = { start: 960, end: 1920 };
    expect(wrapIntoLoop(1500, region)).toBe(1500);
    expect(wrapIntoLoop(1920, region)).toBe(960);
    expect(wrapIntoLoop(2000, region)).toBe(1040);
    expect(wrapIntoLoop(100, region)).toBe(100);
  });

  it('counts in one bar of the signature at the playhead, at its tempo', () => {
    const s = song({ tempos: [{ tick: 0, bpm: 60 }], timeSignatures: [{ tick: 0, numerator: 6, denominator: 8 }] });
    const c = countIn(s, 0);
    expect(c.clicks).toHaveLength(6);
    expect(c.clicks[0]).toEqual({ offset: 0, accent: true });
    expect(c.clicks[1]).toEqual({ offset: 0.5, accent: false });
    expect(c.seconds).toBe(3);
  });

  it('rebuilds only the instruments whose kind changed and drops removed tracks', () => {
    const existing = new Map([
      ['a', 'piano' as const],
      ['b', 'drums' as const],
      ['c', 'bass' as const],
    ]);
    const plan = planInstruments(existing, [track('a'), track('c', { program: 24 }), track('d', { isDrum: true })]);
    expect(plan.dispose.sort()).toEqual(['b', 'c']);
    expect(plan.create).toEqual([
      { trackId: 'c', kind: 'pluck' },
      { trackId: 'd', kind: 'drums' },
    ]);
    expect(planInstruments(new Map([['a', 'piano']]), [track('a', { program: 3 })])).toEqual({ create: [], dispose: [] });
  });

  it('names the 30 piano samples with # encoded', () => {
    expect(pianoSampleNotes).toHaveLength(30);
    expect(pianoSampleUrl('./samples/piano/', 'D#4')).toBe('./samples/piano/D%234v10.mp3');
    expect(pianoSampleUrl('./samples/piano/', 'A0')).toBe('./samples/piano/A0v10.mp3');
    expect(pianoSampleFile('D#4')).toBe('D#4v10.mp3');
  });
});
