import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { decideSubmit, fieldErrorOf, liveCheck, maxNameLength } from './name-field-logic';

const idle = { inFlight: false, clearedBySuccess: false };

describe('decideSubmit', () => {
  it('submits a trimmed valid name', () => {
    expect(decideSubmit('  Night drive ', idle)).toEqual({ action: 'submit', name: 'Night drive' });
  });

  it('ignores submits while one is in flight', () => {
    expect(decideSubmit('Night drive', { inFlight: true, clearedBySuccess: false })).toEqual({ action: 'ignore' });
  });

  it('ignores the empty submit of a field a successful create just cleared (double-click on Create)', () => {
    expect(decideSubmit('', { inFlight: false, clearedBySuccess: true })).toEqual({ action: 'ignore' });
  });

  it('explains an empty name the user submits', () => {
    expect(decideSubmit('   ', idle)).toEqual({ action: 'error', message: 'A project needs a name.' });
  });

  it('explains a long name with its length rather than cutting it', () => {
    const long = 'x'.repeat(130);
    expect(decideSubmit(long, idle)).toEqual({ action: 'error', message: expect.stringContaining('130 now') });
  });
});

describe('liveCheck', () => {
  it('says nothing for a short or empty name', () => {
    expect(liveCheck('')).toEqual({ count: null, error: null });
    expect(liveCheck('Demo')).toEqual({ count: null, error: null });
  });

  it('shows the count near the limit and says how much to remove past it', () => {
    expect(liveCheck('x'.repeat(110))).toEqual({ count: `110 / ${maxNameLength}`, error: null });
    expect(liveCheck('x'.repeat(maxNameLength))).toEqual({ count: `${maxNameLength} / ${maxNameLength}`, error: null });
    const over = liveCheck('x'.repeat(200));
    expect(over.count).toBe(`200 / ${maxNameLength}`);
    expect(over.error).toMatch(/at most 120 characters — remove 80 \(200 now\)/);
  });

  it('counts the name as it will be saved (trimmed)', () => {
    expect(liveCheck(`  ${'x'.repeat(maxNameLength)}  `).error).toBeNull();
  });
});

describe('fieldErrorOf', () => {
  it('uses the host\'s sentence for a duplicate', () => {
    expect(fieldErrorOf(new StudioError('conflict', 'A project named “A” already exists.'))).toBe('A project named “A” already exists.');
  });

  it('prefers the issue about the name in an invalid-argument error', () => {
    const e = new StudioError('invalid-argument', 'Invalid arguments.', [
      { path: 'id', message: 'Not a valid project id.' },
      { path: 'name', message: 'Project names are at most 120 characters.' },
    ]);
    expect(fieldErrorOf(e)).toBe('Project names are at most 120 characters.');
  });

  it('wraps anything else', () => {
    expect(fieldErrorOf(new Error('boom'))).toBe('Unexpected error: boom');
  });
});
