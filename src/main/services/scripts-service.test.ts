// The scripts service on a real SQLite file: scripts share the document store with songs, so what
// is checked here is what is particular to them — text edits with undo across a reopen, rebasing
// a stale edit, refusing an overlapping one, the scoped onScriptChanged event, imports refused
// before anything is written, and exports and reports from the stored text.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioEvents } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { openDatabase, type Db } from '../db/database';
import { createDocumentsRepo } from '../db/documents-repo';
import { createEventsRepo } from '../db/events-repo';
import { EventLog } from './event-log';
import { createProjectsRepo } from '../db/projects-repo';
import { createDocumentStore } from '../documents/document-store';
import { tempHome } from '../test/temp-home';
import { createDocumentsService, type HostDocumentsService } from './documents-service';
import { createEventBus, type EventBus } from './event-bus';
import { createScriptsService, type HostScriptsService } from './scripts-service';

const scene = 'INT. KITCHEN - NIGHT\n\nBRICK pours coffee.\n\nBRICK\nWe need to talk.\n';
const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64');

describe('scripts service on a real SQLite file', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db;
  let bus: EventBus;
  let scripts: HostScriptsService;
  let documents: HostDocumentsService;
  let projectId: ProjectId;
  const changed: { targets: readonly string[] | undefined; payload: StudioEvents['onScriptChanged'] }[] = [];

  const make = (): void => {
    const repo = createDocumentsRepo(db);
    const history = new EventLog(createEventsRepo(db));
    const store = createDocumentStore({ repo, bus });
    documents = createDocumentsService({ repo, history, bus, store });
    scripts = createScriptsService({ store, history });
  };

  beforeEach(() => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    changed.length = 0;
    bus = createEventBus();
    bus.onAny((name, payload, targets) => {
      if (name === 'onScriptChanged') changed.push({ targets, payload: payload as StudioEvents['onScriptChanged'] });
    });
    projectId = 'f3b1c2d4-0000-4000-8000-000000000002' as ProjectId;
    createProjectsRepo(db).insert({ id: projectId, name: 'Film', createdAt: 1, updatedAt: 1, lastOpenedAt: null });
    make();
  });
  afterEach(() => {
    db.close();
    home.remove();
  });

  it('edits text with undo and redo that survive a restart, telling only the windows that opened it', async () => {
    const doc = await scripts.create({ projectId, name: 'Pilot', fountain: scene.replace(/\n/g, '\r\n') });
    expect(doc).toMatchObject({ kind: 'script', rev: 0 });
    expect((await scripts.open({ id: doc.id }, { clientId: 'a' })).content.fountain).toBe(scene);
    const at = scene.indexOf('NIGHT');
    const typed = await scripts.edit({ id: doc.id, baseRev: 0, ops: [{ type: 'replaceText', from: at, to: at + 5, text: 'DAY' }], label: 'Typing', editId: 'e1' });
    expect(typed).toMatchObject({ rev: 1, rebased: false, history: { undoLabel: 'Typing' } });
    expect(changed).toEqual([{ targets: ['a'], payload: expect.objectContaining({ rev: 1, editId: 'e1', reason: 'edit' }) }]);
    await scripts.undo({ id: doc.id });

    make();
    const reopened = await scripts.open({ id: doc.id }, { clientId: 'b' });
    expect(reopened.content.fountain).toBe(scene);
    expect(reopened.history).toMatchObject({ canRedo: true, redoLabel: 'Typing' });
    await scripts.redo({ id: doc.id });
    expect((await scripts.open({ id: doc.id })).content.fountain).toContain('INT. KITCHEN - DAY');
    // Songs and scripts are listed together, and one is not opened as the other.
    expect((await documents.list({ projectId })).map((d) => d.kind)).toEqual(['script']);
    await expect(documents.open({ id: doc.id })).rejects.toMatchObject({ code: 'invalid-argument', message: '“Pilot” is a script, not a song.' });
  });

  it('rebases an edit made on an older revision, and refuses one over text changed since', async () => {
    const doc = await scripts.create({ projectId, name: 'Pilot', fountain: scene });
    await scripts.edit({ id: doc.id, baseRev: 0, ops: [{ type: 'replaceText', from: 0, to: 0, text: 'Title: Pilot\n\n' }], label: 'Typing' });
    const end = scene.length;
    const stale = await scripts.edit({ id: doc.id, baseRev: 0, ops: [{ type: 'replaceText', from: end, to: end, text: '\nCUT TO:\n' }], label: 'Typing' });
    expect(stale).toMatchObject({ rev: 2, rebased: true });
    expect((await scripts.open({ id: doc.id })).content.fountain).toBe(`Title: Pilot\n\n${scene}\nCUT TO:\n`);
    const kitchen = scene.indexOf('KITCHEN');
    const title = 'Title: Pilot\n\n'.length;
    await scripts.edit({ id: doc.id, baseRev: 2, ops: [{ type: 'replaceText', from: title + kitchen, to: title + kitchen + 7, text: 'GARAGE' }], label: 'Typing' });
    await expect(scripts.edit({ id: doc.id, baseRev: 0, ops: [{ type: 'replaceText', from: kitchen, to: kitchen + 7, text: 'CELLAR' }], label: 'Typing' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^This script changed in another window and your edit no longer applies/),
    });
    await expect(scripts.edit({ id: doc.id, baseRev: 3, ops: [{ type: 'replaceText', from: 0, to: 99_999, text: '' }], label: 'Typing' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });

  it('imports Fountain and Final Draft files, and refuses broken ones before writing anything', async () => {
    const imported = await scripts.importFile({ projectId, format: 'fountain', data: b64(`Title: Brick\n\n${scene}`) });
    expect(imported).toMatchObject({ document: { name: 'Brick', kind: 'script' }, scenes: 1, pages: 1 });
    const fdx = Buffer.from(await scripts.export({ id: imported.document.id, format: 'fdx' }).then((e) => e.data), 'base64');
    const back = await scripts.importFile({ projectId, name: 'From FDX', format: 'fdx', data: b64(fdx) });
    expect((await scripts.open({ id: back.document.id })).content.fountain).toContain('We need to talk.');

    const refusals: [string, Uint8Array | string, 'fountain' | 'fdx', RegExp][] = [
      ['an unclosed boneyard', `${scene}\n/* cut this\n`, 'fountain', /boneyard/i],
      ['an unclosed note', `${scene}\n[[ remember\n`, 'fountain', /note/i],
      ['binary data', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 1, 2, 3]), 'fountain', /not a script|not text/i],
      ['broken XML', '<?xml version="1.0"?><FinalDraft><Content><Paragraph>', 'fdx', /Final Draft|XML/i],
      ['a 5 MB script', 'A'.repeat(5 * 1024 * 1024), 'fountain', /MB/],
    ];
    for (const [, data, format, message] of refusals) {
      await expect(scripts.importFile({ projectId, format, data: b64(data) })).rejects.toMatchObject({
        code: 'invalid-argument',
        message: expect.stringMatching(message),
      });
    }
    expect((await documents.list({ projectId })).map((d) => d.name).sort()).toEqual(['Brick', 'From FDX']);
  });

  it('exports a PDF and reports the script as stored', async () => {
    const doc = await scripts.create({ projectId, name: 'Pilot', fountain: `${scene}\nEXT. ROOF - DAY\n\nBRICK (V.O.)\nAnd then it rained.\n` });
    const pdf = await scripts.export({ id: doc.id, format: 'pdf', paper: 'a4', sceneNumbers: true });
    expect(pdf).toMatchObject({ fileName: 'Pilot.pdf', mime: 'application/pdf', pages: 1 });
    expect(Buffer.from(pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const report = await scripts.report({ id: doc.id });
    expect(report).toMatchObject({ sceneCount: 2, pages: 1, intExt: { int: 1, ext: 1 }, dayNight: { day: 1, night: 1 } });
    expect(report.characters).toEqual([expect.objectContaining({ name: 'BRICK', lines: 2, scenes: 2 })]);
  });
});
