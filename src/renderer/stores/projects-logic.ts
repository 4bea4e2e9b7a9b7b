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

/** How many projects one page of projects.list brings (the contract's default). */
export const projectPageSize = 200;

/**
 * Joins pages fetched in order into one list. Projects move between pages while they are fetched
 * (one opened elsewhere jumps to the top), so a project seen on an earlier page is not repeated.
 */
export function joinPages(pages: readonly (readonly Project[])[]): Project[] {
  const seen = new Set<string>();
  const list: Project[] = [];
  for (const page of pages) {
    for (const project of page) {
      if (seen.has(project.id)) continue;
      seen.add(project.id);
      list.push(project);
    }
  }
  return list;
}

/** "Show more" reads "Show 200 more (of 450 left)": how many the next page adds, and how many are left. */
export function moreToShow(total: number, shown: number): { next: number; left: number } {
  const left = Math.max(0, total - shown);
  return { next: Math.min(projectPageSize, left), left };
}
