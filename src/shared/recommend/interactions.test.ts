import { describe, expect, it } from 'vitest';
import { rowIndices, rowValues } from './csr';
import { InteractionsBuilder, buildInteractions, toCsr } from './interactions';

describe('buildInteractions', () => {
  const rows = [
    { user: 'bob', item: 'm2', time: 50 },
    { user: 'ann', item: 'm1', time: 30, weight: 2 },
    { user: 'bob', item: 'm1', time: 10 },
    { user: 'ann', item: 'm3', time: 20 },
    { user: 'bob', item: 'm3', time: 50 },
    { user: 'ann', item: 'm1', time: 40, weight: 0.5 },
  ];

  it('numbers ids by first appearance and sorts by user, then time, keeping equal times in input order', () => {
    const { interactions, userIds, itemIds, userIndex, itemIndex } = buildInteractions(rows);
    expect(userIds).toEqual(['bob', 'ann']);
    expect(itemIds).toEqual(['m2', 'm1', 'm3']);
    expect(userIndex.get('ann')).toBe(1);
    expect(itemIndex.get('m3')).toBe(2);
    expect(interactions.users).toBe(2);
    expect(interactions.items).toBe(3);
    expect(Array.from(interactions.user)).toEqual([0, 0, 0, 1, 1, 1]);
    // bob: m1@10, then m2@50 and m3@50 in the order they came.
    expect(Array.from(interactions.item)).toEqual([1, 0, 2, 2, 1, 1]);
    expect(Array.from(interactions.time)).toEqual([10, 50, 50, 20, 30, 40]);
    expect(Array.from(interactions.weight)).toEqual([1, 1, 1, 1, 2, 0.5]);
    expect(interactions.context).toBeUndefined();
  });

  it('keeps contexts, −1 where a row has none', () => {
    const { interactions, contextIds } = buildInteractions([
      { user: 'a', item: 'x', time: 1, context: 'session-1' },
      { user: 'a', item: 'y', time: 2 },
      { user: 'b', item: 'x', time: 1, context: 'session-2' },
    ]);
    expect(contextIds).toEqual(['session-1', 'session-2']);
    expect(Array.from(interactions.context ?? [])).toEqual([0, -1, 1]);
  });

  it('refuses a time or weight that is not a finite number', () => {
    expect(() => buildInteractions([{ user: 'a', item: 'x', time: NaN }])).toThrow('not a finite number');
    expect(() => buildInteractions([{ user: 'a', item: 'x', time: 1, weight: Infinity }])).toThrow('weight Infinity');
  });

  it('grows past its first buffers and keeps every row', () => {
    const builder = new InteractionsBuilder();
    for (let k = 0; k < 5000; k++) builder.add({ user: `u${k % 7}`, item: `i${k % 13}`, time: 5000 - k });
    expect(builder.size).toBe(5000);
    const { interactions } = builder.build();
    expect(interactions.user.length).toBe(5000);
    for (let k = 1; k < 5000; k++) {
      const sameUser = interactions.user[k] === interactions.user[k - 1];
      expect(interactions.user[k]! > interactions.user[k - 1]! || (sameUser && interactions.time[k]! >= interactions.time[k - 1]!)).toBe(true);
    }
  });
});

describe('toCsr', () => {
  const { interactions } = buildInteractions([
    { user: 'a', item: 'x', time: 1 },
    { user: 'a', item: 'y', time: 2, weight: 3 },
    { user: 'a', item: 'x', time: 3, weight: 2 },
    { user: 'b', item: 'y', time: 1 },
  ]);

  it('builds users × items, summing the weights of repeats', () => {
    const m = toCsr(interactions);
    expect([m.rows, m.cols]).toEqual([2, 2]);
    expect(Array.from(rowIndices(m, 0))).toEqual([0, 1]);
    expect(Array.from(rowValues(m, 0))).toEqual([3, 3]);
    expect(Array.from(rowIndices(m, 1))).toEqual([1]);
  });

  it('leaves out the entries a mask or a test names', () => {
    // Entries in sorted order: a·x@1, a·y@2, a·x@3, b·y@1.
    const masked = toCsr(interactions, [0, 0, 1, 1]);
    expect(Array.from(rowValues(masked, 0))).toEqual([1, 3]);
    expect(Array.from(rowIndices(masked, 1))).toEqual([]);
    const tested = toCsr(interactions, (e) => interactions.item[e] === 0);
    expect(Array.from(rowIndices(tested, 0))).toEqual([1]);
    expect(tested.rows).toBe(2);
  });
});
