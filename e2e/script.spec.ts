// The screenplay editor as a writer meets it: a new script, a scene typed with Enter/Tab cycling
// (heading, action, cue, dialogue) and laid out as a screenplay, (CONT'D) shown, the text kept
// over a reload, the host's undo, two scenes swapped on the board, exports (PDF and Fountain)
// downloaded, a .fountain file imported, and typing in the middle of a 120-page script (where the
// keys land, the layout, the outline and the board following). How long a keystroke takes to be
// painted is measured by bench/script/editor-bench.ts, not asserted here.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-script-e2e-'));

const editor = (page: Page) => page.locator('[data-testid="script-editor"] .cm-content');
const line = (page: Page, kind: string) => page.locator(`[data-testid="script-editor"] .cm-line[data-kind="${kind}"]`);

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('script-saving')).toHaveAttribute('data-unsaved', '0');
}

test('write a scene, reload, undo, reorder on the board, export and import', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Screenplays');
  await page.getByTestId('new-script').click();
  await expect(page.getByTestId('script-screen')).toBeVisible();
  await expect(editor(page)).toBeVisible();

  // The new script has a title page; type under it.
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('int. kitchen - night');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Brick opens the fridge. It is empty.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('brick');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sadly');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Anything to eat?');
  await page.keyboard.press('Enter');
  await page.keyboard.type('He closes it.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('brick');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Nothing.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ext. roof - day');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('steel');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Cold up here.');

  await expect(line(page, 'sceneHeading')).toHaveText(['INT. KITCHEN - NIGHT', 'EXT. ROOF - DAY']);
  await expect(line(page, 'character').first()).toHaveText('BRICK');
  await expect(line(page, 'parenthetical')).toHaveText('(sadly)');
  await expect(line(page, 'dialogue').first()).toHaveText('Anything to eat?');
  await expect(line(page, 'action').first()).toHaveText('Brick opens the fridge. It is empty.');
  // The second BRICK cue follows his own speech with only action between.
  await expect(line(page, 'character').nth(1)).toHaveText("BRICK (CONT'D)");
  await expect(line(page, 'character').nth(2)).toHaveText('STEEL');
  const indent = async (kind: string) => line(page, kind).first().evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
  expect(await indent('character')).toBeGreaterThan(await indent('dialogue'));
  expect(await indent('dialogue')).toBeGreaterThan(await indent('action'));
  await expect(page.getByTestId('outline-scene')).toHaveCount(2);
  await saved(page);
  await shot(page, info, 'script-editor');

  // Reload: the text is the host's.
  await page.reload();
  await expect(line(page, 'sceneHeading')).toHaveText(['INT. KITCHEN - NIGHT', 'EXT. ROOF - DAY']);
  await expect(editor(page)).toContainText('Cold up here.');

  // Undo is the host's: the last burst of typing goes.
  await expect(page.getByTestId('script-undo')).toBeEnabled();
  await page.getByTestId('script-undo').click();
  await expect(editor(page)).not.toContainText('Cold up here.');
  await page.getByTestId('script-redo').click();
  await expect(editor(page)).toContainText('Cold up here.');
  await saved(page);

  // The board: two cards; drag the second before the first.
  await page.getByTestId('script-view-board').click();
  const cards = page.getByTestId('scene-card');
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('scene-card-heading')).toHaveText(['INT. KITCHEN - NIGHT', 'EXT. ROOF - DAY']);
  await expect(cards.first()).toContainText('BRICK');
  await shot(page, info, 'script-board');
  await cards.nth(1).dragTo(cards.nth(0), { targetPosition: { x: 8, y: 40 } });
  await expect(page.getByTestId('scene-card-heading')).toHaveText(['EXT. ROOF - DAY', 'INT. KITCHEN - NIGHT']);
  await expect(page.getByTestId('script-undo')).toHaveText('Undo Move scene');
  await saved(page);
  // Alt+↓ on a focused card moves it back.
  await cards.first().focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('scene-card-heading')).toHaveText(['INT. KITCHEN - NIGHT', 'EXT. ROOF - DAY']);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('scene-card-heading')).toHaveText(['INT. KITCHEN - NIGHT', 'EXT. ROOF - DAY'].reverse());
  // Two presses in a row move the same card twice (down and back), whenever the focus catches up.
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('scene-card-heading')).toHaveText(['EXT. ROOF - DAY', 'INT. KITCHEN - NIGHT']);
  await expect(page.getByTestId('scene-card').first()).toBeFocused();
  await saved(page);
  // The filter, then a click opens the scene in the editor.
  await page.getByTestId('board-filter-character').selectOption('STEEL');
  await expect(cards).toHaveCount(1);
  await cards.first().click();
  await expect(editor(page)).toBeVisible();
  await expect(line(page, 'sceneHeading').first()).toHaveText('EXT. ROOF - DAY');

  // Reports.
  await page.getByTestId('script-view-reports').click();
  await expect(page.getByTestId('report-scenes')).toHaveText('2');
  await expect(page.getByTestId('report-characters')).toContainText('BRICK');
  await shot(page, info, 'script-reports');

  // Export a PDF and a Fountain file.
  await page.getByTestId('script-export').click();
  await page.getByTestId('export-format').selectOption('pdf');
  await page.getByTestId('export-scene-numbers').check();
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('export-go').click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = join(dir, pdf.suggestedFilename());
  await pdf.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await page.getByTestId('script-export').click();
  await page.getByTestId('export-format').selectOption('fountain');
  const fountainDownload = page.waitForEvent('download');
  await page.getByTestId('export-go').click();
  const fountain = await fountainDownload;
  expect(fountain.suggestedFilename()).toMatch(/\.fountain$/);
  const fountainPath = join(dir, fountain.suggestedFilename());
  await fountain.saveAs(fountainPath);
  const exported = readFileSync(fountainPath, 'utf8');
  expect(exported.indexOf('EXT. ROOF - DAY')).toBeLessThan(exported.indexOf('INT. KITCHEN - NIGHT'));
  expect(exported).toContain('Anything to eat?');

  // Import a .fountain file from the project screen.
  await page.getByTestId('project-link').click();
  await expect(page.getByTestId('script-row')).toHaveCount(1);
  const file = join(dir, 'The Heist.fountain');
  writeFileSync(file, 'Title: The Heist\n\nEXT. BANK - NIGHT\n\nA van idles.\n\nMAYA\nNow.\n\nINT. VAULT - CONTINUOUS\n\nDARK.\n');
  await page.getByTestId('import-script-input').setInputFiles(file);
  await expect(page.getByTestId('script-title')).toHaveText('The Heist');
  await expect(line(page, 'sceneHeading')).toHaveText(['EXT. BANK - NIGHT', 'INT. VAULT - CONTINUOUS']);
  await expect(line(page, 'character')).toHaveText('MAYA');
  await page.getByTestId('project-link').click();
  await expect(page.getByTestId('script-row')).toHaveCount(2);
  await expect(page.getByTestId('song-row')).toHaveCount(0);
  await shot(page, info, 'project-scripts');
});

