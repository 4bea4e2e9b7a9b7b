// fast-check generators of scripts that Fountain text can hold exactly, for the writer → parser
// round trip, and of Fountain texts with edits, for the incremental parser. What a script must be
// for `parseFountain(writeFountain(s)).script` to deep-equal `s`:
// - texts have no \r; single-line fields (headings, cues, transitions, sections, parentheticals,
//   title keys) have no \n; nothing starts or ends with a blank line;
// - notes and boneyards in texts are balanced ([[…]] and /*…*/ never left open or stray), since
//   they join paragraphs; a note's text has no ]] and does not end with ];
// - every line except in action, notes and boneyards is trimmed (Fountain ignores indentation
//   there); action keeps leading spaces, but has no empty line (a blank line would end it);
// - dialogue, parentheticals and lyrics only follow a cue (a dialogue block); no two dialogue (or
//   two lyrics) elements in a row, which would read as one; no dialogue line looks like a
//   parenthetical `(…)` or lyrics `~…` (Fountain has no way to force dialogue);
// - a heading has no `#…#` or colour note in its text (those are `number` and `color`), and a
//   forced heading starts with a letter or digit;
// - a title page, when present, has a known key (Title, Author, …) so that it reads as one;
// - `forced` is set wherever the plain spelling would read as something else (the writer forces
//   those anyway): `withNeededForcing` sets it from what the written text reads as.
import fc from 'fast-check';
import { parseFountain } from '../fountain-parse';
import { writeFountain } from '../fountain-write';
import type { Script, ScriptElement, TitleEntry } from '../script';

const lowerWords = ['door', 'the', 'rain', 'slowly', 'looks', 'at', 'café', 'over', 'it', 'a', 'beat', 'runs', "isn't", 'up', 'night'];
const capsWords = ['BRICK', 'STEEL', 'DAN', 'THE', 'BOY', 'ÉLISE', 'R2', 'MOM', 'HOUSE', 'KITCHEN', 'CAR', 'DAY', 'NIGHT', 'BEER', 'INT', 'EXT', 'CUT', 'TO:'];
const punct = ['', '', '', '.', ',', '!', '?', '...', ' --', ':'];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...lowerWords) },
  { weight: 3, arbitrary: fc.constantFrom(...capsWords) },
  { weight: 1, arbitrary: fc.constantFrom('*bold*', '**loud**', '_under_', '\\*', 'Moe', '1988', "O'Neil", '(aside)', '~', '>', '=', '#', '@', '!', '.', '^', '<') },
);

/** One trimmed line of words; `inline` adds an inline note sometimes. */
const sentence = (min = 1, max = 7): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(word, { minLength: min, maxLength: max }), fc.constantFrom(...punct), fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('[[a note]]', '[[colour]]', '/* cut */') }))
    .map(([ws, p, aside]) => {
      let s = ws.join(' ') + p;
      if (aside) s += ` ${aside}`;
      return s.trim();
    })
    .filter((s) => s !== '');

const capsLine = fc.array(fc.constantFrom('BRICK', 'STEEL', 'THE', 'HOUSE', 'DAN', 'ÉLISE', 'MAN', 'OLD', '2'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

const lines = (line: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> => fc.array(line, { minLength: 1, maxLength: max }).map((l) => l.join('\n'));

const sceneHeading: fc.Arbitrary<ScriptElement> = fc
  .record({
    prefix: fc.constantFrom('INT. ', 'EXT. ', 'EST. ', 'INT./EXT. ', 'I/E ', 'int. ', ''),
    place: capsLine,
    time: fc.constantFrom('', ' - DAY', ' - NIGHT', ' - CONTINUOUS'),
    forced: fc.boolean(),
    number: fc.option(fc.constantFrom('1', '12', '1A', 'I-1-A', '110'), { nil: undefined }),
    color: fc.option(fc.constantFrom('red', 'blue', 'Green', 'light blue'), { nil: undefined }),
  })
  .map(({ prefix, place, time, forced, number, color }) => {
    const el: ScriptElement = { type: 'sceneHeading', text: prefix + place + time, forced };
    if (number !== undefined) el.number = number;
    if (color !== undefined) el.color = color;
    return el;
  });

const actionLine = fc.oneof(
  { weight: 6, arbitrary: sentence() },
  { weight: 1, arbitrary: capsLine },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('  ', '\t', '    '), sentence()).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.constantFrom('INT. HOUSE - DAY', 'CUT TO:', '> THE END <', '= synopsis', '# Act', '~la la', '@McCABE', '===', '.FORCED', '(beat)', '[[note]]', 'Title: Big') },
);
const action: fc.Arbitrary<ScriptElement> = fc
  .tuple(fc.array(actionLine, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([ls, forced, soft]) => {
    const all = [...ls];
    if (soft && all.length >= 2) all.splice(1, 0, '  ');
    return { type: 'action', text: all.join('\n'), forced };
  });

const dialogueLine = sentence().filter((s) => !s.startsWith('~') && !(s.startsWith('(') && s.endsWith(')')));
const blockPart: fc.Arbitrary<ScriptElement> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(dialogueLine, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([ls, gap]) => ({ type: 'dialogue' as const, text: (gap && ls.length > 1 ? [ls[0], '', ...ls.slice(1)] : ls).join('\n') })) },
  { weight: 2, arbitrary: sentence(1, 4).map((s) => ({ type: 'parenthetical' as const, text: `(${s})` })) },
  { weight: 1, arbitrary: lines(sentence(), 2).map((text) => ({ type: 'lyrics' as const, text })) },
);
const dialogueBlock: fc.Arbitrary<ScriptElement[]> = fc
  .record({
    name: fc.oneof(capsLine, fc.constantFrom('McCABE', 'de Niro', 'HAL 9000', 'Élise', 'INT MAN', 'CUT TO:')),
    extension: fc.option(fc.constantFrom('V.O.', 'O.S.', "CONT'D", 'on the radio', "V.O.) (CONT'D"), { nil: undefined }),
    dual: fc.boolean(),
    forced: fc.boolean(),
    parts: fc.array(blockPart, { minLength: 1, maxLength: 4 }),
  })
  .map(({ name, extension, dual, forced, parts }) => {
    const cue: ScriptElement = { type: 'character', name, forced, dual };
    if (extension !== undefined) cue.extension = extension;
    const kept: ScriptElement[] = [];
    for (const p of parts) if (kept.length === 0 || p.type === 'parenthetical' || kept[kept.length - 1]!.type !== p.type) kept.push(p);
    return [cue, ...kept];
  });

