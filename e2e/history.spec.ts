// The History screen as a user meets it: a song opened and played shows up as "Opened" and
// "Played" rows (recorded by the renderer, in the background), a row can be deleted, paused
// recording adds nothing when the song is opened again, and Clear history (after a confirmation
// with the count) leaves the empty state that says what is recorded and that nothing leaves the
// machine.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callHost } from './host-api';
import { notes, writeTestMidi } from './midi-fixture';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-history-e2e-'));

/** Two bars of piano at 120 BPM, base64 for documents.importMidi. */
function midiData(): string {
  const path = writeTestMidi(dir, 'Demo', 120, [{ name: 'Keys', channel: 0, notes: notes(8, (i) => ({ midi: 60 + i, ticks: i * 480, durationTicks: 440, velocity: 0.8 })) }]);
  return readFileSync(path).toString('base64');
}

async function openSongInUi(page: Page, project: string, song: string): Promise<void> {
  await page.getByTestId('app-name').click();
  await page.getByTestId('project-row').filter({ hasText: project }).getByTestId('project-open').click();
  await expect(page.getByTestId('project-title')).toHaveText(project);
  await page.getByTestId('song-row').filter({ hasText: song }).getByTestId('song-open').click();
  await expect(page.getByTestId('song-title')).toHaveText(song);
  await expect(page.getByTestId('piano-roll')).toBeVisible();
}

test('History: opened and played rows, delete a row, pause, clear', async ({ page }, info) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));

  await page.goto(serve.launchUrl);
  const project = await callHost<{ id: string }>(page, 'projects', 'create', { name: 'History Demo' });
  const imported = await callHost<{ document: { id: string } }>(page, 'documents', 'importMidi', { projectId: project.id, name: 'Demo', data: midiData() });
  const songKey = `song:${imported.document.id}`;

  // Open the song in the editor, play it, stop.
  await openSongInUi(page, 'History Demo', 'Demo');
  const play = page.getByTestId('transport-play');
  await play.click();
  await expect(play).toHaveAttribute('data-status', 'playing');
  await play.click();
  await expect(play).toHaveAttribute('data-status', 'stopped');

  // History, from the link in the app bar.
  await page.getByTestId('open-history').click();
  await expect(page).toHaveURL(/#\/history$/);
  const view = page.getByTestId('history-view');
  await expect(view).toBeVisible();
  const rows = page.getByTestId('history-row');
  const songRows = rows.and(page.locator(`[data-item="${songKey}"]`));
  const opened = songRows.and(page.locator('[data-type="document.opened"]'));
  const played = songRows.and(page.locator('[data-type="song.played"]'));
  await expect(opened).toHaveCount(1);
  await expect(opened.getByTestId('history-what')).toHaveText('Opened song “Demo”');
  await expect(opened).toContainText('History Demo');
  await expect(played).toHaveCount(1);
  await expect(played.getByTestId('history-what')).toHaveText('Played song “Demo”');
  // Newest first: the play came after the open.
  const types = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-type')));
  expect(types.indexOf('song.played')).toBeLessThan(types.indexOf('document.opened'));
  // The host's own events are there too (the project and the import).
  await expect(rows.and(page.locator('[data-type="document.imported"]'))).toHaveCount(1);
  const total = await rows.count();
  await expect(page.getByTestId('history-count')).toHaveText(`${total} events`);
  await expect(page.getByTestId('history-span')).not.toBeEmpty();
  await shot(page, info, 'history');

  // Filters: only Played, then back to all.
  await page.getByTestId('history-filter-type').selectOption('played');
  await expect(rows).toHaveCount(1);
  await expect(played).toHaveCount(1);
  await page.getByTestId('history-range-today').click();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('history-filters-reset').click();
  await expect(rows).toHaveCount(total);

  // Tick a range with Shift+click; the header box ticks every row, then none.
  const checks = page.getByTestId('history-row-check');
  await checks.nth(0).click();
  await checks.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('history-selected-count')).toHaveText('3 selected');
  await expect(checks.nth(1)).toBeChecked();
  await expect(checks.nth(3)).not.toBeChecked();
  await shot(page, info, 'history-selected');
  await page.getByTestId('history-select-all').click();
  await expect(page.getByTestId('history-selected-count')).toHaveText(`${total} selected`);
  await page.getByTestId('history-select-all').click();
  await expect(page.getByTestId('history-delete-selected')).toBeDisabled();

  // Delete one row: the import.
  const importRow = rows.and(page.locator('[data-type="document.imported"]'));
  await importRow.getByTestId('history-row-check').check();
  await expect(page.getByTestId('history-selected-count')).toHaveText('1 selected');
  await page.getByTestId('history-delete-selected').click();
  await expect(importRow).toHaveCount(0);
  await expect(rows).toHaveCount(total - 1);
  await expect(page.getByTestId('history-count')).toHaveText(`${total - 1} events`);
  // Gone on the host too.
  const listed = await callHost<{ type: string }[]>(page, 'history', 'list', {});
  expect(listed.map((e) => e.type)).not.toContain('document.imported');

  // Pause recording: opening the song again adds nothing.
  const pause = page.getByTestId('history-pause');
  await pause.click();
  await expect(pause).toHaveText('Resume recording');
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('history-paused-badge')).toHaveText('Recording paused');
  await expect(page.getByTestId('history-paused-note')).toBeVisible();
  await shot(page, info, 'history-paused');
  await openSongInUi(page, 'History Demo', 'Demo');
  await page.waitForTimeout(500);
  await page.getByTestId('open-history').click();
  await expect(view).toBeVisible();
  await expect(page.getByTestId('history-paused-badge')).toBeVisible();
  await expect(rows).toHaveCount(total - 1);
  await expect(opened).toHaveCount(1);
  await expect(page.getByTestId('history-count')).toHaveText(`${total - 1} events`);

  // Resume.
  await pause.click();
  await expect(pause).toHaveText('Pause recording');
  await expect(pause).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('history-paused-badge')).toHaveCount(0);
  expect((await callHost<{ paused: boolean }>(page, 'history', 'status', {})).paused).toBe(false);

  // Clear, after a confirmation that says how many.
  await page.getByTestId('history-clear').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Clear the whole history?');
  await expect(page.getByTestId('history-clear-count')).toHaveText(`${total - 1} events`);
  await shot(page, info, 'history-clear-confirm');
  await page.getByTestId('history-clear-confirm').click();
  await expect(dialog).toHaveCount(0);
  const empty = page.getByTestId('history-empty');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('nothing leaves the machine');
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('history-count')).toHaveText('0 events');
  await expect(page.getByTestId('history-clear')).toBeDisabled();
  await shot(page, info, 'history-empty');

  // The command palette knows the way here too.
  await page.getByTestId('app-name').click();
  await page.keyboard.press('Control+K');
  await page.getByTestId('palette-input').fill('open history');
  await page.keyboard.press('Enter');
  await expect(view).toBeVisible();

  expect(problems).toEqual([]);
});
