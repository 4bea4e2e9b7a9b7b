// The song editor as a musician meets it: import a MIDI file (made here with @tonejs/midi), see
// its tracks and notes, draw and move a note, undo with the host's history, reload, watch a second
// tab follow an edit, refuse a non-MIDI file at the control, export and read the file back.
import { expect, test, type Locator } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import midiPkg from '@tonejs/midi';
import { notes, writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const { Midi } = midiPkg;
const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-song-e2e-'));

/** Two tracks: a piano melody (16 notes) and drums on channel 10 (MIDI channel 9, 8 hits), 100 BPM. */
function writeMidi(): { path: string; notes: number } {
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  const path = writeTestMidi(dir, 'Night Drive', 100, [
    { name: 'Lead', channel: 0, notes: notes(16, (i) => ({ midi: scale[i % 8] as number, ticks: i * 240, durationTicks: 220, velocity: 0.8 })) },
    { name: 'Beat', channel: 9, notes: notes(8, (i) => ({ midi: i % 2 ? 38 : 36, ticks: i * 480, durationTicks: 120, velocity: 0.9 })) },
  ]);
  return { path, notes: 24 };
}

interface RollGeometry {
  left: number;
  top: number;
  pxPerTick: number;
  scrollX: number;
  scrollY: number;
  rowHeight: number;
  highPitch: number;
  keysWidth: number;
  rulerHeight: number;
}

async function geometry(roll: Locator): Promise<RollGeometry> {
  const box = await roll.boundingBox();
  if (!box) throw new Error('the piano roll is not on screen');
  const num = async (name: string) => Number(await roll.getAttribute(`data-${name}`));
  return {
    left: box.x,
    top: box.y,
    pxPerTick: await num('px-per-tick'),
    scrollX: await num('scroll-x'),
    scrollY: await num('scroll-y'),
    rowHeight: await num('row-height'),
    highPitch: await num('high-pitch'),
    keysWidth: await num('keys-width'),
    rulerHeight: await num('ruler-height'),
  };
}

/** The page point in the middle of the cell (tick, pitch), a little right of the tick. */
function at(g: RollGeometry, tick: number, pitch: number): { x: number; y: number } {
  return {
    x: g.left + g.keysWidth + tick * g.pxPerTick - g.scrollX + 4,
    y: g.top + g.rulerHeight + (g.highPitch - pitch) * g.rowHeight - g.scrollY + g.rowHeight / 2,
  };
}


test('import a MIDI file, edit it in the piano roll, undo, reload, a second tab, export', async ({ page, context }, info) => {
  const file = writeMidi();
  await openNewProject(page, serve.launchUrl, 'Song Sketches');

  // A file that is not MIDI but named .mid: refused at the control, nothing created.
  const fake = join(dir, 'not-really.mid');
  writeFileSync(fake, 'this is a text file, not a Standard MIDI File');
  await page.getByTestId('import-midi-input').setInputFiles(fake);
  await expect(page.getByTestId('import-error')).toContainText('not-really.mid');
  await expect(page.getByTestId('song-row')).toHaveCount(0);
  await shot(page, info, 'import-refused');

  // The real file opens in the editor.
  await page.getByTestId('import-midi-input').setInputFiles(file.path);
  const roll = page.getByTestId('piano-roll');
  await expect(roll).toBeVisible();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  const tracks = page.getByTestId('track-row');
  await expect(tracks).toHaveCount(2);
  await expect(tracks.nth(0)).toContainText('Lead');
  await expect(tracks.filter({ has: page.locator('[data-drum="true"]') }).or(page.locator('[data-testid="track-row"][data-drum="true"]'))).toHaveCount(1);
  await expect(page.locator('[data-testid="track-row"][data-drum="true"]')).toContainText('Drums');
  await expect(roll).toHaveAttribute('data-track-notes', '16');
  await expect.poll(async () => Number(await roll.getAttribute('data-visible-notes'))).toBeGreaterThan(0);
  await shot(page, info, 'piano-roll-imported');

  // The drum track shows GM drum names on its rows.
  await page.locator('[data-testid="track-row"][data-drum="true"]').getByTestId('track-name').click();
  await expect(roll).toHaveAttribute('data-drum', 'true');
  await expect(roll).toHaveAttribute('data-track-notes', '8');
  await shot(page, info, 'drum-grid');
  await tracks.nth(0).getByTestId('track-name').click();
  await expect(roll).toHaveAttribute('data-track-notes', '16');

  // Draw a note (pencil) on a free row in view, then drag it one beat later and up two semitones.
  await page.getByTestId('snap').selectOption('1/4');
  await page.getByTestId('draw-mode').click();
  let g = await geometry(roll);
  const drawAt = at(g, 480 * 6, 62);
  await page.mouse.click(drawAt.x, drawAt.y);
  await expect(roll).toHaveAttribute('data-track-notes', '17');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Add note');
  await page.getByTestId('draw-mode').click();
  g = await geometry(roll);
  const from = at(g, 480 * 6, 62);
  const to = at(g, 480 * 7, 64);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('song-undo')).toContainText(/^Undo Move/);
  await expect(roll).toHaveAttribute('data-track-notes', '17');
  const rev = Number(await page.getByTestId('song-editor').getAttribute('data-rev'));

  // Ctrl+Z undoes the move (the host's history): the undo label goes back to "Add note".
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Add note');
  await expect(page.getByTestId('song-redo')).toContainText(/^Redo Move/);
  // Clicking where the note now is selects it (it is back at its drawn place).
  g = await geometry(roll);
  const back = at(g, 480 * 6, 62);
  await page.mouse.click(back.x, back.y);
  await expect(roll).toHaveAttribute('data-selected', '1');

  // Reload: the note is still there, and Undo still offers "Add note".
  await page.reload();
  await expect(roll).toHaveAttribute('data-track-notes', '17');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Add note');
  expect(Number(await page.getByTestId('song-editor').getAttribute('data-rev'))).toBeGreaterThan(rev);

  // A second tab on the same song follows an edit made in the first.
  const other = await context.newPage();
  await other.goto(page.url());
  const otherRoll = other.getByTestId('piano-roll');
  await expect(otherRoll).toHaveAttribute('data-track-notes', '17');
  await page.keyboard.press('Control+a');
  await expect(roll).toHaveAttribute('data-selected', '17');
  await page.keyboard.press('Delete');
  await expect(roll).toHaveAttribute('data-track-notes', '0');
  await expect(otherRoll).toHaveAttribute('data-track-notes', '0');
  await expect(other.getByTestId('song-undo')).toHaveText('Undo Delete 17 notes');
  await other.keyboard.press('Control+z');
  await expect(roll).toHaveAttribute('data-track-notes', '17');
  await other.close();

  // The command palette lists song-editor commands with their keys, and runs one.
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await page.getByTestId('palette-input').fill('zoom');
  await expect(palette.getByTestId('palette-row').first()).toBeVisible();
  await shot(page, info, 'command-palette');
  await page.getByTestId('palette-input').fill('select all');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(roll).toHaveAttribute('data-selected', '17');

  // Export: the download parses back to the same number of notes (17 + 8 drums).
  await page.getByTestId('project-link').click();
  await expect(page.getByTestId('song-row')).toHaveCount(1);
  await shot(page, info, 'project-songs');
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('song-row').getByTestId('song-export').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.mid$/);
  const saved = join(dir, 'exported.mid');
  await download.saveAs(saved);
  const parsed = new Midi(readFileSync(saved));
  expect(parsed.tracks.reduce((sum, t) => sum + t.notes.length, 0)).toBe(25);
});
