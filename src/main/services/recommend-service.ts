// Implements RecommendService (src/shared/api/recommend.ts): "For you" from the local event log.
//
// - Data: the weighted events with an item (event-log.ts), as contexts × items
//   (shared/recommend/local-history.ts), plus the "now" row of the current project and session.
// - Model: the one the leave-one-out harness ranks best on the contexts (popularity, item CF,
//   ALS, EASE), re-evaluated when the history has grown by a quarter; popularity while too few
//   contexts can be evaluated (the cold start). Item CF is always fitted too: it explains.
// - Items are named from the database (documents, models, projects) or the GM table; an item
//   whose document, model or project is gone is never offered.
// - Evaluating, fitting and ranking (shared/recommend/local-ranking.ts) run in a worker thread
//   (recommend-thread-client.ts), on the newest `maxEvents` interactions: in the host they held
//   its event loop, and every window's requests with it, for up to 1.3 s at a time at 200,000
//   events (0.4–0.8 s again after each new event). The host reads the events from SQLite, only
//   those newer than the last call's (all again after deletions or in a new thread), sends them
//   packed (shared/recommend/event-batch.ts), names what comes back and words why. An answer is
//   reused until a new event arrives (or an hour passes).
// - The events are read in pages of 20,000 (EventLog.readInteractions), the loop free between.
// - Measured (`npm run bench:recommend`, generated history, quiet 2-core machine): the first answer
//   0.74 s at 10,000 events with the event loop held at most 33 ms, 1.74 s at 200,000 held at most
//   70 ms; after a new event 0.24 s and 0.36 s, held at most 5 and 11 ms; the same question ~0.
import type { Worker } from 'node:worker_threads';
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
  StudioError,
} from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { gmProgramName } from '../../shared/music/gm-names';
import type { RankedItem } from '../../shared/recommend/local-ranking';
import { parsePresetKey, presetLabel } from '../../shared/recommend/presets';
import { parseSceneItem } from '../../shared/script/scene-items';
import type { ItemFeatures } from '../../shared/recommend/feature-blend';
import { clipTasteFeatures, fitTaste, sceneTasteFeatures, type TasteExample } from '../../shared/recommend/taste';
import type { EventLog } from './event-log';
import { RecommendThreadClient, startRecommendThread } from './recommend-thread-client';

export interface ItemNames {
  /** The item's name and project, or null when it no longer exists. */
  resolve(item: string): { label: string; projectId: string | null; projectName: string | null } | null;
}

export interface RecommendServiceDeps {
  log: Pick<EventLog, 'readInteractions' | 'sessionId' | 'list' | 'deletions'>;
  names: ItemNames;
  now?: () => number;
  /** Newest interactions learnt from (default 200,000). */
  maxEvents?: number;
  /** For an image (asset item), a line naming a tag it shares with images used (images-service.ts), or null. */
  explainImage?: (item: string) => string | null;
  /** Item features (images' tags) for the ranking to blend in (shared/recommend/feature-blend.ts). */
  itemFeatures?: (projectId: string | null) => ItemFeatures;
  /** Starts the recommendation thread (default: the built dist/workers/recommend-thread.js). */
  startThread?: () => Worker;
  /** How long a request may take before its thread is stopped (default 2 minutes). */
  timeoutMs?: number;
}

/** The ranking half of RecommendService (the ratings-file evaluation is ratings-evaluation.ts). */
export type RankingService = Pick<RecommendService, 'forYou' | 'evaluate' | 'rankGenerated'>;

