// Pure edits of the mirrored project lists. The host's order is the truth (it refetches on every
// onProjectsChanged); these only make a call's own result visible before that refetch lands.
import type { Project } from '../../shared/api';

/** Replaces the project in place, or puts a new one first (new and renamed projects sort first). */
export function upsertProject(list: readonly Project[], project: Project): Project[] {
  const index = list.findIndex((p) => p.id === project.id);
  if (index === -1) return [project, ...list];
  const next = list.slice();
  next[index] = project;
  return next;
}

/** Replaces the project in place if listed; never adds it (for lists the host curates, like Recent). */
export function replaceProject(list: readonly Project[], project: Project): Project[] {
  return list.some((p) => p.id === project.id) ? list.map((p) => (p.id === project.id ? project : p)) : list.slice();
}

export function removeProject(list: readonly Project[], id: string): Project[] {
  return list.filter((p) => p.id !== id);
}
