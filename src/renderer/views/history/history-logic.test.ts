import { describe, expect, it } from 'vitest';
import { eventTypes, historyArgs, type EventType, type HistoryEvent } from '../../../shared/api';
import type { ProjectId } from '../../../shared/ids';
import {
  appendPage,
  clickSelection,
  defaultFilters,
  describeEvent,
  detailOf,
  eventCount,
  formatWeight,
  isFiltered,
  itemName,
  itemPhrase,
  keepShown,
  listArgs,
  noNames,
  oldestId,
  projectLabel,
  projectsToResolve,
  sinceOf,
  spanText,
  typeGroupIds,
  typeGroups,
  type Names,
} from './history-logic';

const songId = '5f2e3c0a-2222-4a2b-8c3d-123456789abc';
const projectId = '0b7e3c0a-1111-4a2b-8c3d-123456789abc' as ProjectId;
const modelId = '9d1e3c0a-4444-4a2b-8c3d-123456789abc';

const names: Names = {
  projects: new Map([[projectId, 'Night Drive']]),
  projectsLoaded: true,
  items: new Map([
    [`song:${songId}`, 'Demo'],
    [`model:${modelId}`, 'Melody small'],
  ]),
};

const ev = (id: number, type: EventType, patch: Partial<HistoryEvent> = {}): HistoryEvent => ({
  id,
  at: 1_700_000_000_000 + id * 1000,
  profile: 'local',
  type,
  item: null,
  projectId: null,
  sessionId: 's',
  weight: 1,
  data: {},
  ...patch,
});

describe('history filters', () => {
  it('puts every event type that is about taste in some group besides All', () => {
    const grouped = new Set(typeGroupIds.flatMap((g) => typeGroups[g].types ?? []));
    const ungrouped = eventTypes.filter((t) => !grouped.has(t));
    expect(ungrouped).toEqual(['benchmark.started', 'benchmark.finished']);
    expect(typeGroups.all.types).toBeNull();
    expect(typeGroups.opened.types).toContain('document.opened');
    expect(typeGroups.played.types).toEqual(['song.played', 'clip.played']);
    expect(typeGroups.kept.types).toContain('generation.kept');
    expect(typeGroups.discarded.types).toContain('generation.discarded');
  });

  it('makes list arguments the host accepts, for the first and the older pages', () => {
    const now = new Date(2024, 5, 12, 15, 30).getTime();
    expect(listArgs(defaultFilters, now)).toEqual({ limit: 100 });
    const args = listArgs({ group: 'played', kind: 'song', projectId, range: '7d' }, now, 42);
    expect(args).toEqual({ types: ['song.played', 'clip.played'], itemKind: 'song', projectId, since: now - 7 * 86_400_000, before: 42, limit: 100 });
    for (const g of typeGroupIds) {
      for (const range of ['today', '7d', '30d', 'all'] as const) {
        expect(historyArgs.list.safeParse(listArgs({ group: g, kind: 'model', projectId, range }, now, 7)).success).toBe(true);
      }
    }
  });

  it('starts Today at local midnight and Any time nowhere', () => {
    const now = new Date(2024, 5, 12, 15, 30).getTime();
    expect(sinceOf('today', now)).toBe(new Date(2024, 5, 12).getTime());
    expect(sinceOf('30d', now)).toBe(now - 30 * 86_400_000);
    expect(sinceOf('all', now)).toBeUndefined();
  });

  it('knows when anything is filtered', () => {
    expect(isFiltered(defaultFilters)).toBe(false);
    expect(isFiltered({ ...defaultFilters, range: 'today' })).toBe(true);
    expect(isFiltered({ ...defaultFilters, projectId })).toBe(true);
  });
});

describe('history paging', () => {
  it('appends an older page without repeating an event, and pages on from the oldest id', () => {
    const rows = [ev(10, 'song.played'), ev(9, 'song.played')];
    const merged = appendPage(rows, [ev(9, 'song.played'), ev(8, 'document.opened')]);
    expect(merged.map((e) => e.id)).toEqual([10, 9, 8]);
    expect(oldestId(merged)).toBe(8);
    expect(oldestId([])).toBeUndefined();
  });
});

