// The History screen's pure parts: the filters (type groups, item kind, project, date range) and
// the `history.list` arguments they make, one event in words ("Opened song “Demo”", "Kept a
// generated clip"), item and project names with a short-id fallback for what is gone, the header's
// count and time span, and row selection with shift-click ranges.
import type { EventData, EventType, HistoryEvent, ItemKind } from '../../../shared/api';
import { itemKinds } from '../../../shared/api';
import { gmProgramName } from '../../../shared/music/gm-names';
import { formatStamp } from '../../lib/format';
import { parseSceneItem } from '../../../shared/script/scene-items';
import { parsePresetKey, presetLabel } from '../../../shared/recommend/presets';

// ---- Filters ----------------------------------------------------------------------------------

export const typeGroupIds = ['all', 'opened', 'played', 'generated', 'kept', 'discarded', 'scenes', 'exported', 'recommendations', 'projects'] as const;
export type TypeGroupId = (typeof typeGroupIds)[number];

/**
 * The event types behind each choice of the "Show" filter (null: every type). Groups may share a
 * type (opening a project is both "Opened" and "Projects & documents"); benchmarks only show under
 * "All events".
 */
export const typeGroups: Readonly<Record<TypeGroupId, { label: string; types: readonly EventType[] | null }>> = {
  all: { label: 'All events', types: null },
  opened: { label: 'Opened', types: ['document.opened', 'project.opened'] },
  played: { label: 'Played', types: ['song.played', 'clip.played'] },
  generated: { label: 'Generated', types: ['generation.requested'] },
  kept: { label: 'Kept', types: ['generation.kept', 'preset.kept', 'item.favourited'] },
  discarded: { label: 'Discarded', types: ['generation.discarded', 'item.unfavourited'] },
  scenes: { label: 'Scenes', types: ['scene.accepted', 'scene.rejected'] },
  exported: { label: 'Exported', types: ['document.exported', 'song.rendered'] },
  recommendations: { label: 'Recommendations', types: ['recommendation.shown', 'recommendation.clicked'] },
  projects: {
    label: 'Projects & documents',
    types: ['project.created', 'project.renamed', 'project.opened', 'project.deleted', 'project.restored', 'document.created', 'document.imported', 'document.renamed', 'document.deleted', 'document.edited', 'image.labelled'],
  },
};

export const dateRanges = ['today', '7d', '30d', 'all'] as const;
export type DateRange = (typeof dateRanges)[number];
export const dateRangeLabels: Readonly<Record<DateRange, string>> = { today: 'Today', '7d': 'Last 7 days', '30d': 'Last 30 days', all: 'Any time' };

export interface HistoryFilters {
  group: TypeGroupId;
  kind: ItemKind | 'all';
  /** null: every project (and events in none). */
  projectId: string | null;
  range: DateRange;
}

export const defaultFilters: HistoryFilters = { group: 'all', kind: 'all', projectId: null, range: 'all' };

export const isFiltered = (f: HistoryFilters): boolean => f.group !== 'all' || f.kind !== 'all' || f.projectId !== null || f.range !== 'all';

export const itemKindLabels: Readonly<Record<ItemKind, string>> = {
  song: 'Songs',
  script: 'Scripts',
  model: 'Models',
  project: 'Projects',
  instrument: 'Instruments',
  preset: 'Presets',
  asset: 'Audio and images',
  scene: 'Scenes',
  job: 'Jobs',
};
export { itemKinds };

const dayMs = 86_400_000;

/** The first moment the range covers (local midnight for Today), or undefined for Any time. */
export function sinceOf(range: DateRange, now: number): number | undefined {
  if (range === 'all') return undefined;
  if (range === 'today') {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }
  return now - (range === '7d' ? 7 : 30) * dayMs;
}

export const pageSize = 100;

export interface ListArgs {
  types?: EventType[];
  itemKind?: ItemKind;
  projectId?: string;
  since?: number;
  before?: number;
  limit: number;
}

/** The `history.list` arguments for one page: the first (no `before`) or the one older than event `before`. */
export function listArgs(filters: HistoryFilters, now: number, before?: number, limit = pageSize): ListArgs {
  const types = typeGroups[filters.group].types;
  const since = sinceOf(filters.range, now);
  return {
    ...(types ? { types: [...types] } : {}),
    ...(filters.kind !== 'all' ? { itemKind: filters.kind } : {}),
    ...(filters.projectId ? { projectId: filters.projectId } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(before !== undefined ? { before } : {}),
    limit,
  };
}

/** A page after the rows shown: appended, without an event twice (a row recorded meanwhile can repeat). */
export function appendPage(rows: readonly HistoryEvent[], page: readonly HistoryEvent[]): HistoryEvent[] {
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...page.filter((e) => !seen.has(e.id))];
}

