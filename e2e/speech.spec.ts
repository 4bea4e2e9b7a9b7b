// Speech in the studio, with Debian's pocketsphinx on the host and a Chromium whose microphone
// plays a real recording: pocketsphinx-testdata's goforward.raw ("go forward ten meters"), written
// at test time as a 16-bit WAV (with a second of silence after it, since the fake device loops it)
// into a private temp folder and given to Chromium with --use-file-for-fake-audio-capture. So this
// file's Chromium is launched with the fake-media flags (test.use: a worker of its own); the
// folder is made before the browser starts, which is when the first test asks for a page. Settings shows the engines and keeps
// the choices; dictation puts the words into a scene as one saved, undoable edit; a voice command
// says what it heard; an imported WAV is transcribed as a job and its words appear on the waveform.
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../src/shared/sound/wav-encode';
import { chromiumArgs, chromiumPath } from './chromium';
import { callHost } from './host-api';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = join(tmpdir(), `montage-speech-e2e-${randomUUID()}`);
const wav = join(dir, 'go-forward.wav');

test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required'],
  },
});

test.beforeAll(() => {
  // Made here, not at a predictable name: exclusive and private.
  mkdirSync(dir, { mode: 0o700 });
  const raw = readFileSync('/usr/share/pocketsphinx/test/data/goforward.raw');
  const speech = new Float32Array(raw.length / 2 + 16_000);
  for (let i = 0; i < raw.length / 2; i++) speech[i] = raw.readInt16LE(i * 2) / 32768;
  writeFileSync(wav, encodeWav([speech], 16_000), { flag: 'wx', mode: 0o600 });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const editor = (page: Page) => page.locator('[data-testid="script-editor"] .cm-content');

test('Settings lists the speech engines and keeps the choices', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
  const sphinx = page.locator('[data-testid="speech-engine"][data-engine="pocketsphinx"]');
  await expect(sphinx).toHaveAttribute('data-available', 'true');
  await expect(sphinx.getByTestId('speech-engine-state')).toHaveText('✓ Available');
  await expect(sphinx.getByTestId('speech-engine-detail')).toContainText('pocketsphinx_continuous');
  const whisper = page.locator('[data-testid="speech-engine"][data-engine="whisper"]');
  await expect(whisper).toHaveAttribute('data-available', 'false');
  await expect(whisper.getByTestId('speech-engine-install')).toContainText('npm install @fugood/whisper.node');
  await expect(page.getByTestId('speech-engine-pocketsphinx')).toBeChecked();
  await expect(page.getByTestId('speech-models-dir')).toContainText(join(serve.dataDir, 'models'));
  await expect(page.getByTestId('settings-record-activity')).toBeChecked();
  await shot(page, info, 'settings');

  // Both choices are the host's: they are still there after a reload.
  await page.getByTestId('speech-engine-whisper').check();
  await expect(page.getByTestId('speech-engine-missing')).toBeVisible();
  await page.getByTestId('settings-record-activity').uncheck();
  await page.reload();
  await expect(page.getByTestId('speech-engine-whisper')).toBeChecked();
  await expect(page.getByTestId('settings-record-activity')).not.toBeChecked();
  // The History screen's pause is the same switch.
  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('history-paused-badge')).toBeVisible();
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-record-activity').check();
  await page.getByTestId('speech-engine-pocketsphinx').check();
  await expect(page.getByTestId('speech-engine-missing')).toHaveCount(0);
});

test('dictate into a scene: the words are inserted at the cursor, saved, and undone in one step', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Dictated');
  await page.getByTestId('new-script').click();
  await expect(editor(page)).toBeVisible();
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('int. lab - day');
  await page.keyboard.press('Enter');
  await page.keyboard.type('The robot waits.');
  await expect(page.getByTestId('script-saving')).toHaveAttribute('data-unsaved', '0');

  await page.keyboard.press('Control+Shift+D');
  const panel = page.getByTestId('listening-panel');
  await expect(panel).toHaveAttribute('data-phase', 'listening');
  await expect(page.getByTestId('dictate')).toHaveAttribute('aria-pressed', 'true');
  // Partial text arrives while the recording plays; stop once the whole phrase (2.8 s) is in.
  await expect(page.getByTestId('listening-partial')).toContainText(/go|forward/, { timeout: 20_000 });
  await shot(page, info, 'dictation-listening');
  await expect(panel).toContainText(/0:0[3-9]/, { timeout: 20_000 });
  await page.getByTestId('dictate').click();
  await expect(page.getByTestId('listening-outcome')).toContainText('Inserted as an action paragraph', { timeout: 20_000 });
  const latency = Number(await panel.getAttribute('data-latency-ms'));
  console.log(`dictation: “${await page.getByTestId('listening-partial').textContent()}”, final text ${latency} ms after Stop`);
  await expect(editor(page)).toContainText(/Go forward/);
  await expect(page.locator('[data-testid="script-editor"] .cm-line[data-kind="action"]').filter({ hasText: /forward/ })).toHaveCount(1);
  await expect(page.getByTestId('script-saving')).toHaveAttribute('data-unsaved', '0');
  await shot(page, info, 'dictation-inserted');

  // Saved like typing: there after a reload; one undo step takes it out.
  await page.reload();
  await expect(editor(page)).toContainText(/Go forward/);
  await expect(page.getByTestId('script-undo')).toHaveAttribute('title', /Undo Dictation/);
  await page.getByTestId('script-undo').click();
  await expect(editor(page)).not.toContainText('forward');
  await expect(editor(page)).toContainText('The robot waits.');
});

