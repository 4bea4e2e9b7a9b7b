// Audio assets as a user meets them: import a WAV (written here by hand: a 440 Hz sine) through
// "Import audio…", watch the upload finish, open its waveform (wavesurfer.js draws it in its own
// shadow DOM), click to seek, mark a region by dragging and play it; a text file named .wav is
// refused at the control and nothing is added.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sineWav } from '../src/main/test/wav-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-audio-e2e-'));


/** Seconds shown as the playhead ("0:06.02 / 0:12.00" → 6.02). */
async function playhead(page: Page): Promise<number> {
  const text = (await page.getByTestId('waveform-time').textContent()) ?? '';
  const m = /^(\d+):(\d+\.\d+)/.exec(text);
  if (!m) throw new Error(`no playhead in “${text}”`);
  return Number(m[1]) * 60 + Number(m[2]);
}

test('import a WAV, see its waveform, seek, and play a region', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Field recordings');
  // 12 s of 44.1 kHz mono: 1,058,444 bytes, so two chunks of 1 MiB.
  const path = join(dir, 'Sine 440.wav');
  writeFileSync(path, sineWav(12, 440, 44_100));
  await page.getByTestId('import-audio-input').setInputFiles(path);
  const row = page.getByTestId('audio-row');
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('upload-progress')).toHaveCount(0);
  await expect(row).toContainText('Sine 440.wav');
  await expect(row).toContainText('1.0 MB');

  await row.getByTestId('audio-select').click();
  const wave = page.getByTestId('waveform-canvas');
  await expect(page.getByTestId('waveform-duration')).toHaveText('0:12.00');
  // wavesurfer renders into an open shadow root; Playwright's CSS locators pierce it.
  await expect(wave.locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('waveform-error')).toHaveCount(0);

  // Click to seek: half-way across the waveform is about 6 s (on screen first: For you and the
  // sections above may push it below the fold).
  await wave.scrollIntoViewIfNeeded();
  const box = await wave.boundingBox();
  if (!box) throw new Error('the waveform is not on screen');
  const y = box.y + box.height / 2;
  await page.mouse.click(box.x + box.width / 2, y);
  await expect.poll(() => playhead(page)).toBeGreaterThan(5.5);
  expect(await playhead(page)).toBeLessThan(6.5);

  // Drag from a quarter to 40 % to mark a region (3 s … 4.8 s), then play just that.
  await page.mouse.move(box.x + box.width * 0.25, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.32, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.4, y, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('waveform-region')).toContainText(/Region 0:0[23]\.\d\d – 0:0[45]\.\d\d/);
  await page.getByTestId('waveform-play-region').click();
  await expect(page.getByTestId('waveform-play')).toHaveText('Pause');
  await shot(page, info, 'audio-waveform-playing');
  // It stops by itself at the region's end.
  await expect(page.getByTestId('waveform-play')).toHaveText('Play');
  const stopped = await playhead(page);
  expect(stopped).toBeGreaterThan(4.3);
  expect(stopped).toBeLessThan(5.3);
  // The same from the keyboard (registry commands): Shift+Space plays the region, Space pauses.
  await page.keyboard.press('Shift+Space');
  await expect(page.getByTestId('waveform-play')).toHaveText('Pause');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('waveform-play')).toHaveText('Play');

  // Ctrl+wheel over the waveform zooms in (the slider follows), and the page does not scroll.
  const zoom = page.getByTestId('waveform-zoom');
  const fitted = Number(await zoom.inputValue());
  await page.mouse.move(box.x + box.width * 0.6, y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => Number(await zoom.inputValue())).toBeGreaterThan(fitted);
  // Zoomed in, the waveform scrolls inside its box; the page does not grow.
  await zoom.fill('400');
  await expect(wave.locator('canvas').first()).toBeVisible();
  expect((await wave.boundingBox())?.width).toBe(box.width);
  await expect.poll(() => wave.evaluate((el) => {
    const scroller = el.firstElementChild?.shadowRoot?.querySelector('.scroll');
    return scroller ? scroller.scrollWidth / scroller.clientWidth : 0;
  })).toBeGreaterThan(3);
  await shot(page, info, 'audio-waveform-zoomed');
});

test('a text file named .wav is refused at the control and nothing is added', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Not audio');
  const fake = join(dir, 'notes.wav');
  writeFileSync(fake, 'These are my lyrics, not a recording.\n');
  await page.getByTestId('import-audio-input').setInputFiles(fake);
  await expect(page.getByTestId('import-audio-error')).toHaveText('“notes.wav”: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.');
  await expect(page.getByTestId('audio-row')).toHaveCount(0);
  await shot(page, info, 'audio-refused');
});

test('dropping a WAV on the window imports it as audio, not as a song', async ({ page }) => {
  await openNewProject(page, serve.launchUrl, 'Dropped');
  const bytes = [...sineWav(1)];
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'Dropped take.wav', { type: 'audio/wav' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('main, body', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toContainText('Drop MIDI or audio files');
  await page.dispatchEvent('main, body', 'drop', { dataTransfer });
  await expect(page.getByTestId('audio-row')).toHaveText(/Dropped take\.wav/);
  await expect(page.getByTestId('song-row')).toHaveCount(0);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
});

test('a WAV the browser cannot decode is said in the waveform view', async ({ page }) => {
  await openNewProject(page, serve.launchUrl, 'Broken');
  // The right first bytes (so the host keeps it) and no valid chunks after them.
  const broken = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0xf4, 0x03, 0, 0]), Buffer.from('WAVE'), Buffer.alloc(1000, 0x5a)]);
  const path = join(dir, 'broken.wav');
  writeFileSync(path, broken);
  await page.getByTestId('import-audio-input').setInputFiles(path);
  await page.getByTestId('audio-row').getByTestId('audio-select').click();
  await expect(page.getByTestId('waveform-error')).toContainText('This file cannot be played here: the browser could not decode it');
  await expect(page.getByTestId('waveform-play')).toBeDisabled();
});
