// Mirror of the host's projects: the first pages of the list (as many as the user asked to see,
// `pages`), how many there are in all, and the Recent strip, each in the order the host returns.
// Refreshed by host-sync on connect and on every onProjectsChanged.
import { create } from 'zustand';
import type { Project } from '../../shared/api';
import { removeProject, replaceProject, upsertProject } from './projects-logic';

interface ProjectsState {
  projects: Project[];
  /** Live projects on the host, shown or not. */
  total: number;
  /** Pages of the list the user has asked for (1, then one more per "Show more"). */
  pages: number;
  recent: Project[];
  loaded: boolean;
}

export const useProjectsStore = create<ProjectsState>()(() => ({ projects: [], total: 0, pages: 1, recent: [], loaded: false }));

export function setProjects(projects: Project[], total: number, recent: Project[]): void {
  useProjectsStore.setState({ projects, total, recent, loaded: true });
}

export function setPagesWanted(pages: number): void {
  useProjectsStore.setState({ pages });
}

/** Applies a call's returned project at once; the event-driven refetch then settles the order. */
export function applyProject(project: Project): void {
  useProjectsStore.setState((s) => {
    const known = s.projects.some((p) => p.id === project.id);
    return { projects: upsertProject(s.projects, project), recent: replaceProject(s.recent, project), total: known ? s.total : s.total + 1 };
  });
}

export function forgetProject(id: string): void {
  useProjectsStore.setState((s) => {
    const known = s.projects.some((p) => p.id === id);
    return { projects: removeProject(s.projects, id), recent: removeProject(s.recent, id), total: known ? Math.max(0, s.total - 1) : s.total };
  });
}
