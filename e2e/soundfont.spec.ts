// A soundfont in the song editor: "Soundfont…" refuses a file that is not one, adds Debian's
// TimGM6mb (read from /usr/share at test time, never part of the repository) to the project and
// chooses it for the song (an undoable "Change instruments" edit); Play renders the tracks from it
// and plays in time (the playhead moves, no error); Render to WAV stores a WAV whose waveform is
// drawn and which differs from the built-in instruments' render.
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notes, writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-soundfont-e2e-'));
const soundfont = '/usr/share/sounds/sf2/TimGM6mb.sf2';

/** 2 bars at 120 BPM (480 PPQ): piano quarters, a bass note a bar, kick and snare. */
function writeMidi(): string {
  return writeTestMidi(dir, 'Font Tune', 120, [
    { name: 'Keys', channel: 0, notes: notes(8, (i) => ({ midi: [60, 64, 67, 72][i % 4] as number, ticks: i * 480, durationTicks: 440, velocity: 0.8 })) },
    { name: 'Bass', channel: 1, program: 33, notes: notes(2, (i) => ({ midi: 36, ticks: i * 1920, durationTicks: 1800, velocity: 0.9 })) },
    { name: 'Beat', channel: 9, notes: notes(8, (i) => ({ midi: i % 2 ? 38 : 36, ticks: i * 480, durationTicks: 120, velocity: 0.9 })) },
  ]);
}

/** The stored WAVs of the project's assets folder, oldest first. */
const storedWavs = (): Buffer[] => {
  const projects = join(serve.dataDir, 'projects');
  return readdirSync(projects, { recursive: true, encoding: 'utf8' })
    .filter((f) => /assets[/\\][0-9a-f]{64}\.wav$/.test(f))
    .map((f) => readFileSync(join(projects, f)));
};

test('a soundfont for a song: refused junk, added, chosen, played and rendered', async ({ page }, info) => {
  test.skip(!existsSync(soundfont), `${soundfont} is missing: apt-get install timgm6mb-soundfont (.ci/run does).`);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await openNewProject(page, serve.launchUrl, 'Soundfonts');
  await page.getByTestId('import-midi-input').setInputFiles(writeMidi());
  const roll = page.getByTestId('piano-roll');
  await expect(roll).toBeVisible();
  const choice = page.getByTestId('song-soundfont');
  await expect(choice).toHaveValue('');

  // The built-in render first, to compare with.
  await page.getByTestId('render-wav').click();
  await expect(page.getByTestId('render-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect.poll(() => storedWavs().length).toBe(1);
  const builtIn = storedWavs()[0] as Buffer;

  // A file that is not a soundfont is refused at the control, and nothing is added.
  const junk = join(dir, 'junk.sf2');
  writeFileSync(junk, 'RIFF\x10\x00\x00\x00WAVEjunkjunk');
  await page.getByTestId('soundfont-input').setInputFiles(junk);
  await expect(page.getByTestId('soundfont-error')).toHaveText('“junk.sf2”: This file is not a SoundFont: Montage reads SF2 and SF3 soundfonts (RIFF “sfbk” files).');
  await expect(choice.locator('option')).toHaveCount(1);

  // The real soundfont: uploaded, listed, chosen for the song.
  await page.getByTestId('soundfont-input').setInputFiles(soundfont);
  await expect(choice.locator('option')).toHaveCount(2, { timeout: 30_000 });
  await expect(choice.locator('option').nth(1)).toHaveText('TimGM6mb.sf2');
  await expect(choice).not.toHaveValue('');
  await expect(page.getByTestId('soundfont-error')).toHaveCount(0);
  await expect(page.getByTestId('song-undo')).toHaveAttribute('title', /Change instruments/);
  await shot(page, info, 'soundfont-chosen');

  // Play: the tracks render from the soundfont, then the playhead moves.
  const play = page.getByTestId('transport-play');
  await play.click();
  await expect(play).toHaveAttribute('data-status', 'playing', { timeout: 30_000 });
  await expect.poll(async () => Number(await roll.getAttribute('data-playhead-tick'))).toBeGreaterThan(240);
  await expect(page.getByTestId('transport-error')).toHaveCount(0);
  await shot(page, info, 'soundfont-playing');
  await play.click();
  await expect(play).toHaveAttribute('data-status', 'stopped');

  // Render to WAV with the soundfont: stored, drawn, and not the built-in render.
  await page.getByTestId('render-wav').click();
  const status = page.getByTestId('render-status');
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect.poll(() => storedWavs().length).toBe(2);
  await page.getByTestId('render-open').click();
  await expect(page.getByTestId('audio-row').filter({ hasText: 'TimGM6mb.sf2' })).toHaveCount(1);
  await expect(page.getByTestId('waveform-duration')).toHaveText('0:06.00');
  await expect(page.getByTestId('waveform-canvas').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('waveform-error')).toHaveCount(0);
  await shot(page, info, 'soundfont-render-waveform');

  const font = storedWavs().find((w) => !w.equals(builtIn)) as Buffer;
  expect(font.length).toBe(builtIn.length);
  expect(font.length).toBe(44 + 6 * 44_100 * 4);
  let peak = 0;
  let differ = 0;
  for (let at = 44; at + 1 < font.length; at += 2) {
    peak = Math.max(peak, Math.abs(font.readInt16LE(at)));
    if (Math.abs(font.readInt16LE(at) - builtIn.readInt16LE(at)) > 64) differ++;
  }
  expect(peak).toBeGreaterThan(1000);
  expect(differ).toBeGreaterThan(44_100);

  expect(problems).toEqual([]);
});
