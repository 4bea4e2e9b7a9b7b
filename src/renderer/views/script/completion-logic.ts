// What the screenplay editor suggests while typing: on a cue line the characters who already have
// cues; on a scene heading its prefix (INT., EXT., …), then the locations already used, then after
// " - " the time of day.

export const headingPrefixes = ['INT. ', 'EXT. ', 'INT./EXT. ', 'EST. '] as const;
export const timesOfDay = ['DAY', 'NIGHT', 'CONTINUOUS', 'LATER', 'MOMENTS LATER', 'MORNING', 'AFTERNOON', 'EVENING', 'DAWN', 'DUSK', 'SAME'] as const;

export interface Suggestions {
  /** Where the replaced text starts, as an offset in the line. */
  from: number;
  options: string[];
}

const starts = (option: string, typed: string) => option.toUpperCase().startsWith(typed.toUpperCase()) && option.toUpperCase() !== typed.toUpperCase();

/** Suggestions for a heading line, from the text before the cursor. */
export function headingSuggestions(before: string, locations: readonly string[]): Suggestions | null {
  const prefix = /^(\s*)(int\.?\/ext\.?|i\/e\.?|int\.?|ext\.?|est\.?)\s+/i.exec(before);
  if (!prefix) {
    const typed = before.trimStart();
    if (!/^[a-z./]*$/i.test(typed)) return null;
    const options = headingPrefixes.filter((p) => starts(p.trim(), typed) || (typed === '' && true));
    return options.length ? { from: before.length - typed.length, options: [...options] } : null;
  }
  const rest = before.slice(prefix[0].length);
  const dash = rest.lastIndexOf(' - ');
  if (dash >= 0) {
    const typed = rest.slice(dash + 3);
    const options = timesOfDay.filter((t) => starts(t, typed));
    return options.length ? { from: prefix[0].length + dash + 3, options } : null;
  }
  const options = locations.filter((l) => starts(l, rest));
  return options.length ? { from: prefix[0].length, options } : null;
}

/** Suggestions for a cue line: names that start with what is typed. */
export function cueSuggestions(before: string, characters: readonly string[]): Suggestions | null {
  const typed = before.trimStart().replace(/^@/, '');
  if (/[()]/.test(typed)) return null;
  const options = characters.filter((c) => starts(c, typed));
  return options.length ? { from: before.length - typed.length, options } : null;
}
