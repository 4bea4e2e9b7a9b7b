// Toasts are how failed calls reach the user: the StudioError's message as is, plus its field
// issues. Only the newest few stay on screen so a burst of failures cannot bury the window.
import { StudioError } from '../../shared/api';

export interface Toast {
  id: number;
  tone: 'error' | 'info';
  message: string;
  /** "path: message" lines of an invalid-argument error. */
  details: string[];
  /** One button on the toast, e.g. Undo. */
  action?: { label: string; run: () => void };
}

export const maxToasts = 4;

export function pushToast(list: readonly Toast[], toast: Toast): Toast[] {
  return [...list.filter((t) => t.message !== toast.message), toast].slice(-maxToasts);
}

export function dismissToast(list: readonly Toast[], id: number): Toast[] {
  return list.filter((t) => t.id !== id);
}

export function toastOfError(error: unknown, id: number): Toast {
  const e = StudioError.from(error);
  return {
    id,
    tone: 'error',
    message: e.message,
    details: (e.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
  };
}
