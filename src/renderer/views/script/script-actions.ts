// What the script screens ask of the host beyond editing: a new script, importing .fountain and
// .fdx files (from the file input or a drop), exporting (Fountain, PDF, FDX) as a download,
// moving a scene on the board, and next/previous scene in the editor.
import type { DocumentInfo } from '../../../shared/api/documents';
import { StudioError } from '../../../shared/api/errors';
import type { PaperSize, ScriptExportFormat, ScriptFormat } from '../../../shared/api/scripts';
import { maxScriptFileBytes } from '../../../shared/api/scripts';
import type { StudioClient } from '../../client/studio-client';
import { fieldErrorOf } from '../../components/name-field-logic';
import { editScript, useScriptStore } from '../../stores/script-store';
import { navigate, notify, reportError, useUiStore } from '../../stores/ui-store';
import { applyDocumentInfo } from '../../stores/documents-store';
import { base64ToBytes, bytesToBase64, formatBytes } from '../project/midi-file-logic';
import { moveSceneOps, sceneAt } from './board-logic';
import { activeEditorView } from './script-editor';
import { currentIndex, openScene } from './script-view-store';
import { downloadBlob } from '../../lib/download';

export function nextScriptName(existing: readonly DocumentInfo[]): string {
  const names = new Set(existing.map((d) => d.name.toLowerCase()));
  for (let i = 1; ; i++) if (!names.has(`untitled script ${i}`)) return `Untitled script ${i}`;
}

/** A new script starts with its title page and a first scene heading to type over. */
export const newScriptText = (name: string): string => `Title: ${name}\nAuthor: \n\n`;

export async function createScript(client: StudioClient, projectId: string, existing: readonly DocumentInfo[]): Promise<void> {
  try {
    const name = nextScriptName(existing);
    const info = await client.scripts.create({ projectId, name, fountain: newScriptText(name) });
    applyDocumentInfo(info);
    navigate({ name: 'script', projectId, docId: info.id });
  } catch (err) {
    reportError(err);
  }
}

/** The format a script file is in by its name, or null when Montage does not read it. */
export function scriptFormatOf(fileName: string): ScriptFormat | null {
  if (/\.(fountain|spmd)$/i.test(fileName)) return 'fountain';
  if (/\.fdx$/i.test(fileName)) return 'fdx';
  return null;
}

export const looksLikeScript = (fileName: string): boolean => scriptFormatOf(fileName) !== null;

/** Why a script file is refused before sending it, or null. */
export function scriptFileProblem(name: string, size: number): string | null {
  if (!scriptFormatOf(name)) return `“${name}” is not a script file. Choose a .fountain or .fdx file.`;
  if (size === 0) return `“${name}” is empty.`;
  if (size > maxScriptFileBytes) return `“${name}” is ${formatBytes(size)}; Montage imports scripts up to ${formatBytes(maxScriptFileBytes)}.`;
  return null;
}

export function scriptNameOf(fileName: string): string {
  return (fileName.replace(/\.(fountain|spmd|fdx)$/i, '').trim() || 'Imported script').slice(0, 120);
}

/** Imports the files in turn (one opens in the editor); resolves to the sentences to show at the control. */
export async function importScriptFiles(client: StudioClient, projectId: string, files: readonly File[]): Promise<string[]> {
  const errors: string[] = [];
  for (const file of files) {
    const problem = scriptFileProblem(file.name, file.size);
    const format = scriptFormatOf(file.name);
    if (problem || !format) {
      errors.push(problem ?? file.name);
      continue;
    }
    try {
      const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const summary = await client.scripts.importFile({ projectId, name: scriptNameOf(file.name), format, data });
      applyDocumentInfo(summary.document);
      notify(`Imported “${summary.document.name}”: ${summary.scenes} scene${summary.scenes === 1 ? '' : 's'}, ${summary.pages} page${summary.pages === 1 ? '' : 's'}.`);
      if (files.length === 1) navigate({ name: 'script', projectId, docId: summary.document.id });
    } catch (err) {
      if (err instanceof StudioError && err.code !== 'internal' && err.code !== 'unavailable') errors.push(`“${file.name}”: ${fieldErrorOf(err)}`);
      else errors.push(`“${file.name}” could not be imported: ${StudioError.from(err).message}`);
    }
  }
  return errors;
}

export function download(fileName: string, mime: string, bytes: Uint8Array<ArrayBuffer>): void {
  downloadBlob(fileName, new Blob([bytes], { type: mime }));
}

export interface ExportChoice {
  format: ScriptExportFormat;
  paper: PaperSize;
  sceneNumbers: boolean;
}

/** Exports a script as a download; resolves to the file name, or null when it failed (said in a toast). */
export async function exportScript(client: StudioClient, id: string, choice: ExportChoice): Promise<string | null> {
  try {
    const file = await client.scripts.export({ id, format: choice.format, paper: choice.paper, sceneNumbers: choice.sceneNumbers });
    download(file.fileName, file.mime, base64ToBytes(file.data));
    notify(`Exported “${file.fileName}”${file.pages ? ` (${file.pages} page${file.pages === 1 ? '' : 's'})` : ''}.`);
    return file.fileName;
  } catch (err) {
    reportError(err);
    return null;
  }
}

/** Moves scene `from` before the scene at `to` (scenes.length: to the end); one undo step. */
export function moveScene(from: number, to: number): boolean {
  const text = useScriptStore.getState().text;
  const index = currentIndex();
  const ops = moveSceneOps(text, index.scenes, from, to);
  if (!ops) return false;
  editScript(ops, { label: 'Move scene' });
  return true;
}

/** Puts the editor's cursor on the next (1) or previous (-1) scene heading. */
export function stepScene(direction: 1 | -1): void {
  const view = activeEditorView();
  const { scenes } = currentIndex();
  if (!view || scenes.length === 0) return;
  const head = view.state.selection.main.head;
  const here = sceneAt(scenes, head);
  const onHeading = here >= 0 && scenes[here]?.from === view.state.doc.lineAt(head).from;
  const target = direction > 0 ? here + 1 : onHeading || here < 0 ? here - 1 : here;
  const scene = scenes[Math.max(0, Math.min(scenes.length - 1, target))];
  if (scene) openScene(scene);
}

export const onScriptRoute = (): boolean => useUiStore.getState().route.name === 'script';
