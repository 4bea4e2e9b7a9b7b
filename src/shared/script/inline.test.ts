import { describe, expect, it } from 'vitest';
import { parseInline, stripAsides, type InlineRun } from './inline';

const run = (text: string, f: Partial<InlineRun> = {}): InlineRun => ({ text, bold: false, italic: false, underline: false, ...f });

describe('parseInline', () => {
  it('reads plain text as one run', () => {
    expect(parseInline('Hello there.')).toEqual([run('Hello there.')]);
    expect(parseInline('')).toEqual([]);
  });
  it('reads italic, bold, bold italic and underline', () => {
    expect(parseInline('a *i* **b** ***bi*** _u_')).toEqual([
      run('a '),
      run('i', { italic: true }),
      run(' '),
      run('b', { bold: true }),
      run(' '),
      run('bi', { bold: true, italic: true }),
      run(' '),
      run('u', { underline: true }),
    ]);
  });
  it('nests and overlaps markers', () => {
    expect(parseInline('_**ub_**')).toEqual([run('ub', { bold: true, underline: true })]);
    expect(parseInline('_a **b** c_')).toEqual([run('a ', { underline: true }), run('b', { underline: true, bold: true }), run(' c', { underline: true })]);
  });
  it('reads escapes and unmatched markers as text', () => {
    expect(parseInline('What the f\\*ck! Escape\\_this')).toEqual([run('What the f*ck! Escape_this')]);
    expect(parseInline('5 * 3 and snake_case')).toEqual([run('5 * 3 and snake_case')]);
  });
  it('does not carry emphasis across a line break', () => {
    expect(parseInline('*a\nb*')).toEqual([run('*a\nb*')]);
    expect(parseInline('*a*\nb')).toEqual([run('a', { italic: true }), run('\nb')]);
  });
  it('leaves out inline notes and boneyards', () => {
    expect(parseInline('Action[[ (note)]]. More /*cut /*deep*/ */done.')).toEqual([run('Action. More done.')]);
    expect(stripAsides('a [[multi\nline]] b')).toBe('a  b');
    expect(stripAsides('open [[ never')).toBe('open [[ never');
    expect(stripAsides('open /* never')).toBe('open /* never');
  });
});
