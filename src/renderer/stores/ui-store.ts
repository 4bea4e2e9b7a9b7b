// UI state that belongs to no document: the current screen, the Jobs drawer, toasts, the help
// overlays (shortcuts, About), and one-shot requests from commands to a screen (focus the
// new-project input, rename the open project).
import { create } from 'zustand';
import { parseRoute, routeHash, type Route } from './route';
import { dismissToast, pushToast, toastOfError, type Toast } from './toasts-logic';

interface UiState {
  route: Route;
  jobsPanelOpen: boolean;
  toasts: Toast[];
  /** Set by Ctrl/Cmd+N; Home focuses its name input and clears it. */
  wantsNewProjectFocus: boolean;
  /** Set by F2; the project screen opens its rename field and clears it. */
  wantsRename: boolean;
  /** The help overlay on top of everything, if any. */
  overlay: Overlay;
}

export type Overlay = 'shortcuts' | 'about' | 'palette' | null;

export const useUiStore = create<UiState>()(() => ({
  // No `location` outside a window (unit tests import the command registry, which imports this).
  route: parseRoute(globalThis.location?.hash ?? ''),
  jobsPanelOpen: false,
  toasts: [],
  wantsNewProjectFocus: false,
  wantsRename: false,
  overlay: null,
}));

let nextToastId = 1;

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
  useUiStore.setState({ route });
}

/** Keeps the route in step with the address bar (back/forward, hand-edited URLs). */
export function startRouteSync(): () => void {
  const onHashChange = () => useUiStore.setState({ route: parseRoute(location.hash) });
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

export function setJobsPanelOpen(open: boolean): void {
  useUiStore.setState({ jobsPanelOpen: open });
}

export function toggleJobsPanel(): void {
  useUiStore.setState((s) => ({ jobsPanelOpen: !s.jobsPanelOpen }));
}

export function requestNewProjectFocus(): void {
  useUiStore.setState({ wantsNewProjectFocus: true });
}

export function consumeNewProjectFocus(): void {
  useUiStore.setState({ wantsNewProjectFocus: false });
}

export function requestRename(): void {
  useUiStore.setState({ wantsRename: true });
}

export function consumeRename(): void {
  useUiStore.setState({ wantsRename: false });
}

export function setOverlay(overlay: Overlay): void {
  useUiStore.setState({ overlay });
}

export function reportError(error: unknown): void {
  const toast = toastOfError(error, nextToastId++);
  useUiStore.setState((s) => ({ toasts: pushToast(s.toasts, toast) }));
}

/** A plain notice, e.g. "this project was deleted in another window", optionally with a button. */
export function notify(message: string, action?: Toast['action']): void {
  const toast: Toast = { id: nextToastId++, tone: 'info', message, details: [], ...(action ? { action } : {}) };
  useUiStore.setState((s) => ({ toasts: pushToast(s.toasts, toast) }));
}

export function closeToast(id: number): void {
  useUiStore.setState((s) => ({ toasts: dismissToast(s.toasts, id) }));
}
