// Render to WAV in the song editor: a short song (piano melody, bass, drums) imported from MIDI is
// rendered offline with the playback instruments, stored as an audio asset of the project through
// the chunked upload, said on the toolbar with a download, and opens in the project's audio
// section with its waveform drawn.
import { expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notes, writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-render-e2e-'));

/** 2 bars at 120 BPM (480 PPQ): piano quarters, one bass note a bar, kick and snare. */
function writeMidi(): string {
  return writeTestMidi(dir, 'Short Tune', 120, [
    { name: 'Keys', channel: 0, notes: notes(8, (i) => ({ midi: [60, 64, 67, 72][i % 4] as number, ticks: i * 480, durationTicks: 440, velocity: 0.8 })) },
    { name: 'Bass', channel: 1, program: 33, notes: notes(2, (i) => ({ midi: 36, ticks: i * 1920, durationTicks: 1800, velocity: 0.9 })) },
    { name: 'Beat', channel: 9, notes: notes(8, (i) => ({ midi: i % 2 ? 38 : 36, ticks: i * 480, durationTicks: 120, velocity: 0.9 })) },
  ]);
}

test('render a song to WAV: the asset is stored, listed with a size, and its waveform drawn', async ({ page }, info) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await openNewProject(page, serve.launchUrl, 'Renders');
  await page.getByTestId('import-midi-input').setInputFiles(writeMidi());
  await expect(page.getByTestId('piano-roll')).toBeVisible();
  const title = (await page.getByTestId('song-title').textContent()) ?? '';
  const name = `${title} (render).wav`;

  // The command (Ctrl/Cmd+Shift+E) and the button run the same action; the button here.
  await page.getByTestId('render-wav').click();
  const status = page.getByTestId('render-status');
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(status).toContainText(`Rendered to ${name}`);
  const download = page.getByTestId('render-download');
  await expect(download).toHaveAttribute('download', name);
  await expect(download).toHaveAttribute('href', /^blob:/);
  await shot(page, info, 'render-done');


  // The link opens the project's audio section with the render selected and drawn.
  await page.getByTestId('render-open').click();
  const row = page.getByTestId('audio-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  // 2 bars at 120 BPM (4 s) + 2 s tail, 44.1 kHz 16-bit stereo: 6 × 176,400 + 44 bytes ≈ 1 MB.
  await expect(row).toContainText('1.0 MB');
  await expect(row.getByTestId('audio-select')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('waveform-duration')).toHaveText('0:06.00');
  await expect(page.getByTestId('waveform-canvas').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('waveform-error')).toHaveCount(0);
  await page.getByTestId('waveform-canvas').scrollIntoViewIfNeeded();
  await shot(page, info, 'render-waveform');

  // The stored bytes (in the project's assets folder) are a 16-bit stereo 44.1 kHz WAV with sound.
  const projects = join(serve.dataDir, 'projects');
  const files = readdirSync(projects, { recursive: true, encoding: 'utf8' }).filter((f) => /assets[/\\][0-9a-f]{64}\.wav$/.test(f));
  expect(files).toHaveLength(1);
  const bytes = readFileSync(join(projects, files[0] as string));
  let peak = 0;
  for (let at = 44; at + 1 < bytes.length; at += 2) peak = Math.max(peak, Math.abs(bytes.readInt16LE(at)));
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.readUInt16LE(22)).toBe(2);
  expect(bytes.readUInt32LE(24)).toBe(44_100);
  expect(bytes.readUInt16LE(34)).toBe(16);
  expect(bytes.length).toBe(44 + 6 * 44_100 * 4);
  expect(peak).toBeGreaterThan(1000);

  expect(problems).toEqual([]);
});
