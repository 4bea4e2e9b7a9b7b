// Implements RecommendService (src/shared/api/recommend.ts): "For you" from the local event log.
//
// - Data: the weighted events with an item (event-log.ts), as contexts × items
//   (shared/recommend/local-history.ts), plus the "now" row of the current project and session.
// - Model: the one the leave-one-out harness ranks best on the contexts (popularity, item CF,
//   ALS, EASE), re-evaluated when the history has grown by a quarter; popularity while too few
//   contexts can be evaluated (the cold start). Item CF is always fitted too: it explains.
// - Items are named from the database (documents, models, projects) or the GM table; an item
//   whose document, model or project is gone is never offered.
// - The history is small on a desktop (thousands of events), so fitting runs here, on the newest
//   `maxEvents` interactions. Events are read incrementally, and an answer is reused until a new
//   event arrives (or an hour passes). Measured: 10,000 events 220 ms for the first answer,
//   200,000 events 2.3 s (then ~0).
import {
  generatedSceneSummary,
  historyPayload,
  type ForYou,
  isRecommendableKind,
  itemKindOf,
  type LocalEvaluation,
  type LocalModelName,
  type Recommendation,
  type RecommendService,
} from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { gmProgramName } from '../../shared/music/gm-names';
import { createAls } from '../../shared/recommend/als';
import { createEase } from '../../shared/recommend/ease';
import { evaluate } from '../../shared/recommend/evaluate';
import { toCsr, type IndexedInteractions } from '../../shared/recommend/interactions';
import { createItemKnn, type FittedItemKnn } from '../../shared/recommend/item-knn';
import { contextInteractions, localInteractions, type LocalEvent } from '../../shared/recommend/local-history';
import { createPopularity } from '../../shared/recommend/popularity';
import { parsePresetKey, presetLabel } from '../../shared/recommend/presets';
import { parseSceneItem } from '../../shared/script/scene-items';
import { clipTasteFeatures, fitTaste, sceneTasteFeatures, type TasteExample } from '../../shared/recommend/taste';
import { topN } from '../../shared/recommend/top-n';
import type { FittedRecommender, Recommender } from '../../shared/recommend/types';
import type { EventLog } from './event-log';

export interface ItemNames {
  /** The item's name and project, or null when it no longer exists. */
  resolve(item: string): { label: string; projectId: string | null; projectName: string | null } | null;
}

export interface RecommendServiceDeps {
  log: Pick<EventLog, 'interactions' | 'sessionId' | 'list' | 'deletions'>;
  names: ItemNames;
  now?: () => number;
  /** Newest interactions learnt from (default 200,000). */
  maxEvents?: number;
}

/** Contexts that must be evaluable before the harness's choice replaces the cold start. */
const minEvaluatedContexts = 8;

const candidates = (): Recommender[] => [
  createPopularity(),
  createItemKnn({ neighbours: 50, shrink: 2 }),
  createAls({ factors: 16, iterations: 8 }),
  createEase({ regularization: 50, maxItems: 1500, overflow: 'most-used' }),
];
const modelByName = (name: LocalModelName): Recommender => candidates().find((m) => m.name === name) ?? createPopularity();

/** The ranking half of RecommendService (the ratings-file evaluation is ratings-evaluation.ts). */
export type RankingService = Pick<RecommendService, 'forYou' | 'evaluate' | 'rankGenerated'>;

