// Mirror of the host's projects: the full list and the Recent strip, each in the order the host
// returns. Refreshed by host-sync on connect and on every onProjectsChanged.
import { create } from 'zustand';
import type { Project } from '../../shared/api';
import { removeProject, replaceProject, upsertProject } from './projects-logic';

interface ProjectsState {
  projects: Project[];
  recent: Project[];
  loaded: boolean;
}

export const useProjectsStore = create<ProjectsState>()(() => ({ projects: [], recent: [], loaded: false }));

export function setProjects(projects: Project[], recent: Project[]): void {
  useProjectsStore.setState({ projects, recent, loaded: true });
}

/** Applies a call's returned project at once; the event-driven refetch then settles the order. */
export function applyProject(project: Project): void {
  useProjectsStore.setState((s) => ({ projects: upsertProject(s.projects, project), recent: replaceProject(s.recent, project) }));
}

export function forgetProject(id: string): void {
  useProjectsStore.setState((s) => ({ projects: removeProject(s.projects, id), recent: removeProject(s.recent, id) }));
}
