// Playback in the song editor: Space plays a song (sampled piano, synth bass, synthesised drums)
// through Tone.js, the playhead moves and the roll follows, the piano samples load same-origin
// under the CSP, Space stops and Home returns, L and a drag on the ruler loop, a click on the ruler
// moves the playhead, the tempo field is an undoable "Change tempo" edit, count-in can be stopped,
// and a piano that cannot load is said on the toolbar.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notes, writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-playback-e2e-'));

/** 16 bars at 100 BPM (480 PPQ): a piano melody in quarters, a bass on each bar, kick and snare. */
function writeMidi(): string {
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  return writeTestMidi(dir, 'Loop Study', 100, [
    { name: 'Keys', channel: 0, notes: notes(64, (i) => ({ midi: scale[i % 8] as number, ticks: i * 480, durationTicks: 440, velocity: 0.8 })) },
    { name: 'Bass', channel: 1, program: 33, notes: notes(16, (i) => ({ midi: 36 + (i % 4) * 2, ticks: i * 1920, durationTicks: 1800, velocity: 0.9 })) },
    {
      name: 'Beat',
      channel: 9,
      notes: [
        ...notes(64, (i) => ({ midi: i % 2 ? 38 : 36, ticks: i * 480, durationTicks: 120, velocity: 0.9 })),
        ...notes(128, (i) => ({ midi: 42, ticks: i * 240, durationTicks: 60, velocity: 0.6 })),
      ],
    },
  ]);
}

const playhead = async (roll: Locator) => Number(await roll.getAttribute('data-playhead-tick'));

/** The page x of `tick` on the roll (its ruler is the top `ruler-height` pixels). */
async function rulerPoint(roll: Locator, tick: number): Promise<{ x: number; y: number }> {
  const box = await roll.boundingBox();
  if (!box) throw new Error('the piano roll is not on screen');
  const num = async (name: string) => Number(await roll.getAttribute(`data-${name}`));
  return { x: box.x + (await num('keys-width')) + tick * (await num('px-per-tick')) - (await num('scroll-x')), y: box.y + (await num('ruler-height')) / 2 };
}

async function openSong(page: Page, project: string): Promise<Locator> {
  await openNewProject(page, serve.launchUrl, project);
  await page.getByTestId('import-midi-input').setInputFiles(writeMidi());
  const roll = page.getByTestId('piano-roll');
  await expect(roll).toBeVisible();
  await expect(roll).toHaveAttribute('data-playhead-tick', '0');
  return roll;
}

