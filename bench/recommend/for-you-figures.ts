// For you on a generated history: the first answer's time at 10,000 and 200,000 events and the
// longest the host's event loop was held during it (perf_hooks' event-loop delay), then a repeat
// (the cached answer). The ranking thread is the built one (dist/workers/recommend-thread.js) when
// dist/ is built, else its source through tsx (slower to start: it compiles first).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../src/main/db/database';
import { createEventsRepo } from '../../src/main/db/events-repo';
import { EventLog } from '../../src/main/services/event-log';
import { createRecommendService, type ItemNames } from '../../src/main/services/recommend-service';
import { recommendThreadEntry, startRecommendThread } from '../../src/main/services/recommend-thread-client';
import { startSourceThread } from '../../src/main/test/source-thread';
import { syntheticHistory } from '../../src/main/test/synthetic-history';

const line = (name: string, value: string): void => console.log(`${name.padEnd(52)} ${value}`);

/** How long `fn` took, and the longest the event loop was held meanwhile. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; heldMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // Its first tick only starts its clock: let it tick before the call.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  // A block at the very end is measured when the next tick comes.
  await new Promise((resolve) => setTimeout(resolve, 10));
  delay.disable();
  return { value, ms, heldMs: delay.max / 1e6 };
}

const everythingNamed: ItemNames = { resolve: (item) => ({ label: item, projectId: null, projectName: null }) };

async function measure(n: number, entry: string | null): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const db = openDatabase(join(dir, 'montage.db'));
  try {
    const repo = createEventsRepo(db);
    const events = syntheticHistory(n);
    for (let i = 0; i < events.length; i += 10_000) repo.insertMany(events.slice(i, i + 10_000));
    const log = new EventLog(repo, { sessionId: 's-now', log: () => undefined });
    const now = (events.at(-1)?.at ?? 0) + 3_600_000;
    const service = createRecommendService({
      log,
      names: everythingNamed,
      now: () => now,
      startThread: () => (entry ? startRecommendThread(entry) : startSourceThread('src/workers/recommend/recommend-thread.ts')),
    });
    const ask = () => service.forYou({ projectId: 'p7' as never, limit: 12 });
    const first = await timed(ask);
    const again = await timed(ask);
    // One new event: the next answer is computed again (on the events already sent, plus this one).
    log.record({ type: 'document.opened', item: 'song:g1', projectId: 'p7' });
    const next = await timed(ask);
    const figures = (t: { ms: number; heldMs: number }): string => `${(t.ms / 1000).toFixed(2)} s, event loop held ≤ ${t.heldMs.toFixed(0)} ms`;
    line(`For you at ${n.toLocaleString('en')} events: first answer`, `${figures(first)} (${first.value.model}, ${first.value.items.length} items)`);
    line(`  after one new event`, figures(next));
    line(`  the same question again`, `${again.ms.toFixed(1)} ms`);
    service.close();
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function forYouFigures(): Promise<void> {
  const built = recommendThreadEntry();
  const entry = existsSync(built) ? built : null;
  console.log(`\nFor you (ranking thread: ${entry ? 'built' : 'source through tsx; build dist/ for the shipped figures'}):`);
  for (const n of [10_000, 200_000]) await measure(n, entry);
}
