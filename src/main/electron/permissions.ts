// Which permission requests the Electron window grants: the microphone alone (audio capture, for
// dictation and voice commands), and only to the Montage page itself; the camera, screen capture,
// notifications, geolocation and everything else stay denied. Pure (no electron import) so it is
// unit-tested with the shapes Electron passes: a request's details list `mediaTypes`, a check's
// details name one `mediaType`.
import { isAppPage } from './sender-check';

export function allowsPermission(permission: string, details: unknown, pageUrl: string | null | undefined, appUrl: string): boolean {
  if (permission !== 'media' || !isAppPage(pageUrl, appUrl)) return false;
  const d = (typeof details === 'object' && details !== null ? details : {}) as { mediaTypes?: unknown; mediaType?: unknown };
  if (Array.isArray(d.mediaTypes)) return d.mediaTypes.length > 0 && d.mediaTypes.every((t) => t === 'audio');
  return d.mediaType === 'audio';
}