test('play a song: the playhead moves, samples load under the CSP, stop, home, loop, seek, tempo', async ({ page }, info) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  const samples = new Map<string, number>();
  page.on('response', (r) => {
    if (r.url().includes('/samples/piano/')) samples.set(r.url(), r.status());
  });

  const roll = await openSong(page, 'Playback');
  const play = page.getByTestId('transport-play');
  await expect(play).toHaveText('▶ Play');
  await expect(page.getByTestId('tempo')).toHaveValue('100');
  await expect(page.getByTestId('time-signature')).toHaveText('4/4');

  // Space plays. The piano's samples load first: held back here so the loading state can be seen.
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/samples/piano/**', async (route) => {
    await held;
    await route.continue();
  });
  await page.keyboard.press('Space');
  await expect(play).toHaveText('Loading piano…');
  await expect(play).toHaveAttribute('data-status', 'loading');
  release();
  await expect(play).toHaveAttribute('data-status', 'playing');
  await expect(play).toHaveText('■ Stop');
  await expect(roll).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => playhead(roll)).toBeGreaterThan(0);
  const early = await playhead(roll);
  await expect.poll(() => playhead(roll)).toBeGreaterThan(early + 240);
  await shot(page, info, 'playing');

  // All 30 piano samples came from the renderer's own folder (the '#' ones too).
  expect(samples.size).toBe(30);
  expect([...samples.values()].every((s) => s === 200)).toBe(true);
  expect([...samples.keys()].some((u) => u.includes('D%23'))).toBe(true);

  // The shortcuts overlay lists the Transport group with its keys.
  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcuts-overlay');
  await expect(overlay).toContainText('Transport');
  await expect(overlay).toContainText('Play or stop');
  await expect(overlay).toContainText('Space');
  await shot(page, info, 'shortcuts-transport');
  await page.keyboard.press('?');
  await expect(overlay).toHaveCount(0);

  // Space stops where it is: the playhead no longer moves.
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'stopped');
  const stoppedAt = await playhead(roll);
  expect(stoppedAt).toBeGreaterThan(0);
  await page.waitForTimeout(400);
  expect(await playhead(roll)).toBe(stoppedAt);
  await expect(page.getByTestId('transport-position')).not.toHaveText('1.1');

  // Home goes back to the start.
  await page.keyboard.press('Home');
  await expect(roll).toHaveAttribute('data-playhead-tick', '0');
  await expect(page.getByTestId('transport-position')).toHaveText('1.1');

  // L loops the whole song (16 bars), and again turns it off.
  await page.keyboard.press('l');
  await expect(page.getByTestId('transport-loop')).toHaveAttribute('aria-pressed', 'true');
  await expect(roll).toHaveAttribute('data-loop', `0-${16 * 1920}`);
  await page.keyboard.press('l');
  await expect(page.getByTestId('transport-loop')).toHaveAttribute('aria-pressed', 'false');
  await expect(roll).toHaveAttribute('data-loop', 'off');

  // A drag along the ruler sets a one-bar loop and turns looping on; playing wraps around in it.
  const from = await rulerPoint(roll, 0);
  const to = await rulerPoint(roll, 1920);
  await page.mouse.move(from.x + 1, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, to.y, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(roll).toHaveAttribute('data-loop', '0-1920');
  await expect(page.getByTestId('transport-loop')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('transport-metronome').click();
  await expect(page.getByTestId('transport-metronome')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'playing');
  let highest = 0;
  await expect
    .poll(async () => {
      const tick = await playhead(roll);
      expect(tick).toBeLessThanOrEqual(1920);
      const wrapped = highest > 1200 && tick < highest - 600;
      highest = Math.max(highest, tick);
      return wrapped;
    })
    .toBe(true);
  await shot(page, info, 'looping');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'stopped');

  // A click on the ruler moves the playhead there.
  const bar3 = await rulerPoint(roll, 3840);
  await page.mouse.click(bar3.x + 0.5, bar3.y);
  await expect.poll(async () => Math.abs((await playhead(roll)) - 3840)).toBeLessThanOrEqual(10);
  const seekedTo = await playhead(roll);
  await expect(page.getByTestId('transport-position')).toHaveText('3.1');

  // The tempo field is an edit of the song, undoable by name.
  await page.getByTestId('tempo').fill('140');
  await page.getByTestId('tempo').press('Enter');
  await expect(page.getByTestId('song-undo')).toHaveText('Undo Change tempo');
  await expect(page.getByTestId('tempo')).toHaveValue('140');

  // The palette lists the Transport commands with their keys, and runs one.
  await page.getByTestId('song-title').click();
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await page.getByTestId('palette-input').fill('transport');
  await expect(palette.getByTestId('palette-row')).toHaveCount(5);
  await expect(palette).toContainText('Space');
  await page.getByTestId('palette-input').fill('count-in');
  await expect(palette.getByTestId('palette-row').first()).toContainText('Count-in');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByTestId('transport-count-in')).toHaveAttribute('aria-pressed', 'true');

  // Loop off, count-in on: a bar of clicks, then playing from bar 3; leaving the editor stops it.
  await page.keyboard.press('l');
  await expect(roll).toHaveAttribute('data-loop', 'off');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'counting');
  await expect(play).toHaveText('■ Count-in…');
  expect(await playhead(roll)).toBe(seekedTo);
  await expect(play).toHaveAttribute('data-status', 'playing');
  await expect.poll(() => playhead(roll)).toBeGreaterThan(seekedTo);
  // The roll turns the page when the playhead nears its right edge.
  const scrolled = Number(await roll.getAttribute('data-scroll-x'));
  await expect.poll(async () => Number(await roll.getAttribute('data-scroll-x'))).toBeGreaterThan(scrolled);
  await shot(page, info, 'followed');

  // Space on the focused Play button toggles once, not twice (the button's own click is not added).
  await play.click();
  await expect(play).toHaveAttribute('data-status', 'stopped');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'counting');
  // Stop during the count-in: playback never starts.
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'stopped');
  const halted = await playhead(roll);
  await page.waitForTimeout(2500);
  await expect(play).toHaveAttribute('data-status', 'stopped');
  expect(await playhead(roll)).toBe(halted);
  await shot(page, info, 'stopped');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-status', 'counting');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-title')).toHaveText('Playback');

  expect(problems).toEqual([]);
});

test('a piano that cannot load says so on the toolbar and does not play', async ({ page }, info) => {
  const roll = await openSong(page, 'Broken piano');
  await page.route('**/samples/piano/**', (route) => route.abort());
  await page.getByTestId('transport-play').click();
  await expect(page.getByTestId('transport-error')).toContainText(/Audio could not start: the piano sample \S+ could not be loaded/);
  await expect(page.getByTestId('transport-play')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('transport-play')).toHaveText('▶ Play');
  expect(await playhead(roll)).toBe(0);
  await shot(page, info, 'audio-error');
});
