// The History screen's state and its calls to the host: the status (count, span, paused), the
// filtered rows newest first with "Load older" paging, the names of the projects, songs, scripts
// and models they mention, the selection, and delete / clear / pause. A reload after a filter
// change wins over an answer still on its way for the filters before it.
import { create } from 'zustand';
import { StudioError, type HistoryEvent, type HistoryStatus } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import { notify } from '../../stores/ui-store';
import { appendPage, clickSelection, defaultFilters, keepShown, listArgs, noNames, oldestId, pageSize, projectsToResolve, type HistoryFilters, type Names } from './history-logic';

export interface HistoryState {
  filters: HistoryFilters;
  status: HistoryStatus | null;
  /** null until the first page came. */
  rows: HistoryEvent[] | null;
  hasOlder: boolean;
  loading: boolean;
  loadingOlder: boolean;
  /** Why the list or the status could not be read. */
  error: string | null;
  /** Why delete, clear or pause failed. */
  actionError: string | null;
  names: Names;
  /** Every project, for the filter (id, name). */
  projects: { id: string; name: string }[];
  selected: ReadonlySet<number>;
  anchor: number | null;
  busy: 'delete' | 'clear' | 'pause' | null;
}

export const initialHistoryState = (): HistoryState => ({
  filters: defaultFilters,
  status: null,
  rows: null,
  hasOlder: false,
  loading: false,
  loadingOlder: false,
  error: null,
  actionError: null,
  names: noNames,
  projects: [],
  selected: new Set(),
  anchor: null,
  busy: null,
});

export const useHistoryStore = create<HistoryState>()(() => initialHistoryState());

const get = () => useHistoryStore.getState();
const set = (patch: Partial<HistoryState>) => useHistoryStore.setState(patch);
const messageOf = (err: unknown): string => StudioError.from(err).message;

type ProjectList = { items: { id: string; name: string }[] };
/** The names and the filter's list from projects.list (which lists the projects not deleted). */
const projectsState = (list: ProjectList, items: Names['items']): Pick<HistoryState, 'names' | 'projects'> => ({
  names: { projects: new Map(list.items.map((p) => [p.id, p.name])), projectsLoaded: true, items },
  projects: list.items.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
});

/** Bumped by every reload: an older answer that arrives late is dropped. */
let generation = 0;
/** Projects whose documents were listed for names (cleared by `reload`, so renames show). */
let resolvedProjects = new Set<string>();
let modelsResolved = false;

export function resetHistory(): void {
  generation++;
  resolvedProjects = new Set();
  modelsResolved = false;
  useHistoryStore.setState(initialHistoryState());
}

async function refreshStatus(client: StudioClient): Promise<void> {
  const status = await client.call('history', 'status', {});
  set({ status });
}

/** The status, the projects and the first page for the filters now; names looked up after. */
export async function reload(client: StudioClient): Promise<void> {
  const mine = ++generation;
  resolvedProjects = new Set();
  modelsResolved = false;
  set({ loading: true, error: null });
  try {
    const [status, page, projects] = await Promise.all([
      client.call('history', 'status', {}),
      client.call('history', 'list', listArgs(get().filters, Date.now())),
      client.call('projects', 'list', { limit: 1000 }),
    ]);
    if (mine !== generation) return;
    set({
      status,
      rows: page,
      hasOlder: page.length === pageSize,
      loading: false,
      ...projectsState(projects, get().names.items),
      selected: keepShown(get().selected, page),
    });
    void resolveNames(client, page, mine);
  } catch (err) {
    if (mine !== generation) return;
    set({ loading: false, error: `The history could not be read: ${messageOf(err)}` });
  }
}

/** The next older page under the rows shown. */
export async function loadOlder(client: StudioClient): Promise<void> {
  const { rows, loadingOlder, filters } = get();
  const before = rows ? oldestId(rows) : undefined;
  if (!rows || loadingOlder || before === undefined) return;
  const mine = generation;
  set({ loadingOlder: true, error: null });
  try {
    const page = await client.call('history', 'list', listArgs(filters, Date.now(), before));
    if (mine !== generation) return;
    set({ rows: appendPage(get().rows ?? [], page), hasOlder: page.length === pageSize, loadingOlder: false });
    void resolveNames(client, page, mine);
  } catch (err) {
    if (mine !== generation) return;
    set({ loadingOlder: false, error: `Older events could not be read: ${messageOf(err)}` });
  }
}