describe('history in words', () => {
  it('says what happened, with the names it knows', () => {
    expect(describeEvent(ev(1, 'document.opened', { item: `song:${songId}` }), names)).toBe('Opened song “Demo”');
    expect(describeEvent(ev(1, 'song.played', { item: `song:${songId}` }), names)).toBe('Played song “Demo”');
    expect(describeEvent(ev(1, 'generation.kept', { item: `model:${modelId}`, data: { mode: 'generate' } }), names)).toBe('Kept a generated clip');
    expect(describeEvent(ev(1, 'generation.discarded', { data: { mode: 'generate' } }), names)).toBe('Discarded a generated clip');
    expect(describeEvent(ev(1, 'generation.requested', { item: `model:${modelId}`, data: { mode: 'generate', args: { count: 4 } } }), names)).toBe(
      'Asked for 4 generated results from model “Melody small”',
    );
    expect(describeEvent(ev(1, 'generation.requested', { data: { mode: 'continue', args: { count: 1 } } }), names)).toBe('Asked for a continuation');
    expect(describeEvent(ev(1, 'project.created', { item: `project:${projectId}` }), names)).toBe('Created project “Night Drive”');
    expect(describeEvent(ev(1, 'item.favourited', { item: 'instrument:0' }), names)).toBe('Favourited instrument “Acoustic Grand Piano”');
  });

  it('falls back to the kind and a short id for what it cannot name', () => {
    expect(describeEvent(ev(1, 'document.deleted', { item: 'song:abcdef0123456789' }), names)).toBe('Deleted a song (abcdef01)');
    expect(itemPhrase('asset:xyz', names)).toBe('a file (xyz)');
    expect(itemPhrase('scene:s1/INT.%20BARN%20-%20DAY', names)).toBe('scene “INT. BARN - DAY”');
    expect(itemPhrase(null, names)).toBe('an item');
    expect(itemName('script:0123456789ab', noNames)).toEqual({ kind: 'script', label: 'script 01234567', named: false });
    expect(itemName('instrument:999', noNames)).toEqual({ kind: 'instrument', label: 'instrument 999', named: false });
  });

  it('describes every event type in words', () => {
    for (const type of eventTypes) {
      const text = describeEvent(ev(1, type, { item: `song:${songId}`, data: type.startsWith('generation.') ? { mode: 'generate' } : {} }), names);
      expect(text).toMatch(/^[A-Z]/);
      expect(text).not.toContain('undefined');
    }
  });

  it('adds a short detail from the small data', () => {
    expect(detailOf(ev(1, 'generation.kept', { data: { mode: 'generate', clip: { notes: 12, density: 6, bars: 2 }, via: 'drag' } }))).toBe('12 notes · 2 bars · dragged onto a lane');
    expect(detailOf(ev(1, 'document.imported', { data: { tracks: 1, notes: 24, bytes: 300 } }))).toBe('1 track · 24 notes');
    expect(detailOf(ev(1, 'song.played'))).toBeNull();
  });

  it('names the project, or says it is gone', () => {
    expect(projectLabel(projectId, names)).toBe('Night Drive');
    expect(projectLabel(null, names)).toBe('—');
    expect(projectLabel('ffffffff-1111-4a2b-8c3d-123456789abc', names)).toBe('Deleted project');
    expect(projectLabel('ffffffff-1111-4a2b-8c3d-123456789abc', noNames)).toBe('project ffffffff');
  });

  it('lists the projects whose songs and scripts need names, once', () => {
    const rows = [ev(3, 'song.played', { item: `song:${songId}`, projectId }), ev(2, 'document.opened', { item: 'script:x', projectId }), ev(1, 'project.created', { item: `project:${projectId}`, projectId })];
    expect(projectsToResolve(rows, new Set())).toEqual([projectId]);
    expect(projectsToResolve(rows, new Set([projectId]))).toEqual([]);
  });

  it('formats the header and the weight', () => {
    expect(eventCount(1)).toBe('1 event');
    expect(eventCount(1234)).toBe('1,234 events');
    expect(spanText(null, null, 0)).toBe('');
    const t = new Date(2024, 5, 12, 9, 5).getTime();
    expect(spanText(t, t, t)).not.toContain('–');
    expect(spanText(t, t + 86_400_000, t)).toContain('–');
    expect(formatWeight(0.5)).toBe('0.5');
    expect(formatWeight(3)).toBe('3');
  });
});

describe('history selection', () => {
  const order = [50, 40, 30, 20, 10];

  it('toggles one row and remembers it as the anchor', () => {
    const a = clickSelection(new Set(), order, 40, false, null);
    expect([...a.selected]).toEqual([40]);
    expect(a.anchor).toBe(40);
    expect([...clickSelection(a.selected, order, 40, false, a.anchor).selected]).toEqual([]);
  });

  it('selects the range from the anchor with Shift, either way, and clears it the same way', () => {
    const a = clickSelection(new Set(), order, 40, false, null);
    const b = clickSelection(a.selected, order, 10, true, a.anchor);
    expect([...b.selected].sort((x, y) => y - x)).toEqual([40, 30, 20, 10]);
    const c = clickSelection(b.selected, order, 50, true, b.anchor);
    expect(c.selected.size).toBe(5);
    const d = clickSelection(c.selected, order, 30, true, 50);
    expect([...d.selected].sort((x, y) => y - x)).toEqual([20, 10]);
  });

  it('treats Shift without an anchor (or a gone one) as a plain click', () => {
    expect([...clickSelection(new Set(), order, 20, true, null).selected]).toEqual([20]);
    expect([...clickSelection(new Set(), order, 20, true, 999).selected]).toEqual([20]);
  });

  it('keeps the selection to the rows shown', () => {
    expect([...keepShown(new Set([1, 2, 3]), [ev(2, 'song.played'), ev(3, 'song.played')])]).toEqual([2, 3]);
  });
});
