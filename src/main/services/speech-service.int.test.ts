// The speech service through the real host (Host.dispatch, as both transports call it), with the
// real SQLite file, Debian's pocketsphinx on its own test recording (goforward.raw: "go forward ten
// meters") and the built decoding thread (dist/workers/speech-decode-thread.js): the engines'
// status and the chosen engine across a restart; a transcribe job on an imported WAV, its stored
// transcript, cancel mid-job, a damaged file and a silent one; dictation from chunks to the final
// text, its limits and refusals; argument validation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Asset, type AssetTranscript, type DictationProgress, type Job, type Project, type SpeechStatus } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import { encodeWav } from '../../shared/sound/wav-encode';
import { speechSampleRate, type Transcript } from '../../shared/speech/transcript';
import { createHost, type Host } from '../host';
import { pcm16ToFloat } from '../speech/speech-audio';
import { pocketsphinxTestDataDir } from '../speech/speech-test-sets';
import { runningChildren } from '../test/child-processes';
import { jobFinished } from '../test/host-jobs';
import { tempHome } from '../test/temp-home';

const goforwardPcm = readFileSync(join(pocketsphinxTestDataDir, 'goforward.raw'));
const goforwardWav = Buffer.from(encodeWav([pcm16ToFloat(goforwardPcm)], speechSampleRate));

/** About a minute of speech: the librivox sentences one after another, twice. */
function longSpeechWav(): Buffer {
  const dir = join(pocketsphinxTestDataDir, 'librivox');
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith('.wav'))
    .sort()
    .map((f) => pcm16ToFloat(readFileSync(join(dir, f)).subarray(44)));
  const all = [...parts, ...parts];
  const out = new Float32Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return Buffer.from(encodeWav([out], speechSampleRate));
}