/**
 * Names for the rows' songs and scripts (one documents.list per project, once) and models (one
 * models.list). A lookup that fails only leaves the short ids; nothing to say.
 */
async function resolveNames(client: StudioClient, rows: readonly HistoryEvent[], mine: number): Promise<void> {
  const projectIds = projectsToResolve(rows, resolvedProjects).filter((id) => get().names.projects.has(id));
  for (const id of projectIds) resolvedProjects.add(id);
  const wantsModels = !modelsResolved && rows.some((e) => e.item?.startsWith('model:'));
  if (wantsModels) modelsResolved = true;
  if (projectIds.length === 0 && !wantsModels) return;
  const found = new Map<string, string>();
  await Promise.all([
    ...projectIds.map((projectId) =>
      client.call('documents', 'list', { projectId }).then(
        (docs) => docs.forEach((d) => found.set(`${d.kind}:${d.id}`, d.name)),
        () => undefined,
      ),
    ),
    ...(wantsModels
      ? [
          client.call('models', 'list', {}).then(
            (models) => models.forEach((m) => found.set(`model:${m.id}`, m.name)),
            () => undefined,
          ),
        ]
      : []),
  ]);
  if (mine !== generation || found.size === 0) return;
  const names = get().names;
  set({ names: { ...names, items: new Map([...names.items, ...found]) } });
}

/** Projects or documents changed elsewhere: their names again, for the rows shown. */
export async function refreshNames(client: StudioClient): Promise<void> {
  const mine = generation;
  try {
    const projects = await client.call('projects', 'list', { limit: 1000 });
    if (mine !== generation) return;
    resolvedProjects = new Set();
    set(projectsState(projects, get().names.items));
    await resolveNames(client, get().rows ?? [], mine);
  } catch {
    // The names shown stay; the next reload tries again.
  }
}

export function setFilters(client: StudioClient, patch: Partial<HistoryFilters>): void {
  set({ filters: { ...get().filters, ...patch }, selected: new Set(), anchor: null });
  void reload(client);
}

export function clickRow(id: number, shift: boolean): void {
  const { selected, anchor, rows } = get();
  set(clickSelection(selected, (rows ?? []).map((r) => r.id), id, shift, anchor));
}

/** The header checkbox: every row shown, or none. */
export function toggleAllShown(): void {
  const { rows, selected } = get();
  const ids = (rows ?? []).map((r) => r.id);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  set({ selected: all ? new Set() : new Set(ids), anchor: null });
}

export async function deleteSelected(client: StudioClient): Promise<void> {
  const ids = [...get().selected];
  if (ids.length === 0 || get().busy) return;
  set({ busy: 'delete', actionError: null });
  try {
    const { deleted } = await client.call('history', 'delete', { ids });
    const gone = new Set(ids);
    set({ rows: (get().rows ?? []).filter((r) => !gone.has(r.id)), selected: new Set(), anchor: null, busy: null });
    notify(`Deleted ${deleted === 1 ? 'one event' : `${deleted} events`} from the history.`);
    await refreshStatus(client).catch(() => undefined);
  } catch (err) {
    set({ busy: null, actionError: `The events could not be deleted: ${messageOf(err)}` });
  }
}

/** Deletes every event; true when it worked (the dialog then closes). */
export async function clearAll(client: StudioClient): Promise<boolean> {
  if (get().busy) return false;
  set({ busy: 'clear', actionError: null });
  try {
    const { deleted } = await client.call('history', 'clear', {});
    set({ rows: [], hasOlder: false, selected: new Set(), anchor: null, busy: null });
    notify(`Cleared the history (${deleted === 1 ? 'one event' : `${deleted.toLocaleString('en-US')} events`}).`);
    await reload(client);
    return true;
  } catch (err) {
    set({ busy: null, actionError: `The history could not be cleared: ${messageOf(err)}` });
    return false;
  }
}

export async function setPaused(client: StudioClient, paused: boolean): Promise<void> {
  if (get().busy) return;
  set({ busy: 'pause', actionError: null });
  try {
    const status = await client.call('history', 'setPaused', { paused });
    set({ status, busy: null });
  } catch (err) {
    set({ busy: null, actionError: `Recording could not be ${paused ? 'paused' : 'resumed'}: ${messageOf(err)}` });
  }
}