/** The id to ask for the next older page with: the oldest one shown. */
export const oldestId = (rows: readonly HistoryEvent[]): number | undefined => (rows.length ? Math.min(...rows.map((r) => r.id)) : undefined);

// ---- Names ------------------------------------------------------------------------------------

export interface Names {
  /** Project id → name, for the projects that exist now. */
  projects: ReadonlyMap<string, string>;
  /** Whether `projects` is loaded (so a project not in it was deleted). */
  projectsLoaded: boolean;
  /** Item key ("song:<id>", "model:<id>") → name, for what could be looked up. */
  items: ReadonlyMap<string, string>;
}

export const noNames: Names = { projects: new Map(), projectsLoaded: false, items: new Map() };

export const shortId = (id: string): string => (id.length > 8 ? id.slice(0, 8) : id);

const nouns: Readonly<Record<ItemKind, string>> = {
  song: 'song',
  script: 'script',
  model: 'model',
  project: 'project',
  instrument: 'instrument',
  preset: 'preset',
  asset: 'file',
  scene: 'scene',
  job: 'job',
};

export interface ItemName {
  kind: ItemKind | null;
  /** The name, or the kind and a short id when there is none to show. */
  label: string;
  /** False when the name is not known (deleted, or not looked up). */
  named: boolean;
}

function splitKey(key: string): { kind: ItemKind | null; id: string } {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  return colon > 0 && (itemKinds as readonly string[]).includes(kind) ? { kind: kind as ItemKind, id: key.slice(colon + 1) } : { kind: null, id: key };
}

/** What an item key names: "Demo" (a song), "Acoustic Grand Piano" (instrument:0), or "song 1a2b3c4d". */
export function itemName(key: string, names: Names): ItemName {
  const { kind, id } = splitKey(key);
  if (!kind) return { kind: null, label: key, named: false };
  if (kind === 'instrument' && /^\d{1,3}$/.test(id) && Number(id) < 128) return { kind, label: gmProgramName(Number(id)), named: true };
  if (kind === 'scene') {
    // A scene is named by its heading, in its key.
    const scene = parseSceneItem(key);
    if (scene) return { kind, label: scene.heading, named: true };
  }
  if (kind === 'preset') {
    const preset = parsePresetKey(key);
    const model = preset ? names.items.get(`model:${preset.modelId}`) : undefined;
    if (preset && model !== undefined) return { kind, label: presetLabel(preset, model), named: true };
  }
  const name = kind === 'project' ? names.projects.get(id) : names.items.get(key);
  return name !== undefined ? { kind, label: name, named: true } : { kind, label: `${nouns[kind]} ${shortId(id)}`, named: false };
}

/** The item inside a sentence: "song “Demo”", or "a song (1a2b3c4d)" when its name is not known. */
export function itemPhrase(key: string | null, names: Names): string {
  if (!key) return 'an item';
  const n = itemName(key, names);
  if (!n.kind) return key;
  if (n.named) return `${nouns[n.kind]} “${n.label}”`;
  const article = /^[aeiou]/.test(nouns[n.kind]) ? 'an' : 'a';
  return `${article} ${nouns[n.kind]} (${shortId(splitKey(key).id)})`;
}

/** The project column: its name, "Deleted project" when it is gone, "—" for events in none. */
export function projectLabel(projectId: string | null, names: Names): string {
  if (!projectId) return '—';
  const name = names.projects.get(projectId);
  if (name !== undefined) return name;
  return names.projectsLoaded ? 'Deleted project' : `project ${shortId(projectId)}`;
}

/** The projects whose documents the rows name (to look their names up, one list per project). */
export function projectsToResolve(rows: readonly HistoryEvent[], known: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const e of rows) {
    if (e.projectId && !known.has(e.projectId) && e.item && /^(song|script):/.test(e.item)) out.add(e.projectId);
  }
  return [...out];
}

// ---- Events in words --------------------------------------------------------------------------

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function generationAsk(data: EventData, model: string | null): string {
  const args = data['args'];
  const count = args && typeof args === 'object' && !Array.isArray(args) ? num((args as Record<string, unknown>)['count']) : undefined;
  const from = model ? ` from ${model}` : '';
  switch (data['mode']) {
    case 'continue':
      return `Asked for ${count && count > 1 ? `${count} continuations` : 'a continuation'}${from}`;
    case 'interpolate':
      return `Asked for an interpolation${from}`;
    default:
      return `Asked for ${count !== undefined ? plural(count, 'generated result') : 'generated results'}${from}`;
  }
}

