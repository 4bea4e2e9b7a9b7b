// What the project screens ask of the host. Each call's result is applied to the mirror at once
// (the host's change event then confirms the order); a failure becomes a toast, and the caller
// gets null/false so a form can stay open with what the user typed.
import type { Project } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { applyProject, forgetProject } from './projects-store';
import { reportError } from './ui-store';

export async function createProject(client: StudioClient, name: string): Promise<Project | null> {
  try {
    const project = await client.projects.create({ name });
    applyProject(project);
    return project;
  } catch (err) {
    reportError(err);
    return null;
  }
}

export async function renameProject(client: StudioClient, id: string, name: string): Promise<boolean> {
  try {
    applyProject(await client.projects.rename({ id, name }));
    return true;
  } catch (err) {
    reportError(err);
    return false;
  }
}

export async function deleteProject(client: StudioClient, id: string): Promise<boolean> {
  try {
    await client.projects.delete({ id });
    forgetProject(id);
    return true;
  } catch (err) {
    reportError(err);
    return false;
  }
}

/** Marks the project opened (it moves up in Recent) and returns it for the project screen. */
export async function openProject(client: StudioClient, id: string): Promise<Project | null> {
  try {
    const project = await client.projects.open({ id });
    applyProject(project);
    return project;
  } catch (err) {
    reportError(err);
    return null;
  }
}
