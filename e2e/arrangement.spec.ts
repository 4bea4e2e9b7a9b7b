// The arrangement as a musician meets it: an imported MIDI file shows as clips on its tracks'
// lanes; drag a clip onto another track and undo it, duplicate a clip (Ctrl+D), name it (F2),
// delete one (Delete), duplicate a track, click the ruler to move the playhead, and find all of it
// again after a reload.
import { expect, test, type Locator } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notes, writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-arrange-e2e-'));
const bar = 1920; // 4/4 at 480 PPQ

/** Lead: 8 notes in bars 1–2 and 8 in bars 5–6 (two clips); Bass: 16 notes over bars 1–4 (one clip). */
function writeMidi(): string {
  return writeTestMidi(dir, 'Arrange Me', 120, [
    {
      name: 'Lead',
      channel: 0,
      notes: notes(16, (i) => ({ midi: 64 + (i % 5), ticks: (i < 8 ? 0 : 4 * bar) + (i % 8) * 480, durationTicks: 400, velocity: 0.8 })),
    },
    { name: 'Bass', channel: 1, program: 33, notes: notes(16, (i) => ({ midi: 40 + (i % 3), ticks: i * 480, durationTicks: 440, velocity: 0.9 })) },
  ]);
}


/** The page point inside the lane of track row `row`, `tick` ticks into the song (plus a little). */
async function pointAt(canvas: Locator, row: Locator, tick: number): Promise<{ x: number; y: number }> {
  const box = await canvas.boundingBox();
  const lane = await row.boundingBox();
  if (!box || !lane) throw new Error('the arrangement is not on screen');
  const pxPerTick = Number(await canvas.getAttribute('data-px-per-tick'));
  const scrollX = Number(await canvas.getAttribute('data-scroll-x'));
  return { x: box.x + tick * pxPerTick - scrollX + 6, y: lane.y + lane.height / 2 };
}

const noteCount = (row: Locator) => row.getByTestId('track-instrument');

test('arrange clips: move to another track, undo, duplicate, name, delete, duplicate a track, reload', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Arrangements');
  await page.getByTestId('import-midi-input').setInputFiles(writeMidi());
  const canvas = page.getByTestId('arrangement-canvas');
  await expect(canvas).toBeVisible();
  const rows = page.getByTestId('track-row');
  await expect(rows).toHaveCount(2);
  const lead = rows.filter({ hasText: 'Lead' });
  const bass = rows.filter({ hasText: 'Bass' });
  // The loose notes show as regions split by the empty bars: two on Lead, one on Bass.
  await expect(canvas).toHaveAttribute('data-clips', '3');
  await shot(page, info, 'arrangement-imported');

  // Drag Lead's second clip (bar 5) onto the Bass lane at bar 6: its 8 notes change track.
  const from = await pointAt(canvas, lead, 4 * bar + 200);
  const to = await pointAt(canvas, bass, 5 * bar + 200);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Move clip');
  await expect(noteCount(lead)).toContainText('8 notes');
  await expect(noteCount(bass)).toContainText('24 notes');
  await expect(canvas).not.toHaveAttribute('data-selected-clip', '');
  await shot(page, info, 'arrangement-moved');

  // Dropping it on the Bass clip's place is refused with a notice; nothing changes.
  const moved = await pointAt(canvas, bass, 5 * bar + 200);
  const taken = await pointAt(canvas, bass, bar + 200);
  await page.mouse.move(moved.x, moved.y);
  await page.mouse.down();
  await page.mouse.move(taken.x, taken.y, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByText(/taken by another clip/)).toBeVisible();
  await expect(noteCount(bass)).toContainText('24 notes');

  // Undo puts the notes back on Lead.
  await page.keyboard.press('Control+z');
  await expect(noteCount(lead)).toContainText('16 notes');
  await expect(noteCount(bass)).toContainText('16 notes');
  await expect(canvas).toHaveAttribute('data-clips', '3');

  // Choose Lead's first clip and duplicate it (Ctrl+D): it lands after itself, in bar 3.
  const first = await pointAt(canvas, lead, 200);
  await page.mouse.click(first.x, first.y);
  await expect(canvas).not.toHaveAttribute('data-selected-clip', '');
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Duplicate clip');
  await expect(noteCount(lead)).toContainText('24 notes');
  await expect(canvas).toHaveAttribute('data-clips', '4');

  // F2 names the chosen clip (the copy).
  await page.keyboard.press('F2');
  const name = page.getByRole('textbox', { name: 'Clip name' });
  await expect(name).toBeVisible();
  await name.fill('Hook');
  await name.press('Enter');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Rename clip to “Hook”');
  await shot(page, info, 'arrangement-named');

  // Delete removes the chosen clip with its notes.
  await page.keyboard.press('Delete');
  await expect(noteCount(lead)).toContainText('16 notes');
  await expect(canvas).toHaveAttribute('data-clips', '3');
  await page.keyboard.press('Control+z');
  await expect(noteCount(lead)).toContainText('24 notes');

  // Duplicate the Bass track: a third lane with the same notes.
  await bass.getByTestId('track-duplicate').click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('Bass copy');
  await expect(noteCount(rows.nth(2))).toContainText('16 notes');

  // A click on the ruler moves the playhead there.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no arrangement');
  const pxPerTick = Number(await canvas.getAttribute('data-px-per-tick'));
  await page.mouse.click(box.x + 3 * bar * pxPerTick + 2, box.y + 8);
  await expect.poll(async () => Number(await canvas.getAttribute('data-playhead-tick'))).toBeGreaterThanOrEqual(3 * bar - 10);

  // Everything is the host's: a reload shows the same clips and tracks.
  await page.reload();
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('arrangement-canvas')).toHaveAttribute('data-clips', '5');
  await expect(noteCount(rows.filter({ hasText: 'Lead' }))).toContainText('24 notes');
  await shot(page, info, 'arrangement-reloaded');
});
