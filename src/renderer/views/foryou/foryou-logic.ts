// What the For you panel decides without the host: the kind pills' words, where a click on a card
// goes, which cards still need their "shown" event in this panel load, and the data every
// recommendation event carries (its position in the list and the model that ranked it).
import type { EventData, LocalModelName, RecommendableKind, Recommendation } from '../../../shared/api';
import type { Route } from '../../stores/route';
import { parseSceneItem } from '../../../shared/script/scene-items';

export const kindLabels: Readonly<Record<RecommendableKind, string>> = {
  song: 'Song',
  script: 'Script',
  scene: 'Scene',
  asset: 'Audio clip',
  model: 'Model',
  instrument: 'Instrument',
  project: 'Project',
  preset: 'Preset',
};

/** The ranking models in words. */
export const modelLabels: Readonly<Record<LocalModelName, string>> = {
  popularity: 'Popularity',
  itemknn: 'Item k-NN',
  als: 'ALS',
  ease: 'EASE',
};

/** The id after the colon of an item key ("song:<id>" → "<id>"). */
export const itemId = (item: string): string => item.slice(item.indexOf(':') + 1);

/**
 * Where a click on a card goes: a route, or for an instrument or a generation preset (which belong
 * in a song) the project whose newest song to open (null: none known, so only say how to use it).
 */
export type CardTarget =
  | { kind: 'route'; route: Route }
  | { kind: 'instrument' | 'preset'; projectId: string | null }
  /** A scene: its script opens and goes to the scene with this heading. */
  | { kind: 'scene'; route: Extract<Route, { name: 'script' }>; heading: string };

export function targetOf(rec: Pick<Recommendation, 'item' | 'kind' | 'projectId'>, contextProjectId: string | null): CardTarget | null {
  const id = itemId(rec.item);
  switch (rec.kind) {
    case 'song':
      return rec.projectId ? { kind: 'route', route: { name: 'song', projectId: rec.projectId, docId: id } } : null;
    case 'script':
      return rec.projectId ? { kind: 'route', route: { name: 'script', projectId: rec.projectId, docId: id } } : null;
    case 'scene': {
      const scene = parseSceneItem(rec.item);
      return scene && rec.projectId ? { kind: 'scene', route: { name: 'script', projectId: rec.projectId, docId: scene.scriptId }, heading: scene.heading } : null;
    }
    case 'asset':
      // A clip lives in its project's Audio section.
      return rec.projectId ? { kind: 'route', route: { name: 'project', projectId: rec.projectId } } : null;
    case 'project':
      return { kind: 'route', route: { name: 'project', projectId: rec.projectId ?? id } };
    case 'model':
      return { kind: 'route', route: { name: 'models' } };
    case 'instrument':
      return { kind: 'instrument', projectId: contextProjectId };
    case 'preset':
      return { kind: 'preset', projectId: contextProjectId };
  }
}

/** Kinds whose cards say which project the item is in. */
export const inProject = (kind: RecommendableKind): boolean => kind === 'song' || kind === 'script' || kind === 'scene' || kind === 'asset';

/** The data of a recommendation.shown / .clicked event. */
export const recommendationData = (position: number, model: LocalModelName): EventData => ({ position, model });

/**
 * The items of `items` not yet recorded as shown in this panel load, with their positions
 * (0-based, in the list as shown); `recorded` is the set of items already said.
 */
export function newlyShown(items: readonly Pick<Recommendation, 'item'>[], recorded: ReadonlySet<string>): { item: string; position: number }[] {
  const out: { item: string; position: number }[] = [];
  items.forEach((r, position) => {
    if (!recorded.has(r.item)) out.push({ item: r.item, position });
  });
  return out;
}

/** The GM program of an instrument item ("instrument:33" → 33), 'drums' for the kit, null if not one. */
export function instrumentOf(item: string): number | 'drums' | null {
  if (!item.startsWith('instrument:')) return null;
  const id = itemId(item);
  if (id === 'drums') return 'drums';
  const program = Number(id);
  return /^\d{1,3}$/.test(id) && program >= 0 && program < 128 ? program : null;
}

/** The hover text of a card: its label, the project, and every reason. */
export function cardTitle(rec: Pick<Recommendation, 'label' | 'kind' | 'projectName' | 'because'>): string {
  const where = rec.projectName && inProject(rec.kind) ? ` — in ${rec.projectName}` : '';
  return [`${kindLabels[rec.kind]}: ${rec.label}${where}`, ...rec.because].join('\n');
}
