// The script seen as scenes, for the scene board, the outline and the editor's suggestions, made
// from the shared parser's reading of the text (scenesOf, outlineOf, headingParts, characterKey in
// src/shared/script/scenes.ts), so the board shows what the PDF export and the reports read. Made
// after the writer pauses, not per keystroke. Moving a card is one edit of two text replacements:
// the scene's text out, and in again at its new place.
import type { ParsedScript } from '../../../shared/script/fountain-parse';
import { stripAsides } from '../../../shared/script/inline';
import { characterKey, headingParts, outlineOf } from '../../../shared/script/scenes';
import type { ScriptOp } from '../../../shared/script/script-ops';

export interface SceneCard {
  /** 1-based position in the script. */
  index: number;
  /** The heading as shown: without its #number# and [[notes]]. */
  heading: string;
  number: string | null;
  color: string | null;
  synopsis: string;
  /** Characters with a cue in the scene (characterKey), in order of first appearance. */
  characters: string[];
  location: string;
  time: string | null;
  intExt: string | null;
  /** [from, to) of the scene's text: its heading to the next heading or section. */
  from: number;
  to: number;
}

export interface OutlineItem {
  type: 'section' | 'scene';
  depth: number;
  text: string;
  from: number;
  /** The scene's index for scenes. */
  scene?: number;
}

export interface ScriptIndex {
  scenes: SceneCard[];
  outline: OutlineItem[];
  /** Every character with a cue, by number of speeches, most first. */
  characters: string[];
  /** Every location of a heading, in order of first appearance. */
  locations: string[];
}

export function indexScript(parsed: ParsedScript): ScriptIndex {
  const scenes: SceneCard[] = [];
  const outline: OutlineItem[] = [];
  const locations: string[] = [];
  const seenLocations = new Set<string>();
  for (const item of outlineOf(parsed)) {
    if (item.kind === 'section') {
      outline.push({ type: 'section', depth: item.depth, text: item.text, from: item.from });
      continue;
    }
    const s = item.scene;
    const heading = stripAsides(s.heading).replace(/\s+/g, ' ').trim();
    const parts = headingParts(s.heading);
    const card: SceneCard = {
      index: s.index + 1,
      heading,
      number: s.number ?? null,
      color: s.color ? s.color.trim().toLowerCase() : null,
      synopsis: s.synopsis ?? '',
      characters: s.characters,
      location: parts.location,
      time: parts.time,
      intExt: parts.intExt,
      from: s.from,
      to: s.to,
    };
    scenes.push(card);
    outline.push({ type: 'scene', depth: item.depth, text: heading, from: s.from, scene: card.index });
    if (parts.location && !seenLocations.has(parts.location)) {
      seenLocations.add(parts.location);
      locations.push(parts.location);
    }
  }
  const speeches = new Map<string, number>();
  for (const el of parsed.script.elements) {
    if (el.type !== 'character') continue;
    const key = characterKey(el.name);
    if (key) speeches.set(key, (speeches.get(key) ?? 0) + 1);
  }
  const characters = [...speeches].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  return { scenes, outline, characters, locations };
}

/**
 * The edit that moves scene `from` (0-based) before the scene now at `to` (0-based; scenes.length:
 * after the last). Null when the scene would stay where it is.
 */
export function moveSceneOps(text: string, scenes: readonly SceneCard[], from: number, to: number): ScriptOp[] | null {
  const scene = scenes[from];
  if (!scene || to < 0 || to > scenes.length || to === from || to === from + 1) return null;
  const last = scenes[scenes.length - 1];
  if (!last) return null;
  const length = scene.to - scene.from;
  const target = to === scenes.length ? last.to : (scenes[to]?.from ?? last.to);
  const at = target > scene.from ? target - length : target;
  const rest = text.slice(0, scene.from) + text.slice(scene.to);
  const atEnd = at >= rest.length;
  let block = text.slice(scene.from, scene.to);
  // Scenes are paragraphs: blank lines before and after the moved text, where it lands.
  const before = rest.slice(Math.max(0, at - 2), at);
  const prefix = at === 0 || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  if (!atEnd && !block.endsWith('\n\n')) block += block.endsWith('\n') ? '\n' : '\n\n';
  if (atEnd) block = block.replace(/\n+$/, '\n');
  return [
    { type: 'replaceText', from: scene.from, to: scene.to, text: '' },
    { type: 'replaceText', from: at, to: at, text: prefix + block },
  ];
}

export interface SceneFilter {
  character: string;
  location: string;
}

export function filterScenes(scenes: readonly SceneCard[], filter: SceneFilter): SceneCard[] {
  return scenes.filter((s) => (!filter.character || s.characters.includes(filter.character)) && (!filter.location || s.location === filter.location));
}

/** The scene (index into scenes) that contains `pos`, or -1 before the first. */
export function sceneAt(scenes: readonly SceneCard[], pos: number): number {
  let lo = 0;
  let hi = scenes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((scenes[mid]?.from ?? 0) <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A named colour of a [[color …]] note as a CSS colour (Fountain writers use names or #hex). */
export function cardColor(color: string | null): string | null {
  if (!color) return null;
  if (/^#[0-9a-f]{3,8}$/i.test(color)) return color;
  const named: Record<string, string> = { red: '#e5534b', orange: '#e8853a', yellow: '#e3c23c', green: '#48b36b', blue: '#4f8fe8', purple: '#9b6ce0', pink: '#e06cb1', cyan: '#3cbcc9', gray: '#8a919c', grey: '#8a919c' };
  return named[color] ?? null;
}
