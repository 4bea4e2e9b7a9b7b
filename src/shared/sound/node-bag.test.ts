import { describe, expect, it } from 'vitest';
import { NodeBag } from './node-bag';

describe('NodeBag', () => {
  it('disposes every node once, in reverse order, and keeps going past one that throws', () => {
    const order: string[] = [];
    const node = (name: string, fail = false) => ({
      dispose: () => {
        order.push(name);
        if (fail) throw new Error('already disposed');
      },
    });
    const bag = new NodeBag();
    const a = bag.add(node('a'));
    bag.add(node('b', true));
    bag.add(node('c'));
    expect(a).toBeDefined();
    expect(bag.size).toBe(3);
    expect(bag.dispose()).toBe(3);
    expect(order).toEqual(['c', 'b', 'a']);
    expect(bag.size).toBe(0);
    expect(bag.dispose()).toBe(0);
    expect(order).toEqual(['c', 'b', 'a']);
  });
});
