import { describe, expect, it } from 'vitest';
import { findIllFormedText } from './well-formed-args';

describe('findIllFormedText', () => {
  it('accepts well-formed text, including astral characters and non-text values', () => {
    expect(findIllFormedText({ name: 'Hello 😀 — ü', n: 3, ok: true, none: null, list: ['a', 'b'] })).toBeNull();
    expect(findIllFormedText(undefined)).toBeNull();
    expect(findIllFormedText('\ud83d\ude00')).toBeNull();
  });

  it('names the field holding a lone surrogate, however deep', () => {
    expect(findIllFormedText({ name: 'a\ud800b' })).toBe('name');
    expect(findIllFormedText({ name: 'ok', tags: ['x', { title: '\udc00' }] })).toBe('tags.1.title');
    expect(findIllFormedText({ name: 'trailing high \ud83d' })).toBe('name');
    expect(findIllFormedText('\ud800')).toBe('(arguments)');
  });

  it('checks keys too, and reports them without the surrogate', () => {
    expect(findIllFormedText({ ['k\ud800']: 1 })).toBe('k\ufffd');
  });

  it('walks a very deep argument without overflowing the stack', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findIllFormedText(deep)).toMatch(/^0(\.0)+$/);
  });
});
