// Implements HistoryService (src/shared/api/history.ts): the local record of generated music asked
// for, kept and discarded, for recommendations later. Writes go through retryStorageWrite (a lock
// held by another program is waited out briefly, then answered `unavailable` naming the file), and
// the table is kept to the newest `maxEntries` rows (checked every `pruneEvery` records).
import type { HistoryService } from '../../shared/api';
import { retryStorageWrite } from '../db/storage-errors';
import type { HistoryRepo } from '../db/history-repo';

export interface HistoryServiceOptions {
  now?: () => number;
  /** Rows kept (default 100,000: a few MB). */
  maxEntries?: number;
  /** Records between two prunes (default 500). */
  pruneEvery?: number;
}

export function createHistoryService(repo: HistoryRepo, options: HistoryServiceOptions = {}): HistoryService {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const pruneEvery = options.pruneEvery ?? 500;
  let sincePrune = pruneEvery; // prune on the first record after a start
  return {
    async record(args) {
      const entry = await retryStorageWrite(() =>
        repo.insert({ at: now(), projectId: args.projectId ?? null, kind: args.kind, modelId: args.modelId ?? null, payload: args.payload }),
      );
      if (++sincePrune >= pruneEvery) {
        sincePrune = 0;
        // Best effort: a prune that meets a lock waits for the next round.
        try {
          repo.prune(maxEntries);
        } catch {
          sincePrune = pruneEvery - 1;
        }
      }
      return entry;
    },
    async list(args) {
      return repo.list({ ...(args.projectId ? { projectId: args.projectId } : {}), ...(args.kind ? { kind: args.kind } : {}), limit: args.limit ?? 100 });
    },
  };
}
