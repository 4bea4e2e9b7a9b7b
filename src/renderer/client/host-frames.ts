// Decodes WebSocket frames from the host. The host is trusted but the socket is not a typed
// channel: a malformed frame is dropped (and logged) instead of throwing inside the socket handler.
import { errorCodes, type SerializedStudioError, type StudioErrorCode } from '../../shared/api';

export type HostFrame =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: SerializedStudioError }
  | { kind: 'event'; name: string; payload: unknown };

const codes: ReadonlySet<string> = new Set(errorCodes);

function toError(raw: unknown): SerializedStudioError {
  if (typeof raw !== 'object' || raw === null) return { code: 'internal', message: 'The host sent an unreadable error.' };
  const e = raw as Record<string, unknown>;
  const code = typeof e.code === 'string' && codes.has(e.code) ? (e.code as StudioErrorCode) : 'internal';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : 'The host reported an error without a message.';
  const issues = Array.isArray(e.issues)
    ? e.issues
        .filter((i): i is { path: unknown; message: unknown } => typeof i === 'object' && i !== null)
        .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
    : undefined;
  return issues ? { code, message, issues } : { code, message };
}

/** Returns null for anything that is not a result or event frame. */
export function parseHostFrame(text: string): HostFrame | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.kind === 'event') {
    return typeof m.name === 'string' ? { kind: 'event', name: m.name, payload: m.payload } : null;
  }
  if (m.kind === 'result' && typeof m.id === 'number') {
    if (m.ok === true) return { kind: 'result', id: m.id, ok: true, value: m.value };
    if (m.ok === false) return { kind: 'result', id: m.id, ok: false, error: toError(m.error) };
  }
  return null;
}
