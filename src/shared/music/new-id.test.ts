import { describe, expect, it } from 'vitest';
import { newId } from './new-id';

describe('newId', () => {
  it('makes 100k distinct ids of 16 lowercase alphanumerics', () => {
    const ids = new Set<string>();
    let malformed = 0;
    for (let i = 0; i < 100_000; i++) {
      const id = newId();
      if (!/^[0-9a-z]{16}$/.test(id)) malformed++;
      ids.add(id);
    }
    expect(malformed).toBe(0);
    expect(ids.size).toBe(100_000);
  });
});
