// The renderer's one way to add to the history (history.record): what the user opened, played,
// generated, kept or discarded, for recommendations later. Fire and forget: nothing on the user's
// path waits for it, and a write that fails never disturbs the work. The first failure of a
// session is said once in a toast (later ones are quiet); a refusal while the host is away is not
// said at all (the connection banner already says so).
import { StudioError, type ClientEventType, type EventData } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { notify } from '../stores/ui-store';

export interface ClientEvent {
  type: ClientEventType;
  /** "song:<docId>", "script:<docId>", "model:<id>", "instrument:<program>" … */
  item?: string | undefined;
  projectId?: string | undefined;
  data?: EventData | undefined;
}

let toldOnce = false;

/** Records `event` in the background; never throws and never rejects. */
export function recordEvent(client: StudioClient, event: ClientEvent): void {
  const args = {
    type: event.type,
    ...(event.item ? { item: event.item } : {}),
    ...(event.projectId ? { projectId: event.projectId } : {}),
    ...(event.data ? { data: event.data } : {}),
  };
  let call: Promise<unknown>;
  try {
    call = client.call('history', 'record', args);
  } catch (err) {
    call = Promise.reject(err);
  }
  call.catch((err: unknown) => {
    if (toldOnce || (err instanceof StudioError && err.code === 'unavailable')) return;
    toldOnce = true;
    const message = err instanceof StudioError || err instanceof Error ? err.message : String(err);
    notify(`Your history could not be recorded (${message}). Your work is not affected; this is said only once.`);
  });
}

/** For tests: the next failure is said again. */
export function resetRecordEventNotice(): void {
  toldOnce = false;
}
