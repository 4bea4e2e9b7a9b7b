// What the project screens ask of the host. Each call's result is applied to the mirror at once
// (the host's change event then confirms the order). Create and rename come from a name field, so
// their failures go back to the field (said there, next to what was typed); the others become a
// toast, and the caller gets null/false.
import type { Project } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { fieldErrorOf } from '../components/name-field-logic';
import { applyProject, forgetProject, useProjectsStore } from './projects-store';
import { notify, reportError } from './ui-store';
import { recordUndoable, undoLast } from './undo-history';

/** A name field's request: the saved project, or the sentence to show at the field. */
export type NameOutcome = { ok: true; project: Project } | { ok: false; error: string };

export async function createProject(client: StudioClient, name: string): Promise<NameOutcome> {
  try {
    const project = await client.projects.create({ name });
    applyProject(project);
    return { ok: true, project };
  } catch (err) {
    return { ok: false, error: fieldErrorOf(err) };
  }
}

export async function renameProject(client: StudioClient, id: string, name: string): Promise<NameOutcome> {
  const before = useProjectsStore.getState().projects.find((p) => p.id === id)?.name;
  try {
    const project = await client.projects.rename({ id, name });
    applyProject(project);
    if (before !== undefined && before !== name) {
      recordUndoable({
        label: `Rename “${before}” to “${name}”`,
        undo: async () => applyProject(await client.projects.rename({ id, name: before })),
        redo: async () => applyProject(await client.projects.rename({ id, name })),
      });
    }
    return { ok: true, project };
  } catch (err) {
    return { ok: false, error: fieldErrorOf(err) };
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
