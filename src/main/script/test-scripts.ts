// Scripts built in code for the PDF export's tests.
import type { Script, ScriptElement } from '../../shared/script/script';

export const sentences = (n: number, speaker = 'speech'): string =>
  Array.from({ length: n }, (_, i) => `This is sentence number ${i + 1} of the ${speaker}.`).join(' ');

/** A title page and two scenes; the long speech of the second scene breaks across pages 1 and 2 on Letter. */
export function sampleScript(): Script {
  const filler: ScriptElement[] = Array.from({ length: 9 }, (_, i) => ({
    type: 'action',
    text: `Beat ${i + 1}. The kettle hums on the stove and the clock on the wall ticks on.`,
    forced: false,
  }));
  return {
    titlePage: [
      { key: 'Title', value: '_**THE LONG NIGHT**_' },
      { key: 'Credit', value: 'Written by' },
      { key: 'Author', value: 'Ann Lee' },
      { key: 'Draft date', value: 'June 1, 2025' },
      { key: 'Contact', value: 'Ann Lee\n12 Harbour Road' },
    ],
    elements: [
      { type: 'sceneHeading', text: 'INT. KITCHEN - NIGHT', forced: false },
      { type: 'action', text: 'MARA (40s) sits at the table with a cold cup of tea. The house is *very* quiet.', forced: false },
      ...filler,
      { type: 'character', name: 'MARA', forced: false, dual: false },
      { type: 'parenthetical', text: '(to herself)' },
      { type: 'dialogue', text: 'Not again.' },
      { type: 'sceneHeading', text: 'EXT. GARDEN - CONTINUOUS', forced: false, number: '2' },
      { type: 'action', text: 'She steps out into the _rain_.', forced: false },
      { type: 'character', name: 'BOB', extension: 'O.S.', forced: false, dual: false },
      { type: 'dialogue', text: sentences(20, 'long speech') },
      { type: 'transition', text: 'CUT TO:', forced: false },
      { type: 'character', name: 'ANN', forced: false, dual: false },
      { type: 'dialogue', text: 'Left.' },
      { type: 'character', name: 'BOB', forced: false, dual: true },
      { type: 'dialogue', text: 'Right.' },
      { type: 'centered', text: 'THE END' },
    ],
  };
}
