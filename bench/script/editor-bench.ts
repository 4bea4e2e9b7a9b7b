// The screenplay editor with a long script, for `npm run bench` (printed by foundation-bench, or
// alone with `tsx bench/script/editor-bench.ts` after `npm run build`): a 120-page script made
// through the API of a real `montage serve` process, opened in Chromium (the e2e tests' Debian
// build, headless, no GPU, 1360 × 860), and typed into in the middle, one key every 60 ms.
// "Keystroke to paint" is from the key event's own timestamp (the moment Chromium received the
// input) until the frame after it has been painted (requestAnimationFrame, then a task after the
// paint). It includes the wait for the next frame (up to 16.7 ms at 60 Hz), so the same keys
// typed into a plain <textarea> on the same page are measured in the same run, as the floor. Its
// CPU time per key (the renderer main thread's, CDP ThreadTime) is printed too. Nothing is asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { WsStudioClient } from '../../src/main/server/ws-client';
import { chromiumArgs, chromiumPath } from '../../e2e/chromium';
import { pageCount } from '../../src/shared/script/pagination';
import { parseFountain } from '../../src/shared/script/fountain-parse';
import { quantile, type PrintLine, type StartServe } from '../ws-load-bench';

const places = ['KITCHEN', 'ROOF', 'CAR PARK', "BRICK'S APARTMENT", 'POLICE STATION', 'DINER', 'RIVERBANK', 'HOSPITAL CORRIDOR'];
const times = ['DAY', 'NIGHT', 'CONTINUOUS', 'LATER', 'MORNING'];
const people = ['BRICK', 'STEEL', 'NORA', 'DETECTIVE HALE', 'MAGGIE'];
const action = [
  'Rain hammers the window. A kettle starts to whistle and nobody moves to take it off the stove.',
  'The door swings open on a room that has not been aired for weeks. Dust hangs in the light.',
  'Somewhere below, an engine coughs twice and dies. The silence after it is louder than the engine.',
];
const speech = [
  'We wait until the light changes, then we go, and not a second before.',
  'You said that last time, and last time we ended up in the river.',
  'I am not asking you to like it. I am asking you to be there at six.',
  'Fine. But if this goes wrong, I was never here.',
];

/** A screenplay of about `pages` Letter pages: varied scenes of action and dialogue (deterministic). */
export function longScript(pages: number): string {
  const out: string[] = ['Title: The Long Night', 'Author: Montage bench', ''];
  let scene = 0;
  const text = () => out.join('\n');
  while (pageCount(parseFountain(text()).script) < pages) {
    for (let k = 0; k < 10; k++, scene++) {
      out.push(`${scene % 3 ? 'INT.' : 'EXT.'} ${places[scene % places.length]} - ${times[scene % times.length]}`, '');
      out.push(action[scene % action.length] as string, '');
      for (let j = 0; j < 6; j++) {
        out.push(people[(scene + j) % people.length] as string);
        if (j === 2) out.push('(quietly)');
        out.push(speech[(scene * 3 + j) % speech.length] as string, '');
      }
      out.push(action[(scene + 1) % action.length] as string, '');
    }
  }
  return text();
}

async function threadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

/** Types `text` where the focus is and returns each key's time to paint, and the CPU time per key. */
async function typeAndTime(page: Page, cdp: CDPSession, text: string): Promise<{ times: number[]; cpuPerKey: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { keyTimes: number[]; keyListener?: (e: KeyboardEvent) => void };
    w.keyTimes = [];
    if (w.keyListener) window.removeEventListener('keydown', w.keyListener, true);
    w.keyListener = (e: KeyboardEvent) => {
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.keyTimes.push(performance.now() - start), 0));
    };
    window.addEventListener('keydown', w.keyListener, true);
  });
  const before = await threadMs(cdp);
  await page.keyboard.type(text, { delay: 60 });
  await page.waitForTimeout(300);
  const cpu = (await threadMs(cdp)) - before;
  const times = await page.evaluate(() => (window as unknown as { keyTimes: number[] }).keyTimes.slice());
  return { times, cpuPerKey: cpu / text.length };
}

export async function scriptEditorBench(serve: StartServe, line: PrintLine): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const s = await serve(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const fountain = longScript(120);
    const pages = pageCount(parseFountain(fountain).script);
    const client = await WsStudioClient.connect(s.port, s.token);
    const project = await client.call('projects', 'create', { name: 'Editor bench' });
    const doc = await client.call('scripts', 'create', { projectId: project.id, name: 'The Long Night', fountain });
    client.close();

    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const origin = `http://127.0.0.1:${s.port}`;
    await page.goto(`${origin}/?token=${s.token}`);
    await page.getByTestId('status-connection').filter({ hasText: /connected/i }).waitFor();
    await page.goto(`${origin}/#/projects/${project.id}/scripts/${doc.id}`);
    const content = page.locator('[data-testid="script-editor"] .cm-content');
    await content.waitFor();
    await content.click();
    // To the middle of the script, into its first line of action (End ends a wrapped row, not the line).
    const scenes = parseFountain(fountain).script.elements.filter((e) => e.type === 'sceneHeading').length;
    for (let i = 0; i < Math.floor(scenes / 2); i++) await page.keyboard.press('Alt+PageDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const typed = ' More words typed here, one key at a time, as a writer would type them.';
    const editor = await typeAndTime(page, cdp, typed);

    await page.evaluate(() => {
      const area = document.createElement('textarea');
      area.style.cssText = 'position:fixed;left:400px;top:200px;width:560px;height:400px;z-index:9';
      document.body.appendChild(area);
      area.focus();
    });
    const floor = await typeAndTime(page, cdp, typed);
    const fmt = (t: number[]) => `p50 ${quantile(t, 0.5).toFixed(1)} ms, p95 ${quantile(t, 0.95).toFixed(1)} ms`;
    line(`script editor, ${pages}-page script (${(fountain.length / 1000).toFixed(0)}k chars): keystroke to paint`, `${fmt(editor.times)} (${editor.times.length} keys), CPU ${editor.cpuPerKey.toFixed(1)} ms/key`);
    line('  the same keys in a plain <textarea> (floor)', `${fmt(floor.times)}, CPU ${floor.cpuPerKey.toFixed(1)} ms/key`);
  } finally {
    await browser.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Standalone: `montage serve` from dist/ on a temp folder, as foundation-bench runs it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { serveFromDist, printLine } = await import('../ws-load-bench');
  await scriptEditorBench(serveFromDist, printLine);
}
