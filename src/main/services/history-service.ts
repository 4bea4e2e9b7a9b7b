// Implements HistoryService (src/shared/api/history.ts) on the host's event log (event-log.ts):
// what the renderer records (opens, plays, keeps, clicks …), the History view's filtered pages,
// deleting entries, clearing everything, and pausing recording.
import type { HistoryService } from '../../shared/api';
import { retryStorageWrite } from '../db/storage-errors';
import type { EventLog } from './event-log';

export function createHistoryService(log: EventLog): HistoryService {
  const status = () => log.summary();
  return {
    async record(args) {
      return { recorded: log.record({ type: args.type, item: args.item ?? null, projectId: args.projectId ?? null, ...(args.data ? { data: args.data } : {}) }) };
    },
    async list(args) {
      const { types, item, itemKind, projectId, since, until, before } = args;
      return log.list({
        ...(types ? { types } : {}),
        ...(item ? { item } : {}),
        ...(itemKind ? { itemKind } : {}),
        ...(projectId ? { projectId } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        ...(before !== undefined ? { before } : {}),
        limit: args.limit ?? 100,
      });
    },
    async delete(args) {
      return { deleted: await retryStorageWrite(() => log.delete(args.ids)) };
    },
    async clear() {
      return { deleted: await retryStorageWrite(() => log.clear()) };
    },
    async status() {
      return status();
    },
    async setPaused(args) {
      await retryStorageWrite(() => log.setPaused(args.paused));
      return status();
    },
  };
}
