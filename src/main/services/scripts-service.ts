// Implements ScriptsService: screenplays, stored as Fountain text in the shared document store
// (documents/document-store.ts) beside songs. Edits are text replacements (script-ops.ts): a stale
// edit is rebased over the changes since its revision, or refused when it overlaps them. Imports
// decode the file's encoding, read Fountain or Final Draft XML, and refuse a broken file (an
// unclosed boneyard or note, invalid XML, binary data) with the reason before anything is written.
import { StudioError, type ScriptExport, type ScriptImportSummary, type ScriptsService } from '../../shared/api';
import { writeFdx } from '../../shared/script/fdx';
import { parseFountain } from '../../shared/script/fountain-parse';
import { scriptReport } from '../../shared/script/report-build';
import { pageCount } from '../../shared/script/pagination';
import type { Script, ScriptContent } from '../../shared/script/script';
import type { EventLog } from './event-log';
import type { DocumentStore } from '../documents/document-store';
import { createScriptDocument, scriptKind } from '../documents/script-documents';
import { isScriptRefusal, readScriptBytes } from '../script/read-script';
import { scriptToPdf } from '../script/script-pdf';
import type { CallContext } from './call-context';
import type { SceneGenerationService } from './scene-generation-service';

export interface HostScriptsService extends ScriptsService {
  open(args: Parameters<ScriptsService['open']>[0], context?: CallContext): ReturnType<ScriptsService['open']>;
  close(args: Parameters<ScriptsService['close']>[0], context?: CallContext): ReturnType<ScriptsService['close']>;
}

const isBase64 = (s: string): boolean => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);

const titleOf = (script: Script): string | undefined => script.titlePage.find((e) => e.key.toLowerCase() === 'title')?.value.replace(/\s+/g, ' ').trim() || undefined;

/** A name that is safe as a file name on every desktop system. */
const fileNameOf = (name: string, extension: string): string => `${name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim() || 'Script'}.${extension}`;

/** The Fountain text and project of a script document (the scene drafter reads scripts with it). */
export function scriptReader(store: DocumentStore): (id: string) => Promise<{ fountain: string; projectId: string | null }> {
  return (id) => store.read(id as Parameters<DocumentStore['read']>[0], scriptKind, (doc) => ({ fountain: doc.content.fountain, projectId: doc.info.projectId ?? null }));
}

const noSceneDrafter = (): never => {
  throw new StudioError('unavailable', 'The scene drafter is not available in this host.');
};

export function createScriptsService(deps: { store: DocumentStore; history: EventLog; scenes?: SceneGenerationService }): HostScriptsService {
  const { store, history, scenes } = deps;
  return {
    // The scene drafter (scene-generation-service.ts): model sessions, history records.
    suggestScenes: (args) => (scenes ? scenes.suggestScenes(args) : noSceneDrafter()),
    draftScene: (args) => (scenes ? scenes.draftScene(args) : noSceneDrafter()),
    recordSuggestion: (args) => (scenes ? scenes.recordSuggestion(args) : noSceneDrafter()),
    evaluateScenes: (args) => (scenes ? scenes.evaluateScenes(args) : noSceneDrafter()),
    warmScenes: (args) => (scenes ? scenes.warmScenes(args) : noSceneDrafter()),
    async create({ projectId, name, fountain }) {
      return createScriptDocument(store, history, projectId, name, fountain ?? '');
    },
    async importFile({ projectId, name, format, data }): Promise<ScriptImportSummary> {
      // Everything is checked before anything is written: a file that fails leaves the project as it was.
      if (!isBase64(data)) throw new StudioError('invalid-argument', 'The script file did not arrive intact (its data is not valid base64).');
      const bytes = Buffer.from(data, 'base64');
      let read: { fountain: string; script: Script };
      try {
        read = readScriptBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), format);
      } catch (err) {
        if (isScriptRefusal(err)) throw new StudioError('invalid-argument', err.message);
        throw err;
      }
      const { fountain, script } = read;
      const document = await store.insert('script', projectId, name ?? titleOf(script) ?? 'Imported script', JSON.stringify({ fountain } satisfies ScriptContent), (info) =>
        void history.record({ type: 'document.imported', item: `script:${info.id}`, projectId, data: { format, bytes: bytes.length } }),
      );
      const scenes = script.elements.filter((e) => e.type === 'sceneHeading').length;
      return { document, scenes, pages: pageCount(script, 'letter') };
    },
    open({ id }, context) {
      return store.open(id, scriptKind, context);
    },
    async close({ id }, context) {
      return store.close(id, context);
    },
    edit({ id, baseRev, ops, group, label, editId }) {
      return store.edit(id, scriptKind, { baseRev, ops, group, label, editId });
    },
    undo: ({ id }) => store.step(id, scriptKind, 'undo'),
    redo: ({ id }) => store.step(id, scriptKind, 'redo'),
    async export({ id, format, paper = 'letter', sceneNumbers = false }): Promise<ScriptExport> {
      const { name, fountain, projectId } = await store.read(id, scriptKind, (doc) => ({ name: doc.info.name, fountain: doc.content.fountain, projectId: doc.info.projectId }));
      history.record({ type: 'document.exported', item: `script:${id}`, projectId, data: { format } });
      if (format === 'fountain') return { fileName: fileNameOf(name, 'fountain'), mime: 'text/plain;charset=utf-8', data: Buffer.from(fountain, 'utf8').toString('base64') };
      const { script } = parseFountain(fountain);
      if (format === 'fdx') return { fileName: fileNameOf(name, 'fdx'), mime: 'application/xml', data: Buffer.from(writeFdx(script), 'utf8').toString('base64') };
      const pdf = await scriptToPdf(script, { paper, sceneNumbers, title: titleOf(script) ?? name });
      return { fileName: fileNameOf(name, 'pdf'), mime: 'application/pdf', data: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
    },
    async report({ id, paper = 'letter' }) {
      const fountain = await store.read(id, scriptKind, (doc) => doc.content.fountain);
      return scriptReport(parseFountain(fountain).script, paper);
    },
  };
}
