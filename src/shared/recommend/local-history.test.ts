import { describe, expect, it } from 'vitest';
import { contextInteractions, localInteractions, nowProfile, nowUser, type LocalEvent } from './local-history';
import { toCsr } from './interactions';
import { rowIndices, rowValues } from './csr';

const day = 86_400_000;
const ev = (at: number, item: string, sessionId: string | null, projectId: string | null, weight = 1): LocalEvent => ({ at, type: 'document.opened', item, projectId, sessionId, weight });

describe('the local history as recommender data', () => {
  const events = [ev(0, 'song:a', 's1', 'p1'), ev(1, 'model:m', 's1', 'p1', 3), ev(2, 'song:b', 's2', null), ev(3, 'instrument:33', null, null)];

  it('makes one row per session and project, and one for events with neither', () => {
    const { userIds, itemIds, interactions } = contextInteractions(events);
    expect(userIds).toEqual(['session:s1', 'project:p1', 'session:s2', 'unplaced']);
    expect(itemIds).toEqual(['song:a', 'model:m', 'song:b', 'instrument:33']);
    const m = toCsr(interactions);
    expect(Array.from(rowIndices(m, 1))).toEqual([0, 1]);
    expect(Array.from(rowValues(m, 1))).toEqual([1, 3]);
    expect(userIds).not.toContain(nowUser);
  });

  it('weighs "now" by recency and by the current project', () => {
    const now = 28 * day;
    const profile = nowProfile([ev(0, 'song:old', 's0', null), ev(now, 'song:new', 's0', null), ev(now, 'song:here', 's0', 'p1', 2)], { now, projectId: 'p1', halfLifeDays: 14 });
    // Before: old 0.25 and new 1 (of 1.25); here: all of it. Here is 3/4 of now.
    expect(profile.get('song:old')).toBeCloseTo(0.25 * (0.25 / 1.25));
    expect(profile.get('song:new')).toBeCloseTo(0.25 * (1 / 1.25));
    expect(profile.get('song:here')).toBeCloseTo(0.75);
    // Without a current project or session, the decayed history is all of now.
    expect(nowProfile([ev(0, 'song:old', 's0', null), ev(now, 'song:new', 's0', null)], { now }).get('song:new')).toBeCloseTo(0.8);
    const { nowIndex, userIds, interactions } = localInteractions(events, { now: 3, sessionId: 's2' });
    expect(userIds[nowIndex]).toBe(nowUser);
    const row = toCsr(interactions);
    expect(Array.from(rowIndices(row, nowIndex))).toEqual([0, 1, 2, 3]);
    expect(rowValues(row, nowIndex)[2]).toBeCloseTo(0.75); // song:b was in this session
  });
});
