import { describe, expect, it } from 'vitest';
import { matchesShortcut } from '../../lib/keyboard';
import type { Note, NoteSequence, Track } from '../../../shared/music/note-sequence';
import { applySongOps } from '../../../shared/music/song-ops-apply';
import { tasteOrder, cardFigures, cardKeys, cardTicks, clipSummaryOf, dropBar, focusAfterRemoval, keepOps, keepStart, placeNotes, stepFocus, targetTrack, thumbPlayheadX, thumbRects, trackSuits } from './generate-logic';

const bar = 1920;
const note = (start: number, pitch = 60, duration = 240, id = `n${start}-${pitch}`): Note => ({ id, pitch, velocity: 90, start, duration });
const track = (id: string, fields: Partial<Track> = {}): Track => ({ id, name: id, program: 0, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes: [], ...fields });
const songOf = (tracks: Track[], ppq = 480): NoteSequence => ({
  ppq,
  tracks,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  keySignatures: [],
});
let ids = 0;
const newId = () => `id${++ids}`;

describe('where a kept result goes', () => {
  it('goes at the bar of the playhead when that place is free', () => {
    const t = track('a');
    const s = songOf([t]);
    expect(keepStart(s, t, 2 * bar, 3 * bar + 500)).toBe(3 * bar);
    expect(keepStart(s, t, 2 * bar, 0)).toBe(0);
  });

  it('goes after the last clip when the playhead’s bar is taken', () => {
    const t = track('a', { clips: [{ id: 'c', name: 'Hook', start: 0, duration: 2 * bar }], notes: [note(0), note(bar)] });
    const s = songOf([t]);
    expect(keepStart(s, t, 2 * bar, bar + 10)).toBe(2 * bar);
    // Loose notes count as a region too: they end in bar 6, so the next bar line is bar 6's end.
    const loose = track('b', { notes: [note(4 * bar), note(5 * bar + 100)] });
    expect(keepStart(songOf([loose]), loose, 2 * bar, 4 * bar)).toBe(6 * bar);
    // A clip that would only partly fit before another is not squeezed in.
    const later = track('c', { clips: [{ id: 'x', name: 'X', start: bar, duration: bar }] });
    expect(keepStart(songOf([later]), later, 2 * bar, 0)).toBe(2 * bar);
  });

  it('puts a continuation right after what it continues when free', () => {
    const t = track('a', { notes: [note(0), note(bar + 100)] });
    const s = songOf([t]);
    expect(keepStart(s, t, 2 * bar, 0, 2 * bar)).toBe(2 * bar);
    expect(keepStart(s, t, 2 * bar, 6 * bar, bar)).toBe(6 * bar);
  });

  it('drops at the bar under the pointer', () => {
    const s = songOf([track('a')]);
    expect(dropBar(s, 3 * bar + 1900)).toBe(3 * bar);
    expect(dropBar(s, -50)).toBe(0);
  });
});

describe('the ops that keep a result', () => {
  it('adds its notes (at the song’s PPQ) and a named clip in one edit, which undoes as one', () => {
    const t = track('a', { clips: [{ id: 'c', name: 'Hook', start: 0, duration: bar }] });
    const s = songOf([t], 960);
    const result = { notes: [note(0, 60, 240), note(480, 64, 480)], bars: 2 };
    const { ops, clip } = keepOps(s, 'a', result, 2 * 3840, 'Variation 1', newId);
    expect(clip).toMatchObject({ name: 'Variation 1', start: 7680, duration: 7680 });
    const { song: next, inverse } = applySongOps(s, ops);
    const kept = next.tracks[0] as Track;
    expect(kept.notes.map((n) => [n.pitch, n.start, n.duration])).toEqual([
      [60, 7680, 480],
      [64, 8640, 960],
    ]);
    expect(kept.clips?.map((c) => c.name)).toEqual(['Hook', 'Variation 1']);
    expect(applySongOps(next, inverse).song).toEqual(s);
  });

  it('refuses a place another clip holds', () => {
    const t = track('a', { clips: [{ id: 'c', name: 'Hook', start: bar, duration: bar }] });
    expect(() => keepOps(songOf([t]), 'a', { notes: [note(0)], bars: 2 }, 0, 'V', newId)).toThrow(/taken by another clip/);
    expect(() => keepOps(songOf([t]), 'zz', { notes: [note(0)], bars: 2 }, 0, 'V', newId)).toThrow(/no longer exists/);
  });

  it('scales notes from PPQ 480 to the song’s', () => {
    expect(placeNotes([note(240, 60, 120)], { ppq: 96 }, 100, newId)).toMatchObject([{ start: 148, duration: 24, pitch: 60 }]);
    expect(cardTicks({ ppq: 480 }, 2)).toBe(2 * bar);
  });
});

