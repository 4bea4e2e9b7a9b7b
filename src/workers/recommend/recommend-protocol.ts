// What the recommendation thread (recommend-thread.ts) is sent and answers. The thread keeps the
// history it was sent: `events` appends the events newer than the last batch (their buffers are
// transferred), or starts over with `reset` after deletions or in a new thread; it keeps the newest
// `maxEvents`. Requests carry an id that their reply repeats; each request sees the events sent
// before it.
import type { LocalEvaluation, LocalModelName } from '../../shared/api/recommend';
import type { EventBatch } from '../../shared/recommend/event-batch';
import type { LocalRankQuery, RankedItem } from '../../shared/recommend/local-ranking';

export type RecommendRequest =
  | { type: 'events'; reset: boolean; batch: EventBatch; maxEvents: number }
  | { type: 'evaluate'; id: number; seed: number }
  /** Ranks for now with `query.model`, or with the harness's choice when `evaluateSeed` is set (run first). */
  | { type: 'rank'; id: number; query: LocalRankQuery; evaluateSeed: number | null };

export type RecommendResult =
  | { type: 'evaluate'; evaluation: LocalEvaluation }
  | { type: 'rank'; items: RankedItem[]; model: LocalModelName; evaluation: LocalEvaluation | null };

export type RecommendReply = { id: number; ok: true; result: RecommendResult } | { id: number; ok: false; message: string };
