// The history API on a real SQLite file (migration 11) through the host's event log: events
// round-trip as API records, `list` filters and pages newest first, the contract refuses what the
// renderer may not record, a repeat is dropped, recording pauses (and stays paused after a
// restart), entries are deleted and cleared, and a locked or full database loses nothing already
// saved and keeps new events until it can write them.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventWeights, historyArgs, type HistoryPayload, type HistoryService } from '../../shared/api';
import { openDatabase, type Db } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { StorageError } from '../db/storage-errors';
import { tempHome } from '../test/temp-home';
import { EventLog, type EventLogOptions } from './event-log';
import { createHistoryService } from './history-service';

const payload: HistoryPayload = {
  mode: 'generate',
  args: { count: 4, temperature: 1, key: { tonic: 0, mode: 'major' } },
  clip: { notes: 12, density: 6, lowPitch: 60, highPitch: 72, bars: 2, inScaleRate: 1 },
  index: 2,
  via: 'button',
};
const model = `model:${randomUUID()}`;

describe('history service', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  const open: Db[] = [];
  const logs: EventLog[] = [];
  afterEach(() => {
    for (const log of logs.splice(0)) log.close();
    for (const db of open.splice(0)) if (db.open) db.close();
    home?.remove();
    home = undefined;
  });
  let clock = 1000;
  const start = (options: EventLogOptions = {}, dir?: string) => {
    home ??= tempHome();
    const db = openDatabase(join(dir ?? home.dir, 'montage.db'));
    open.push(db);
    const log = new EventLog(createEventsRepo(db), { now: () => (clock += 10), sessionId: 's1', log: () => undefined, ...options });
    logs.push(log);
    return { db, log, service: createHistoryService(log) };
  };
  // As dispatch does: the contract's schema first.
  const record = (service: HistoryService, args: unknown) => service.record(historyArgs.record.parse(args));
  const list = (service: HistoryService, args: unknown) => service.list(historyArgs.list.parse(args));

  it('records events with their weight and session, and lists them newest first by type, item, kind, project and time', async () => {
    const { service } = start();
    const p1 = randomUUID();
    const song = `song:${randomUUID()}`;
    await record(service, { type: 'generation.requested', item: model, projectId: p1, data: { mode: 'generate', args: { count: 4 } } });
    await record(service, { type: 'generation.kept', item: model, projectId: p1, data: payload });
    await record(service, { type: 'document.opened', item: song, projectId: p1 });
    await record(service, { type: 'song.played', item: song });
    const all = await list(service, { types: ['song.played', 'document.opened', 'generation.kept', 'generation.requested'] });
    expect(all.map((e) => e.type)).toEqual(['song.played', 'document.opened', 'generation.kept', 'generation.requested']);
    expect(all[2]).toEqual({ id: expect.any(Number), at: expect.any(Number), profile: 'local', type: 'generation.kept', item: model, projectId: p1, sessionId: 's1', weight: eventWeights['generation.kept'], data: payload });
    expect((await list(service, { types: ['generation.kept', 'song.played'] })).map((e) => e.type)).toEqual(['song.played', 'generation.kept']);
    expect((await list(service, { item: song })).map((e) => e.type)).toEqual(['song.played', 'document.opened']);
    expect((await list(service, { itemKind: 'model' })).map((e) => e.type)).toEqual(['generation.kept', 'generation.requested']);
    // The kept result's settings are a preset too (its own event).
    expect((await list(service, { projectId: p1 })).map((e) => e.type)).toEqual(['document.opened', 'preset.kept', 'generation.kept', 'generation.requested']);
    const [newest, second] = all;
    expect((await list(service, { since: second!.at })).map((e) => e.type)).toEqual(['song.played', 'document.opened']);
    expect((await list(service, { until: second!.at })).length).toBe(3);
    // Pages: older than a given event.
    expect((await list(service, { before: newest!.id, limit: 2 })).map((e) => e.type)).toEqual(['document.opened', 'preset.kept']);
  });

  it('refuses host-only types, bad item keys and generation data with notes in it', () => {
    expect(() => historyArgs.record.parse({ type: 'document.created', item: 'song:x' })).toThrow();
    expect(() => historyArgs.record.parse({ type: 'document.opened', item: 'song' })).toThrow(/item key/);
    expect(() => historyArgs.record.parse({ type: 'document.opened', item: 'file:/etc/passwd' })).toThrow(/item key/);
    expect(() => historyArgs.record.parse({ type: 'generation.kept', data: { ...payload, notes: [] } })).toThrow(/mode/);
    expect(() => historyArgs.record.parse({ type: 'generation.kept', data: { mode: 'generate', clip: { ...payload.clip, highPitch: 200 } } })).toThrow();
    expect(() => historyArgs.record.parse({ type: 'song.played', data: { deep: { a: { b: { c: 1 } } } } })).toThrow();
    expect(historyArgs.record.parse({ type: 'recommendation.clicked', item: 'instrument:33', data: { position: 2, model: 'itemknn' } })).toBeTruthy();
  });

  it('drops a repeat of the same event within two seconds, not a later one', async () => {
    let now = 5000;
    const { service } = start({ now: () => now });
    const song = `song:${randomUUID()}`;
    expect(await record(service, { type: 'document.opened', item: song })).toEqual({ recorded: true });
    now += 500;
    expect(await record(service, { type: 'document.opened', item: song })).toEqual({ recorded: false });
    expect(await record(service, { type: 'song.played', item: song })).toEqual({ recorded: true });
    now += 2500;
    expect(await record(service, { type: 'document.opened', item: song })).toEqual({ recorded: true });
    expect((await list(service, {})).map((e) => e.type)).toEqual(['document.opened', 'song.played', 'document.opened']);
  });

  it('pauses recording, and stays paused after a restart', async () => {
    const first = start();
    await record(first.service, { type: 'song.played', item: 'song:a' });
    expect(await first.service.setPaused({ paused: true })).toMatchObject({ paused: true, events: 1 });
    expect(await record(first.service, { type: 'song.played', item: 'song:b' })).toEqual({ recorded: false });
    first.log.close();
    first.db.close();
    const again = start();
    expect(await again.service.status({})).toMatchObject({ paused: true, events: 1 });
    expect(await record(again.service, { type: 'song.played', item: 'song:c' })).toEqual({ recorded: false });
    await again.service.setPaused({ paused: false });
    expect(await record(again.service, { type: 'song.played', item: 'song:c' })).toEqual({ recorded: true });
    expect((await list(again.service, {})).map((e) => e.item)).toEqual(['song:c', 'song:a']);
  });

  it('deletes chosen entries and clears everything, the unwritten ones too', async () => {
    const { service } = start({ flushMs: 60_000 });
    for (const item of ['song:a', 'song:b', 'song:c']) await record(service, { type: 'song.played', item });
    const [c, , a] = await list(service, {});
    expect(await service.delete({ ids: [c!.id, a!.id, 999_999] })).toEqual({ deleted: 2 });
    expect((await list(service, {})).map((e) => e.item)).toEqual(['song:b']);
    await record(service, { type: 'song.played', item: 'song:d' });
    expect(await service.clear({})).toEqual({ deleted: 2 });
    expect(await service.status({})).toEqual({ paused: false, events: 0, oldest: null, newest: null });
  });

  it('keeps events while another program holds the database, and writes them once it lets go', async () => {
    const { db, log, service } = start({ flushMs: 60_000 });
    await record(service, { type: 'song.played', item: 'song:before' });
    expect(log.flush()).toBe(true);
    const other = new Database(db.name);
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    expect(await record(service, { type: 'song.played', item: 'song:during' })).toEqual({ recorded: true });
    expect(log.flush()).toBe(false);
    // The answer of a direct write names the file.
    await expect(service.setPaused({ paused: true })).rejects.toBeInstanceOf(StorageError);
    other.exec('ROLLBACK');
    other.close();
    expect(log.flush()).toBe(true);
    expect((await list(service, {})).map((e) => e.item)).toEqual(['song:during', 'song:before']);
  });

  it('keeps what was saved when the disk is full, and says so', async () => {
    const messages: string[] = [];
    const { db, log, service } = start({ flushMs: 60_000, log: (m) => messages.push(m) });
    await record(service, { type: 'song.played', item: 'song:saved' });
    log.flush();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const big = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'x'.repeat(190)]));
    for (let i = 0; i < 40; i++) await record(service, { type: 'song.played', item: `song:${i}`, data: big });
    expect(log.flush()).toBe(false);
    expect(messages.join('\n')).toMatch(/could not be written.*disk is full/s);
    db.pragma('max_page_count = 1073741823');
    expect(log.flush()).toBe(true);
    expect((await service.status({})).events).toBe(41);
  });

  it('writes a burst in batches and reads it back complete', async () => {
    const { service } = start({ batchSize: 100 });
    for (let i = 0; i < 1050; i++) await record(service, { type: 'recommendation.shown', item: `song:${i}` });
    expect((await service.status({})).events).toBe(1050);
    expect((await list(service, { limit: 1000 }))[0]?.item).toBe('song:1049');
  });

  it('records the settings of a kept generation as a preset, which For you can offer again', async () => {
    const { service } = start();
    const id = randomUUID();
    await record(service, { type: 'generation.kept', item: `model:${id}`, data: { mode: 'generate', args: { temperature: 0.8, key: { tonic: 9, mode: 'minor' } }, index: 0 } });
    await record(service, { type: 'generation.kept', item: `model:${id}`, data: { mode: 'interpolate', args: { temperature: 0.8, steps: 3 } } });
    expect((await list(service, { types: ['preset.kept'] })).map((e) => [e.item, e.weight])).toEqual([[`preset:${id}/generate/t0.8/k9m`, eventWeights['preset.kept']]]);
  });

  it('reads the newest interactions in pages, the same rows as one read', async () => {
    const { log } = start();
    for (let i = 0; i < 57; i++) log.record({ type: i % 5 === 0 ? 'recommendation.shown' : 'document.opened', item: `song:s${i}`, projectId: 'p1' });
    log.flush();
    const whole = log.interactions();
    expect(whole.length).toBeGreaterThan(40);
    expect(await log.readInteractions(0, Number.MAX_SAFE_INTEGER, 7)).toEqual(whole);
    expect(await log.readInteractions(0, 10, 3)).toEqual(log.interactions(0, 10));
    const after = (whole[20] as { id: number }).id;
    expect(await log.readInteractions(after, 1000, 4)).toEqual(log.interactions(after));
    expect(await log.readInteractions(after, 5, 2)).toEqual(log.interactions(after, 5));
    expect(await log.readInteractions((whole.at(-1) as { id: number }).id)).toEqual([]);
  });
});
