// The renderer with a large song, for `npm run bench` (printed by foundation-bench): a 10,000-note,
// four-track song created through the API of a real `montage serve` process and opened in
// Chromium (the e2e tests' Debian build, headless, 1360 × 860, device pixel ratio 1).
//   1. piano-roll frames while scrolling: 200 wheel events (sideways and up/down, 100 at the
//      default zoom and 100 zoomed out 11×, with ~5× as many notes on screen), one frame each.
//      "Frame" is the renderer main thread's CPU time from the wheel event until the roll has
//      painted and one more frame has passed (CDP Performance.getMetrics ThreadTime before and
//      after): the wheel handler, every React render it causes (the whole song editor, not only
//      the roll), the canvas draw and its rasterisation (software: headless, no GPU), style,
//      layout, paint, and the bench's own small page calls (~1 ms), so a little high. CPU time,
//      not wall time, so that other processes on a busy machine count less; the wall-clock length
//      of the same tasks is printed too. "Draw" is the roll's drawRoll call alone, timed by the
//      page (`window.__montagePerf`, which piano-roll.tsx fills only when
//      `localStorage['montage.perf']` is '1'); it records canvas commands, most of whose cost
//      (rasterising them) lands later in the frame. Target: frame p95 < 16 ms.
//   2. the renderer's peak memory over opening the song, the scrolling and starting playback
//      (the piano samples load and decode): the JS heap in use (CDP JSHeapUsedSize, sampled every
//      100 ms and at every frame) and, on Linux, the renderer process's private memory
//      (Private_Clean + Private_Dirty of /proc/<pid>/smaps_rollup, the largest renderer).
// Run alone with `tsx bench/renderer-bench.ts` (after `npm run build`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { emptySequence, type Note, type NoteSequence, type Track } from '../src/shared/music/note-sequence';
import { WsStudioClient } from '../src/main/server/ws-client';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';
import { quantile, type PrintLine, type StartServe } from './ws-load-bench';

/** Chords on a four-bar progression (root, third, fifth, octave), sixteenths: dense, like a busy piano part. */
const progression = [
  [48, 52, 55, 60],
  [45, 48, 52, 57],
  [41, 45, 48, 53],
  [43, 47, 50, 55],
];

/**
 * A song of `total` notes (480 PPQ, 120 BPM, 4/4) on four tracks: "Keys" (60 %, four-note chords
 * on every sixteenth, the first track, so the editor opens it), "Bass" and "Lead" (15 % each) and
 * "Drums" (10 %). Deterministic: the e2e test recomputes what the roll must show from it.
 */
export function largeSong(total = 10_000): NoteSequence {
  const seq = emptySequence(480);
  const track = (id: string, name: string, program: number, isDrum: boolean, notes: Note[]): Track => ({
    id,
    name,
    program,
    isDrum,
    mute: false,
    solo: false,
    volume: 0.8,
    pan: 0,
    notes,
  });
  const keys = Math.round(total * 0.6);
  const bass = Math.round(total * 0.15);
  const lead = Math.round(total * 0.15);
  const drums = total - keys - bass - lead;
  seq.tracks.push(
    track(
      'keys',
      'Keys',
      0,
      false,
      Array.from({ length: keys }, (_, i) => {
        const step = Math.floor(i / 4);
        const chord = progression[Math.floor(step / 64) % 4] as number[];
        return { id: `k${i}`, pitch: chord[i % 4] as number, velocity: 60 + ((step * 7) % 60), start: step * 120, duration: 110 };
      }),
    ),
    track('bass', 'Bass', 33, false, Array.from({ length: bass }, (_, i) => ({ id: `b${i}`, pitch: 36 + ((i * 5) % 12), velocity: 100, start: i * 240, duration: 220 }))),
    track('lead', 'Lead', 81, false, Array.from({ length: lead }, (_, i) => ({ id: `l${i}`, pitch: 67 + ((i * 3) % 14), velocity: 90, start: i * 240, duration: 200 }))),
    track('drums', 'Drums', 0, true, Array.from({ length: drums }, (_, i) => ({ id: `d${i}`, pitch: i % 2 ? 38 : 36, velocity: 110, start: i * 480, duration: 120 }))),
  );
  return seq;
}

