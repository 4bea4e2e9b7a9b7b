// Implements HistoryService (src/shared/api/history.ts) on the host's event log (event-log.ts):
// what the renderer records (opens, plays, keeps, clicks …), the History view's filtered pages,
// deleting entries, clearing everything, and pausing recording.
import { historyPayload, type HistoryService } from '../../shared/api';
import { presetKey, presetOf } from '../../shared/recommend/presets';
import { retryStorageWrite } from '../db/storage-errors';
import type { EventLog } from './event-log';

export function createHistoryService(log: EventLog): HistoryService {
  const status = () => log.summary();
  return {
    async record(args) {
      const recorded = log.record({ type: args.type, item: args.item ?? null, projectId: args.projectId ?? null, ...(args.data ? { data: args.data } : {}) });
      // A kept generation also says the settings it was made with are liked (shared/recommend/presets.ts).
      if (recorded && args.type === 'generation.kept' && args.item?.startsWith('model:')) {
        const payload = historyPayload.safeParse(args.data);
        const preset = payload.success ? presetOf(args.item.slice('model:'.length), payload.data) : null;
        // Its data tells keeps of different results apart (the log drops repeats of one event).
        if (preset) log.record({ type: 'preset.kept', item: presetKey(preset), projectId: args.projectId ?? null, data: payload.success && payload.data.index !== undefined ? { index: payload.data.index } : {} });
      }
      return { recorded };
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
