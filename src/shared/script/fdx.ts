// Final Draft (.fdx) import and export. An FDX file is XML: <FinalDraft> holds a <Content> list of
// <Paragraph Type="…"> elements, each with <Text> runs (Style="Bold+Italic+Underline"), and a
// <TitlePage> with free-form paragraphs. This maps it onto the Script model and back:
//
//   Final Draft                                   Script
//   Paragraph Type="Scene Heading" Number="12A"   sceneHeading with number 12A
//     SceneProperties Color="#FFFF00000000"       …its color (named when it is one of colorNames)
//     SceneProperties <Summary>                   synopsis elements after the heading
//     ScriptNote                                  note elements after the heading
//   Paragraph Type="Action" / "General" / "Shot"  action (centered when Alignment="Center")
//   Paragraph Type="Character"                    character: NAME (EXTENSION)
//   Paragraph Type="Parenthetical" / "Dialogue"   parenthetical / dialogue
//   Paragraph Type="Transition"                   transition
//   Paragraph Type="Lyrics"                       lyrics
//   Paragraph Type="Outline 1" … "Outline 4"      section of that depth
//   <DualDialogue> inside a Paragraph             the second cue in it is `dual`
//   StartsNewPage="Yes"                           pageBreak before the paragraph
//   ScriptNote in any other paragraph             inline [[note]] at the end of its text
//   Text Style runs                               *italic*, **bold**, ***both***, _underline_
//
// Any other paragraph type is read as action. Emphasis read from Final Draft is written with
// underline outermost (`_**bold underlined**_`) and literal * and _ escaped (\* and \_). A note on
// a cue goes inline into the speech's next paragraph. Boneyard text is not exported (it is not part
// of the script as it reads); a note or synopsis that has no scene heading to hang on is exported as
// a ScriptNote on an empty General paragraph. Line breaks inside an element stay line breaks inside
// its one paragraph.
//
// The title page has no keys in Final Draft, only lines: Title comes first, centred; a line ending
// in "by" is the Credit and the block after it the Author; the centred block after that (or one
// starting "Based on", "From" or "Story by") is the Source, other centred blocks Notes; blocks on the
// left are Contact (or Draft date when they look like a date) and blocks on the right Draft date.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseInline } from './inline';
import type { Script, ScriptElement, TitleEntry } from './script';

/** A file that cannot be read as a Final Draft document; the message is for the writer. */
export class FdxError extends Error {
  override name = 'FdxError';
}

// ---------------------------------------------------------------------------------------------
// Emphasis: Fountain markers in text ⇄ styled runs (inline.ts reads the markers).

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

const sameStyle = (a: Run, b: Run) => a.bold === b.bold && a.italic === b.italic && a.underline === b.underline;

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && sameStyle(last, run)) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

/**
 * Fountain text for styled runs: markers open and close only where the style changes, underline
 * outermost, spaces at a styled run's edges left unstyled; literal * and _ are escaped.
 */
function markedText(runs: Run[]): string {
  const plainStyle = { bold: false, italic: false, underline: false };
  const flat: Run[] = runs.flatMap((run) => run.text.split(/(\n)/).filter((t) => t).map((text) => (text === '\n' ? { text, ...plainStyle } : { ...run, text })));
  // Spaces at the edge of a styled run keep only the styles the run beside them shares.
  const shared = (a: Run, b: Run | undefined) => ({ bold: a.bold && !!b?.bold, italic: a.italic && !!b?.italic, underline: a.underline && !!b?.underline });
  const pieces: Run[] = [];
  flat.forEach((run, k) => {
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
    if (m[1]) pieces.push({ text: m[1], ...shared(run, flat[k - 1]) });
    if (m[2]) pieces.push({ ...run, text: m[2] });
    if (m[3]) pieces.push({ text: m[3], ...shared(run, flat[k + 1]) });
  });
  let out = '';
  const state = { bold: false, italic: false, underline: false };
  const boldItalic = (b: boolean, i: boolean) => (b && i ? '***' : b ? '**' : i ? '*' : '');
  const moveTo = (target: Omit<Run, 'text'>) => {
    // Underline is outermost: bold and italic close before it changes and reopen inside it.
    const underlineChanges = state.underline !== target.underline;
    const closeBold = state.bold && (!target.bold || underlineChanges);
    const closeItalic = state.italic && (!target.italic || underlineChanges);
    out += boldItalic(closeBold, closeItalic);
    if (closeBold) state.bold = false;
    if (closeItalic) state.italic = false;
    if (underlineChanges) {
      out += '_';
      state.underline = target.underline;
    }
    out += boldItalic(!state.bold && target.bold, !state.italic && target.italic);
    state.bold = target.bold;
    state.italic = target.italic;
  };
  for (const piece of mergeRuns(pieces)) {
    moveTo(piece);
    // Literal markers are escaped, and so is a backslash that would otherwise escape what follows it.
    out += piece.text.replace(/\\(?=[\\*_]|$)/g, '\\\\').replace(/[*_]/g, '\\$&');
  }
  moveTo({ bold: false, italic: false, underline: false });
  return out;
}

