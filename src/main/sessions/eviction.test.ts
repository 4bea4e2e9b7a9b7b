import { describe, expect, it } from 'vitest';
import { chooseEvictions, type EvictionLimits, type SessionUsage } from './eviction';

const limits: EvictionLimits = { maxSessionBytes: 1000, minFreeBytes: 500, maxWarmSessions: 3 };
const s = (key: string, lastUsed: number, extra: Partial<SessionUsage> = {}): SessionUsage => ({ key, lastUsed, busy: false, bytes: 10, ...extra });

describe('chooseEvictions', () => {
  it('keeps everything when memory is plentiful and few sessions are warm', () => {
    expect(chooseEvictions([s('a', 1), s('b', 2)], limits, 10_000)).toEqual([]);
  });

  it('unloads every idle session over the byte cap, but never a busy one', () => {
    const live = [s('a', 1, { bytes: 2000 }), s('b', 2, { bytes: 5000, busy: true }), s('c', 3, { bytes: 1001 })];
    expect(chooseEvictions(live, limits, 10_000)).toEqual([
      { key: 'a', reason: 'memory-cap' },
      { key: 'c', reason: 'memory-cap' },
    ]);
  });

  it('under low memory unloads the least recently used idle session, one per call', () => {
    const live = [s('new', 30), s('old', 10, { busy: true }), s('mid', 20)];
    expect(chooseEvictions(live, limits, 100)).toEqual([{ key: 'mid', reason: 'low-memory' }]);
    expect(chooseEvictions([s('x', 1, { busy: true })], limits, 100)).toEqual([]);
  });

  it('a memory-cap eviction already frees memory: no extra low-memory eviction in the same call', () => {
    expect(chooseEvictions([s('a', 1), s('b', 2, { bytes: 2000 })], limits, 100)).toEqual([{ key: 'b', reason: 'memory-cap' }]);
  });

  it('keeps at most maxWarmSessions warm, counting one about to start, oldest idle first', () => {
    const live = [s('a', 5), s('b', 1), s('c', 3, { busy: true })];
    expect(chooseEvictions(live, limits, 10_000)).toEqual([]);
    expect(chooseEvictions(live, limits, 10_000, 1)).toEqual([{ key: 'b', reason: 'too-many' }]);
    expect(chooseEvictions([...live, s('d', 0, { busy: true }), s('e', 9)], limits, 10_000, 1)).toEqual([
      { key: 'b', reason: 'too-many' },
      { key: 'a', reason: 'too-many' },
      { key: 'e', reason: 'too-many' },
    ]);
  });
});
