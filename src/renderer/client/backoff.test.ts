import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially from the initial delay', () => {
    expect(backoffDelay(0, 1)).toBe(defaultBackoff.initialMs);
    expect(backoffDelay(1, 1)).toBe(defaultBackoff.initialMs * 2);
    expect(backoffDelay(2, 1)).toBe(defaultBackoff.initialMs * 4);
  });

  it('is capped at maxMs however many attempts failed', () => {
    expect(backoffDelay(50, 0.999)).toBeLessThanOrEqual(defaultBackoff.maxMs);
    expect(backoffDelay(50, 0)).toBe(defaultBackoff.maxMs / 2);
  });

  it('jitters between half and all of the ceiling', () => {
    expect(backoffDelay(3, 0)).toBe(1000);
    expect(backoffDelay(3, 0.5)).toBe(1500);
  });

  it('treats a negative attempt as the first', () => {
    expect(backoffDelay(-3, 1)).toBe(defaultBackoff.initialMs);
  });
});
