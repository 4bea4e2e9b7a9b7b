// The recommendation thread as the host starts it: the built entry (dist/workers/recommend-thread.js,
// esbuild's bundle) ranks For you as the source does in the unit tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { startSourceThread } from '../test/source-thread';
import { syntheticHistory } from '../test/synthetic-history';
import { tempHome } from '../test/temp-home';
import { EventLog } from './event-log';
import { createRecommendService } from './recommend-service';
import { recommendThreadEntry } from './recommend-thread-client';

describe('the built recommendation thread', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  let db: Db | undefined;
  const services: { close(): void }[] = [];
  beforeAll(() => {
    if (!existsSync(recommendThreadEntry())) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => {
    for (const service of services.splice(0)) service.close();
    db?.close();
    home?.remove();
  });

  it('answers For you and runs the harness as the source does', async () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    const repo = createEventsRepo(db);
    const events = syntheticHistory(5_000);
    repo.insertMany(events);
    const at = (events.at(-1)?.at ?? 0) + 3_600_000;
    const log = new EventLog(repo, { sessionId: 's-now', now: () => at, log: () => undefined });
    const names = { resolve: (item: string) => ({ label: item, projectId: null, projectName: null }) };
    const built = createRecommendService({ log, names, now: () => at });
    const source = createRecommendService({ log, names, now: () => at, startThread: () => startSourceThread('src/workers/recommend/recommend-thread.ts') });
    services.push(built, source);
    const question = { projectId: 'p7' as never, kinds: ['song', 'instrument'] as ('song' | 'instrument')[], limit: 10 };
    const answer = await built.forYou(question);
    expect(answer.items).toHaveLength(10);
    expect(answer).toEqual(await source.forYou(question));
    expect((await built.evaluate({ seed: 3 })).rows.map((r) => r.name)).toEqual(['popularity', 'itemknn', 'als', 'ease']);
  });
});
