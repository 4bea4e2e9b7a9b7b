// The screenplay model. A script document is stored as Fountain 1.1 text (fountain-parse.ts reads
// it, fountain-write.ts writes it); this is what the text means: a title page and a flat list of
// elements in reading order. Scenes are not nested: a scene is a heading and the elements after it
// up to the next heading or section (scenes.ts derives them, with their text ranges).
//
// Inline markup stays in the text of an element: emphasis (*italic*, **bold**, ***both***,
// _underline_) and inline notes [[…]]. Exports interpret it (inline.ts).

/** One key of the title page, e.g. Title, Credit, Author, Source, Draft date, Contact. Multi-line values keep their line breaks. */
export interface TitleEntry {
  key: string;
  value: string;
}

export type ScriptElement =
  /** `INT. HOUSE - DAY`; `forced` when written with a leading `.`; `number` from `#1A#`; `color` from a `[[color red]]` note on the line. */
  | { type: 'sceneHeading'; text: string; forced: boolean; number?: string; color?: string }
  /** One paragraph of action (lines kept with their breaks); `forced` when written with `!`. */
  | { type: 'action'; text: string; forced: boolean }
  /** A cue: `name` in capitals, `extension` such as V.O., O.S. or CONT'D without brackets; `dual` for the `^` second speaker. */
  | { type: 'character'; name: string; extension?: string; forced: boolean; dual: boolean }
  /** Brackets included: `(quietly)`. */
  | { type: 'parenthetical'; text: string }
  | { type: 'dialogue'; text: string }
  | { type: 'lyrics'; text: string }
  /** `CUT TO:`; `forced` when written with `>`. */
  | { type: 'transition'; text: string; forced: boolean }
  /** `> THE END <`, without the brackets. */
  | { type: 'centered'; text: string }
  | { type: 'pageBreak' }
  /** `#` act, `##` sequence, …: depth is the number of `#`. */
  | { type: 'section'; depth: number; text: string }
  /** `= A line saying what happens.` */
  | { type: 'synopsis'; text: string }
  /** A note standing alone as a paragraph, without its `[[ ]]`. */
  | { type: 'note'; text: string }
  /** Text removed from the script but kept, without its `/* *\/`. */
  | { type: 'boneyard'; text: string };

export type ScriptElementType = ScriptElement['type'];

export interface Script {
  titlePage: TitleEntry[];
  elements: ScriptElement[];
}

/** Where an element is in the Fountain text: [from, to) in UTF-16 code units, from its first character to the end of its last line. */
export interface Span {
  from: number;
  to: number;
}

/** What a script document's content is on the wire and in the database. */
export interface ScriptContent {
  /** The script as Fountain 1.1 text. */
  fountain: string;
}

/** Largest script accepted, in UTF-16 code units of Fountain (a 120-page script is ~250k). */
export const maxScriptChars = 3_000_000;

export const emptyScript = (): Script => ({ titlePage: [], elements: [] });
