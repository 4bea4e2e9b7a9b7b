// For you's work off the host's event loop: the recommendation thread (from source, through tsx)
// fits while the host's timers keep firing; it is sent only the events it lacks; a thread that
// dies, throws or hangs fails its request with a StudioError and the next call starts a new one;
// the host's close ends them all.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import type { RecommendRequest } from '../../workers/recommend/recommend-protocol';
import { openDatabase, type Db } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { startSourceThread } from '../test/source-thread';
import { syntheticHistory } from '../test/synthetic-history';
import { tempHome } from '../test/temp-home';
import { EventLog } from './event-log';
import { createRecommendService, type ItemNames, type RecommendServiceDeps } from './recommend-service';
import { stopRecommendThreads } from './recommend-thread-client';

const named: ItemNames = { resolve: (item) => ({ label: item, projectId: null, projectName: null }) };
const sourceThread = (): Worker => startSourceThread('src/workers/recommend/recommend-thread.ts');

/** What a thread was sent, read before the transfer empties the batch's arrays. */
type Sent = { type: 'events'; reset: boolean; events: number; strings: number } | { type: 'evaluate' | 'rank' };

describe('the recommendation thread', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  let db: Db | undefined;
  const services: { close(): void }[] = [];
  afterEach(() => {
    for (const service of services.splice(0)) service.close();
    db?.close();
    home?.remove();
  });

  /** A history of `n` generated events, and a service whose threads are recorded with what they were sent. */
  const start = (n: number, threads: (() => Worker)[] = [], deps: Partial<RecommendServiceDeps> = {}) => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    const repo = createEventsRepo(db);
    const events = syntheticHistory(n);
    for (let i = 0; i < events.length; i += 10_000) repo.insertMany(events.slice(i, i + 10_000));
    let clock = (events.at(-1)?.at ?? 0) + 3_600_000;
    const log = new EventLog(repo, { sessionId: 's-now', now: () => (clock += 1000), log: () => undefined });
    const workers: Worker[] = [];
    const exited = new Set<Worker>();
    const sent: Sent[][] = [];
    const startThread = (): Worker => {
      const worker = (threads[workers.length] ?? sourceThread)();
      const mine: Sent[] = [];
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message: RecommendRequest, transfer?: readonly ArrayBuffer[]) => {
        mine.push(message.type === 'events' ? { type: 'events', reset: message.reset, events: message.batch.at.length, strings: message.batch.strings.length } : { type: message.type });
        post(message, transfer);
      };
      worker.once('exit', () => exited.add(worker));
      workers.push(worker);
      sent.push(mine);
      return worker;
    };
    const service = createRecommendService({ log, names: named, now: () => clock, startThread, ...deps });
    services.push(service);
    return { log, service, workers, exited, sent, startThread };
  };

  it('keeps the host turning while it evaluates and fits 100,000 events', async () => {
    const { service } = start(100_000);
    // A timer due every millisecond: on the host the fit let it run only between models (4 times
    // at 100,000 events, measured); now it runs all along.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const pending = service.forYou({ projectId: 'p7' as never, limit: 12 });
      // The events were read and sent synchronously; from here on the thread works.
      const before = ticks;
      const result = await pending;
      expect(result.interactions).toBe(100_000);
      expect(result.items).toHaveLength(12);
      expect(ticks - before).toBeGreaterThanOrEqual(50);
    } finally {
      clearInterval(timer);
    }
    expect(service.evaluation()?.protocol.evaluatedUsers).toBeGreaterThan(100);
  });

  it('sends only the events that are new since the last call, and everything again after deletions', async () => {
    const { log, service, sent } = start(2_000);
    const first = await service.forYou({ limit: 5 });
    expect(sent[0]?.filter((m) => m.type === 'events')).toEqual([{ type: 'events', reset: true, events: 2_000, strings: expect.any(Number) }]);
    // One new event with a new item: that event and that one string.
    log.record({ type: 'document.opened', item: 'song:fresh', projectId: 'p1' });
    expect((await service.forYou({ limit: 5 })).interactions).toBe(first.interactions + 1);
    const latest = sent[0]?.filter((m) => m.type === 'events').at(-1);
    expect(latest).toMatchObject({ type: 'events', reset: false, events: 1 });
    // The new item and session, perhaps the project: never the table again.
    expect(latest && 'strings' in latest ? latest.strings : NaN).toBeLessThanOrEqual(3);
    // Nothing new: nothing sent, not even a question (the answer is reused).
    const count = sent[0]?.length;
    await service.forYou({ limit: 5 });
    expect(sent[0]).toHaveLength(count as number);
    // A deletion: the thread starts over with what is left.
    log.delete([1, 2, 3]);
    expect((await service.forYou({ limit: 5 })).interactions).toBe(first.interactions - 2);
    expect(sent[0]?.filter((m) => m.type === 'events').at(-1)).toMatchObject({ type: 'events', reset: true, events: 1_998 });
    expect(sent).toHaveLength(1);
  });

  it('fails a request clearly when its thread dies, and the next call starts a new one with every event', async () => {
    const { log, service, workers, sent } = start(3_000);
    const control = await service.forYou({ projectId: 'p7' as never, limit: 8 });
    // A new event so the next call asks the thread (not the cached answer); the thread is killed meanwhile.
    log.record({ type: 'document.opened', item: 'song:g1', projectId: 'p7' });
    const pending = service.forYou({ projectId: 'p7' as never, limit: 8 });
    await workers[0]?.terminate();
    const err = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/recommender stopped unexpectedly .*next try starts it again/) });
    const again = await service.forYou({ projectId: 'p7' as never, limit: 8 });
    expect(workers).toHaveLength(2);
    expect(sent[1]?.[0]).toEqual({ type: 'events', reset: true, events: 3_001, strings: expect.any(Number) });
    expect(again.interactions).toBe(control.interactions + 1);
    expect(again.items.length).toBe(8);
    // Killed while idle: the next call notices and starts a third.
    await workers[1]?.terminate();
    log.record({ type: 'document.opened', item: 'song:g2', projectId: 'p7' });
    expect((await service.forYou({ projectId: 'p7' as never, limit: 8 })).interactions).toBe(control.interactions + 2);
    expect(workers).toHaveLength(3);
  });

  it('fails a request when its thread throws or hangs, and the next call starts a sound one', async () => {
    const throwing = () => new Worker('throw new Error("out of sorts")', { eval: true });
    const { log, service, workers } = start(500, [throwing]);
    await expect(service.forYou({ limit: 3 })).rejects.toMatchObject({ code: 'internal', message: 'The recommender failed: out of sorts' });
    expect((await service.forYou({ limit: 3 })).items).toHaveLength(3);
    expect(workers).toHaveLength(2);
    // A thread that never answers is stopped at the time limit.
    const silent = new Worker('require("node:worker_threads").parentPort.on("message", () => {})', { eval: true });
    const exit = new Promise((resolve) => silent.once('exit', resolve));
    const hung = createRecommendService({ log, names: named, startThread: () => silent, timeoutMs: 300 });
    services.push(hung);
    await expect(hung.evaluate({})).rejects.toMatchObject({ code: 'unavailable', message: 'The recommender took longer than 300 ms, so Montage stopped it; the next try starts it again.' });
    await exit;
  });

  it('ends every thread when the host closes, failing what they were doing', async () => {
    const { service, workers, exited } = start(3_000);
    await service.forYou({ limit: 3 });
    const pending = service.evaluate({ seed: 2 });
    stopRecommendThreads();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', message: 'Montage is shutting down.' });
    await expect.poll(() => exited.has(workers[0] as Worker)).toBe(true);
  });
});
