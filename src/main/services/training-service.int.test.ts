// The `training` API on a real host: real SQLite, songs imported into a project through the
// documents service, uploaded MIDI files, and real train-music worker processes (a fresh build of
// the ML worker) training tiny models (MONTAGE_TRAIN_TINY=1) for a few steps. Refusals: nothing
// chosen, non-MIDI bytes, not base64, too few examples, too many bytes.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import midiPkg from '@tonejs/midi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isFinished,
  maxTrainingUploadBytes,
  type Job,
  type MetricPoint,
  type ModelInfo,
  type Project,
  type TrainingCorpusSummary,
} from '../../shared/api';
import type { ImportSummary } from '../../shared/api/documents';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';
import { buildWorkerEntry } from '../../../scripts/build-worker-entry';
import { rejection } from '../../shared/api/testing/rejection';

const { Midi } = midiPkg;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = join(root, 'dist', 'workers', `ml-worker.training-int-${process.pid}.js`);

/** A one-track melody (or drum) song of `bars` bars of eighth notes, as base64 MIDI. */
function midiBase64(bars: number, shape: (i: number) => number, drums = false): string {
  const midi = new Midi();
  midi.header.setTempo(110);
  const track = midi.addTrack();
  track.name = drums ? 'Drums' : 'Lead';
  track.channel = drums ? 9 : 0;
  for (let i = 0; i < bars * 8; i++) track.addNote({ midi: shape(i), ticks: i * 240, durationTicks: 200, velocity: 0.8 });
  return Buffer.from(midi.toArray()).toString('base64');
}

let home: ReturnType<typeof tempHome>;
let host: Host;
let project: Project;
let songId: string;
const previousTiny = process.env.MONTAGE_TRAIN_TINY;

const call = <T>(service: string, method: string, args: unknown) => host.dispatch(service, method, args) as Promise<T>;