interface Metrics {
  /** The renderer main thread's CPU time, and the wall-clock length of its tasks (which also counts waits and time the CPU went to other processes). */
  cpuMs: number;
  taskMs: number;
  heap: number;
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? NaN;
  return { cpuMs: get('ThreadTime') * 1000, taskMs: get('TaskDuration') * 1000, heap: get('JSHeapUsedSize') };
}

/** Private (unshared) memory of a process in bytes, from /proc; null where there is no /proc. */
function privateBytes(pid: number): number | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    let kb = 0;
    for (const m of rollup.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) kb += Number(m[1]);
    return kb * 1024;
  } catch {
    return null;
  }
}

/** Wait, in the page, until the roll has painted more than `after` times (then one more frame, so that paint is on screen), or 10 frames. */
function painted(page: Page, after: number): Promise<boolean> {
  return page.evaluate(async (after) => {
    // No named functions in here: tsx's keepNames would wrap them in a helper the page lacks.
    const log = (window as unknown as { __montagePerf: unknown[] }).__montagePerf;
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      if (log.length > after) {
        await new Promise((r) => requestAnimationFrame(r));
        return true;
      }
    }
    return false;
  }, after);
}

const paintCount = (page: Page) => page.evaluate(() => (window as unknown as { __montagePerf: unknown[] }).__montagePerf.length);
const lastPaints = (page: Page, from: number) =>
  page.evaluate((from) => (window as unknown as { __montagePerf: { ms: number; notes: number }[] }).__montagePerf.slice(from), from);

