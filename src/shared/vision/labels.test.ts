import { describe, expect, it } from 'vitest';
import { cleanLabel, distinctLabels, labelKey, maxLabelLength } from './labels';

describe('category labels', () => {
  it('trims, collapses spaces and control characters, and composes Unicode', () => {
    expect(cleanLabel('  Beach \t  days\n')).toBe('Beach days');
    expect(cleanLabel('Cafe\u0301')).toBe('Café');
    expect(cleanLabel('a\u0000b\u200bc')).toBe('a b c');
    expect(cleanLabel(' \n\t ')).toBe('');
  });

  it('compares case-insensitively and keeps the first spelling', () => {
    expect(labelKey('BEACH ')).toBe(labelKey('beach'));
    expect(distinctLabels(['Beach', 'beach', ' BEACH', 'Forest', ''])).toEqual(['Beach', 'Forest']);
  });

  it('cuts long names at a character boundary', () => {
    const long = '🐕'.repeat(maxLabelLength + 10);
    expect([...cleanLabel(long)]).toHaveLength(maxLabelLength);
  });
});