export function createRecommendService(deps: RecommendServiceDeps): RankingService & { evaluation(): LocalEvaluation | null; close(): void } {
  const now = deps.now ?? Date.now;
  const maxEvents = deps.maxEvents ?? 200_000;
  const thread = new RecommendThreadClient({ start: deps.startThread ?? (() => startRecommendThread()), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });
  let evaluation: LocalEvaluation | null = null;
  let evaluatedAt = 0; // interactions count at the last evaluation

  const answers = new Map<string, ForYou>();
  // What the thread holds: the events up to `lastId` (the newest `count`), read before the
  // `deletions`-th deletion. Only newer events are read and sent again, unless some were deleted
  // or the thread is a new one.
  let sent: { thread: number; deletions: number; lastId: number; count: number } | null = null;
  // Reads run one at a time (each sends what the one before it left unsent).
  let reading: Promise<unknown> = Promise.resolve();
  const readEvents = (): Promise<{ deletions: number; lastId: number; count: number }> => {
    const next = reading.then(readNewEvents, readNewEvents);
    reading = next.catch(() => undefined);
    return next;
  };
  const readNewEvents = async (): Promise<{ deletions: number; lastId: number; count: number }> => {
    const deletions = deps.log.deletions;
    if (!sent || sent.deletions !== deletions) {
      // Deleted history is forgotten, the harness's choice made from it too.
      evaluation = null;
      evaluatedAt = 0;
    }
    const number = thread.ensure();
    const reset = !sent || sent.deletions !== deletions || sent.thread !== number;
    const state = reset ? { thread: number, deletions, lastId: 0, count: 0 } : sent!;
    // In pages, the event loop free between them.
    const fresh = await deps.log.readInteractions(state.lastId, maxEvents);
    if (deps.log.deletions !== deletions) return readNewEvents();
    if (reset || fresh.length > 0) thread.sendEvents(fresh, reset, maxEvents);
    sent = {
      ...state,
      lastId: fresh.length > 0 ? (fresh[fresh.length - 1] as { id: number }).id : state.lastId,
      count: Math.min(maxEvents, state.count + fresh.length),
    };
    return sent;
  };

  /** Keeps the harness's result unless the history it ran on was deleted meanwhile. */
  const evaluated = (result: LocalEvaluation, read: { deletions: number; count: number }): LocalEvaluation => {
    if (deps.log.deletions === read.deletions) {
      evaluation = result;
      evaluatedAt = read.count;
    }
    return result;
  };

  const explainLines = (ranked: RankedItem): string[] => {
    const lines: string[] = [];
    const { kept, presetKept, played } = ranked;
    if (kept > 0) lines.push(`You kept ${kept} generated ${kept === 1 ? 'clip' : 'clips'} from it`);
    if (presetKept > 0) lines.push(`You kept ${presetKept} ${presetKept === 1 ? 'result' : 'results'} made with these settings`);
    if (played > 1) lines.push(`You played it ${played} times`);
    const tagged = deps.explainImage?.(ranked.item) ?? null;
    if (tagged) lines.push(tagged);
    for (const other of ranked.neighbours) {
      const named = deps.names.resolve(other);
      if (named) lines.push(`Often used with “${named.label}”`);
    }
    if (lines.length === 0 && ranked.uses > 0) lines.push(`One of your most used (${ranked.uses} ${ranked.uses === 1 ? 'time' : 'times'})`);
    return lines;
  };

  return {
    evaluation: () => evaluation,

    /** Ends the thread (the host's close does it for every service: stopRecommendThreads). */
    close: () => thread.close(new StudioError('unavailable', 'Montage is shutting down.')),

    async evaluate(args) {
      const read = await readEvents();
      const reply = await thread.request({ type: 'evaluate', seed: args.seed ?? 1 });
      if (reply.type !== 'evaluate') throw new StudioError('internal', 'The recommender answered the wrong question.');
      return evaluated(reply.evaluation, read);
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
      const read = await readEvents();
      const limit = args.limit ?? 12;
      if (read.count === 0) {
        return { items: [], model: 'popularity', coldStart: true, interactions: 0, message: 'Nothing to suggest yet: as you open, play, keep and export things, Montage learns what you reuse. It all stays on this machine.' };
      }
      // The same question with no new event within the hour has the same answer (names are checked again).
      const key = JSON.stringify([read.lastId, read.deletions, args.projectId, args.kinds, args.exclude, limit, Math.floor(now() / 3_600_000)]);
      const known = answers.get(key);
      if (known) return { ...known, items: known.items.filter((i) => deps.names.resolve(i.item) !== null) };
      const reevaluate = !evaluation || read.count >= evaluatedAt * 1.25 + 10;
      const reply = await thread.request({
        type: 'rank',
        evaluateSeed: reevaluate ? 1 : null,
        query: {
          model: evaluation?.chosen ?? 'popularity',
          now: now(),
          sessionId: deps.log.sessionId,
          projectId: args.projectId,
          kinds: args.kinds ?? null,
          exclude: args.exclude ?? [],
          limit,
          ...(deps.itemFeatures ? { features: deps.itemFeatures(args.projectId ?? null) } : {}),
        },
      });
      if (reply.type !== 'rank') throw new StudioError('internal', 'The recommender answered the wrong question.');
      if (reply.evaluation) evaluated(reply.evaluation, read);
      const chosen: LocalModelName = reply.model;
      const items: Recommendation[] = [];
      for (const ranked of reply.items) {
        if (items.length >= limit) break;
        const named = deps.names.resolve(ranked.item);
        if (!named) continue;
        const kind = itemKindOf(ranked.item);
        if (!isRecommendableKind(kind)) continue;
        items.push({
          item: ranked.item,
          kind,
          label: named.label,
          projectId: named.projectId as ProjectId | null,
          projectName: named.projectName,
          score: Math.round(ranked.score * 1e4) / 1e4,
          because: explainLines(ranked),
        });
      }
      const coldStart = chosen === 'popularity';
      const answer: ForYou = {
        items,
        model: chosen,
        coldStart,
        interactions: read.count,
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