const single: fc.Arbitrary<ScriptElement> = fc.oneof(
  { weight: 3, arbitrary: sceneHeading },
  { weight: 6, arbitrary: action },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(capsLine.map((s) => `${s} TO:`), sentence()), fc.boolean()).filter(([t]) => !t.endsWith('<')).map(([text, forced]) => ({ type: 'transition' as const, text, forced })) },
  { weight: 1, arbitrary: lines(sentence(), 2).map((text) => ({ type: 'centered' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ type: 'pageBreak' as const }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.oneof(sentence(), fc.constant(''))).map(([depth, text]) => ({ type: 'section' as const, depth, text })) },
  { weight: 1, arbitrary: lines(sentence(), 2).map((text) => ({ type: 'synopsis' as const, text })) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(sentence(), fc.constant(''), fc.constant('  ')), { minLength: 1, maxLength: 4 })
      .map((ls) => ({ type: 'note' as const, text: ls.join('\n').replace(/\[\[|\]\]/g, '').replace(/\]$/, '') })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(sentence(), fc.constant(''), fc.constant('/* nested */')), { minLength: 1, maxLength: 4 })
      .map((ls) => ({ type: 'boneyard' as const, text: ls.join('\n') })),
  },
  { weight: 1, arbitrary: lines(sentence(), 2).map((text) => ({ type: 'lyrics' as const, text })) },
);

const titleEntry: fc.Arbitrary<TitleEntry> = fc.record({
  key: fc.constantFrom('Title', 'Credit', 'Author', 'Source', 'Draft date', 'Contact', 'Notes', 'Copyright', 'Producer', 'Episode 2'),
  value: fc.oneof(fc.constant(''), lines(sentence(), 3)),
});

/** Scripts as generated, before `withNeededForcing`. */
export const arbitraryRawScript: fc.Arbitrary<Script> = fc
  .record({
    titlePage: fc.oneof(fc.constant([] as TitleEntry[]), fc.tuple(fc.constantFrom('Title', 'Author'), fc.array(titleEntry, { maxLength: 4 }), lines(sentence(), 2)).map(([k, rest, v]) => [{ key: k, value: v }, ...rest])),
    parts: fc.array(fc.oneof({ weight: 3, arbitrary: single.map((e) => [e]) }, { weight: 2, arbitrary: dialogueBlock }), { maxLength: 14 }),
  })
  .map(({ titlePage, parts }) => ({ titlePage, elements: parts.flat() }));

/**
 * The script with `forced` set where the writer has to force an element (its plain spelling reads
 * as something else). Elements keep their other fields: if the writer got it wrong, the round trip
 * shows it.
 */
export function withNeededForcing(script: Script): Script {
  const read = parseFountain(writeFountain(script)).script.elements;
  return {
    titlePage: script.titlePage,
    elements: script.elements.map((el, i) => {
      const r = read[i];
      if ('forced' in el && !el.forced && r && r.type === el.type && 'forced' in r && r.forced) return { ...el, forced: true };
      return el;
    }),
  };
}

/** Scripts that Fountain holds exactly (see the header). */
export const arbitraryScript: fc.Arbitrary<Script> = arbitraryRawScript.map(withNeededForcing);

/** An edit of a text: replace [from, to) with `insert`, positions as fractions of its length. */
export interface TextEdit {
  from: number;
  length: number;
  insert: string;
}

const editPiece = fc.constantFrom('a', 'X', '\n', '\n\n', '  \n', '[[', ']]', '/*', '*/', 'INT. ', 'BRICK\n', '(beat)\n', '~', '> ', ' <', '=', '#', '@', '!', '.', '^', '\r\n', '  ', 'TO:', ':');
export const arbitraryEdit: fc.Arbitrary<TextEdit> = fc.record({
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 0, max: 12 }),
  insert: fc.array(editPiece, { maxLength: 3 }).map((p) => p.join('')),
});

export function applyEdit(text: string, edit: TextEdit): string {
  const from = Math.min(text.length, Math.floor(edit.from * text.length));
  const to = Math.min(text.length, from + edit.length);
  return text.slice(0, from) + edit.insert + text.slice(to);
}
