// The open script read by the shared Fountain parser, once for everything on the script screen:
// the editor's live layout, Enter/Tab, the suggestions, the scene board, the outline. One
// incremental parser per open script (it reuses the paragraphs an edit left alone), fed the
// current text; the last result is kept, so asking again for the same text costs a comparison.
// The editor asks with its document (a CodeMirror Text, turned into a string once per document).
import type { Text } from '@codemirror/state';
import { createIncrementalParser, type IncrementalParser } from '../../../shared/script/fountain-incremental';
import type { ParsedScript } from '../../../shared/script/fountain-parse';

let parser: IncrementalParser = createIncrementalParser();
let last: { text: string; parsed: ParsedScript } | null = null;
const docTexts = new WeakMap<Text, string>();

/** A fresh parser, for a newly opened script. */
export function resetScriptParse(): void {
  parser = createIncrementalParser();
  last = null;
}

/** The parse of `text` (the script as it is now). */
export function parsedOf(text: string): ParsedScript {
  if (last?.text === text) return last.parsed;
  const parsed = parser.parse(text);
  last = { text, parsed };
  return parsed;
}

/** The editor document's text, made once per document. */
export function docText(doc: Text): string {
  let text = docTexts.get(doc);
  if (text === undefined) {
    text = doc.toString();
    docTexts.set(doc, text);
  }
  return text;
}

/** The parse of an editor document. */
export const parsedDoc = (doc: Text): ParsedScript => parsedOf(docText(doc));
