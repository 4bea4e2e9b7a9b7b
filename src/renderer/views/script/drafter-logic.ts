// Pure decisions of the scene drafter (drafter-panel.tsx): where an accepted scene or draft goes in
// the script and as what text (one replaceText op, so one undo step), which scene a card's draft
// belongs to, how a draft is laid out in the preview (the editor's line kinds), and the card
// list's keys.
import { parseFountain } from '../../../shared/script/fountain-parse';
import type { ScriptOp } from '../../../shared/script/script-ops';
import type { SceneCard } from './board-logic';
import { lineKinds, type LineKind } from './parsed-lines-logic';

/** A heading Fountain reads as one: INT./EXT./EST./I/E…, else forced with a leading '.'. */
export function fountainHeading(heading: string): string {
  const h = heading.replace(/\s+/g, ' ').trim();
  return /^(INT|EXT|EST|INT\.?\/EXT|I\/E)[. ]/i.test(h) || h.startsWith('.') ? h : `.${h}`;
}

/** A beat as a synopsis line ('' for none). */
export const synopsisLine = (beat: string): string => {
  const b = beat.replace(/\s+/g, ' ').trim();
  return b ? `= ${b}` : '';
};

/** What the next-scene request asks after: the scene the cursor is in, or (before the first scene) the end. */
export function afterSceneOf(scenes: readonly SceneCard[], current: number): number | undefined {
  return current >= 0 && current < scenes.length ? current : undefined;
}

export interface SceneInsert {
  ops: ScriptOp[];
  /** Where the new heading starts, in the text after the edit. */
  headingAt: number;
}

/**
 * The edit that adds a scene (heading, its beat as a synopsis, optionally a drafted body) after
 * scene `after` (0-based; undefined or past the last: at the end of the script), with the blank
 * lines Fountain needs around a heading.
 */
export function insertSceneOps(text: string, scenes: readonly SceneCard[], after: number | undefined, scene: { heading: string; beat: string; draft?: string }): SceneInsert {
  const target = after === undefined ? undefined : scenes[after];
  const at = Math.min(text.length, target ? target.to : text.length);
  const atEnd = at >= text.length;
  const before = text.slice(Math.max(0, at - 2), at);
  const prefix = at === 0 || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const parts = [fountainHeading(scene.heading)];
  const synopsis = synopsisLine(scene.beat);
  if (synopsis) parts.push(synopsis);
  const body = scene.draft?.trim();
  if (body) parts.push(body);
  let block = `${parts.join('\n\n')}\n`;
  // A scene that something follows ends in a blank line, so the next heading stays a heading.
  if (!atEnd) block += '\n';
  return { ops: [{ type: 'replaceText', from: at, to: at, text: prefix + block }], headingAt: at + prefix.length };
}

/** The edit that adds a drafted body to an existing scene: after its last line (its synopsis, action, dialogue). */
export function insertDraftOps(text: string, scene: { from: number; to: number }, draft: string): ScriptOp[] {
  const body = draft.trim();
  if (!body) return [];
  const to = Math.min(scene.to, text.length);
  const end = scene.from + text.slice(scene.from, to).replace(/\s+$/, '').length;
  const tail = end >= text.length ? '\n' : '';
  return [{ type: 'replaceText', from: end, to: end, text: `\n\n${body}${tail}` }];
}

const headingKey = (h: string): string => fountainHeading(h).replace(/^\./, '').replace(/\s+/g, ' ').trim().toUpperCase();

/** The scene with this heading nearest to `near` (where it was put), or -1 when it is gone (undone, edited). */
export function findScene(scenes: readonly SceneCard[], heading: string, near: number): number {
  const key = headingKey(heading);
  let best = -1;
  let distance = Infinity;
  scenes.forEach((s, i) => {
    if (headingKey(s.heading) !== key) return;
    const d = Math.abs(s.from - near);
    if (d < distance) {
      best = i;
      distance = d;
    }
  });
  return best;
}

/** What a draft is asked with for a scene of the script: its heading, characters (or the script's leads) and synopsis. */
export function sceneDraftRequest(scene: SceneCard, scriptCharacters: readonly string[], max = 8): { heading: string; characters: string[]; beat: string } {
  const characters = (scene.characters.length > 0 ? scene.characters : scriptCharacters.slice(0, 3)).slice(0, max);
  return { heading: scene.heading, characters, beat: scene.synopsis.replace(/\s+/g, ' ').trim() };
}

export interface PreviewLine {
  kind: LineKind;
  text: string;
}

/** The draft under its heading as the editor lays it out: each line with its kind (blank lines kept). */
export function previewLines(heading: string, fountain: string): PreviewLine[] {
  const text = `${fountainHeading(heading)}\n\n${fountain.trim()}\n`;
  const parsed = parseFountain(text);
  const lines: { from: number; to: number; text: string }[] = [];
  let from = 0;
  for (const t of text.split('\n')) {
    lines.push({ from, to: from + t.length, text: t });
    from += t.length + 1;
  }
  lines.pop();
  return lineKinds(parsed, lines).map((k, i) => ({ kind: k.kind, text: (lines[i]?.text ?? '').replace(/^\./, i === 0 ? '' : '.') }));
}

/** The card list's keys, while a card has the focus. */
export const drafterCardKeys = {
  next: ['ArrowDown', 'ArrowRight'],
  previous: ['ArrowUp', 'ArrowLeft'],
  accept: ['Enter'],
  reject: ['Delete', 'Backspace'],
} as const;

/** The card `delta` away from the focused one (clamped), or the first. */
export function stepCard(ids: readonly string[], current: string | null, delta: number): string | null {
  if (ids.length === 0) return null;
  const i = current ? ids.indexOf(current) : -1;
  if (i < 0) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, i + delta))] ?? null;
}

/** The card focused once `removed` goes: the focused one if another, else the next, else the previous, else none. */
export function focusAfterRemoval(ids: readonly string[], removed: string, focused: string | null): string | null {
  if (focused && focused !== removed && ids.includes(focused)) return focused;
  const i = ids.indexOf(removed);
  const rest = ids.filter((id) => id !== removed);
  if (rest.length === 0) return null;
  return rest[Math.min(Math.max(0, i), rest.length - 1)] ?? null;
}

/** What Enter does on a card: accept its draft when one is shown, accept the scene when new, else draft it. */
export function primaryAction(card: { status: 'new' | 'accepted' | 'scene'; draft: unknown; busy: boolean }): 'acceptDraft' | 'accept' | 'draft' | null {
  if (card.busy) return null;
  if (card.draft) return 'acceptDraft';
  if (card.status === 'new') return 'accept';
  return 'draft';
}

/** "820 ms", "2.4 s". */
export const formatMs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
