// The heavy half of "For you", on the local history: the leave-one-out harness over the candidate
// models (which one ranks the contexts best), and ranking for "now" with the chosen model, item CF
// fitted beside it to explain. The recommendation thread (workers/recommend) runs both; the host
// names the candidates and words the explanations (services/recommend-service.ts).
import { itemKindOf } from '../api/history';
import { isRecommendableKind, type LocalEvaluation, type LocalModelName } from '../api/recommend';
import { createAls } from './als';
import { createEase } from './ease';
import { evaluate } from './evaluate';
import { blendFeatures, featureProfile, type ItemFeatures } from './feature-blend';
import { toCsr } from './interactions';
import { createItemKnn, type FittedItemKnn } from './item-knn';
import { contextInteractions, localInteractions, type LocalEvent } from './local-history';
import { createPopularity } from './popularity';
import { topN } from './top-n';
import type { FittedRecommender, Recommender } from './types';

/** Contexts that must be evaluable before the harness's choice replaces the cold start. */
export const minEvaluatedContexts = 8;

const candidates = (): Recommender[] => [
  createPopularity(),
  createItemKnn({ neighbours: 50, shrink: 2 }),
  createAls({ factors: 16, iterations: 8 }),
  createEase({ regularization: 50, maxItems: 1500, overflow: 'most-used' }),
];
const modelByName = (name: LocalModelName): Recommender => candidates().find((m) => m.name === name) ?? createPopularity();

/** Runs the harness on the contexts (sessions and projects) and picks the model For you uses. */
export async function evaluateLocal(events: readonly LocalEvent[], seed: number): Promise<LocalEvaluation> {
  const data = contextInteractions(events);
  const result = await evaluate(data.interactions, candidates(), { seed });
  const best = [...result.rows].sort((a, b) => b.ndcg10 - a.ndcg10 || a.fitSeconds - b.fitSeconds)[0];
  const enough = result.protocol.evaluatedUsers >= minEvaluatedContexts;
  const chosen: LocalModelName = enough && best ? (best.name as LocalModelName) : 'popularity';
  const reason = enough
    ? `best NDCG@10 over ${result.protocol.evaluatedUsers} sessions and projects`
    : `only ${result.protocol.evaluatedUsers} sessions or projects can be evaluated yet (${minEvaluatedContexts} needed): the most used come first`;
  return { protocol: { ...result.protocol }, rows: result.rows, chosen, reason };
}

export interface LocalRankQuery {
  model: LocalModelName;
  /** The clock and the current studio session and project: what "now" is. */
  now: number;
  sessionId: string;
  projectId?: string | undefined;
  /** Only these kinds (all recommendable kinds when null). */
  kinds: readonly string[] | null;
  exclude: readonly string[];
  limit: number;
  /** Features of items (an image's tags), blended into the ranking (feature-blend.ts). */
  features?: ItemFeatures;
}

/** A ranked item, with what the host words its explanation from. */
export interface RankedItem {
  item: string;
  score: number;
  /** Events of the item in the history: all of them, and its keeps, preset keeps and plays. */
  uses: number;
  kept: number;
  presetKept: number;
  played: number;
  /** Items used with it that made it score (item CF), strongest first, at most 2. */
  neighbours: string[];
}

/**
 * Fits item CF and `query.model` on the contexts plus the "now" row and ranks the eligible items for
 * now: up to 3 × limit of them (the host drops those no longer named), best first, finite scores only.
 */
export async function rankLocal(events: readonly LocalEvent[], query: LocalRankQuery): Promise<RankedItem[]> {
  const data = localInteractions(events, { now: query.now, sessionId: query.sessionId, ...(query.projectId ? { projectId: query.projectId } : {}) });
  const train = toCsr(data.interactions);
  const knn = createItemKnn({ neighbours: 50, shrink: 2 }).fit(train, { seed: 1 }) as FittedItemKnn;
  const model: FittedRecommender = query.model === 'itemknn' ? knn : await modelByName(query.model).fit(train, { seed: 1 });
  const scores = model.scoreAll(data.nowIndex);
  const exclude = new Set(query.exclude);
  const kinds = query.kinds ? new Set<string>(query.kinds) : null;
  const masked = new Float32Array(scores.length).fill(-Infinity);
  let eligible = 0;
  data.itemIds.forEach((id, i) => {
    const kind = itemKindOf(id);
    if (isRecommendableKind(kind) && (!kinds || kinds.has(kind)) && !exclude.has(id)) {
      masked[i] = scores[i] as number;
      eligible++;
    }
  });
  if (query.features) {
    // The profile is what is used now: this project and this session, not the rest of the history.
    const current = events.filter((e) => e.sessionId === query.sessionId || (query.projectId !== undefined && e.projectId === query.projectId));
    blendFeatures(masked, data.itemIds, query.features, featureProfile(current, query.features));
  }
  const picked = [...topN(masked, Math.min(eligible, query.limit * 3))].filter((i) => Number.isFinite(masked[i] as number));
  // Per picked item and event type, how often: for the explanations.
  const counts = new Map<string, Map<string, number>>();
  for (const i of picked) counts.set(data.itemIds[i] as string, new Map());
  for (const e of events) {
    const byType = counts.get(e.item);
    if (byType) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  }
  return picked.map((i) => {
    const id = data.itemIds[i] as string;
    const own = counts.get(id) as Map<string, number>;
    return {
      item: id,
      score: masked[i] as number,
      uses: [...own.values()].reduce((a, b) => a + b, 0),
      kept: own.get('generation.kept') ?? 0,
      presetKept: own.get('preset.kept') ?? 0,
      played: own.get('song.played') ?? 0,
      neighbours: knn.explain(data.nowIndex, i, 2).flatMap((b) => {
        const other = data.itemIds[b.item];
        return other ? [other] : [];
      }),
    };
  });
}