function finished(jobId: string, timeoutMs = 150_000): Promise<Job> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${jobId} did not finish`)), timeoutMs);
    const check = (job: Job): void => {
      if (job.id === jobId && isFinished(job.status)) {
        clearTimeout(timer);
        off();
        resolve(job);
      }
    };
    const off = host.bus.on('onJobChanged', check);
    check(host.jobs.get(jobId));
  });
}

beforeAll(async () => {
  await buildWorkerEntry('src/workers/ml-worker.ts', entry);
  process.env.MONTAGE_TRAIN_TINY = '1';
  home = tempHome();
  host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null, workerEntry: entry });
  project = await call<Project>('projects', 'create', { name: 'Tunes' });
  const imported = await call<ImportSummary>('documents', 'importMidi', { projectId: project.id, name: 'Scale', data: midiBase64(8, (i) => 60 + (i % 8)) });
  songId = imported.document.id;
  await call('documents', 'importMidi', { projectId: project.id, name: 'Arpeggio', data: midiBase64(6, (i) => [60, 64, 67, 72][i % 4]! + (Math.floor(i / 8) % 3)) });
}, 60_000);

afterAll(() => {
  host?.close();
  home?.remove();
  rmSync(entry, { force: true });
  rmSync(`${entry}.map`, { force: true });
  if (previousTiny === undefined) delete process.env.MONTAGE_TRAIN_TINY;
  else process.env.MONTAGE_TRAIN_TINY = previousTiny;
});

describe('training.preview', () => {
  it("counts a project's two-bar melodies without training, and the skipped windows by reason", async () => {
    const all = await call<TrainingCorpusSummary>('training', 'preview', { configName: 'melody-2bar', source: { kind: 'songs', projectId: project.id } });
    expect(all).toMatchObject({ configName: 'melody-2bar', kind: 'melody', bars: 2, sources: 2, enough: true, minExamples: 2, unreadable: [] });
    expect(all.examples).toBeGreaterThanOrEqual(4);
    expect(all.summary).toMatch(/^found \d+ two-bar melodies in 2 tracks/);
    const one = await call<TrainingCorpusSummary>('training', 'preview', { configName: 'melody-2bar', source: { kind: 'songs', projectId: project.id, docIds: [songId] } });
    expect(one.sources).toBe(1);
    expect(one.examples).toBeLessThan(all.examples);
    expect(host.jobs.list(10)).toEqual([]);
  });

  it('picks single tracks of a song', async () => {
    const opened = (await call<{ content: { tracks: { id: string }[] } }>('documents', 'open', { id: songId })).content;
    const track = opened.tracks[0]!.id;
    const r = await call<TrainingCorpusSummary>('training', 'preview', { configName: 'melody-2bar', source: { kind: 'songs', projectId: project.id, tracks: [{ docId: songId, trackId: track }] } });
    expect(r.examples).toBeGreaterThan(0);
    const err = await rejection(call('training', 'preview', { configName: 'melody-2bar', source: { kind: 'songs', projectId: project.id, tracks: [{ docId: songId, trackId: 'nope' }] } }));
    expect(err.code).toBe('not-found');
    expect(err.message).toMatch(/“Scale” has no track nope/);
  });

  it('reads uploaded files, counting the unreadable ones', async () => {
    const r = await call<TrainingCorpusSummary>('training', 'preview', {
      configName: 'melody-2bar',
      source: { kind: 'files', files: [{ name: 'a.mid', base64: midiBase64(4, (i) => 62 + ((i * 5) % 12)) }, { name: 'notes.txt', base64: Buffer.from('hello there').toString('base64') }] },
    });
    expect(r.sources).toBe(2);
    expect(r.examples).toBeGreaterThan(0);
    expect(r.unreadable).toEqual([{ name: 'notes.txt', reason: expect.any(String) }]);
    expect(r.skipped).toContainEqual({ reason: 'not a MIDI file Montage can read', label: 'unreadable file', count: 1 });
  });
});

describe('training.start refusals', () => {
  it('refuses empty, unknown and oversized input with a clear invalid-argument', async () => {
    const noFiles = await rejection(call('training', 'start', { configName: 'melody-2bar', source: { kind: 'files', files: [] } }));
    expect(noFiles.code).toBe('invalid-argument');
    expect(noFiles.message).toMatch(/Choose at least one MIDI file/);

    const badConfig = await rejection(call('training', 'start', { configName: 'opera-8bar', source: { kind: 'songs', projectId: project.id } }));
    expect(badConfig.message).toMatch(/Choose a configuration: melody-2bar, melody-4bar, drums-2bar/);

    const nothing = await rejection(call('training', 'start', { configName: 'melody-2bar', source: { kind: 'songs', projectId: project.id, docIds: [] } }));
    expect(nothing.code).toBe('invalid-argument');
    expect(nothing.message).toBe('Choose at least one song or track to train on.');

    const chunk = 'A'.repeat(Math.ceil((2.5 * 1000 * 1000) / 3) * 4);
    const tooBig = await rejection(
      call('training', 'start', { configName: 'melody-2bar', source: { kind: 'files', files: [1, 2, 3].map((i) => ({ name: `${i}.mid`, base64: chunk })) } }),
    );
    expect(tooBig.code).toBe('invalid-argument');
    expect(tooBig.message).toContain(`upload at most ${maxTrainingUploadBytes / 1e6} MB at a time`);

    const notBase64 = await rejection(call('training', 'start', { configName: 'melody-2bar', source: { kind: 'files', files: [{ name: 'x.mid', base64: '%%%%' }] } }));
    expect(notBase64.code).toBe('invalid-argument');
    expect(notBase64.message).toMatch(/“x\.mid” did not arrive as base64/);
    expect(host.jobs.list(10)).toEqual([]);
  });

  it('refuses non-MIDI files and too few examples, naming the reasons', async () => {
    const junk = await rejection(
      call('training', 'start', { configName: 'melody-2bar', source: { kind: 'files', files: [{ name: 'junk.mid', base64: Buffer.from('not a midi file at all').toString('base64') }] } }),
    );
    expect(junk.code).toBe('invalid-argument');
    expect(junk.message).toMatch(/^No 2-bar melodies could be extracted: 1 × not a MIDI file Montage can read; unreadable: junk\.mid/);

    const drums = await rejection(call('training', 'start', { configName: 'drums-2bar', source: { kind: 'songs', projectId: project.id } }));
    expect(drums.code).toBe('invalid-argument');
    expect(drums.message).toBe('No 2-bar drum patterns could be extracted: the chosen songs hold no 2-bar stretch of drum notes.');

    const short = await rejection(
      call('training', 'start', { configName: 'melody-4bar', source: { kind: 'files', files: [{ name: 'short.mid', base64: midiBase64(4, (i) => 60 + (i % 5)) }] } }),
    );
    expect(short.code).toBe('invalid-argument');
    expect(short.message).toMatch(/^(No|Only 1) 4-bar melod/);
    expect(host.jobs.list(10)).toEqual([]);
  });
});

describe('training.start', () => {
  it("trains on a project's songs: the job streams loss, KL and accuracy points and registers the model with its project", async () => {
    const points: MetricPoint[] = [];
    const off = host.bus.on('onJobProgress', (p) => points.push(p.point));
    const { job, corpus } = await call<{ job: Job; corpus: TrainingCorpusSummary }>('training', 'start', {
      configName: 'melody-2bar',
      source: { kind: 'songs', projectId: project.id },
      name: 'My scales',
      steps: 8,
    });
    expect(job).toMatchObject({ kind: 'train-music' });
    expect(job.title).toContain('My scales');
    expect(corpus.examples).toBeGreaterThanOrEqual(4);
    const done = await finished(job.id);
    off();
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(points.length).toBeGreaterThan(0);
    expect(points.some((p) => typeof p.kl === 'number' && typeof p.accuracy === 'number')).toBe(true);
    expect(points.some((p) => typeof p.heldOutLoss === 'number' && typeof p.heldOutAccuracy === 'number')).toBe(true);
    // The stored series keeps the same figures.
    const series = await call<MetricPoint[]>('jobs', 'series', { id: job.id });
    expect(series.some((p) => typeof p.kl === 'number')).toBe(true);
    const models = await call<ModelInfo[]>('models', 'list', {});
    const model = models.find((m) => m.id === done.result?.modelId);
    expect(model).toMatchObject({ name: 'My scales', origin: 'trained', configName: 'melody-2bar', projectId: project.id });
    expect(model!.data.examples).toBe(corpus.examples);
  }, 180_000);

  it('trains on uploaded files, can be cancelled, and resumes from the last checkpoint', async () => {
    const { job } = await call<{ job: Job }>('training', 'start', {
      configName: 'melody-2bar',
      source: { kind: 'files', files: [{ name: 'zigzag.mid', base64: midiBase64(6, (i) => 62 + ((i * 5) % 12)) }] },
      name: 'Zigzag',
      steps: 100_000,
    });
    // Past the first checkpoint (tiny runs evaluate and save every 10 steps).
    await new Promise<void>((resolve) => {
      const off = host.bus.on('onJobProgress', (p) => {
        if (p.jobId === job.id && p.point.step >= 12) {
          off();
          resolve();
        }
      });
    });
    await call('jobs', 'cancel', { id: job.id });
    const done = await finished(job.id, 30_000);
    expect(done.status).toBe('cancelled');

    const steps: number[] = [];
    const off = host.bus.on('onJobProgress', (p) => p.jobId !== job.id && steps.push(p.point.step));
    const { job: resumed } = await call<{ job: Job }>('training', 'resume', { jobId: job.id });
    expect(resumed.title).toMatch(/^Resume melody-2bar: Zigzag/);
    const again = await rejection(call('training', 'resume', { jobId: job.id }));
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/resumed already, as a later job/);
    await expect.poll(() => steps.length, { timeout: 60_000 }).toBeGreaterThan(0);
    off();
    // It went on from the checkpoint, not from step 1.
    expect(steps[0]).toBeGreaterThan(10);
    await call('jobs', 'cancel', { id: resumed.id });
    expect((await finished(resumed.id, 30_000)).status).toBe('cancelled');
    // Cancelled again, it can be resumed again (its folder is kept under its new job).
    const third = await call<{ job: Job }>('training', 'resume', { jobId: resumed.id });
    await call('jobs', 'cancel', { id: third.job.id });
    await finished(third.job.id, 30_000);

    const unknown = await rejection(call('training', 'resume', { jobId: '5f2e3c0a-2222-4a2b-8c3d-123456789abc' }));
    expect(unknown.code).toBe('not-found');
    expect(unknown.message).toMatch(/cannot be resumed/);
  }, 180_000);
});

describe('training after a restart', () => {
  it('resumes a run that Montage closed under (interrupted) from its kept checkpoint', async () => {
    const home2 = tempHome();
    const dataDir = join(home2.dir, 'data');
    let first: Host | undefined = createHost({ dataDir, shell: 'cli', probe: false, shippedModelsDir: null, workerEntry: entry });
    let second: Host | undefined;
    try {
      const started = (await first.dispatch('training', 'start', {
        configName: 'melody-2bar',
        source: { kind: 'files', files: [{ name: 'zigzag.mid', base64: midiBase64(6, (i) => 62 + ((i * 5) % 12)) }] },
        name: 'Interrupted tune',
        steps: 100_000,
      })) as { job: Job };
      await new Promise<void>((resolve) => {
        const off = first!.bus.on('onJobProgress', (p) => {
          if (p.jobId === started.job.id && p.point.step >= 22) {
            off();
            resolve();
          }
        });
      });
      first.close();
      first = undefined;

      second = createHost({ dataDir, shell: 'cli', probe: false, shippedModelsDir: null, workerEntry: entry });
      expect(second.jobs.get(started.job.id).status).toBe('interrupted');
      expect(((await second.dispatch('training', 'resumable', {})) as { jobIds: string[] }).jobIds).toEqual([started.job.id]);
      const { job } = (await second.dispatch('training', 'resume', { jobId: started.job.id })) as { job: Job };
      const step = await new Promise<number>((resolve) => {
        const off = second!.bus.on('onJobProgress', (p) => {
          if (p.jobId === job.id) {
            off();
            resolve(p.point.step);
          }
        });
      });
      expect(step).toBeGreaterThan(10);
      second.jobs.cancel(job.id);
    } finally {
      first?.close();
      second?.close();
      home2.remove();
    }
  }, 120_000);
});
