import { describe, expect, it } from 'vitest';
import type { TrainingCorpusSummary } from '../../../shared/api';
import {
  bytesToBase64,
  isTrackTicked,
  latestFigures,
  parseSteps,
  previewBlocker,
  previewLine,
  resumable,
  songsSource,
  toggleSong,
  toggleTrack,
  trainingSeries,
  uploadProblem,
  type SongChoice,
} from './train-logic';

const song: SongChoice = {
  docId: 'd1',
  name: 'Tune',
  tracks: [
    { id: 'a', name: 'Lead', isDrum: false, notes: 10 },
    { id: 'b', name: 'Bass', isDrum: false, notes: 5 },
  ],
};

const summary = (over: Partial<TrainingCorpusSummary>): TrainingCorpusSummary => ({
  configName: 'melody-2bar',
  kind: 'melody',
  bars: 2,
  examples: 31,
  sources: 2,
  skipped: [{ reason: 'no notes in the window', label: 'silent', count: 6 }],
  unreadable: [],
  summary: 'found 31 two-bar melodies in 4 tracks; skipped 6 (6 silent)',
  enough: true,
  minExamples: 2,
  ...over,
});

describe('song selection', () => {
  it('builds the API source from whole songs and single tracks, or null when nothing is ticked', () => {
    expect(songsSource('p', {})).toBeNull();
    expect(songsSource('p', { d1: 'all' })).toEqual({ kind: 'songs', projectId: 'p', docIds: ['d1'] });
    expect(songsSource('p', { d1: ['a'] })).toEqual({ kind: 'songs', projectId: 'p', docIds: [], tracks: [{ docId: 'd1', trackId: 'a' }] });
  });

  it('toggles tracks: unticking one of a whole song keeps the rest, ticking all makes it whole again', () => {
    let s = toggleTrack({ d1: 'all' }, song, 'a');
    expect(s).toEqual({ d1: ['b'] });
    expect(isTrackTicked(s, 'd1', 'a')).toBe(false);
    s = toggleTrack(s, song, 'a');
    expect(s).toEqual({ d1: 'all' });
    s = toggleTrack(toggleTrack(s, song, 'a'), song, 'b');
    expect(s).toEqual({});
    expect(toggleSong({}, 'd1')).toEqual({ d1: 'all' });
    expect(toggleSong({ d1: 'all' }, 'd1')).toEqual({});
    expect(toggleSong({ d1: ['a'] }, 'd1')).toEqual({ d1: 'all' });
  });
});

describe('uploads', () => {
  it('says why files cannot be sent', () => {
    expect(uploadProblem([])).toBe('Choose at least one MIDI file.');
    expect(uploadProblem([{ name: 'a.mid', size: 0 }])).toBe('“a.mid” is empty.');
    expect(uploadProblem([{ name: 'big.mid', size: 5_000_000 }])).toMatch(/^“big\.mid” is 5 MB; a MIDI file may be at most 4\.2 MB\.$/);
    expect(uploadProblem([1, 2].map((i) => ({ name: `${i}.mid`, size: 3_500_000 })))).toBe('The files come to 7 MB; choose at most 6 MB at a time.');
    expect(uploadProblem(Array.from({ length: 201 }, (_, i) => ({ name: `${i}.mid`, size: 10 })))).toMatch(/at most 200 files/);
    expect(uploadProblem([{ name: 'a.mid', size: 100 }])).toBeNull();
  });

  it('encodes bytes as base64, large ones in chunks', () => {
    expect(bytesToBase64(new Uint8Array([77, 84, 104, 100]))).toBe('TVRoZA==');
    const big = new Uint8Array(200_000).map((_, i) => i % 256);
    const back = Uint8Array.from(atob(bytesToBase64(big)), (c) => c.charCodeAt(0));
    expect(back.length === big.length && back.every((b, i) => b === big[i])).toBe(true);
  });
});

describe('preview and steps', () => {
  it('writes the preview as a sentence and blocks a corpus too small', () => {
    expect(previewLine(summary({}))).toBe('Found 31 two-bar melodies in 4 tracks; skipped 6 (6 silent).');
    expect(previewBlocker(summary({}))).toBeNull();
    expect(previewBlocker(summary({ examples: 1, enough: false }))).toBe('Training needs at least 2 2-bar melodies; found 1 (skipped: 6 silent).');
    expect(previewBlocker(summary({ kind: 'drums', examples: 0, enough: false, skipped: [], sources: 1 }))).toBe(
      'Training needs at least 2 2-bar drum patterns; found 0 — the chosen music has no drum notes.',
    );
  });

  it('parses steps', () => {
    expect(parseSteps('')).toEqual({ steps: 2000 });
    expect(parseSteps(' 40 ')).toEqual({ steps: 40 });
    expect(parseSteps('1.5')).toHaveProperty('error');
    expect(parseSteps('0')).toHaveProperty('error');
  });
});

describe('training series', () => {
  it('keeps held-out figures only where a step evaluated', () => {
    const points = [
      { step: 1, elapsedMs: 1, loss: 50, kl: 2, accuracy: 0.1 },
      { step: 2, elapsedMs: 2, loss: 40, kl: 3, accuracy: 0.2, heldOutLoss: 45, heldOutAccuracy: 0.15 },
    ];
    expect(trainingSeries(points)).toEqual({
      steps: [1, 2],
      loss: [50, 40],
      heldOutLoss: [null, 45],
      kl: [2, 3],
      accuracy: [0.1, 0.2],
      heldOutAccuracy: [null, 0.15],
    });
    expect(latestFigures(points)).toBe('step 2 · loss 40.00 · KL 3.00 · accuracy 20 % · held-out loss 45.00 (step 2)');
    expect(latestFigures([])).toBe('No steps yet.');
  });
});

describe('resumable', () => {
  it('offers Resume on stopped training jobs only', () => {
    expect(resumable({ kind: 'train-music', status: 'cancelled' })).toBe(true);
    expect(resumable({ kind: 'train-music', status: 'interrupted' })).toBe(true);
    expect(resumable({ kind: 'train-music', status: 'succeeded' })).toBe(false);
    expect(resumable({ kind: 'train-music', status: 'running' })).toBe(false);
    expect(resumable({ kind: 'benchmark', status: 'cancelled' })).toBe(false);
  });
});
