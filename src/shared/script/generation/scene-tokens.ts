// Scenes as word tokens, for the scene drafter's two language models (src/workers/models/scene-lm.ts):
//
// - The **outline** stream (next scene): each scene summarised as
//   `<scene> <int> <loc> harbour office <time> night <chars> <p1> <p3> <beat> <p1> finds the letter .`
//   Characters are slots <p1>…<p12> numbered by first appearance within the scenes serialised
//   together (so a model learns "the same person again", not names); a chunk of scenes starts with
//   <bos> and ends with <scene>, which is how a sampled candidate ends.
// - The **draft** stream (scene draft): a header, then the scene's elements:
//   `<bos> <int> <loc> kitchen <time> night <chars> <c1> <c2> <beat> … <body> <action> <c1> enters the <locslot> .
//    <cue> <c1> <paren> quietly <dialogue> where is it ? <end>`. The scene's characters are slots
//   <c1>…<c8> in the order given, its location <locslot>, so a draft speaks of the scene's own people.
//
// Words are lower case; detokenise() puts back spacing and sentence capitals, and the slots' names.
// draftToElements() turns draft tokens into script elements (repairing what does not form a
// dialogue block), which writeFountain writes as Fountain that parses back to the same elements.
import { parseFountain, type ParsedScript } from '../fountain-parse';
import { writeFountain } from '../fountain-write';
import type { ScriptElement } from '../script';
import { characterKey, headingParts, scenesOf } from '../scenes';

export const specialTokens = [
  '<pad>',
  '<unk>',
  '<bos>',
  '<end>',
  '<scene>',
  '<int>',
  '<ext>',
  '<intext>',
  '<loc>',
  '<time>',
  '<chars>',
  '<beat>',
  '<body>',
  '<action>',
  '<cue>',
  '<paren>',
  '<dialogue>',
  '<locslot>',
] as const;
export type SpecialToken = (typeof specialTokens)[number];

/** Most character slots of a draft (<c1>…) and of an outline chunk (<p1>…). */
export const maxDraftSlots = 8;
export const maxOutlineSlots = 12;
export const draftSlot = (i: number): string => `<c${i + 1}>`;
export const outlineSlot = (i: number): string => `<p${i + 1}>`;
export const slotTokens = [...Array.from({ length: maxDraftSlots }, (_, i) => draftSlot(i)), ...Array.from({ length: maxOutlineSlots }, (_, i) => outlineSlot(i))];

const slotPattern = /^<([cp])(\d+)>$/;
/** 0-based slot index of a slot token of the given family, or -1. */
export function slotIndex(token: string, family: 'c' | 'p'): number {
  const m = slotPattern.exec(token);
  return m && m[1] === family ? Number(m[2]) - 1 : -1;
}

export type IntExt = 'INT' | 'EXT' | 'INT/EXT';

/** A scene as the next-scene model sees it. */
export interface SceneSummary {
  intExt: IntExt | null;
  location: string;
  time: string | null;
  /** Character keys (upper case, as cues name them), in order of first appearance. */
  characters: string[];
  /** The synopsis, or the first sentence of the first action; '' when the scene has neither. */
  beat: string;
}

/** A scene with its body, for the draft model. */
export interface SceneExample extends SceneSummary {
  /** The scene's action, cues, parentheticals and dialogue (other elements left out). */
  body: ScriptElement[];
}

const maxBeatWords = 24;

