// MIDI files are read in a worker thread with a time limit: a file dense enough to take seconds
// neither freezes the host (other calls are answered meanwhile) nor runs on forever, and the
// project is left as it was. Uses the real built thread (dist/workers/midi-parse-thread.js).
import { Midi } from '@tonejs/midi';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';

/** One track of `notes` notes: @tonejs/midi needs seconds to pair note-ons with note-offs here. */
function denseMidiBase64(notes: number): string {
  const midi = new Midi();
  const track = midi.addTrack();
  for (let i = 0; i < notes; i++) track.addNote({ midi: 36 + (i % 48), time: i * 0.01, duration: 0.5, velocity: 0.8 });
  return Buffer.from(midi.toArray()).toString('base64');
}

describe('MIDI import off the event loop', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  let host: Host | undefined;
  afterEach(() => {
    host?.close();
    home?.remove();
  });

  it('keeps answering while a dense file is read, refuses it past the time limit, and writes nothing', async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false, midiParseTimeoutMs: 700 });
    const project = await host.api.projects.create({ name: 'Dense' });
    const data = denseMidiBase64(60_000);

    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const importing = host.api.documents.importMidi({ projectId: project.id, name: 'Too dense', data }).then(
      () => null,
      (err: unknown) => err,
    );
    // Other calls are answered while the file is being read.
    const info = await host.dispatch('system', 'info', {});
    expect(info).toMatchObject({ shell: 'cli' });
    const error = await importing;
    clearInterval(ticker);

    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid-argument');
    expect((error as StudioError).message).toMatch(/took longer than 1 s.*too many notes in one track/);
    expect(ticks).toBeGreaterThan(5);
    expect(await host.api.documents.list({ projectId: project.id })).toEqual([]);
  });

  it('reads an ordinary file in the thread', async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    const project = await host.api.projects.create({ name: 'Ordinary' });
    const summary = await host.api.documents.importMidi({ projectId: project.id, name: 'Riff', data: denseMidiBase64(200) });
    expect(summary).toMatchObject({ tracks: 1, notes: 200 });
  });
});
