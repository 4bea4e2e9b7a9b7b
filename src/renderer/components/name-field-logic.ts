// The rules of a project-name field (the New project form and inline rename), kept pure so they
// are tested without a browser: what the field says live as you type or paste (never a silent
// cut: the limit is shown with a count), when a submit goes ahead, and how a refusal from the
// host (a duplicate name, an invalid argument) reads at the field instead of in a corner toast.
import { StudioError, projectName } from '../../shared/api';

/** The contract's limit (src/shared/api/projects.ts); the count shows from `countFrom` on. */
export const maxNameLength = 120;
const countFrom = 100;

export interface LiveCheck {
  /** "118 / 120", or null while the name is comfortably short. */
  count: string | null;
  /** Said at once, while typing: only the length (an empty field is not an error until submit). */
  error: string | null;
}

export function liveCheck(value: string): LiveCheck {
  const length = value.trim().length;
  const count = length >= countFrom ? `${length} / ${maxNameLength}` : null;
  const over = length - maxNameLength;
  const error = over > 0 ? `Project names are at most ${maxNameLength} characters — remove ${over} (${length} now).` : null;
  return { count, error };
}

export type SubmitDecision = { action: 'ignore' } | { action: 'error'; message: string } | { action: 'submit'; name: string };

/**
 * Whether a submit goes ahead. While a request is in flight every further submit is ignored; so is
 * an empty submit of a field that a successful create has just cleared (the second click of a
 * double-click on Create), which would otherwise say "A project needs a name." about a name that
 * was accepted.
 */
export function decideSubmit(value: string, state: { inFlight: boolean; clearedBySuccess: boolean }): SubmitDecision {
  if (state.inFlight) return { action: 'ignore' };
  if (state.clearedBySuccess && value.trim() === '') return { action: 'ignore' };
  const parsed = projectName.safeParse(value);
  if (!parsed.success) {
    const live = liveCheck(value).error;
    return { action: 'error', message: live ?? parsed.error.issues[0]?.message ?? 'Not a valid name.' };
  }
  return { action: 'submit', name: parsed.data };
}

/** A failed create/rename as one sentence for the field: the issue about the name if there is one. */
export function fieldErrorOf(error: unknown): string {
  const e = StudioError.from(error);
  if (e.code === 'invalid-argument' && e.issues && e.issues.length > 0) {
    const about = e.issues.find((i) => i.path === 'name') ?? e.issues[0];
    if (about) return about.message;
  }
  return e.message;
}
