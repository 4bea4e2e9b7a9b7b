// The Generate panel as a musician uses it: open a song, open the panel (Ctrl+G; the shipped
// melody model warms up), generate 4 variations, see 4 cards, play one (the card shows it
// playing), keep one (a new clip on the track; undo removes it), discard one with the keyboard,
// drag one onto a lane at bar 5, keep one with K, continue a clip (kept right after it),
// interpolate between two clips, and find the keeps, the discard and the requests in the history.
import { expect, test, type Locator } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callHost } from './host-api';
import { notes, writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-generate-e2e-'));
const bar = 1920;

interface HistoryEvent {
  type: string;
  item: string | null;
  projectId: string | null;
  data: { mode: string; via?: string; clip?: { notes: number; bars: number } };
}

async function lanePoint(canvas: Locator, row: Locator, tick: number): Promise<{ x: number; y: number }> {
  const box = await canvas.boundingBox();
  const lane = await row.boundingBox();
  if (!box || !lane) throw new Error('the arrangement is not on screen');
  const pxPerTick = Number(await canvas.getAttribute('data-px-per-tick'));
  const scrollX = Number(await canvas.getAttribute('data-scroll-x'));
  return { x: tick * pxPerTick - scrollX + 6, y: lane.y - box.y + lane.height / 2 };
}

test('generate melodies: 4 cards, play, keep (and undo), discard, drag onto a lane, history', async ({ page }, info) => {
  // One track with a clip in bars 1–2.
  const midi = writeTestMidi(dir, 'Generate Here', 120, [
    { name: 'Lead', channel: 0, notes: notes(8, (i) => ({ midi: 60 + (i % 5), ticks: i * 480, durationTicks: 400, velocity: 0.8 })) },
  ]);
  await openNewProject(page, serve.launchUrl, 'Generated Ideas');
  const projectId = decodeURIComponent(/#\/projects\/([^/]+)/.exec(page.url())?.[1] ?? '');
  await page.getByTestId('import-midi-input').setInputFiles(midi);
  const canvas = page.getByTestId('arrangement-canvas');
  await expect(canvas).toHaveAttribute('data-clips', '1');
  const lead = page.getByTestId('track-row').filter({ hasText: 'Lead' });

  // Ctrl+G opens the panel; the shipped melody model is chosen and warms up.
  await canvas.click({ position: { x: 5, y: 5 } });
  const opened = Date.now();
  await page.keyboard.press('Control+g');
  const panel = page.getByTestId('generate-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('gen-model-details')).toContainText(/Melody model, 2 bars · came with Montage/);
  await expect(page.getByTestId('gen-model').locator('option')).toHaveCount(2);
  // The first opening loads the model on the host (a few seconds on a busy 2-core machine).
  await expect(page.getByTestId('gen-warm')).toContainText(/warming up|Model ready/);
  await shot(page, info, 'generate-panel-opening');
  await expect(panel).toHaveAttribute('data-warm', 'warm', { timeout: 60_000 });
  const warmMs = Date.now() - opened;
  await shot(page, info, 'generate-panel-warm');

  // 4 variations: the first request after opening the panel, on a warm model.
  await page.getByTestId('gen-count').fill('4');
  const asked = Date.now();
  await page.getByTestId('gen-run').click();
  const cards = page.getByTestId('gen-card');
  await expect(cards).toHaveCount(4);
  const firstGenerateMs = Date.now() - asked;
  const hostMs = Number(await panel.getAttribute('data-last-ms'));
  console.log(`generate e2e: panel open → model warm ${warmMs} ms; first Generate (4 variations) ${firstGenerateMs} ms in the page, ${hostMs} ms on the host`);
  info.annotations.push({ type: 'timing', description: `warm ${warmMs} ms; first generate ${firstGenerateMs} ms (host ${hostMs} ms)` });
  for (const thumb of await page.getByTestId('gen-card-thumb').all()) expect(Number(await thumb.getAttribute('data-notes'))).toBeGreaterThan(0);
  await expect(cards.first().getByTestId('gen-card-figures')).toContainText(/notes\/bar/);
  await shot(page, info, 'generate-cards');

  // Play one: the card says it plays; Stop stops it.
  const second = cards.nth(1);
  await second.getByTestId('gen-card-play').click();
  await expect(second).toHaveAttribute('data-playing', 'true');
  await expect(second).toHaveAttribute('data-audible', 'true');
  await expect(second.getByTestId('gen-card-play')).toHaveText('■ Stop');
  await page.waitForTimeout(600);
  await shot(page, info, 'generate-playing');
  await second.getByTestId('gen-card-play').click();
  await expect(second).toHaveAttribute('data-playing', 'false');

  // Keep the first: a new clip on Lead after its clip (the playhead's bar is taken), one undo step.
  await cards.first().getByTestId('gen-card-keep').click();
  await expect(cards).toHaveCount(3);
  await expect(canvas).toHaveAttribute('data-clips', '2');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Keep variation 1');
  await shot(page, info, 'generate-kept');
  await page.getByTestId('song-undo').click();
  await expect(canvas).toHaveAttribute('data-clips', '1');
  await expect(lead.getByTestId('track-instrument')).toContainText('8 notes');

  // Discard one with the keyboard: focus the list, move down, D.
  await cards.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press('d');
  await expect(cards).toHaveCount(2);

  // Drag one onto the Lead lane at bar 5: it lands there, at the bar under the pointer.
  const at = await lanePoint(canvas, lead, 4 * bar + 300);
  await cards.first().dragTo(canvas, { targetPosition: at });
  await expect(cards).toHaveCount(1);
  await expect(canvas).toHaveAttribute('data-clips', '2');
  await expect(page.getByTestId('song-undo')).toHaveText(/Undo Keep variation/);
  await shot(page, info, 'generate-dragged');

  // K keeps the last one (focused) with the keyboard.
  await cards.first().focus();
  await page.keyboard.press('k');
  await expect(cards).toHaveCount(0);
  await expect(canvas).toHaveAttribute('data-clips', '3');

  // Continue the first clip: choose it, 2 continuations of 2 bars; Keep puts one right after it (bar 3).
  await canvas.click({ position: await lanePoint(canvas, lead, 200) });
  await page.getByTestId('gen-mode-continue').click();
  await expect(page.getByTestId('gen-source')).toContainText('Continues the clip');
  await page.getByTestId('gen-count').fill('2');
  await page.getByTestId('gen-run').click();
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText('Continuation 1');
  await cards.first().getByTestId('gen-card-keep').click();
  await expect(canvas).toHaveAttribute('data-clips', '4');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Keep continuation 1');
  await shot(page, info, 'generate-continued');

  // Interpolate from the first clip to the one dropped at bar 5, in 3 steps.
  await page.getByTestId('gen-mode-interpolate').click();
  await canvas.click({ position: await lanePoint(canvas, lead, 200) });
  await page.getByTestId('gen-set-from').click();
  await canvas.click({ position: await lanePoint(canvas, lead, 4 * bar + 200) });
  await page.getByTestId('gen-set-to').click();
  await expect(page.getByTestId('gen-from')).toContainText('bar 1');
  await expect(page.getByTestId('gen-to')).toContainText('bar 5');
  await page.getByTestId('gen-steps').fill('3');
  await page.getByTestId('gen-run').click();
  await expect(cards).toHaveCount(3);
  await expect(cards.last()).toContainText('Step 3 of 3');
  await shot(page, info, 'generate-interpolated');

  // The history has the request, the keeps (button, drag, key) and the discard, for this project, about the model.
  const generated = { projectId, itemKind: 'model', limit: 50 };
  await expect.poll(async () => (await callHost<HistoryEvent[]>(page, 'history', 'list', generated)).length).toBeGreaterThanOrEqual(8);
  const history = await callHost<HistoryEvent[]>(page, 'history', 'list', generated);
  const kinds = history.map((e) => `${e.type}${e.data.via ? `:${e.data.via}` : ''}`).sort();
  expect(kinds).toEqual([
    'generation.discarded:key',
    'generation.kept:button',
    'generation.kept:button',
    'generation.kept:drag',
    'generation.kept:key',
    'generation.requested',
    'generation.requested',
    'generation.requested',
  ]);
  for (const e of history) expect(e.item).toMatch(/^model:[0-9a-f-]{36}$/);
  expect(history.filter((e) => e.type === 'generation.requested').map((e) => e.data.mode).sort()).toEqual(['continue', 'generate', 'interpolate']);
  expect(history.find((e) => e.type === 'generation.kept')?.data.clip?.bars).toBe(2);

  // A drum model keeps its results on drum tracks only: this song has none, and the panel says so.
  await page.getByTestId('gen-mode-generate').click();
  await page.getByTestId('gen-model').selectOption({ label: 'drums-2bar (drums)' });
  await expect(page.getByTestId('gen-model-details')).toContainText('Drum model');
  await expect(page.getByTestId('gen-track')).toContainText('no drum track');
  await expect(page.getByTestId('gen-key-on')).toHaveCount(0);

  // Ctrl+G closes the panel; the arrangement takes the width back.
  await page.keyboard.press('Control+g');
  await expect(panel).toHaveCount(0);
  // The toolbar button opens it again (the model is asked to warm again, and answers at once);
  // Escape inside the panel closes it and leaves the editor open.
  await page.getByTestId('generate-toggle').click();
  await expect(panel).toHaveAttribute('data-warm', 'warm');
  await page.getByTestId('gen-mode-interpolate').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('generate-toggle')).toBeFocused();
  await expect(page.getByTestId('song-editor')).toBeVisible();
});
