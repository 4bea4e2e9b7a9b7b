// What the project screens ask of the host. Each call's result is applied to the mirror at once
// (the host's change event then confirms the order); a failure becomes a toast, and the caller
// gets null/false so a form can stay open with what the user typed.
import type { Project } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { applyProject, forgetProject, useProjectsStore } from './projects-store';
import { notify, reportError } from './ui-store';
import { recordUndoable, undoLast } from './undo-history';

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
  const before = useProjectsStore.getState().projects.find((p) => p.id === id)?.name;
  try {
    applyProject(await client.projects.rename({ id, name }));
    if (before !== undefined && before !== name) {
      recordUndoable({
        label: `Rename “${before}” to “${name}”`,
        undo: async () => applyProject(await client.projects.rename({ id, name: before })),
        redo: async () => applyProject(await client.projects.rename({ id, name })),
      });
    }
    return true;
  } catch (err) {
    reportError(err);
    return false;
  }
}

/** Deletes (moves to the host's trash) and offers Undo, on the toast and as Ctrl/Cmd+Z. */
export async function deleteProject(client: StudioClient, id: string): Promise<boolean> {
  const name = useProjectsStore.getState().projects.find((p) => p.id === id)?.name ?? 'the project';
  try {
    await client.projects.delete({ id });
    forgetProject(id);
    recordUndoable({
      label: `Delete “${name}”`,
      undo: async () => applyProject(await client.projects.restore({ id })),
      redo: async () => {
        await client.projects.delete({ id });
        forgetProject(id);
      },
    });
    notify(`Deleted “${name}”.`, { label: 'Undo', run: () => void undoLast() });
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
