// What went wrong while listening, in the user's words: the microphone's refusals (by the
// DOMException names getUserMedia rejects with), an engine the host cannot run (its message ends
// with "Install: <what to run>", which is split off so the UI can offer to copy it), and silence.
// Pure, so it is unit-tested.
import { StudioError } from '../../shared/api/errors';

export type ListenProblemKind = 'unsupported' | 'no-microphone' | 'denied' | 'busy' | 'unavailable' | 'silence' | 'failed';

export interface ListenProblem {
  kind: ListenProblemKind;
  message: string;
  /** What to install or run, when the speech engine is missing. */
  installHint?: string;
}

/** getUserMedia's rejection, or the page having no getUserMedia at all (`name` 'unsupported'). */
export function microphoneProblem(name: string, detail = ''): ListenProblem {
  switch (name) {
    case 'unsupported':
      return { kind: 'unsupported', message: 'This page has no access to a microphone (browsers allow it only on secure pages: use the Montage app or the link `montage serve` prints).' };
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return {
        kind: 'denied',
        message: 'Montage may not use the microphone: permission was denied. Allow the microphone for this page (the icon in the address bar, or the system’s privacy settings) and try again.',
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { kind: 'no-microphone', message: 'No microphone was found. Connect one, or check that it is switched on in the system’s sound settings, and try again.' };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { kind: 'busy', message: 'The microphone could not be opened: another program may be using it, or the system blocked it.' };
    default:
      return { kind: 'failed', message: `The microphone could not be opened${detail ? ` (${detail})` : ''}.` };
  }
}

/** A host refusal or failure while dictating. */
export function hostProblem(err: unknown): ListenProblem {
  const e = StudioError.from(err);
  if (e.code === 'unavailable') {
    const at = e.message.lastIndexOf(' Install: ');
    if (at >= 0) return { kind: 'unavailable', message: e.message.slice(0, at), installHint: e.message.slice(at + ' Install: '.length) };
    return { kind: 'unavailable', message: e.message };
  }
  return { kind: 'failed', message: e.message };
}

export function silenceProblem(note: string | undefined): ListenProblem {
  return { kind: 'silence', message: `Nothing was heard. ${note ?? 'No speech was recognised.'} Speak closer to the microphone, or check that the right one is chosen in the system’s sound settings.` };
}

/** m:ss of a recording so far. */
export function formatListenTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
