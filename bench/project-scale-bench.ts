// projects.create and projects.list with many projects, for `npm run bench` (printed by
// foundation-bench), over a real `montage serve`. Before the UNIQUE name index, every create read
// every project to check the name and `list` returned them all; at 5,000 projects `list` fell to
// 46 calls/s. Now create is an index probe and `list` a page (200) from an index walk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsStudioClient } from '../src/main/server/ws-client';
import { loadRun, quantile, type PrintLine, type StartServe } from './ws-load-bench';

export async function projectsAtScale(serve: StartServe, line: PrintLine, existing = 5000, creates = 1000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const s = await serve(dir);
  try {
    // Seed over the API from 50 clients (the names differ, so none conflicts).
    await loadRun(s.port, s.token, 50, existing / 50, (c, k, i) => c.call('projects', 'create', { name: `Seed ${k}-${i}` }));
    const client = await WsStudioClient.connect(s.port, s.token);
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < creates; i++) {
      const t = performance.now();
      await client.call('projects', 'create', { name: `Measured ${i}` });
      times.push(performance.now() - t);
    }
    const createPerSec = creates / ((performance.now() - t0) / 1000);
    line(
      `projects.create at ${existing.toLocaleString('en')} projects`,
      `${Math.round(createPerSec).toLocaleString('en')} calls/s · p99 ${quantile(times, 0.99).toFixed(1)} ms (${creates.toLocaleString('en')} sequential creates, one client)`,
    );
    const lists = 200;
    const l0 = performance.now();
    for (let i = 0; i < lists; i++) await client.call('projects', 'list', {});
    const total = (await client.call('projects', 'list', { limit: 1 })).total;
    line(`projects.list (page of 200) at ${total.toLocaleString('en')} projects`, `${Math.round(lists / ((performance.now() - l0) / 1000)).toLocaleString('en')} calls/s (one client)`);
    client.close();
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