export function createRecommendService(deps: RecommendServiceDeps): RankingService & { evaluation(): LocalEvaluation | null } {
  const now = deps.now ?? Date.now;
  const maxEvents = deps.maxEvents ?? 200_000;
  let evaluation: LocalEvaluation | null = null;
  let evaluatedAt = 0; // interactions count at the last evaluation

  const answers = new Map<string, ForYou>();
  // What was read, kept between calls: only newer events are read again, unless some were deleted.
  let cache: { deletions: number; lastId: number; events: LocalEvent[] } | null = null;
  const readEvents = (): LocalEvent[] => {
    if (!cache || cache.deletions !== deps.log.deletions) {
      // Deleted history is forgotten, the harness's choice made from it too.
      cache = { deletions: deps.log.deletions, lastId: 0, events: [] };
      evaluation = null;
      evaluatedAt = 0;
    }
    const fresh = deps.log.interactions(cache.lastId, maxEvents);
    if (fresh.length > 0) {
      const all = cache.events.concat(fresh);
      cache.events = all.length > maxEvents ? all.slice(all.length - maxEvents) : all;
      cache.lastId = (fresh[fresh.length - 1] as { id: number }).id;
    }
    return cache.events;
  };

  const runEvaluation = async (events: readonly LocalEvent[], seed: number): Promise<LocalEvaluation> => {
    const data = contextInteractions(events);
    const result = await evaluate(data.interactions, candidates(), { seed });
    const best = [...result.rows].sort((a, b) => b.ndcg10 - a.ndcg10 || a.fitSeconds - b.fitSeconds)[0];
    const enough = result.protocol.evaluatedUsers >= minEvaluatedContexts;
    const chosen: LocalModelName = enough && best ? (best.name as LocalModelName) : 'popularity';
    const reason = enough
      ? `best NDCG@10 over ${result.protocol.evaluatedUsers} sessions and projects`
      : `only ${result.protocol.evaluatedUsers} sessions or projects can be evaluated yet (${minEvaluatedContexts} needed): the most used come first`;
    evaluation = { protocol: { ...result.protocol }, rows: result.rows, chosen, reason };
    evaluatedAt = events.length;
    return evaluation;
  };

  const explainLine = (data: IndexedInteractions, knn: FittedItemKnn, user: number, item: number, counts: Map<string, Map<string, number>>): string[] => {
    const lines: string[] = [];
    const id = data.itemIds[item] as string;
    const own = counts.get(id);
    const kept = own?.get('generation.kept') ?? 0;
    if (kept > 0) lines.push(`You kept ${kept} generated ${kept === 1 ? 'clip' : 'clips'} from it`);
    const keptWith = own?.get('preset.kept') ?? 0;
    if (keptWith > 0) lines.push(`You kept ${keptWith} ${keptWith === 1 ? 'result' : 'results'} made with these settings`);
    const played = own?.get('song.played') ?? 0;
    if (played > 1) lines.push(`You played it ${played} times`);
    for (const b of knn.explain(user, item, 2)) {
      const other = data.itemIds[b.item];
      const named = other ? deps.names.resolve(other) : null;
      if (named) lines.push(`Often used with “${named.label}”`);
    }
    if (lines.length === 0 && own) {
      const uses = [...own.values()].reduce((a, b) => a + b, 0);
      lines.push(`One of your most used (${uses} ${uses === 1 ? 'time' : 'times'})`);
    }
    return lines;
  };

  return {
    evaluation: () => evaluation,

    async evaluate(args) {
      return runEvaluation(readEvents(), args.seed ?? 1);
    },

    async rankGenerated(args) {
      const decisions = deps.log.list({ types: args.clips ? ['generation.kept', 'generation.discarded'] : ['scene.accepted', 'scene.rejected'], limit: 1000 });
      const examples = (sameModel: boolean): (TasteExample & { model: string | null })[] =>
        decisions.flatMap((e) => {
          if (sameModel && e.item !== `model:${args.modelId}`) return [];
          const kept = e.type === 'generation.kept' || e.type === 'scene.accepted';
          if (args.clips) {
            const parsed = historyPayload.safeParse(e.data);
            if (!parsed.success || !parsed.data.clip) return [];
            const t = parsed.data.args?.temperature;
            return [{ x: clipTasteFeatures(parsed.data.clip, typeof t === 'number' ? t : null), kept, model: e.item }];
          }
          const scene = generatedSceneSummary().safeParse(e.data.scene);
          return scene.success ? [{ x: sceneTasteFeatures(scene.data), kept, model: e.item }] : [];
        });
      // The model's own decisions when they suffice; else every model's.
      const own = args.modelId ? fitTaste(examples(true)) : null;
      const model = own ?? fitTaste(examples(false));
      if (!model) return { scores: null, learntFrom: 0 };
      const xs = args.clips ? args.clips.map((c) => clipTasteFeatures(c.clip, c.temperature)) : (args.scenes ?? []).map((s) => sceneTasteFeatures(s));
      return { scores: xs.map((x) => Math.round(model.predict(x) * 1000) / 1000), learntFrom: model.examples };
    },

    async forYou(args) {
      const events = readEvents();
      const limit = args.limit ?? 12;
      if (events.length === 0) {
        return { items: [], model: 'popularity', coldStart: true, interactions: 0, message: 'Nothing to suggest yet: as you open, play, keep and export things, Montage learns what you reuse. It all stays on this machine.' };
      }
      // The same question with no new event within the hour has the same answer (names are checked again).
      const key = JSON.stringify([cache?.lastId, cache?.deletions, args.projectId, args.kinds, args.exclude, limit, Math.floor(now() / 3_600_000)]);
      const known = answers.get(key);
      if (known) return { ...known, items: known.items.filter((i) => deps.names.resolve(i.item) !== null) };
      if (!evaluation || events.length >= evaluatedAt * 1.25 + 10) await runEvaluation(events, 1);
      const chosen = evaluation?.chosen ?? 'popularity';
      const data = localInteractions(events, { now: now(), sessionId: deps.log.sessionId, ...(args.projectId ? { projectId: args.projectId } : {}) });
      const train = toCsr(data.interactions);
      const knn = createItemKnn({ neighbours: 50, shrink: 2 }).fit(train, { seed: 1 }) as FittedItemKnn;
      const model: FittedRecommender = chosen === 'itemknn' ? knn : await modelByName(chosen).fit(train, { seed: 1 });
      const scores = model.scoreAll(data.nowIndex);
      // Per item and event type, how often: for the explanations.
      const counts = new Map<string, Map<string, number>>();
      for (const e of events) {
        const byType = counts.get(e.item) ?? new Map<string, number>();
        byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
        counts.set(e.item, byType);
      }
      const exclude = new Set(args.exclude ?? []);
      const kinds = args.kinds ? new Set<string>(args.kinds) : null;
      const eligible: number[] = [];
      data.itemIds.forEach((id, i) => {
        const kind = itemKindOf(id);
        if (isRecommendableKind(kind) && (!kinds || kinds.has(kind)) && !exclude.has(id)) eligible.push(i);
      });
      const masked = new Float32Array(scores.length).fill(-Infinity);
      for (const i of eligible) masked[i] = scores[i] as number;
      const items: Recommendation[] = [];
      for (const i of topN(masked, Math.min(eligible.length, limit * 3))) {
        if (items.length >= limit || !Number.isFinite(masked[i] as number)) break;
        const id = data.itemIds[i] as string;
        const named = deps.names.resolve(id);
        if (!named) continue;
        const kind = itemKindOf(id);
        if (!isRecommendableKind(kind)) continue;
        items.push({
          item: id,
          kind,
          label: named.label,
          projectId: named.projectId as ProjectId | null,
          projectName: named.projectName,
          score: Math.round((masked[i] as number) * 1e4) / 1e4,
          because: explainLine(data, knn, data.nowIndex, i, counts),
        });
      }
      const coldStart = chosen === 'popularity';
      const answer: ForYou = {
        items,
        model: chosen,
        coldStart,
        interactions: events.length,
        message: coldStart ? 'Montage is still learning what you reuse together; until then your most used things come first.' : null,
      };
      answers.set(key, answer);
      if (answers.size > 8) answers.delete(answers.keys().next().value as string);
      return answer;
    },
  };
}

