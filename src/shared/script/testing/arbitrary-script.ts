// fast-check generator of small screenplays (headings, action, speeches with extensions,
// parentheticals and dual dialogue, transitions, emphasis), for the format round-trip property
// tests. Text is written the one way Montage writes it back: single spaces between words, emphasis
// markers around whole words with underline outermost, literal * and _ escaped.
import fc from 'fast-check';
import type { Script, ScriptElement, TitleEntry } from '../script';

const plainWords = ['the', 'door', 'opens', 'Zoë', 'café', '“quoted”', "don't", 'A&B', '<tag>', 'x\\*y', 'snake\\_case', '12', 'C:\\dir', 'naïve', 'rock\'n\'roll', '—', '"hi"'];

const word = fc.constantFrom(...plainWords);

/** A phrase: one or two words, maybe emphasised. */
const phrase = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 2 }), fc.constantFrom('', '', '', '*', '**', '***', '_', '_*', '_**', '_***'))
  .map(([words, marks]) => {
    const text = words.join(' ');
    if (!marks) return text;
    const underline = marks.startsWith('_');
    const inner = underline ? marks.slice(1) : marks;
    const styled = inner ? `${inner}${text}${inner}` : text;
    return underline ? `_${styled}_` : styled;
  });

/** One line of text: phrases separated by single spaces. */
const line = fc.array(phrase, { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));

/** One to three lines. */
const lines = fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));

const names = ['BRICK', 'STEEL', 'ZOË', 'MRS. O\'HARA', 'DR. KIM', 'ANNA-MAE'];
const extensions = [undefined, undefined, 'V.O.', 'O.S.', "CONT'D", 'ON PHONE'];

const heading = fc
  .record({
    prefix: fc.constantFrom('INT.', 'EXT.', 'INT./EXT.', 'I/E'),
    place: fc.constantFrom('KITCHEN', 'HOUSE - KITCHEN', 'CAFÉ “LA RUE”', 'ROOF & STAIRS'),
    time: fc.constantFrom('DAY', 'NIGHT', 'CONTINUOUS', 'LATER'),
    number: fc.option(fc.constantFrom('1', '2A', '10'), { nil: undefined }),
    color: fc.option(fc.constantFrom('red', 'blue', 'green', '#123456'), { nil: undefined }),
  })
  .map(
    ({ prefix, place, time, number, color }): ScriptElement => ({
      type: 'sceneHeading',
      text: `${prefix} ${place} - ${time}`,
      forced: false,
      ...(number ? { number } : {}),
      ...(color ? { color } : {}),
    }),
  );

const action = lines.map((text): ScriptElement => ({ type: 'action', text, forced: false }));
const transition = fc.constantFrom('CUT TO:', 'SMASH CUT TO:', 'DISSOLVE TO:').map((text): ScriptElement => ({ type: 'transition', text, forced: false }));
const centered = line.map((text): ScriptElement => ({ type: 'centered', text }));

const cue = (dual: boolean) =>
  fc.record({ name: fc.constantFrom(...names), extension: fc.constantFrom(...extensions) }).map(
    ({ name, extension }): ScriptElement => ({ type: 'character', name, ...(extension ? { extension } : {}), forced: false, dual }),
  );

/** A cue, then dialogue and parentheticals (never two dialogues in a row, never ending on a parenthetical). */
const speech = (dual: boolean) =>
  fc
    .tuple(
      cue(dual),
      fc.array(fc.tuple(fc.option(fc.constantFrom('(quietly)', '(to Brick, *sotto*)', '(beat)'), { nil: undefined }), lines), { minLength: 1, maxLength: 3 }),
    )
    .map(([c, parts]): ScriptElement[] => [
      c,
      ...parts.flatMap(([paren, text], i): ScriptElement[] => {
        const between = paren ?? (i > 0 ? '(beat)' : undefined);
        return [...(between ? [{ type: 'parenthetical' as const, text: between }] : []), { type: 'dialogue', text }];
      }),
    ]);

const dualSpeeches = fc.tuple(speech(false), speech(true)).map(([a, b]) => [...a, ...b]);

const block: fc.Arbitrary<ScriptElement[]> = fc.oneof(
  { weight: 2, arbitrary: heading.map((h) => [h]) },
  { weight: 3, arbitrary: action.map((a) => [a]) },
  { weight: 3, arbitrary: speech(false) },
  { weight: 1, arbitrary: dualSpeeches },
  { weight: 1, arbitrary: transition.map((t) => [t]) },
  { weight: 1, arbitrary: centered.map((c) => [c]) },
  { weight: 1, arbitrary: fc.constant<ScriptElement[]>([{ type: 'pageBreak' }]) },
);

const titlePage: fc.Arbitrary<TitleEntry[]> = fc
  .record({
    title: fc.option(fc.constantFrom('BRICK & STEEL', '_**THE CAFÉ**_', 'Two\nLines')),
    author: fc.option(fc.constantFrom('Stu Maschwitz', 'Zoë O\'Hara')),
    date: fc.option(fc.constantFrom('May 2, 2024', 'Draft 3')),
    contact: fc.option(fc.constantFrom('zoe@example.com\n555 0100')),
  })
  .map(({ title, author, date, contact }) => [
    ...(title ? [{ key: 'Title', value: title }] : []),
    ...(author ? [{ key: 'Credit', value: 'Written by' }, { key: 'Author', value: author }] : []),
    ...(date ? [{ key: 'Draft date', value: date }] : []),
    ...(contact ? [{ key: 'Contact', value: contact }] : []),
  ]);

/** A small script. Page breaks never come first, last or twice in a row. */
export const arbitraryScript: fc.Arbitrary<Script> = fc.record({ titlePage, blocks: fc.array(block, { maxLength: 12 }) }).map(({ titlePage, blocks }) => {
  const elements: ScriptElement[] = [];
  for (const b of blocks) {
    const last = elements[elements.length - 1];
    if (b[0]?.type === 'pageBreak' && (!last || last.type === 'pageBreak')) continue;
    elements.push(...b);
  }
  while (elements[elements.length - 1]?.type === 'pageBreak') elements.pop();
  return { titlePage, elements };
});
