import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping';

describe('EarlyStopping', () => {
  it('stops after `patience` evaluations without a large enough improvement', () => {
    const stopper = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    expect(stopper.update(1.0, 10)).toBe(false);
    expect(stopper.update(0.8, 20)).toBe(false);
    expect(stopper.update(0.795, 30)).toBe(false);
    expect(stopper.update(0.9, 40)).toBe(true);
    expect(stopper.best).toBe(0.8);
    expect(stopper.bestStep).toBe(20);
  });

  it('resumes from a snapshot', () => {
    const a = new EarlyStopping({ patience: 3 });
    a.update(1, 1);
    a.update(2, 2);
    const b = new EarlyStopping({ patience: 3 }, a.snapshot());
    expect(b.update(2, 3)).toBe(false);
    expect(b.update(2, 4)).toBe(true);
  });
});