describe('speech service (real host, real pocketsphinx)', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  const start = () => createHost({ dataDir: home.dir, shell: 'serve', probe: false, shippedModelsDir: null });
  const call = <T>(service: string, method: string, args: unknown, clientId = 'window-1') => host.dispatch(service, method, args, { clientId }) as Promise<T>;
  const speech = <T>(method: string, args: unknown = {}, clientId?: string) => call<T>('speech', method, args, clientId);
  const finished = (id: string): Promise<Job> => jobFinished(host, id);
  const importAudio = async (name: string, bytes: Buffer): Promise<Asset> => {
    const project = await call<Project>('projects', 'create', { name: `Takes ${Math.random()}` });
    const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('assets', 'beginUpload', { projectId: project.id, name, bytes: bytes.length, mime: 'audio/wav' });
    for (let i = 0; i * chunkBytes < bytes.length; i++) {
      await call('assets', 'uploadChunk', { uploadId, index: i, data: bytes.subarray(i * chunkBytes, (i + 1) * chunkBytes).toString('base64') });
    }
    return call<Asset>('assets', 'finishUpload', { uploadId });
  };

  beforeEach(() => {
    home = tempHome();
    host = start();
  });
  afterEach(() => {
    host.close();
    home.remove();
  });

  it('lists the engines, keeps the chosen one across a restart, and refuses an engine that cannot run', async () => {
    const status = await speech<SpeechStatus>('status');
    expect(status.engine).toBe('pocketsphinx');
    expect(status.modelsDir).toBe(join(home.dir, 'models'));
    expect(status.engines.map((e) => e.engine)).toEqual(['pocketsphinx', 'whisper']);
    expect(status.engines[0]).toMatchObject({ available: true, detail: expect.stringContaining('pocketsphinx_continuous') });
    expect(status.engines[1]).toMatchObject({ available: false, installHint: expect.stringContaining('npm install @fugood/whisper.node') });

    expect((await speech<SpeechStatus>('setEngine', { engine: 'whisper' })).engine).toBe('whisper');
    host.close();
    host = start();
    expect((await speech<SpeechStatus>('status')).engine).toBe('whisper');
    const asset = await importAudio('go forward.wav', goforwardWav);
    const refused = await rejection(speech('transcribeAsset', { assetId: asset.id }));
    expect(refused.code).toBe('unavailable');
    expect(refused.message).toMatch(/whisper cannot run: .*Install: .*npm install @fugood\/whisper\.node/);
    expect((await rejection(speech('dictationStart'))).code).toBe('unavailable');
    await speech('setEngine', { engine: 'pocketsphinx' });
    expect((await speech<SpeechStatus>('status')).engine).toBe('pocketsphinx');
  });

  it('transcribes an imported WAV as a job and keeps the words with the asset until it is deleted', async () => {
    const asset = await importAudio('go forward.wav', goforwardWav);
    expect(await speech('transcript', { assetId: asset.id })).toBeNull();
    const job = await speech<Job>('transcribeAsset', { assetId: asset.id });
    expect(job).toMatchObject({ kind: 'transcribe', title: 'Transcribe “go forward.wav”' });
    // Asking again while it runs answers the same job.
    expect((await speech<Job>('transcribeAsset', { assetId: asset.id })).id).toBe(job.id);
    const done = await finished(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result).toMatchObject({ assetId: asset.id, engine: 'pocketsphinx', words: 4 });
    const rtf = done.result!.realTimeFactor as number;
    console.log(`transcribe job: ${(done.result!.seconds as number).toFixed(2)} s for ${(done.result!.durationSeconds as number).toFixed(2)} s of audio, RTF ${rtf.toFixed(2)}, job wall ${((done.finishedAt! - done.startedAt!) / 1000).toFixed(2)} s`);
    expect(done.messages.map((m) => m.text).join('\n')).toMatch(/4 words in 2\.8 s of audio/);

    const transcript = await speech<AssetTranscript>('transcript', { assetId: asset.id });
    expect(transcript.text).toContain('forward');
    expect(transcript).toMatchObject({ assetId: asset.id, engine: 'pocketsphinx' });
    expect(transcript.durationSeconds).toBeCloseTo(2.79, 1);
    for (const w of transcript.words) {
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.confidence).toBeGreaterThan(0);
      expect(w.confidence).toBeLessThanOrEqual(1);
    }
    // The same after a restart; gone with the asset.
    host.close();
    host = start();
    expect((await speech<AssetTranscript>('transcript', { assetId: asset.id })).text).toBe(transcript.text);
    await call('assets', 'delete', { id: asset.id });
    expect((await rejection(speech('transcript', { assetId: asset.id }))).code).toBe('not-found');
    expect(host.db.prepare('SELECT count(*) AS n FROM transcripts').get()).toEqual({ n: 0 });
  });

  it('cancels a long transcription mid-job: the program stops and nothing is stored', async () => {
    const asset = await importAudio('sense and sensibility.wav', longSpeechWav());
    const job = await speech<Job>('transcribeAsset', { assetId: asset.id });
    // Wait until pocketsphinx runs.
    await expect.poll(() => runningChildren('pocketsphinx').length, { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    expect(host.jobs.get(job.id).status).toBe('running');
    await call('jobs', 'cancel', { id: job.id });
    const done = await finished(job.id);
    expect(done.status).toBe('cancelled');
    await expect.poll(() => runningChildren('pocketsphinx'), { timeout: 5000 }).toEqual([]);
    expect(await speech('transcript', { assetId: asset.id })).toBeNull();
  });

  it('fails a damaged file with a sentence naming it, and gives a silent one a note instead of words', async () => {
    const damaged = Buffer.concat([goforwardWav.subarray(0, 12), Buffer.from('this is not a fmt chunk at all, just text '.repeat(20))]);
    const broken = await importAudio('broken take.wav', damaged);
    const failed = await finished((await speech<Job>('transcribeAsset', { assetId: broken.id })).id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^“broken take\.wav” looks like WAV audio but cannot be decoded/) });
    expect(failed.error!.message).not.toContain(home.dir);

    const silent = await importAudio('room tone.wav', Buffer.from(encodeWav([new Float32Array(2 * speechSampleRate)], speechSampleRate)));
    const quiet = await finished((await speech<Job>('transcribeAsset', { assetId: silent.id })).id);
    expect(quiet.status).toBe('succeeded');
    expect(quiet.result).toMatchObject({ words: 0, note: expect.stringMatching(/^No speech was recognised in the 2\.0 s of audio/) });
    expect((await speech<AssetTranscript>('transcript', { assetId: silent.id })).words).toEqual([]);
  });

  it('dictates: chunks in, partial text while speaking, the final transcript with “forward”', async () => {
    const { dictationId, sampleRate, maxChunkBytes } = await speech<{ dictationId: string; sampleRate: number; maxChunkBytes: number }>('dictationStart');
    expect(sampleRate).toBe(16_000);
    // As a microphone sends it: a quarter of a second every quarter of a second.
    const chunk = 8000;
    expect(chunk).toBeLessThanOrEqual(maxChunkBytes);
    const replies: DictationProgress[] = [];
    for (let at = 0; at < goforwardPcm.length; at += chunk) {
      replies.push(await speech<DictationProgress>('dictationAppend', { dictationId, samples: goforwardPcm.subarray(at, at + chunk).toString('base64') }));
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(replies.at(-1)!.seconds).toBeCloseTo(2.79, 1);
    const partials = replies.map((r) => r.partial).filter((p) => p !== '');
    expect(partials.length).toBeGreaterThan(0);
    const stopped = performance.now();
    const final = await speech<Transcript>('dictationFinish', { dictationId });
    const latency = performance.now() - stopped;
    console.log(`dictation: partials ${JSON.stringify(replies.map((r) => r.partial))}; final “${final.text}” ${latency.toFixed(0)} ms after the last chunk`);
    expect(final.text).toContain('forward');
    expect(final.words[0]!.start).toBeGreaterThan(0.3);
    expect(final.engine).toBe('pocketsphinx');
    // Finished: it is gone.
    expect((await rejection(speech('dictationAppend', { dictationId, samples: 'AAAAAA==' }))).code).toBe('not-found');

    // When the speaker pauses before stopping, the phrase was recognised during the pause: the
    // final text is there at once.
    const second = (await speech<{ dictationId: string }>('dictationStart')).dictationId;
    const withPause = Buffer.concat([goforwardPcm, Buffer.alloc(32_000)]);
    for (let at = 0; at < withPause.length; at += chunk) {
      await speech('dictationAppend', { dictationId: second, samples: withPause.subarray(at, at + chunk).toString('base64') });
      await new Promise((r) => setTimeout(r, 250));
    }
    const paused = performance.now();
    const afterPause = await speech<Transcript>('dictationFinish', { dictationId: second });
    console.log(`dictation after a pause: final “${afterPause.text}” ${(performance.now() - paused).toFixed(0)} ms after the last chunk`);
    expect(afterPause.text).toContain('forward');
  });

  it('refuses bad chunks clearly, keeps to the limits per window, and the host lives on', async () => {
    const { dictationId } = await speech<{ dictationId: string }>('dictationStart');
    const refusal = async (samples: string) => (await rejection(speech('dictationAppend', { dictationId, samples }))).message;
    expect(await refusal('AAA')).toMatch(/base64 of 16 kHz mono 16-bit PCM/);
    expect(await refusal('not base64!')).toMatch(/base64 of 16 kHz mono 16-bit PCM/);
    expect(await refusal('AA==')).toMatch(/whole 16-bit samples/);
    expect(await refusal(Buffer.alloc(64 * 1024 + 2).toString('base64'))).toMatch(/at most 65536 bytes/);
    expect(await refusal('')).toMatch(/at least one sample/);
    // Still open and working after the refusals.
    expect((await speech<DictationProgress>('dictationAppend', { dictationId, samples: goforwardPcm.subarray(0, 8000).toString('base64') })).seconds).toBe(0.25);
    // Another window cannot touch it; two per window.
    expect((await rejection(speech('dictationAppend', { dictationId, samples: 'AAAAAA==' }, 'window-2'))).code).toBe('not-found');
    await speech('dictationStart');
    expect((await rejection(speech('dictationStart'))).message).toMatch(/At most 2 dictations/);
    await speech('dictationStart', {}, 'window-2');
    // A window that goes takes its dictations with it; cancel drops one.
    host.clientGone('window-2');
    await speech('dictationCancel', { dictationId });
    expect((await rejection(speech('dictationFinish', { dictationId }))).code).toBe('not-found');
    expect((await speech<SpeechStatus>('status')).engine).toBe('pocketsphinx');
  });

  it('validates every argument', async () => {
    const bad = async (method: string, args: unknown) => (await rejection(speech(method, args))).code;
    expect(await bad('setEngine', { engine: 'siri' })).toBe('invalid-argument');
    expect(await bad('status', { verbose: true })).toBe('invalid-argument');
    expect(await bad('transcribeAsset', { assetId: 'x' })).toBe('invalid-argument');
    expect(await bad('transcribeAsset', { assetId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc' })).toBe('not-found');
    expect(await bad('transcript', {})).toBe('invalid-argument');
    expect(await bad('dictationAppend', { dictationId: 'x', samples: 'AAAAAA==' })).toBe('invalid-argument');
    expect(await bad('dictationFinish', { dictationId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc' })).toBe('not-found');
    expect(await bad('dictationCancel', { dictationId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc', extra: 1 })).toBe('invalid-argument');
  });
});
