// The training service's data side: MIDI files → corpus (unreadable files skipped with their
// reason), and the refusal of a corpus too small to train on, before any folder or job is made.
import midiPkg from '@tonejs/midi';
import { describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../shared/api';
import type { JobManager } from '../jobs/job-manager';
import { createEventBus } from './event-bus';
import type { HostModelsService } from './models-service';
import { buildTrainingCorpus, createTrainingService } from './training-service';

const { Midi } = midiPkg;

/** A one-track song of `bars` bars of eighth notes (drums on channel 10 when `drums`). */
function song(bars: number, pitch: (i: number) => number, drums = false): Uint8Array {
  const midi = new Midi();
  const track = midi.addTrack();
  track.channel = drums ? 9 : 0;
  for (let i = 0; i < bars * 8; i++) track.addNote({ midi: pitch(i), ticks: i * 240, durationTicks: 200, velocity: 0.8 });
  return midi.toArray();
}

describe('buildTrainingCorpus', () => {
  it('extracts melodies from every readable file, deduplicated, and counts unreadable files as skipped', () => {
    const { builder, corpus } = buildTrainingCorpus('melody-2bar', [
      { name: 'a.mid', bytes: song(4, (i) => 50 + ((i * 7) % 30)) },
      { name: 'b.mid', bytes: song(4, (i) => 50 + ((i * 7) % 30)) },
      { name: 'junk.mid', bytes: new TextEncoder().encode('hello') },
    ]);
    expect(corpus.files).toBe(3);
    expect(corpus.examples).toBeGreaterThan(1);
    expect(builder.examples).toHaveLength(corpus.examples);
    expect(corpus.unreadable).toEqual([{ name: 'junk.mid', reason: expect.stringMatching(/MIDI/) }]);
    expect(corpus.skipped).toContainEqual({ reason: 'not a MIDI file Montage can read', label: 'unreadable file', count: 1 });
    // b.mid is a's copy: all its windows are duplicates.
    expect(corpus.skipped.find((s) => s.label === 'duplicates')?.count).toBeGreaterThan(0);
    expect(corpus.summary).toMatch(/^found \d+ two-bar melodies .*; 1 file could not be read$/);
  });

  it('takes drum patterns from drum tracks only', () => {
    const drums = buildTrainingCorpus('drums-2bar', [{ name: 'beat.mid', bytes: song(4, (i) => [36, 42, 38, 42][i % 4]!, true) }]);
    expect(drums.corpus.examples).toBeGreaterThan(0);
    const melodies = buildTrainingCorpus('melody-2bar', [{ name: 'beat.mid', bytes: song(4, (i) => [36, 42, 38, 42][i % 4]!, true) }]);
    expect(melodies.corpus.examples).toBe(0);
  });
});

describe('trainMusic', () => {
  const deps = () => {
    const stagingDir = vi.fn(() => '/nowhere');
    const submit = vi.fn();
    return {
      stagingDir,
      submit,
      service: createTrainingService({ jobs: { submit } as unknown as JobManager, models: { stagingDir } as unknown as HostModelsService, bus: createEventBus() }),
    };
  };

  it('refuses a corpus with no examples, naming the reasons, before making a folder or a job', async () => {
    const { service, stagingDir, submit } = deps();
    const err = await service.trainMusic({ configName: 'melody-2bar', midiFiles: [{ name: 'x.mid', bytes: new Uint8Array([1, 2, 3]) }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('invalid-argument');
    expect((err as StudioError).message).toMatch(/^No 2-bar melodies could be extracted: 1 × not a MIDI file Montage can read; unreadable: x\.mid/);
    expect(stagingDir).not.toHaveBeenCalled();
    expect(submit).not.toHaveBeenCalled();
  });

  it('says so when the files hold no notes of the kind', async () => {
    const { service } = deps();
    await expect(service.trainMusic({ configName: 'drums-2bar', midiFiles: [{ name: 'tune.mid', bytes: song(4, (i) => 60 + (i % 5)) }] })).rejects.toThrow(
      /^No 2-bar drum patterns could be extracted: the readable files hold no 2-bar stretch of drum notes\.$/,
    );
    await expect(service.trainMusic({ configName: 'melody-4bar', midiFiles: [] })).rejects.toThrow(/no MIDI files were given/);
  });
});
