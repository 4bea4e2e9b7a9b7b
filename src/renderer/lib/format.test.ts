import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatLoss, formatMachine, formatRate, formatRelative, formatStartTime } from './format';

describe('format', () => {
  const now = Date.UTC(2025, 0, 10, 12);

  it('relative times', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now + 5_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelative(now - 26 * 3_600_000, now)).toBe('yesterday');
    expect(formatRelative(now - 4 * 86_400_000, now)).toBe('4 days ago');
  });

  it('start times: the time of day today, with the date otherwise', () => {
    const today = new Date(2025, 0, 10, 14, 5).getTime();
    const localNow = new Date(2025, 0, 10, 18, 0).getTime();
    expect(formatStartTime(today, localNow)).toMatch(/^14.05$/);
    const lastWeek = new Date(2025, 0, 3, 14, 5).getTime();
    expect(formatStartTime(lastWeek, localNow)).toMatch(/3/);
    expect(formatStartTime(lastWeek, localNow)).not.toMatch(/^14.05$/);
  });

  it('clocks', () => {
    expect(formatClock(7_400)).toBe('0:07');
    expect(formatClock(724_000)).toBe('12:04');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_230)).toBe('4.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('rates and losses', () => {
    expect(formatRate(12.345)).toBe('12.3');
    expect(formatRate(0.012345)).toBe('0.0123');
    expect(formatRate(4321.6)).toBe('4,322');
    expect(formatRate(Infinity)).toBe('—');
    expect(formatLoss(2.31234)).toBe('2.312');
    expect(formatLoss(NaN)).toBe('—');
  });
});

describe('formatMachine', () => {
  it('says the platform, the cores (singular for one) and Node', () => {
    expect(formatMachine({ platform: 'linux', arch: 'x64', cpus: 2, nodeVersion: '20.20.2' })).toBe('linux x64 · 2 CPUs · Node 20.20.2');
    expect(formatMachine({ platform: 'darwin', arch: 'arm64', cpus: 1, nodeVersion: '22.1.0' })).toBe('darwin arm64 · 1 CPU · Node 22.1.0');
  });
});
