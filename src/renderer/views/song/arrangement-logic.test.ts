import { describe, expect, it } from 'vitest';
import type { ArrangedClip } from '../../../shared/music/clips';
import { emptySequence } from '../../../shared/music/note-sequence';
import { arrTickToX, arrXToTick, arrZoomAt, clipAt, clipGrid, dropStart, fitZoom, laneAt, maxArrangePxPerTick, pitchSpan, type ArrangeView } from './arrangement-logic';

const view: ArrangeView = { width: 800, height: 200, rulerHeight: 30, pxPerTick: 0.05, scrollX: 100 };
const lanes = [
  { trackId: 'a', top: 30, height: 60 },
  { trackId: 'b', top: 94, height: 60 },
];
const clip = (id: string, start: number, duration: number): ArrangedClip => ({ id, name: id, start, duration, auto: false });

describe('arrangement geometry', () => {
  it('converts ticks and x both ways on its zoom and scroll', () => {
    expect(arrTickToX(view, 4000)).toBe(100);
    expect(arrXToTick(view, 100)).toBe(4000);
  });

  it('finds the lane and the clip under the pointer, never in the ruler or the gap', () => {
    const clips = new Map([['b', [clip('x', 2000, 4000)]]]);
    expect(laneAt(lanes, 92)).toBeNull();
    expect(laneAt(lanes, 100)?.trackId).toBe('b');
    expect(clipAt(view, lanes, clips, arrTickToX(view, 3000), 120)?.clip.id).toBe('x');
    expect(clipAt(view, lanes, clips, arrTickToX(view, 7000), 120)).toBeNull();
    expect(clipAt(view, lanes, clips, arrTickToX(view, 3000), 60)).toBeNull();
    expect(clipAt(view, lanes, clips, arrTickToX(view, 3000), 10)).toBeNull();
  });

  it('moves clips by beats when a beat is wide enough to aim at, else by bars', () => {
    const song = emptySequence();
    expect(clipGrid({ ...view, pxPerTick: 0.05 }, song)).toBe(480);
    expect(clipGrid({ ...view, pxPerTick: 0.01 }, song)).toBe(1920);
    expect(dropStart(5000, 300, 480)).toBe(4800);
    expect(dropStart(100, 300, 480)).toBe(0);
  });

  it('zooms about the pointer and fits a song in the width', () => {
    const z = arrZoomAt(view, 2, 400);
    expect(arrXToTick({ ...view, ...z }, 400)).toBeCloseTo(arrXToTick(view, 400));
    expect(arrZoomAt(view, 1e6, 0).pxPerTick).toBe(maxArrangePxPerTick);
    expect(fitZoom(1000, 19_000) * 19_000).toBeCloseTo(950);
  });

  it('spans at least an octave of pitch for the clip miniature', () => {
    expect(pitchSpan([60])).toEqual({ low: 54, high: 66 });
    expect(pitchSpan([40, 80])).toEqual({ low: 40, high: 80 });
    expect(pitchSpan([])).toEqual({ low: 48, high: 72 });
  });
});