/** A screenplay of about `pages` pages: scenes of action and dialogue. */
function longScript(pages: number): string {
  const out = ['Title: Long Night', '', ''];
  for (let i = 1; i <= pages * 2; i++) {
    out.push(`INT. ROOM ${i} - NIGHT`, '', 'Brick paces from the window to the door and back again, counting his steps under his breath.', '');
    out.push('Steel watches him from the bed, a cold cup of coffee in both hands, and says nothing for a long time.', '');
    for (let j = 0; j < 8; j++) out.push(j % 2 ? 'STEEL' : 'BRICK', 'We wait until the light changes, then we go, and not a second before. Not one.', '');
  }
  return out.join('\n');
}

test('typing in the middle of a 120-page script lands in place, laid out, and the outline and board follow', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Long Night');
  const file = join(dir, 'Long Night.fountain');
  writeFileSync(file, longScript(120));
  await page.getByTestId('import-script-input').setInputFiles(file);
  await expect(line(page, 'sceneHeading').first()).toBeVisible();
  const outlineScenes = page.getByTestId('outline-scene');
  await expect(outlineScenes).toHaveCount(240);

  // Into the middle of the script: the outline opens scene 121; Alt+PageDown and Alt+PageUp step
  // to the next scene and back.
  await outlineScenes.nth(120).click();
  await page.keyboard.press('Alt+PageDown');
  await page.keyboard.press('Alt+PageUp');
  await expect(page.locator('[data-testid="outline-scene"][aria-current="location"]')).toContainText('INT. ROOM 121 - NIGHT');
  // From the heading down to its first line of action, and type at its end (End goes to the end
  // of a wrapped line's row, so press it until the end of the line).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 3; i++) await page.keyboard.press('End');
  const typed = ' More words typed here, one key at a time, as a writer would.';
  await page.keyboard.type(typed, { delay: 30 });
  const paced = 'Brick paces from the window to the door and back again, counting his steps under his breath.';
  await expect(line(page, 'action').filter({ hasText: 'one key at a time' })).toHaveText(paced + typed);

  // A new scene written there with Enter and Tab: heading, action, a cue and its dialogue.
  await page.keyboard.press('Enter');
  await page.keyboard.type('int. cellar - day');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Water drips.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('nora');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Anyone down here?');

  const cellar = line(page, 'sceneHeading').filter({ hasText: 'CELLAR' });
  await expect(cellar).toHaveText('INT. CELLAR - DAY');
  await expect(line(page, 'action').filter({ hasText: 'Water drips.' })).toHaveText('Water drips.');
  await expect(line(page, 'character').filter({ hasText: 'NORA' })).toHaveText('NORA');
  await expect(line(page, 'dialogue').filter({ hasText: 'Anyone down here?' })).toHaveText('Anyone down here?');
  expect(await cellar.evaluate((el) => Number(getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
  const indent = async (kind: string) => line(page, kind).first().evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
  expect(await indent('character')).toBeGreaterThan(await indent('dialogue'));
  expect(await indent('dialogue')).toBeGreaterThan(await indent('action'));

  // Once the writer pauses, the outline has the new scene, marked as the one the cursor is in.
  await expect(outlineScenes).toHaveCount(241);
  await expect(outlineScenes.nth(121)).toContainText('INT. CELLAR - DAY');
  await expect(page.locator('[data-testid="outline-scene"][aria-current="location"]')).toContainText('INT. CELLAR - DAY');
  await saved(page);
  await shot(page, info, 'script-long');

  // …and the board has its card, with its character.
  await page.getByTestId('script-view-board').click();
  await expect(page.getByTestId('scene-card')).toHaveCount(241);
  await expect(page.getByTestId('scene-card-heading').nth(121)).toHaveText('INT. CELLAR - DAY');
  await expect(page.getByTestId('scene-card').nth(121)).toContainText('NORA');

  // The host has the text as typed: after a reload, the new scene reads the same.
  await page.reload();
  await expect(outlineScenes).toHaveCount(241);
  await outlineScenes.nth(121).click();
  await expect(line(page, 'sceneHeading').filter({ hasText: 'CELLAR' })).toHaveText('INT. CELLAR - DAY');
  await expect(line(page, 'character').filter({ hasText: 'NORA' })).toHaveText('NORA');
  await expect(line(page, 'action').filter({ hasText: 'one key at a time' })).toHaveText(paced + typed);
});