/** Text without emphasis markers (for cues and headings, which Final Draft styles on its own). */
function plainOf(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

// ---------------------------------------------------------------------------------------------
// Scene colours: Final Draft writes 16 bits per channel (#RRRRGGGGBBBB).

/** The colour names a `[[color …]]` note may use, with the colour Final Draft gets for each. */
export const colorNames: Record<string, string> = {
  red: '#ff0000',
  orange: '#ff8000',
  yellow: '#ffff00',
  green: '#00ff00',
  cyan: '#00ffff',
  blue: '#0000ff',
  purple: '#800080',
  magenta: '#ff00ff',
  pink: '#ffc0cb',
  brown: '#a52a2a',
  gray: '#808080',
  white: '#ffffff',
  black: '#000000',
};

function colorFromFdx(value: string | undefined): string | undefined {
  const hex = value?.trim().replace(/^#/, '').toLowerCase();
  if (!hex || !/^[0-9a-f]+$/.test(hex)) return undefined;
  let rgb: string;
  if (hex.length === 12) rgb = hex.slice(0, 2) + hex.slice(4, 6) + hex.slice(8, 10);
  else if (hex.length === 6) rgb = hex;
  else return undefined;
  const name = Object.keys(colorNames).find((n) => colorNames[n] === `#${rgb}`);
  return name ?? `#${rgb}`;
}

function colorToFdx(color: string | undefined): string | undefined {
  if (!color) return undefined;
  const c = color.trim().toLowerCase();
  let hex = (colorNames[c] ?? c).replace(/^#/, '');
  if (/^[0-9a-f]{3}$/.test(hex)) hex = [...hex].map((d) => d + d).join('');
  if (!/^[0-9a-f]{6}$/.test(hex)) return undefined;
  const channel = (i: number) => hex.slice(i, i + 2).repeat(2);
  return `#${channel(0)}${channel(2)}${channel(4)}`.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** A node as fast-xml-parser gives it with preserveOrder: one key naming the tag (or #text), plus ':@' for the attributes. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
});

function tagOf(node: XmlNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}
function childrenOf(node: XmlNode): XmlNode[] {
  const children = node[tagOf(node)];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}
function attr(node: XmlNode, name: string): string | undefined {
  const attrs = node[':@'] as Record<string, unknown> | undefined;
  const value = attrs?.[name];
  return typeof value === 'string' ? value : undefined;
}
function childElements(node: XmlNode, tag: string): XmlNode[] {
  return childrenOf(node).filter((c) => tagOf(c) === tag);
}
/** All the character data inside a node. */
function textContent(node: XmlNode): string {
  if (tagOf(node) === '#text') return String(node['#text'] ?? '');
  return childrenOf(node).map(textContent).join('');
}

/** One Final Draft paragraph as read, before it becomes elements. */
interface FdxParagraph {
  type: string;
  runs: Run[];
  alignment: string;
  number?: string;
  newPage: boolean;
  color?: string;
  summaries: string[];
  notes: string[];
  /** Set on the paragraphs of one <DualDialogue> block (the same value for the block). */
  dualBlock?: number;
}

function runsOf(paragraph: XmlNode): Run[] {
  const runs: Run[] = [];
  for (const text of childElements(paragraph, 'Text')) {
    const style = (attr(text, 'Style') ?? '').toLowerCase().split('+');
    let value = textContent(text).replace(/\r\n?/g, '\n');
    if (style.includes('allcaps')) value = value.toUpperCase();
    runs.push({ text: value, bold: style.includes('bold'), italic: style.includes('italic'), underline: style.includes('underline') });
  }
  return mergeRuns(runs.filter((r) => r.text.length > 0));
}

/** The text of a <ScriptNote> or <Summary>: its paragraphs, one per line. */
function nestedText(node: XmlNode): string {
  return childElements(node, 'Paragraph')
    .map((p) => markedText(runsOf(p)).trim())
    .filter((t) => t.length > 0)
    .join('\n');
}

function readParagraphs(content: XmlNode, out: FdxParagraph[], dual: { next: number }, dualBlock?: number): void {
  for (const node of childElements(content, 'Paragraph')) {
    const paragraph: FdxParagraph = {
      type: (attr(node, 'Type') ?? '').trim(),
      runs: runsOf(node),
      alignment: (attr(node, 'Alignment') ?? '').trim().toLowerCase(),
      newPage: (attr(node, 'StartsNewPage') ?? '').trim().toLowerCase() === 'yes',
      summaries: [],
      notes: [],
      ...(dualBlock !== undefined ? { dualBlock } : {}),
    };
    const number = attr(node, 'Number')?.trim();
    if (number) paragraph.number = number;
    for (const props of childElements(node, 'SceneProperties')) {
      const color = colorFromFdx(attr(props, 'Color'));
      if (color) paragraph.color = color;
      for (const summary of childElements(props, 'Summary')) {
        const text = nestedText(summary);
        if (text) paragraph.summaries.push(text);
      }
    }
    for (const note of childElements(node, 'ScriptNote')) {
      const text = nestedText(note);
      if (text) paragraph.notes.push(text);
    }
    const dualBlocks = childElements(node, 'DualDialogue');
    if (dualBlocks.length === 0 || paragraph.runs.length > 0 || paragraph.notes.length > 0) out.push(paragraph);
    else if (paragraph.newPage) out.push({ ...paragraph, type: '' });
    for (const block of dualBlocks) readParagraphs(block, out, dual, dual.next++);
  }
}

const headingPrefix = /^(?:INT|EXT|EST|INT\.?\/EXT|I\/E)[. ]/i;

/** Whether an action paragraph needs Fountain's `!` so that it is not read as something else. */
function actionNeedsForce(text: string): boolean {
  const first = text.split('\n')[0] ?? '';
  const shouting = /\p{L}/u.test(first) && first === first.toUpperCase();
  return (
    headingPrefix.test(first) ||
    /^(?:[!@~>=#]|\.(?!\.)|\[\[)/.test(first) ||
    (shouting && text.includes('\n')) ||
    (shouting && /TO:$/.test(first.trim()))
  );
}

/** NAME (V.O.) → name and extension (everything inside the outer brackets). */
function splitCue(text: string): { name: string; extension?: string } {
  const open = text.indexOf('(');
  if (open < 0) return { name: text.trim() };
  const name = text.slice(0, open).trim();
  const rest = text.slice(open).trim();
  const extension = rest.endsWith(')') ? rest.slice(1, -1).trim() : rest.slice(1).trim();
  return extension ? { name, extension } : { name };
}

/** The elements of Final Draft paragraphs, in order. */
function elementsOf(paragraphs: FdxParagraph[]): ScriptElement[] {
  const elements: ScriptElement[] = [];
  let pendingBreak = false;
  let lastDualBlock: number | undefined;
  /** Notes on a cue, waiting for the speech's next paragraph. */
  let cueNotes: string[] = [];
  for (const p of paragraphs) {
    if (p.newPage) pendingBreak = true;
    const marked = markedText(p.runs).replace(/^\n+|\s+$/g, '');
    const plain = plainOf(p.runs).replace(/\s+/g, ' ').trim();
    if (!marked && !plain && p.notes.length === 0 && p.summaries.length === 0) continue;
    if (pendingBreak && elements.length > 0) elements.push({ type: 'pageBreak' });
    pendingBreak = false;
    const type = p.type.toLowerCase();
    if (cueNotes.length > 0 && !(marked && (type === 'dialogue' || type === 'parenthetical' || type === 'lyrics'))) {
      for (const text of cueNotes) elements.push({ type: 'note', text });
      cueNotes = [];
    }
    const notes = [...cueNotes, ...p.notes];
    cueNotes = [];
    const withNotes = (text: string) => [text, ...notes.map((n) => `[[${n}]]`)].filter((t) => t).join(' ');
    const outline = /^outline\s*([1-9])$/.exec(type);

    if (type === 'scene heading' && plain) {
      elements.push({
        type: 'sceneHeading',
        text: plain,
        forced: !headingPrefix.test(plain),
        ...(p.number ? { number: p.number } : {}),
        ...(p.color ? { color: p.color } : {}),
      });
      for (const summary of p.summaries) elements.push({ type: 'synopsis', text: summary });
      for (const note of p.notes) elements.push({ type: 'note', text: note });
      continue;
    }
    if (!marked) {
      // A paragraph holding only notes (or a summary with no heading to belong to).
      for (const text of [...p.summaries, ...p.notes]) elements.push({ type: 'note', text });
      continue;
    }
    if (type === 'character') {
      const { name, extension } = splitCue(plain);
      const dual = p.dualBlock !== undefined && p.dualBlock === lastDualBlock;
      lastDualBlock = p.dualBlock;
      elements.push({ type: 'character', name, ...(extension ? { extension } : {}), forced: /\p{Ll}/u.test(name) || !/\p{L}/u.test(name), dual });
      cueNotes = p.notes;
      continue;
    }
    if (type === 'dialogue') {
      const last = elements[elements.length - 1];
      if (last?.type === 'dialogue' && notes.length === 0) last.text += `\n${marked}`;
      else elements.push({ type: 'dialogue', text: withNotes(marked) });
    } else if (type === 'parenthetical') {
      const text = /^\(/.test(marked) ? marked : `(${marked})`;
      elements.push({ type: 'parenthetical', text: withNotes(text) });
    } else if (type === 'transition') {
      elements.push({ type: 'transition', text: withNotes(plain), forced: !(plain === plain.toUpperCase() && /TO:$/.test(plain)) });
    } else if (type === 'lyrics' || type === 'lyric') {
      elements.push({ type: 'lyrics', text: withNotes(marked) });
    } else if (outline) {
      elements.push({ type: 'section', depth: Number(outline[1]), text: withNotes(plain) });
    } else if (p.alignment === 'center') {
      elements.push({ type: 'centered', text: withNotes(marked) });
    } else {
      elements.push({ type: 'action', text: withNotes(marked), forced: actionNeedsForce(marked) });
    }
    if (type !== 'character') lastDualBlock = p.dualBlock;
  }
  for (const text of cueNotes) elements.push({ type: 'note', text });
  return elements;
}

/** The line of an unclosed tag's opening (the last one of that name), or null. */
function lineOfOpening(xml: string, tag: string): number | null {
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let at = -1;
  for (const m of xml.matchAll(new RegExp(`<${escaped}(?=[\\s/>])`, 'g'))) at = m.index;
  return at < 0 ? null : xml.slice(0, at).split('\n').length;
}

function brokenXmlMessage(xml: string, err: { code: string; msg: string; line: number; col: number }): string {
  const unclosed = /^Invalid '\[([\s\S]*)\]' found\.$/.exec(err.msg);
  if (unclosed) {
    const tags = [...unclosed[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const tag = tags[tags.length - 1] ?? '';
    const line = lineOfOpening(xml, tag);
    return `This is not a Final Draft file: its XML is broken${line ? ` at line ${line}` : ''} (unclosed tag <${tag}>).`;
  }
  const what = err.msg.replace(/\.$/, '');
  const detail = what.charAt(0).toLowerCase() + what.slice(1);
  return `This is not a Final Draft file: its XML is broken${err.line ? ` at line ${err.line}` : ''} (${detail}).`;
}

/** Reads a Final Draft document. Throws FdxError for broken XML and for XML that is not Final Draft. */
export function readFdx(xml: string): Script {
  const source = xml.replace(/^\uFEFF/, '');
  if (!source.trim()) throw new FdxError('This is not a Final Draft file: it is empty.');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new FdxError(brokenXmlMessage(source, valid.err));
  let document: XmlNode[];
  try {
    document = parser.parse(source) as XmlNode[];
  } catch (err) {
    throw new FdxError(`This is not a Final Draft file: its XML could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  const root = document.find((n) => {
    const tag = tagOf(n);
    return tag !== '' && !tag.startsWith('?') && !tag.startsWith('#') && !tag.startsWith('!');
  });
  if (!root || tagOf(root) !== 'FinalDraft') {
    throw new FdxError(`This is not a Final Draft file: its XML holds <${root ? tagOf(root) : 'nothing'}>, not <FinalDraft>.`);
  }

  const paragraphs: FdxParagraph[] = [];
  const dual = { next: 0 };
  for (const content of childElements(root, 'Content')) readParagraphs(content, paragraphs, dual);
  const elements = elementsOf(paragraphs);
  for (const notes of childElements(root, 'ScriptNotes')) {
    for (const note of childElements(notes, 'ScriptNote')) {
      const text = nestedText(note);
      if (text) elements.push({ type: 'note', text });
    }
  }

  const titleParagraphs: FdxParagraph[] = [];
  for (const titlePage of childElements(root, 'TitlePage')) {
    for (const content of childElements(titlePage, 'Content')) readParagraphs(content, titleParagraphs, dual);
  }
  return { titlePage: titlePageOf(titleParagraphs), elements };
}

const creditLine = /(?:^|\s)by$/i;
const dateLike =
  /\b(?:draft|revis\w*|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d\d|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b/i;

function titlePageOf(paragraphs: FdxParagraph[]): TitleEntry[] {
  // Blocks: runs of non-empty lines with the same alignment.
  const blocks: { align: string; lines: string[] }[] = [];
  let open = false;
  for (const p of paragraphs) {
    const align = p.alignment === 'center' ? 'center' : p.alignment === 'right' ? 'right' : 'left';
    for (const line of markedText(p.runs).split('\n')) {
      const text = line.trim();
      const last = blocks[blocks.length - 1];
      if (!text) open = false;
      else if (open && last && last.align === align) last.lines.push(text);
      else {
        blocks.push({ align, lines: [text] });
        open = true;
      }
    }
  }
  const entries: TitleEntry[] = [];
  const add = (key: string, value: string) => {
    const existing = entries.find((e) => e.key === key);
    if (existing) existing.value += `\n${value}`;
    else entries.push({ key, value });
  };
  let expectAuthor = false;
  for (const block of blocks) {
    const value = block.lines.join('\n');
    const plain = value.replace(/\\([*_])|[*_]/g, '$1');
    if (block.align === 'center') {
      if (block.lines.length === 1 && creditLine.test(plain)) {
        add('Credit', value);
        expectAuthor = true;
        continue;
      } else if (expectAuthor) add('Author', value);
      else if (entries.length === 0) add('Title', value);
      else if (!entries.some((e) => e.key === 'Source') && (entries.some((e) => e.key === 'Author') || /^(?:based on|from|story by)\b/i.test(plain))) {
        add('Source', value);
      } else add('Notes', value);
    } else if (block.align === 'right') add('Draft date', value);
    else if (dateLike.test(plain) && block.lines.length <= 2) add('Draft date', value);
    else add('Contact', value);
    expectAuthor = false;
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** Escapes text for XML, dropping characters XML 1.0 cannot hold. */
function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are the control characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One paragraph to write. */
interface OutParagraph {
  type: string;
  text: string;
  /** When true, `text` is written as it is, without reading emphasis. */
  plain?: boolean;
  number?: string;
  color?: string;
  alignment?: 'Center' | 'Right' | 'Left';
  newPage?: boolean;
  summaries?: string[];
  notes?: string[];
}

type OutItem = OutParagraph | { dual: OutParagraph[] };

/** Inline notes [[…]] taken out of a text, with the space before each. */
function takeNotes(text: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  const rest = text.replace(/[ \t]*\[\[([\s\S]*?)\]\]/g, (_, note: string) => {
    if (note.trim()) notes.push(note.trim());
    return '';
  });
  return { text: rest.trim(), notes };
}

function textRunsXml(text: string, plain: boolean, indent: string): string {
  const runs = plain ? [{ text, bold: false, italic: false, underline: false }] : parseInline(text);
  if (runs.length === 0) return `${indent}<Text></Text>\n`;
  return runs
    .map((r) => {
      const style = [r.bold && 'Bold', r.italic && 'Italic', r.underline && 'Underline'].filter(Boolean).join('+');
      return `${indent}<Text${style ? ` Style="${style}"` : ''}>${xmlEscape(r.text)}</Text>\n`;
    })
    .join('');
}

function nestedXml(tag: string, texts: string[], indent: string, attrs = ''): string {
  const inner = texts
    .flatMap((t) => t.split('\n'))
    .map((line) => `${indent}  <Paragraph Type="General">\n${textRunsXml(line, false, `${indent}    `)}${indent}  </Paragraph>\n`)
    .join('');
  return `${indent}<${tag}${attrs}>\n${inner}${indent}</${tag}>\n`;
}

function paragraphXml(p: OutParagraph, indent: string, noteIds: { next: number }): string {
  const attrs = [`Type="${xmlEscape(p.type)}"`];
  if (p.alignment) attrs.push(`Alignment="${p.alignment}"`);
  if (p.number) attrs.push(`Number="${xmlEscape(p.number)}"`);
  if (p.newPage) attrs.push('StartsNewPage="Yes"');
  let inner = '';
  const color = colorToFdx(p.color);
  if (p.type === 'Scene Heading' && (color || p.summaries?.length)) {
    const propsAttrs = color ? ` Color="${color}"` : '';
    inner += p.summaries?.length
      ? `${indent}  <SceneProperties${propsAttrs}>\n${nestedXml('Summary', p.summaries, `${indent}    `)}${indent}  </SceneProperties>\n`
      : `${indent}  <SceneProperties${propsAttrs}/>\n`;
  }
  for (const note of p.notes ?? []) inner += nestedXml('ScriptNote', [note], `${indent}  `, ` ID="${noteIds.next++}"`);
  inner += textRunsXml(p.text, p.plain ?? false, `${indent}  `);
  return `${indent}<Paragraph ${attrs.join(' ')}>\n${inner}${indent}</Paragraph>\n`;
}

function outItemsOf(elements: ScriptElement[]): OutItem[] {
  const items: OutItem[] = [];
  let heading: OutParagraph | null = null;
  /** Notes right after a heading (and its synopses) go onto the heading. */
  let headingIsLast = false;
  let newPage = false;
  /** The dual block the current speech is being written into, if any. */
  let dualSpeech: OutParagraph[] | null = null;
  /** Where the last speech (cue and what follows it) starts in `items`, while it is the last thing written. */
  let speechStart = -1;

  const push = (p: OutParagraph, inSpeech = false) => {
    if (newPage) p.newPage = true;
    newPage = false;
    if (inSpeech && dualSpeech) dualSpeech.push(p);
    else {
      items.push(p);
      dualSpeech = null;
    }
    headingIsLast = false;
  };

  for (const element of elements) {
    switch (element.type) {
      case 'sceneHeading': {
        const { text, notes } = takeNotes(element.text);
        heading = {
          type: 'Scene Heading',
          text,
          plain: true,
          ...(element.number ? { number: element.number } : {}),
          ...(element.color ? { color: element.color } : {}),
          summaries: [],
          notes,
        };
        push(heading);
        headingIsLast = true;
        speechStart = -1;
        break;
      }
      case 'synopsis':
        if (heading && headingIsLast) heading.summaries!.push(element.text);
        else {
          push({ type: 'General', text: '', notes: [element.text] });
          speechStart = -1;
        }
        break;
      case 'note':
        if (heading && headingIsLast) heading.notes!.push(element.text);
        else if (speechStart >= 0 || dualSpeech) {
          // A note inside a speech: keep the speech together by attaching it to the speech's last paragraph.
          const last = dualSpeech ? dualSpeech[dualSpeech.length - 1] : (items[items.length - 1] as OutParagraph | undefined);
          if (last) (last.notes ??= []).push(element.text);
        } else push({ type: 'General', text: '', notes: [element.text] });
        break;
      case 'boneyard':
        break;
      case 'pageBreak':
        newPage = true;
        speechStart = -1;
        break;
      case 'character': {
        const cue: OutParagraph = { type: 'Character', text: element.extension ? `${element.name} (${element.extension})` : element.name, plain: true };
        if (element.dual && speechStart >= 0 && !newPage) {
          const previous = items.splice(speechStart) as OutParagraph[];
          const block = { dual: [...previous, cue] };
          items.push(block);
          dualSpeech = block.dual;
          speechStart = -1;
          headingIsLast = false;
        } else {
          push(cue);
          speechStart = items.length - 1;
        }
        break;
      }
      case 'dialogue':
      case 'parenthetical':
      case 'lyrics': {
        const { text, notes } = takeNotes(element.text);
        const type = element.type === 'dialogue' ? 'Dialogue' : element.type === 'parenthetical' ? 'Parenthetical' : 'Lyrics';
        push({ type, text, notes }, true);
        break;
      }
      default: {
        speechStart = -1;
        if (element.type === 'action' || element.type === 'centered' || element.type === 'transition') {
          const { text, notes } = takeNotes(element.text);
          if (element.type === 'transition') push({ type: 'Transition', text, notes, plain: true });
          else push({ type: 'Action', text, notes, ...(element.type === 'centered' ? { alignment: 'Center' as const } : {}) });
        } else if (element.type === 'section') {
          push({ type: `Outline ${Math.min(Math.max(element.depth, 1), 4)}`, text: element.text, plain: true });
        }
      }
    }
    if (element.type !== 'character' && element.type !== 'dialogue' && element.type !== 'parenthetical' && element.type !== 'lyrics' && element.type !== 'note') {
      dualSpeech = null;
    }
  }
  return items;
}

function titlePageXml(entries: TitleEntry[]): string {
  const value = (key: string) => entries.filter((e) => e.key.trim().toLowerCase() === key).map((e) => e.value);
  const blocks: { lines: string[]; align: 'Center' | 'Left' | 'Right' }[] = [];
  const center = ['title', 'credit', 'author', 'authors', 'source'];
  for (const key of center) for (const v of value(key)) blocks.push({ lines: v.split('\n'), align: 'Center' });
  for (const e of entries) {
    const key = e.key.trim().toLowerCase();
    if (!center.includes(key) && key !== 'draft date' && key !== 'contact') blocks.push({ lines: e.value.split('\n'), align: 'Center' });
  }
  for (const v of value('draft date')) blocks.push({ lines: v.split('\n'), align: 'Right' });
  for (const v of value('contact')) blocks.push({ lines: v.split('\n'), align: 'Left' });
  if (blocks.length === 0) return '';
  const indent = '      ';
  const paragraphs = blocks
    .map((b, i) => {
      const gap = i > 0 ? `${indent}<Paragraph Alignment="${b.align}">\n${indent}  <Text></Text>\n${indent}</Paragraph>\n` : '';
      return gap + b.lines.map((line) => `${indent}<Paragraph Alignment="${b.align}">\n${textRunsXml(line.trim(), false, `${indent}  `)}${indent}</Paragraph>\n`).join('');
    })
    .join('');
  return `  <TitlePage>\n    <Content>\n${paragraphs}    </Content>\n  </TitlePage>\n`;
}

/** A Final Draft document for a script (UTF-8 XML, as Final Draft 8 and later open it). */
export function writeFdx(script: Script): string {
  const noteIds = { next: 1 };
  const indent = '    ';
  const body = outItemsOf(script.elements)
    .map((item) =>
      'dual' in item
        ? `${indent}<Paragraph>\n${indent}  <DualDialogue>\n${item.dual.map((p) => paragraphXml(p, `${indent}    `, noteIds)).join('')}${indent}  </DualDialogue>\n${indent}</Paragraph>\n`
        : paragraphXml(item, indent, noteIds),
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' +
    '<FinalDraft DocumentType="Script" Template="No" Version="4">\n' +
    `  <Content>\n${body}  </Content>\n` +
    titlePageXml(script.titlePage) +
    '</FinalDraft>\n'
  );
}