/** One event in words: "Opened song “Demo”", "Kept a generated clip", "Deleted a song (1a2b3c4d)". */
export function describeEvent(e: Pick<HistoryEvent, 'type' | 'item' | 'data'>, names: Names): string {
  const item = itemPhrase(e.item, names);
  switch (e.type) {
    case 'document.opened':
    case 'project.opened':
      return `Opened ${item}`;
    case 'song.played':
    case 'clip.played':
      return `Played ${item}`;
    case 'song.rendered':
      return `Rendered ${item} to audio`;
    case 'generation.requested':
      return generationAsk(e.data, e.item?.startsWith('model:') ? item : null);
    case 'generation.kept':
      return 'Kept a generated clip';
    case 'generation.discarded':
      return 'Discarded a generated clip';
    case 'item.favourited':
      return `Favourited ${item}`;
    case 'item.unfavourited':
      return `Removed ${item} from favourites`;
    case 'recommendation.shown':
      return `Was recommended ${item}`;
    case 'recommendation.clicked':
      return `Followed the recommendation of ${item}`;
    case 'project.created':
    case 'document.created':
      return `Created ${item}`;
    case 'project.renamed':
    case 'document.renamed':
      return `Renamed ${item}`;
    case 'project.deleted':
    case 'document.deleted':
      return `Deleted ${item}`;
    case 'project.restored':
      return `Restored ${item}`;
    case 'document.imported':
      return `Imported ${item}`;
    case 'document.edited':
      return `Edited ${item}`;
    case 'document.exported':
      return `Exported ${item}`;
    case 'scene.accepted':
      return 'Accepted a suggested scene';
    case 'scene.rejected':
      return 'Rejected a suggested scene';
    case 'preset.kept':
      return `Kept a result made with ${item}`;
    case 'image.labelled':
      return typeof e.data['category'] === 'string' ? `Put ${item} in the category “${e.data['category']}”` : `Gave ${item} a category`;
    case 'benchmark.started':
      return 'Started a benchmark';
    case 'benchmark.finished':
      return 'Finished a benchmark';
  }
}

/** A short faint note after the words, from the event's small data: "12 notes · 2 bars", "2 tracks · 24 notes". */
export function detailOf(e: Pick<HistoryEvent, 'type' | 'data'>): string | null {
  const d = e.data;
  const parts: string[] = [];
  const clip = d['clip'];
  if (clip && typeof clip === 'object' && !Array.isArray(clip)) {
    const c = clip as Record<string, unknown>;
    const notes = num(c['notes']);
    const bars = num(c['bars']);
    if (notes !== undefined) parts.push(plural(notes, 'note'));
    if (bars !== undefined) parts.push(plural(Math.round(bars * 100) / 100, 'bar'));
  }
  if (e.type === 'document.imported') {
    const tracks = num(d['tracks']);
    const notes = num(d['notes']);
    if (tracks !== undefined) parts.push(plural(tracks, 'track'));
    if (notes !== undefined) parts.push(plural(notes, 'note'));
  }
  if (d['via'] === 'drag') parts.push('dragged onto a lane');
  else if (d['via'] === 'key') parts.push('by key');
  if (e.type === 'benchmark.finished' && typeof d['backend'] === 'string') parts.push(d['backend']);
  return parts.length ? parts.join(' · ') : null;
}

/** The weight column: "1", "0.5", "3". */
export const formatWeight = (w: number): string => (Number.isFinite(w) ? String(Math.round(w * 100) / 100) : '—');

// ---- Header -----------------------------------------------------------------------------------

export const eventCount = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'event' : 'events'}`;

/** When the history spans: "Nov 27, 18:06 – Dec 2, 09:10", one stamp for one moment, "" when empty. */
export function spanText(oldest: number | null, newest: number | null, now: number): string {
  if (oldest === null || newest === null) return '';
  const a = formatStamp(oldest, now);
  const b = formatStamp(newest, now);
  return a === b ? a : `${a} – ${b}`;
}

// ---- Selection --------------------------------------------------------------------------------

/**
 * A click on row `id`'s checkbox: toggles it; with Shift, every row from the last clicked one
 * (`anchor`) to this one takes this one's new state. `order` is the rows as shown.
 */
export function clickSelection(selected: ReadonlySet<number>, order: readonly number[], id: number, shift: boolean, anchor: number | null): { selected: Set<number>; anchor: number } {
  const next = new Set(selected);
  const on = !selected.has(id);
  const from = shift && anchor !== null ? order.indexOf(anchor) : -1;
  const to = order.indexOf(id);
  if (from >= 0 && to >= 0) {
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const rowId = order[i]!;
      if (on) next.add(rowId);
      else next.delete(rowId);
    }
  } else if (on) next.add(id);
  else next.delete(id);
  return { selected: next, anchor: id };
}

/** The selection kept to the rows still shown. */
export function keepShown(selected: ReadonlySet<number>, rows: readonly HistoryEvent[]): Set<number> {
  const shown = new Set(rows.map((r) => r.id));
  return new Set([...selected].filter((id) => shown.has(id)));
}