export async function rendererBench(serve: StartServe, line: PrintLine, frames = 200): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const s = await serve(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  let sampling = true;
  try {
    const client = await WsStudioClient.connect(s.port, s.token);
    const song = largeSong(10_000);
    const project = await client.call('projects', 'create', { name: 'Renderer bench' });
    const doc = await client.call('documents', 'create', { projectId: project.id, kind: 'song', name: 'Ten thousand notes', content: song });
    client.close();

    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    await context.addInitScript(() => window.localStorage.setItem('montage.perf', '1'));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const browserCdp = await browser.newBrowserCDPSession();
    const rendererPids = async (): Promise<number[]> => {
      const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
      return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    };

    // Memory is sampled from the first page load until playback has started.
    let peakHeap = 0;
    let peakPrivate: number | null = null;
    let homeHeap = NaN;
    let homePrivate: number | null = null;
    const sample = async (): Promise<void> => {
      const m = await metrics(cdp).catch(() => null);
      if (m) peakHeap = Math.max(peakHeap, m.heap);
      for (const pid of await rendererPids().catch(() => [])) {
        const bytes = privateBytes(pid);
        if (bytes !== null) peakPrivate = Math.max(peakPrivate ?? 0, bytes);
      }
    };
    const sampler = (async () => {
      while (sampling) {
        await sample();
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const origin = `http://127.0.0.1:${s.port}`;
    await page.goto(`${origin}/?token=${s.token}`);
    await page.getByTestId('status-connection').filter({ hasText: /connected/i }).waitFor();
    homeHeap = (await metrics(cdp)).heap;
    for (const pid of await rendererPids().catch(() => [])) homePrivate = Math.max(homePrivate ?? 0, privateBytes(pid) ?? 0);
    await page.goto(`${origin}/#/projects/${project.id}/songs/${doc.id}`);
    const roll = page.getByTestId('piano-roll');
    await roll.and(page.locator('[data-track-notes="6000"]')).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-visible-notes')) > 0);

    const box = await roll.boundingBox();
    if (!box) throw new Error('the piano roll is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const attr = async (name: string) => Number(await roll.getAttribute(`data-${name}`));
    const endTick = Math.max(...song.tracks.map((t) => Math.max(...t.notes.map((n) => n.start + n.duration))));

    interface Frame {
      cpu: number;
      wall: number;
      draw: number;
      notes: number;
      zoomed: boolean;
    }
    const recorded: Frame[] = [];
    let zoomed = false;
    let skipped = 0;
    // `n` wheel events, one per frame: `dx` sideways each, and `dy` down for the first half, up for the second.
    const scroll = async (n: number, dx: number, dy: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const before = await paintCount(page);
        const m0 = await metrics(cdp);
        await page.mouse.wheel(dx, i < n / 2 ? dy : -dy);
        const ok = await painted(page, before);
        const m1 = await metrics(cdp);
        peakHeap = Math.max(peakHeap, m0.heap, m1.heap);
        if (!ok) {
          skipped++;
          continue;
        }
        const paints = await lastPaints(page, before);
        recorded.push({
          cpu: m1.cpuMs - m0.cpuMs,
          wall: m1.taskMs - m0.taskMs,
          draw: paints.reduce((sum, p) => sum + p.ms, 0),
          notes: paints[paints.length - 1]?.notes ?? 0,
          zoomed,
        });
      }
    };
    const phase = async (n: number): Promise<void> => {
      // Sideways: as far as fits in n/2 frames (out and back), then rows down and back up.
      const gridWidth = box.width - (await attr('keys-width'));
      const room = Math.max(0, endTick * (await attr('px-per-tick')) - gridWidth) - (await attr('scroll-x'));
      const dx = Math.max(8, Math.min(160, Math.floor(room / Math.ceil(n / 4))));
      await scroll(Math.ceil(n / 4), dx, 0);
      await scroll(Math.ceil(n / 4), -dx, 0);
      await scroll(n / 2, 0, 20);
    };
    await phase(frames / 2);
    zoomed = true;
    for (let i = 0; i < 6; i++) await page.getByTestId('zoom-out').click();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await phase(frames / 2);

    // Playback start: the piano samples load and decode, Tone's graph is built for four tracks.
    // A playback that does not start is said on the memory line; the figures before it stand.
    let playback = 'playback start';
    try {
      await page.getByTestId('transport-play').click();
      await roll.and(page.locator('[data-playing="true"]')).waitFor({ timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 2000));
      await sample();
      await page.getByTestId('transport-play').click();
    } catch (e) {
      playback = `no playback: it did not start (${(e as Error).message.split('\n')[0]})`;
    }
    sampling = false;
    await sampler;

    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const stats = (xs: number[]) => `p50 ${ms(quantile(xs, 0.5))}  p95 ${ms(quantile(xs, 0.95))}  max ${ms(Math.max(...xs))}`;
    const near = recorded.filter((f) => !f.zoomed);
    const far = recorded.filter((f) => f.zoomed);
    const notes = (fs: Frame[]) => quantile(fs.map((f) => f.notes), 0.5).toLocaleString('en');
    line(
      'piano roll frame (10k notes, scrolling)',
      `${stats(recorded.map((f) => f.cpu))} (renderer main-thread CPU per wheel frame, ${recorded.length} frames${skipped ? `, ${skipped} without a paint` : ''})`,
    );
    line('  at 0.2 px/tick / zoomed out 11×', `p95 ${ms(quantile(near.map((f) => f.cpu), 0.95))} (${notes(near)} notes drawn) / p95 ${ms(quantile(far.map((f) => f.cpu), 0.95))} (${notes(far)} notes drawn)`);
    line('  same frames, wall clock of its tasks', stats(recorded.map((f) => f.wall)));
    line('  the roll\'s draw call alone', stats(recorded.map((f) => f.draw)));
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    line(
      'renderer peak JS heap (10k-note song)',
      `${mb(peakHeap)} (home screen ${mb(homeHeap)}; over open, scroll, ${playback})${peakPrivate !== null ? ` · renderer process private memory ${mb(peakPrivate)} (home screen ${mb(homePrivate ?? NaN)})` : ''}`,
    );
    await context.close();
  } finally {
    sampling = false;
    await browser.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Standalone: `montage serve` from dist/ on a temp folder, as foundation-bench runs it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { serveFromDist, printLine } = await import('./ws-load-bench');
  await rendererBench(serveFromDist, printLine);
}
