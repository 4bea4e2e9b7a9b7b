// Scenes and the outline of a parsed script: a scene is a heading and the elements after it up to
// the next heading or section; its text range runs from the heading to where the next heading or
// section starts (or the end of the text).
import type { ParsedScript } from './fountain-parse';

export interface HeadingParts {
  intExt: 'INT' | 'EXT' | 'INT/EXT' | null;
  location: string;
  /** DAY, NIGHT, CONTINUOUS, … as written after the last dash; null when there is no dash. */
  time: string | null;
}

const prefix = /^(INT\.?\s*\/\s*EXT|EXT\.?\s*\/\s*INT|I\/E|E\/I|INT|EXT|EST)(?:\.|\s|$)\s*/i;

/** INT/EXT, location and time of a heading's text (`INT. HOUSE - KITCHEN - DAY`). */
export function headingParts(text: string): HeadingParts {
  let s = text.replace(/\[\[[\s\S]*?\]\]/g, ' ').replace(/\s+/g, ' ').trim();
  let intExt: HeadingParts['intExt'] = null;
  const m = prefix.exec(s);
  if (m) {
    const p = m[1]!.toUpperCase().replace(/[.\s]/g, '');
    intExt = p === 'INT' ? 'INT' : p === 'EXT' || p === 'EST' ? 'EXT' : 'INT/EXT';
    s = s.slice(m[0].length);
  }
  let time: string | null = null;
  const dash = Math.max(s.lastIndexOf(' - '), s.lastIndexOf(' – '), s.lastIndexOf(' — '));
  if (dash !== -1) {
    time = s.slice(dash + 3).trim() || null;
    s = s.slice(0, dash);
  }
  return { intExt, location: s.trim(), time };
}

/** The character a cue names, without `@`, extensions or `^`: BRICK (V.O.) and BRICK ^ are BRICK. */
export function characterKey(cue: string): string {
  let s = cue.trim();
  if (s.startsWith('@')) s = s.slice(1);
  if (s.endsWith('^')) s = s.slice(0, -1);
  const open = s.indexOf('(');
  if (open > 0) s = s.slice(0, open);
  return s.replace(/\s+/g, ' ').trim();
}

export interface SceneInfo {
  /** 0-based position among the scenes. */
  index: number;
  /** Position of the heading in `script.elements`. */
  elementIndex: number;
  heading: string;
  number?: string;
  color?: string;
  /** The synopsis line(s) right after the heading, or null. */
  synopsis: string | null;
  /** Character keys, in order of first appearance. */
  characters: string[];
  from: number;
  to: number;
}

export function scenesOf(parsed: ParsedScript): SceneInfo[] {
  const els = parsed.script.elements;
  const scenes: SceneInfo[] = [];
  let cur: SceneInfo | null = null;
  let seen = new Set<string>();
  let synopsisOpen = false;
  const close = (at: number) => {
    if (cur) cur.to = at;
    cur = null;
  };
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const span = parsed.spans[i]!;
    if (el.type === 'sceneHeading' || el.type === 'section') close(span.from);
    if (el.type === 'sceneHeading') {
      const scene: SceneInfo = { index: scenes.length, elementIndex: i, heading: el.text, synopsis: null, characters: [], from: span.from, to: parsed.length };
      if (el.number !== undefined) scene.number = el.number;
      if (el.color !== undefined) scene.color = el.color;
      scenes.push(scene);
      cur = scene;
      seen = new Set();
      synopsisOpen = true;
      continue;
    }
    if (!cur) continue;
    const scene: SceneInfo = cur;
    if (el.type === 'synopsis' && synopsisOpen) {
      scene.synopsis = scene.synopsis === null ? el.text : `${scene.synopsis}\n${el.text}`;
      continue;
    }
    synopsisOpen = false;
    if (el.type === 'character') {
      const key = characterKey(el.name);
      if (key !== '' && !seen.has(key)) {
        seen.add(key);
        scene.characters.push(key);
      }
    }
  }
  return scenes;
}

export type OutlineItem =
  | { kind: 'section'; depth: number; text: string; elementIndex: number; from: number; to: number }
  /** `depth` is one more than the section the scene is in (1 outside any section). */
  | { kind: 'scene'; depth: number; scene: SceneInfo };

/** Sections and scenes in order, for an outline navigator. A section runs to the next section of the same or a higher level. */
export function outlineOf(parsed: ParsedScript): OutlineItem[] {
  const scenes = scenesOf(parsed);
  const byElement = new Map(scenes.map((s) => [s.elementIndex, s]));
  const items: OutlineItem[] = [];
  const open: Extract<OutlineItem, { kind: 'section' }>[] = [];
  const els = parsed.script.elements;
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    if (el.type === 'section') {
      const from = parsed.spans[i]!.from;
      while (open.length > 0 && open[open.length - 1]!.depth >= el.depth) open.pop()!.to = from;
      const item = { kind: 'section' as const, depth: el.depth, text: el.text, elementIndex: i, from, to: parsed.length };
      items.push(item);
      open.push(item);
    } else if (el.type === 'sceneHeading') {
      const scene = byElement.get(i)!;
      const depth = open.length > 0 ? open[open.length - 1]!.depth + 1 : 1;
      items.push({ kind: 'scene', depth, scene });
    }
  }
  return items;
}