/** Words and punctuation of a text, lower case; slot markers written as `<c1>` etc. stay whole. */
export function tokenizeWords(text: string): string[] {
  const s = text
    .normalize('NFC')
    .replace(/\[\[[\s\S]*?\]\]/g, ' ')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, '...')
    .replace(/[*_]/g, ' ')
    .toLowerCase();
  return s.match(/<(?:[cp]\d+|locslot)>|[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|'[\p{L}\p{N}]+|\.\.\.|--|[.,!?;:"()\-—&]/gu) ?? [];
}

/** The first sentence of a text (up to and including its end mark), or the whole text. */
export function firstSentence(text: string): string {
  const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  return (m ? m[0] : text).replace(/\s+/g, ' ').trim();
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the names (and a location) in a text with slot markers: each name whole-word and
 * case-insensitive, longer names first; `<` and `>` of the text itself are dropped first.
 */
export function slotText(text: string, names: readonly string[], slot: (i: number) => string, location?: string): string {
  let s = text.replace(/[<>]/g, ' ');
  const order = names.map((name, i) => ({ name: name.trim(), i })).filter((n) => n.name.length > 0);
  order.sort((a, b) => b.name.length - a.name.length);
  for (const { name, i } of order) s = s.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'), ` ${slot(i)} `);
  if (location && location.trim().length > 2) s = s.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(location.trim())}(?![\\p{L}\\p{N}])`, 'giu'), ' <locslot> ');
  return s;
}

/** A character key in the case prose uses: MARA → Mara, DR. O'NEIL → Dr. O'Neil. */
export function displayName(key: string): string {
  return key.toLowerCase().replace(/(^|[\s\-.'])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

const noSpaceBefore = new Set(['.', ',', '!', '?', ';', ':', ')', '...']);
const noSpaceAfter = new Set(['(']);

/**
 * Words back to text: spacing around punctuation, sentence capitals, "i" → "I", quotes paired,
 * slots replaced by `names(slot)` (a slot without a name is left out).
 */
export function detokenize(tokens: readonly string[], names: (token: string) => string | null = () => null, sentenceCase = true): string {
  let out = '';
  let capital = sentenceCase;
  let quoteOpen = false;
  let prev = '';
  for (const token of tokens) {
    let word: string;
    if (token.startsWith('<') && token.endsWith('>')) {
      const name = names(token);
      if (name === null) continue;
      word = name;
    } else word = token === 'i' || token.startsWith("i'") ? `I${token.slice(1)}` : token;
    let space = out.length > 0 && !noSpaceBefore.has(word) && !noSpaceAfter.has(prev) && !word.startsWith("'");
    if (word === '"') {
      if (quoteOpen) space = false;
      quoteOpen = !quoteOpen;
    } else if (prev === '"' && quoteOpen) space = false;
    if (capital && /^\p{Ll}/u.test(word)) word = word[0]!.toUpperCase() + word.slice(1);
    if (/[\p{L}\p{N}]/u.test(word)) capital = false;
    if (sentenceCase && (word === '.' || word === '!' || word === '?')) capital = true;
    out += (space ? ' ' : '') + word;
    prev = word;
  }
  return out.trim();
}

/** Every scene of a parsed script with its summary and body. */
export function sceneExamples(parsed: ParsedScript): SceneExample[] {
  const els = parsed.script.elements;
  return scenesOf(parsed).map((scene, k, all) => {
    const end = k + 1 < all.length ? all[k + 1]!.elementIndex : els.length;
    const body: ScriptElement[] = [];
    for (let i = scene.elementIndex + 1; i < end; i++) {
      const el = els[i]!;
      if (el.type === 'section') break;
      if (el.type === 'action' || el.type === 'character' || el.type === 'parenthetical' || el.type === 'dialogue') body.push(el);
    }
    const parts = headingParts(scene.heading);
    const firstAction = body.find((e) => e.type === 'action');
    const beatSource = scene.synopsis ?? (firstAction && firstAction.type === 'action' ? firstSentence(firstAction.text) : '');
    return {
      intExt: parts.intExt,
      location: parts.location,
      time: parts.time,
      characters: scene.characters.filter((c) => c.length > 0),
      beat: beatSource.replace(/\s+/g, ' ').trim(),
      body,
    };
  });
}

const intExtToken = (intExt: IntExt | null): string[] => (intExt === 'INT' ? ['<int>'] : intExt === 'EXT' ? ['<ext>'] : intExt === 'INT/EXT' ? ['<intext>'] : []);

function beatTokens(beat: string, names: readonly string[], slot: (i: number) => string): string[] {
  return tokenizeWords(slotText(beat, names, slot)).slice(0, maxBeatWords);
}

/**
 * One chunk of consecutive scenes as outline tokens: `<bos>`, each scene from `<scene>`, and a
 * closing `<scene>` when `close` (training). Characters are numbered within the chunk.
 */
export function outlineTokens(scenes: readonly SceneSummary[], close = true): { tokens: string[]; names: string[] } {
  const names: string[] = [];
  const slotOf = (key: string): number => {
    let i = names.indexOf(key);
    if (i === -1 && names.length < maxOutlineSlots) {
      names.push(key);
      i = names.length - 1;
    }
    return i;
  };
  const tokens = ['<bos>'];
  for (const s of scenes) {
    const chars = s.characters.map(slotOf).filter((i) => i >= 0);
    tokens.push('<scene>', ...intExtToken(s.intExt), '<loc>', ...tokenizeWords(slotText(s.location, names, outlineSlot)));
    if (s.time) tokens.push('<time>', ...tokenizeWords(s.time));
    tokens.push('<chars>', ...chars.map(outlineSlot), '<beat>', ...beatTokens(s.beat, names, outlineSlot));
  }
  if (close) tokens.push('<scene>');
  return { tokens, names };
}

/** The draft header: what the model is asked to write. `characters` are the scene's, in slot order. */
export function draftHeaderTokens(scene: Pick<SceneSummary, 'intExt' | 'location' | 'time' | 'beat'>, characters: readonly string[]): string[] {
  const names = characters.slice(0, maxDraftSlots);
  const tokens = ['<bos>', ...intExtToken(scene.intExt), '<loc>', ...tokenizeWords(slotText(scene.location, names, draftSlot))];
  if (scene.time) tokens.push('<time>', ...tokenizeWords(scene.time));
  tokens.push('<chars>', ...names.map((_, i) => draftSlot(i)), '<beat>', ...beatTokens(scene.beat, names, draftSlot), '<body>');
  return tokens;
}

/** A scene's body as draft tokens (after the header), ending with `<end>`. */
export function draftBodyTokens(body: readonly ScriptElement[], characters: readonly string[], location: string): string[] {
  const names = characters.slice(0, maxDraftSlots);
  const words = (text: string): string[] => tokenizeWords(slotText(text, names, draftSlot, location));
  const tokens: string[] = [];
  for (const el of body) {
    if (el.type === 'action') tokens.push('<action>', ...words(el.text));
    else if (el.type === 'character') {
      const i = names.indexOf(characterKey(el.name));
      tokens.push('<cue>', i >= 0 ? draftSlot(i) : '<unk>');
    } else if (el.type === 'parenthetical') tokens.push('<paren>', ...words(el.text.replace(/^\(|\)$/g, '')));
    else if (el.type === 'dialogue') tokens.push('<dialogue>', ...words(el.text));
  }
  tokens.push('<end>');
  return tokens;
}

/** A whole scene as draft tokens: header, body, `<end>`. */
export function draftTokens(scene: SceneExample): string[] {
  return [...draftHeaderTokens(scene, scene.characters), ...draftBodyTokens(scene.body, scene.characters, scene.location)];
}

/** Names for draft slots: <c1> → the first character's display name, <locslot> → the location in lower case. */
export function draftNames(characters: readonly string[], location: string): (token: string) => string | null {
  return (token) => {
    if (token === '<locslot>') return location.trim() === '' ? null : location.toLowerCase();
    const i = slotIndex(token, 'c');
    return i >= 0 && i < characters.length ? displayName(characters[i]!) : null;
  };
}

export interface DraftConversion {
  elements: ScriptElement[];
  /** Cues whose slot named one of the scene's characters, and all cues sampled. */
  knownCues: number;
  cues: number;
  /** Content words written (slots and punctuation not counted). */
  words: number;
}

/**
 * Draft tokens (after `<body>`) → script elements: `<action>` paragraphs; `<cue> <cN>` followed by
 * optional `<paren>` and a `<dialogue>` as a dialogue block. A cue whose slot is not one of the
 * scene's characters, or that is not followed by dialogue, is dropped (its words, if any, become
 * action); stray dialogue becomes action. Stops at `<end>`.
 */
export function draftToElements(tokens: readonly string[], characters: readonly string[], location: string): DraftConversion {
  const names = draftNames(characters, location);
  const elements: ScriptElement[] = [];
  let knownCues = 0;
  let cues = 0;
  let words = 0;
  type Part = { kind: string; words: string[] };
  const parts: Part[] = [];
  for (const token of tokens) {
    if (token === '<end>' || token === '<bos>' || token === '<scene>') break;
    if (token === '<action>' || token === '<cue>' || token === '<paren>' || token === '<dialogue>') parts.push({ kind: token, words: [] });
    else if (token === '<body>' || token === '<pad>' || token === '<unk>' || (token.startsWith('<') && !/^<(?:c\d+|locslot)>$/.test(token))) continue;
    else {
      if (parts.length === 0) parts.push({ kind: '<action>', words: [] });
      parts[parts.length - 1]!.words.push(token);
    }
  }
  const text = (ws: string[]): string => detokenize(ws, names);
  const count = (ws: string[]): number => ws.filter((w) => /[\p{L}\p{N}]/u.test(w) && !w.startsWith('<')).length + ws.filter((w) => names(w) !== null).length;
  const pushAction = (t: string): void => {
    if (t === '') return;
    const last = elements[elements.length - 1];
    if (last?.type === 'action') last.text = `${last.text} ${t}`;
    else elements.push({ type: 'action', text: t, forced: false });
  };
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (part.kind === '<action>') {
      words += count(part.words);
      pushAction(text(part.words));
    } else if (part.kind === '<cue>') {
      cues++;
      const slot = slotIndex(part.words[0] ?? '', 'c');
      const known = slot >= 0 && slot < characters.length;
      if (known) knownCues++;
      // Optional parenthetical(s), then the dialogue.
      let j = k + 1;
      const parens: string[] = [];
      while (parts[j]?.kind === '<paren>') parens.push(detokenize(parts[j++]!.words, names, false));
      const dialogue = parts[j]?.kind === '<dialogue>' ? parts[j]! : null;
      if (!known || !dialogue || text(dialogue.words) === '') {
        if (dialogue) {
          words += count(dialogue.words);
          pushAction(text(dialogue.words));
        }
        k = dialogue ? j : j - 1;
        continue;
      }
      elements.push({ type: 'character', name: characters[slot]!.toUpperCase(), forced: false, dual: false });
      for (const p of parens) if (p !== '') elements.push({ type: 'parenthetical', text: `(${p.replace(/[()]/g, '')})` });
      elements.push({ type: 'dialogue', text: text(dialogue.words) });
      words += count(dialogue.words);
      k = j;
    } else {
      // A parenthetical or dialogue without a cue.
      words += count(part.words);
      pushAction(text(part.words));
    }
  }
  // What the writer had to force (an action that would read as something else) is marked so.
  const normalised = parseFountain(writeFountain({ titlePage: [], elements })).script.elements;
  return { elements: normalised, knownCues, cues, words };
}

export interface OutlineCandidate {
  heading: string;
  intExt: IntExt;
  location: string;
  time: string;
  characters: string[];
  beat: string;
}

/**
 * One sampled scene of outline tokens (after its `<scene>`, up to the next) → a candidate, or why
 * it is not a valid scene: a heading needs INT/EXT, a location and a time. Slots name the chunk's
 * characters (`names`); a slot past them is dropped.
 */
export function outlineToCandidate(tokens: readonly string[], names: readonly string[]): OutlineCandidate | { invalid: string } {
  let intExt: IntExt | null = null;
  const fields: Record<string, string[]> = { '<loc>': [], '<time>': [], '<chars>': [], '<beat>': [] };
  let field: string | null = null;
  for (const token of tokens) {
    if (token === '<scene>' || token === '<bos>' || token === '<end>') break;
    if (token === '<int>' || token === '<ext>' || token === '<intext>') {
      if (intExt === null && field === null) intExt = token === '<int>' ? 'INT' : token === '<ext>' ? 'EXT' : 'INT/EXT';
      continue;
    }
    if (Object.hasOwn(fields, token)) {
      field = token;
      continue;
    }
    if (field !== null && token !== '<unk>' && token !== '<pad>') fields[field]!.push(token);
  }
  const nameOf = (token: string): string | null => {
    const i = slotIndex(token, 'p');
    return i >= 0 && i < names.length ? displayName(names[i]!) : null;
  };
  const plain = (ws: string[]): string => detokenize(ws.filter((w) => !w.startsWith('<') || nameOf(w) !== null), nameOf);
  const location = plain(fields['<loc>']!).replace(/[.]+$/, '').toUpperCase().trim();
  const time = plain(fields['<time>']!).replace(/[.]+$/, '').toUpperCase().trim();
  const characters: string[] = [];
  for (const t of fields['<chars>']!) {
    const i = slotIndex(t, 'p');
    if (i >= 0 && i < names.length && !characters.includes(names[i]!)) characters.push(names[i]!);
  }
  if (intExt === null) return { invalid: 'no INT/EXT' };
  if (!/[\p{L}\p{N}]/u.test(location)) return { invalid: 'no location' };
  if (!/[\p{L}\p{N}]/u.test(time)) return { invalid: 'no time of day' };
  let beat = plain(fields['<beat>']!);
  if (beat !== '' && !/[.!?]$/.test(beat)) beat += '.';
  return { heading: `${intExt === 'INT/EXT' ? 'INT./EXT' : intExt}. ${location} - ${time}`, intExt, location, time, characters, beat };
}

/** A word vocabulary: the special and slot tokens first, then words by frequency. */
export class Vocabulary {
  readonly tokens: readonly string[];
  private readonly index: Map<string, number>;

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    this.index = new Map(tokens.map((t, i) => [t, i]));
    for (const s of ['<pad>', '<unk>']) if (!this.index.has(s)) throw new RangeError(`A vocabulary needs ${s}.`);
  }

  /** From token streams: specials and slots, then the `max` most frequent words seen at least `minCount` times (ties by first sight). */
  static build(streams: Iterable<readonly string[]>, max: number, minCount = 2): Vocabulary {
    const counts = new Map<string, number>();
    const fixed = new Set<string>([...specialTokens, ...slotTokens]);
    for (const stream of streams) for (const t of stream) if (!fixed.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const words = [...counts.entries()].filter(([, n]) => n >= minCount);
    words.sort((a, b) => b[1] - a[1]);
    return new Vocabulary([...specialTokens, ...slotTokens, ...words.slice(0, Math.max(0, max - fixed.size)).map(([w]) => w)]);
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number {
    return this.index.get(token) ?? (this.index.get('<unk>') as number);
  }

  has(token: string): boolean {
    return this.index.has(token);
  }

  encode(tokens: readonly string[]): Int32Array {
    return Int32Array.from(tokens, (t) => this.id(t));
  }

  decode(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (i) => this.tokens[i] ?? '<unk>');
  }
}