describe('which track results go to', () => {
  const piano = track('p');
  const drums = track('d', { isDrum: true });
  const s = songOf([piano, drums]);
  it('prefers the panel’s choice, then the selected track when it suits, then the first that suits', () => {
    expect(targetTrack(s, 'melody', 'd', 'p')?.id).toBe('d');
    expect(targetTrack(s, 'melody', null, 'p')?.id).toBe('p');
    expect(targetTrack(s, 'drums', null, 'p')?.id).toBe('d');
    expect(targetTrack(songOf([piano]), 'drums', null, 'p')).toBeNull();
    expect(trackSuits(drums, 'drums')).toBe(true);
    expect(trackSuits(drums, 'melody')).toBe(false);
  });
});

describe('the card thumbnail', () => {
  it('spreads two bars over the width and pitches over the height, highest on top', () => {
    const rects = thumbRects([note(0, 60, 960), note(1920, 72, 1920)], 2, 206, 56, 3);
    expect(rects[0]).toMatchObject({ x: 3, w: 50 });
    expect(rects[1]?.x).toBe(3 + 100);
    expect(rects[1]?.w).toBe(100);
    expect(rects[1]?.y).toBeLessThan(rects[0]?.y ?? 0);
    for (const r of rects) {
      expect(r.y).toBeGreaterThanOrEqual(3);
      expect(r.y + r.h).toBeLessThanOrEqual(56 - 3 + 1e-9);
    }
  });

  it('widens one note to an octave, gives tiny notes a visible width, and clips notes past the end', () => {
    const [only] = thumbRects([note(0, 60, 1)], 2, 100, 40);
    expect(only?.w).toBe(1.5);
    expect(only?.h).toBeCloseTo(34 / 13);
    const [long] = thumbRects([note(3000, 60, 99999)], 2, 100, 40, 0);
    expect((long?.x ?? 0) + (long?.w ?? 0)).toBeCloseTo(100);
  });

  it('moves the playhead across the card', () => {
    expect(thumbPlayheadX(0, 4, 106, 3)).toBe(3);
    expect(thumbPlayheadX(2, 4, 106, 3)).toBe(53);
    expect(thumbPlayheadX(9, 4, 106, 3)).toBe(103);
    expect(thumbPlayheadX(1, 0, 106, 3)).toBe(3);
  });
});

describe('focus and keys of the results list', () => {
  const cards = ['a', 'b', 'c'];
  it('steps between cards, clamped', () => {
    expect(stepFocus(cards, 'a', 1)).toBe('b');
    expect(stepFocus(cards, 'c', 1)).toBe('c');
    expect(stepFocus(cards, 'a', -1)).toBe('a');
    expect(stepFocus(cards, null, 1)).toBe('a');
    expect(stepFocus([], null, 1)).toBeNull();
  });

  it('moves the focus to the next card (else the previous) when one goes', () => {
    expect(focusAfterRemoval(cards, 'b', 'b')).toBe('c');
    expect(focusAfterRemoval(cards, 'c', 'c')).toBe('b');
    expect(focusAfterRemoval(cards, 'a', 'c')).toBe('c');
    expect(focusAfterRemoval(['a'], 'a', 'a')).toBeNull();
  });

  it('maps the keys the panel documents', () => {
    const key = (k: string) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false });
    const action = (k: string) => (Object.keys(cardKeys) as (keyof typeof cardKeys)[]).find((a) => cardKeys[a].some((s) => matchesShortcut(key(k), s)));
    expect(action('ArrowRight')).toBe('next');
    expect(action('ArrowDown')).toBe('next');
    expect(action('ArrowUp')).toBe('previous');
    expect(action(' ')).toBe('play');
    expect(action('k')).toBe('keep');
    expect(action('d')).toBe('discard');
    expect(action('Delete')).toBe('discard');
    expect(action('x')).toBeUndefined();
  });
});

describe('what the history keeps of a result', () => {
  it('summarises without the notes', () => {
    expect(clipSummaryOf({ notes: [note(0, 62), note(480, 70)], bars: 2, density: 1, inScaleRate: 0.87654 })).toEqual({ notes: 2, density: 1, lowPitch: 62, highPitch: 70, bars: 2, inScaleRate: 0.877 });
    expect(clipSummaryOf({ notes: [], bars: 2, density: 0 })).toEqual({ notes: 0, density: 0, bars: 2 });
  });

  it('says the figures in words', () => {
    expect(cardFigures({ notes: [note(0)], density: 6.25, inScaleRate: 0.94 }, 'melody', { tonic: 9, mode: 'minor' })).toBe('1 note · 6.3 notes/bar · 94 % in A minor');
    expect(cardFigures({ notes: [], density: 0 }, 'drums')).toBe('0 hits · 0 hits/bar');
  });

  it('orders cards by predicted taste, keeping the model order on ties, and says the taste on the card', () => {
    const cards: { id: string; taste?: number }[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(tasteOrder(cards, [0.2, 0.9, 0.2]).map((c) => [c.id, c.taste])).toEqual([['b', 0.9], ['a', 0.2], ['c', 0.2]]);
    expect(cardFigures({ notes: [note(0, 60)], density: 1, taste: 0.824 }, 'melody')).toBe('1 note · 1 notes/bar · 82 % your taste');
  });
});
