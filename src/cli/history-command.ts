// `montage history list|status|clear|pause|resume`: the local event log (what you opened, played,
// generated, kept …) that recommendations and insights learn from. Every verb goes through the
// running host's API (or a host of its own), so a list includes the events a running studio has
// not written yet. With --json, stdout is one JSON object and nothing else.
import { eventTypes, type EventType, type HistoryEvent, type HistoryStatus } from '../shared/api';
import { defaultDataDir } from '../main/paths';
import { alignedTable } from './cli-flags';
import { fail, openStudioSession, sessionFailure } from './host-session';

export interface HistoryFlags {
  json?: boolean;
  dataDir?: string;
  limit?: number;
  type?: string;
  project?: string;
}

export const historyUsage = 'usage: montage history list [--type TYPE[,TYPE…]] [--project ID] [--limit N] [--json] | status | clear | pause | resume [--json]';

const when = (at: number): string => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

/** Exit codes: 0 ok, 1 failed, 2 bad usage. */
export async function historyCommand(sub: string | undefined, positionals: string[], flags: HistoryFlags): Promise<number> {
  if (!sub || !['list', 'status', 'clear', 'pause', 'resume'].includes(sub)) return fail(2, sub ? `unknown history command "${sub}" (list, status, clear, pause, resume)` : historyUsage);
  if (positionals.length > 0) return fail(2, `history ${sub} takes no arguments (got "${positionals[0]}")`);
  let types: EventType[] | undefined;
  if (flags.type !== undefined) {
    types = flags.type.split(',').map((t) => t.trim()) as EventType[];
    const unknown = types.find((t) => !(eventTypes as readonly string[]).includes(t));
    if (unknown !== undefined) return fail(2, `--type "${unknown}" is not an event type (${eventTypes.join(', ')})`);
  }
  let session;
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), `${sub} the history`);
    if (sub === 'list') {
      const events = (await session.call('history', 'list', {
        limit: flags.limit ?? 50,
        ...(types ? { types } : {}),
        ...(flags.project ? { projectId: flags.project } : {}),
      })) as HistoryEvent[];
      if (flags.json) console.log(JSON.stringify({ events }));
      else if (events.length === 0) console.log('No events recorded (or none that match).');
      else console.log(alignedTable([['TIME', 'EVENT', 'ITEM', 'WEIGHT'], ...events.map((e) => [when(e.at), e.type, e.item ?? '—', String(e.weight)])]));
      return 0;
    }
    if (sub === 'clear') {
      const { deleted } = (await session.call('history', 'clear', {})) as { deleted: number };
      if (flags.json) console.log(JSON.stringify({ deleted }));
      else console.log(`Deleted ${deleted.toLocaleString('en')} event${deleted === 1 ? '' : 's'}.`);
      return 0;
    }
    const status = (sub === 'status' ? await session.call('history', 'status', {}) : await session.call('history', 'setPaused', { paused: sub === 'pause' })) as HistoryStatus;
    if (flags.json) console.log(JSON.stringify(status));
    else {
      const span = status.oldest === null || status.newest === null ? '' : `, ${when(status.oldest)} to ${when(status.newest)}`;
      console.log(`${status.events.toLocaleString('en')} events${span}. Recording is ${status.paused ? 'paused' : 'on'}.`);
    }
    return 0;
  } catch (err) {
    return sessionFailure(err);
  } finally {
    session?.close();
  }
}