/** Names items from the database; GM instruments from the GM table. */
export function databaseItemNames(lookup: {
  document(id: string): { name: string; projectId: string; kind?: string } | undefined;
  model(id: string): { name: string } | undefined;
  project(id: string): { name: string } | undefined;
  /** A live audio clip of a project. */
  asset(id: string): { name: string; projectId: string } | undefined;
}): ItemNames {
  const projectName = (id: string): string | null => lookup.project(id)?.name ?? null;
  return {
    resolve(item) {
      const colon = item.indexOf(':');
      const kind = item.slice(0, colon);
      const id = item.slice(colon + 1);
      if (kind === 'song' || kind === 'script') {
        const doc = lookup.document(id);
        return doc ? { label: doc.name, projectId: doc.projectId, projectName: projectName(doc.projectId) } : null;
      }
      if (kind === 'asset') {
        const clip = lookup.asset(id);
        return clip ? { label: clip.name, projectId: clip.projectId, projectName: projectName(clip.projectId) } : null;
      }
      if (kind === 'scene') {
        // Named by its heading; offered while its script is there (a click finds the heading).
        const scene = parseSceneItem(item);
        const doc = scene ? lookup.document(scene.scriptId) : undefined;
        return scene && doc && doc.kind === 'script' ? { label: `${scene.heading} · ${doc.name}`, projectId: doc.projectId, projectName: projectName(doc.projectId) } : null;
      }
      if (kind === 'model') {
        const m = lookup.model(id);
        return m ? { label: m.name, projectId: null, projectName: null } : null;
      }
      if (kind === 'project') {
        const name = projectName(id);
        return name === null ? null : { label: name, projectId: id, projectName: name };
      }
      if (kind === 'preset') {
        const preset = parsePresetKey(item);
        const m = preset ? lookup.model(preset.modelId) : undefined;
        return preset && m ? { label: presetLabel(preset, m.name), projectId: null, projectName: null } : null;
      }
      if (kind === 'instrument') {
        if (id === 'drums') return { label: 'Drum kit', projectId: null, projectName: null };
        const program = Number(id);
        return Number.isInteger(program) && program >= 0 && program < 128 ? { label: gmProgramName(program), projectId: null, projectName: null } : null;
      }
      return null;
    },
  };
}
