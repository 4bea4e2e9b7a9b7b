// The For you calls: read the recommendations, record which cards were shown (once per panel
// load) and which was clicked (before going there), and open an item.
import { StudioError, type ForYou, type Recommendation } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import { recordEvent } from '../../lib/record-event';
import { useProjectsStore } from '../../stores/projects-store';
import { navigate, notify } from '../../stores/ui-store';
import { newlyShown, recommendationData, targetOf } from './foryou-logic';
import { parsePresetKey } from '../../../shared/recommend/presets';
import { looksLikeImage } from '../../../shared/assets/image-sniff';
import { openWithPreset } from '../generate/generate-actions';
import { openSceneWhenLoaded } from '../script/script-view-store';

/** Records recommendation.shown for the items of `list` not in `recorded` (and adds them to it). */
export function recordShown(client: StudioClient, list: ForYou, recorded: Set<string>, contextProjectId: string | null): void {
  for (const { item, position } of newlyShown(list.items, recorded)) {
    recorded.add(item);
    const rec = list.items[position] as Recommendation;
    recordEvent(client, { type: 'recommendation.shown', item, projectId: contextProjectId ?? rec.projectId ?? undefined, data: recommendationData(position, list.model) });
  }
}

export function recordClicked(client: StudioClient, list: ForYou, rec: Recommendation, contextProjectId: string | null): void {
  const position = list.items.findIndex((r) => r.item === rec.item);
  recordEvent(client, { type: 'recommendation.clicked', item: rec.item, projectId: contextProjectId ?? rec.projectId ?? undefined, data: recommendationData(Math.max(0, position), list.model) });
}

/** The project an instrument or preset click looks in for a song: the one shown, else the most recently opened. */
function instrumentProject(contextProjectId: string | null): string | null {
  if (contextProjectId) return contextProjectId;
  const { recent, projects } = useProjectsStore.getState();
  return recent[0]?.id ?? projects[0]?.id ?? null;
}

/**
 * Opens a card's item (the click is recorded first). An instrument belongs in a song: the newest
 * song of the project opens, with a word on where to add it; with no song, only the word.
 */
export async function openRecommendation(client: StudioClient, list: ForYou, rec: Recommendation, contextProjectId: string | null): Promise<void> {
  recordClicked(client, list, rec, contextProjectId);
  const target = targetOf(rec, instrumentProject(contextProjectId));
  if (!target) {
    notify(`“${rec.label}” cannot be opened from here.`);
    return;
  }
  if (target.kind === 'route') {
    navigate(target.route);
    if (rec.kind === 'asset') notify(`“${rec.label}” is under ${looksLikeImage(rec.label) ? 'Images' : 'Audio'} in this project.`);
    return;
  }
  if (target.kind === 'scene') {
    openSceneWhenLoaded(target.route.docId, target.heading);
    navigate(target.route);
    return;
  }
  let song: { id: string; name: string } | undefined;
  if (target.projectId) {
    try {
      const docs = await client.call('documents', 'list', { projectId: target.projectId });
      song = docs.find((d) => d.kind === 'song');
    } catch (err) {
      if (!(err instanceof StudioError)) throw err;
    }
  }
  const preset = target.kind === 'preset' ? parsePresetKey(rec.item) : null;
  if (target.projectId && song) {
    if (preset) openWithPreset(preset);
    navigate({ name: 'song', projectId: target.projectId, docId: song.id });
    notify(preset ? `The Generate panel is set to ${rec.label}.` : `Add ${rec.label} from Tracks → Suggested in “${song.name}”.`);
  } else {
    notify(preset ? 'Open a song to generate with these settings.' : "Add it from a song's Add track menu.");
  }
}