test('dictation says clearly what is wrong: engine missing, permission denied, no microphone, silence', async ({ page }, info) => {
  // The page's microphone is the fake device unless the test asks for a refusal or silence.
  await page.addInitScript(() => {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const mode = (window as unknown as { montageMic?: string }).montageMic;
      if (mode === 'denied') throw new DOMException('Permission denied', 'NotAllowedError');
      if (mode === 'none') throw new DOMException('Requested device not found', 'NotFoundError');
      if (mode === 'silent') return new AudioContext().createMediaStreamDestination().stream;
      return real(constraints);
    };
  });
  const mic = (mode: string) => page.evaluate((m) => ((window as unknown as { montageMic?: string }).montageMic = m), mode);
  await openNewProject(page, serve.launchUrl, 'Problems');
  await page.getByTestId('new-script').click();
  await expect(editor(page)).toBeVisible();
  const problem = page.getByTestId('listening-problem');

  await callHost(page, 'speech', 'setEngine', { engine: 'whisper' });
  await page.getByTestId('dictate').click();
  await expect(problem).toHaveAttribute('data-kind', 'unavailable');
  await expect(problem).toContainText('whisper cannot run');
  await expect(page.getByTestId('listening-install')).toContainText('npm install @fugood/whisper.node');
  await shot(page, info, 'dictation-engine-missing');
  await page.getByTestId('listening-dismiss').click();
  await callHost(page, 'speech', 'setEngine', { engine: 'pocketsphinx' });

  await mic('denied');
  await page.getByTestId('dictate').click();
  await expect(problem).toHaveAttribute('data-kind', 'denied');
  await expect(problem).toContainText('permission was denied');
  await page.getByTestId('listening-dismiss').click();

  await mic('none');
  await page.getByTestId('dictate').click();
  await expect(problem).toHaveAttribute('data-kind', 'no-microphone');
  await expect(problem).toContainText('No microphone was found');
  await page.getByTestId('listening-dismiss').click();

  await mic('silent');
  await page.getByTestId('dictate').click();
  await expect(page.getByTestId('listening-panel')).toHaveAttribute('data-phase', 'listening');
  await expect(page.getByTestId('listening-panel')).toContainText('0:02', { timeout: 10_000 });
  await page.getByTestId('listening-stop').click();
  await expect(problem).toHaveAttribute('data-kind', 'silence');
  await expect(problem).toContainText('Nothing was heard');
  await shot(page, info, 'dictation-silence');
  // Nothing was inserted.
  await expect(page.getByTestId('script-undo')).toBeDisabled();
});

test('a voice command says what it heard and that no command matches it', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  await page.getByTestId('voice-command').click();
  await expect(page.getByTestId('listening-panel')).toHaveAttribute('data-mode', 'command');
  // It stops by itself after the utterance and the pause that follows it.
  await expect(page.getByTestId('listening-outcome')).toContainText('No voice command matches that', { timeout: 30_000 });
  await expect(page.getByTestId('listening-partial')).toContainText(/forward/);
  await shot(page, info, 'voice-command-no-match');
  await page.getByTestId('listening-dismiss').click();
  await expect(page.getByTestId('listening-panel')).toHaveCount(0);
});

test('transcribe an imported WAV: a job, then the words on the waveform and in a list', async ({ page }, info) => {
  await openNewProject(page, serve.launchUrl, 'Field notes');
  await page.getByTestId('import-audio-input').setInputFiles(wav);
  await page.getByTestId('audio-row').getByTestId('audio-select').click();
  await expect(page.getByTestId('waveform-duration')).toHaveText('0:03.79');
  await page.getByTestId('transcribe').click();
  const words = page.getByTestId('transcript-word');
  await expect(words.filter({ hasText: 'forward' })).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('transcript-summary')).toContainText(/\d words · pocketsphinx/);
  // Each word is a region on the waveform (wavesurfer draws in an open shadow root).
  const regions = page.locator('[data-testid="waveform-canvas"] [part~="region"][part*="word-"]');
  expect(await regions.count()).toBe(await words.count());
  await expect(regions.first()).toBeVisible();
  // Clicking a word plays just that word.
  await words.filter({ hasText: 'forward' }).click();
  await expect(page.getByTestId('waveform-play')).toHaveText('Pause');
  await expect(page.getByTestId('waveform-play')).toHaveText('Play', { timeout: 5000 });
  await shot(page, info, 'transcript-on-waveform');
  // The job is in the Jobs panel like every other (it opened when the job started).
  const panel = page.getByTestId('jobs-panel');
  if (!(await panel.isVisible())) await page.getByTestId('jobs-toggle').click();
  await expect(panel.getByTestId('job-row').filter({ hasText: 'Transcribe “go-forward.wav”' })).toContainText(/\d words in 3\.8 s of audio \(real-time factor 0\.\d\d\)/);
  await shot(page, info, 'transcribe-job');
});
