import { describe, expect, it } from 'vitest';
import { cueSuggestions, headingSuggestions } from './completion-logic';

describe('suggestions', () => {
  it('offers heading prefixes, then locations, then times of day', () => {
    expect(headingSuggestions('in', [])).toEqual({ from: 0, options: ['INT. ', 'INT./EXT. '] });
    expect(headingSuggestions('INT. KI', ['KITCHEN', 'ROOF'])).toEqual({ from: 5, options: ['KITCHEN'] });
    expect(headingSuggestions('INT. KITCHEN - N', [])?.options).toEqual(['NIGHT']);
    expect(headingSuggestions('INT. KITCHEN - NIGHT', [])).toBeNull();
  });

  it('offers the names that already have cues', () => {
    expect(cueSuggestions('BR', ['BRICK', 'BRENDA', 'STEEL'])).toEqual({ from: 0, options: ['BRICK', 'BRENDA'] });
    expect(cueSuggestions('BRICK (', ['BRICK'])).toBeNull();
  });
});
