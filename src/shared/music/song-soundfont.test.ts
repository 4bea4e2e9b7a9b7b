import { describe, expect, it } from 'vitest';
import { emptySequence, noteSequenceSchema } from './note-sequence';
import { songOpSchema } from './song-ops';
import { applySongOp, applySongOps } from './song-ops-apply';
import { describeSongOps } from './song-ops-describe';
import { deepFreeze } from './testing/arbitrary-sequence';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);

describe('setSoundfont', () => {
  it('chooses a soundfont, changes it, and goes back to built-in; each inverse restores the song exactly', () => {
    const built = deepFreeze(emptySequence());
    const first = applySongOp(built, { type: 'setSoundfont', soundfont: a });
    expect(first.song.soundfont).toBe(a);
    expect(first.inverse).toEqual([{ type: 'setSoundfont', soundfont: null }]);
    // Undoing the first choice gives back the song as it was: no `soundfont` key at all.
    expect(applySongOps(first.song, first.inverse).song).toStrictEqual(built);
    const second = applySongOp(deepFreeze(first.song), { type: 'setSoundfont', soundfont: b });
    expect(second.inverse).toEqual([{ type: 'setSoundfont', soundfont: a }]);
    const off = applySongOp(deepFreeze(second.song), { type: 'setSoundfont', soundfont: null });
    expect('soundfont' in off.song).toBe(false);
    expect(applySongOps(off.song, off.inverse).song).toEqual(second.song);
    expect(noteSequenceSchema.parse(second.song).soundfont).toBe(b);
    expect(describeSongOps([{ type: 'setSoundfont', soundfont: a }])).toBe('Change instruments');
  });

  it('validates the op and the song field', () => {
    expect(songOpSchema.safeParse({ type: 'setSoundfont', soundfont: a }).success).toBe(true);
    expect(songOpSchema.safeParse({ type: 'setSoundfont', soundfont: null }).success).toBe(true);
    for (const bad of ['A'.repeat(64), 'a'.repeat(63), '../x', 7]) expect(songOpSchema.safeParse({ type: 'setSoundfont', soundfont: bad }).success).toBe(false);
    expect(songOpSchema.safeParse({ type: 'setSoundfont' }).success).toBe(false);
    expect(songOpSchema.safeParse({ type: 'setSoundfont', soundfont: a, extra: 1 }).success).toBe(false);
    expect(noteSequenceSchema.safeParse({ ...emptySequence(), soundfont: 'nope' }).success).toBe(false);
  });
});
