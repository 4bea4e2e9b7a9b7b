// The uploader's bookkeeping against a stand-in client: chunks sent in order and counted, Cancel
// stops after the current chunk and tells the host, a host refusal is said with the file's name,
// and a file refused by its first bytes is never sent.
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import type { StudioClient } from '../client/studio-client';
import { cancelAudioUpload, uploadAudioFiles, useAssetsStore } from './assets-store';

const wav = (size: number): File => {
  const b = new Uint8Array(size);
  b.set([...'RIFF????WAVE'].map((c) => c.charCodeAt(0)));
  return new File([b], 'take.wav', { type: 'audio/wav' });
};

function fakeClient(opts: { chunkBytes: number; gate?: () => Promise<void>; finish?: () => Promise<unknown> }) {
  const calls: string[] = [];
  const client = {
    assets: {
      beginUpload: async (a: { bytes: number }) => {
        calls.push(`begin ${a.bytes}`);
        return { uploadId: 'u1', chunkBytes: opts.chunkBytes };
      },
      uploadChunk: async (a: { index: number; data: string }) => {
        calls.push(`chunk ${a.index} ${atob(a.data).length}`);
        await opts.gate?.();
        return { received: 0 };
      },
      finishUpload: async () => {
        calls.push('finish');
        return opts.finish?.();
      },
      cancelUpload: async () => {
        calls.push('cancel');
        return { uploadId: 'u1' };
      },
    },
  } as unknown as StudioClient;
  return { client, calls };
}

describe('audio uploads', () => {
  it('sends every chunk in order, then finishes, and clears its progress row', async () => {
    const { client, calls } = fakeClient({ chunkBytes: 40 });
    await uploadAudioFiles(client, 'p', [wav(100)]);
    expect(calls).toEqual(['begin 100', 'chunk 0 40', 'chunk 1 40', 'chunk 2 20', 'finish']);
    expect(useAssetsStore.getState().uploads).toEqual([]);
    expect(useAssetsStore.getState().errors).toEqual([]);
  });

  it('Cancel stops after the current chunk and cancels on the host', async () => {
    let release: () => void = () => undefined;
    const { client, calls } = fakeClient({ chunkBytes: 10, gate: () => new Promise<void>((r) => (release = r)) });
    const done = uploadAudioFiles(client, 'p', [wav(100)]);
    for (let i = 0; i < 50 && useAssetsStore.getState().uploads.length === 0; i++) await Promise.resolve();
    const row = useAssetsStore.getState().uploads[0];
    expect(row).toMatchObject({ name: 'take.wav', total: 100 });
    for (let i = 0; i < 50 && !calls.includes('chunk 0 10'); i++) await new Promise((r) => setTimeout(r, 0));
    cancelAudioUpload(row?.key ?? '');
    release();
    await done;
    expect(calls).toEqual(['begin 100', 'chunk 0 10', 'cancel']);
    expect(useAssetsStore.getState().uploads).toEqual([]);
  });

  it('says the host’s refusal with the file’s name, and never sends a file that is not audio', async () => {
    const { client, calls } = fakeClient({ chunkBytes: 1000, finish: () => Promise.reject(new StudioError('unavailable', 'The disk is full.')) });
    await uploadAudioFiles(client, 'p', [wav(50), new File(['hello, these are lyrics'], 'lyrics.wav')]);
    expect(calls).toEqual(['begin 50', 'chunk 0 50', 'finish', 'cancel']);
    expect(useAssetsStore.getState().errors).toEqual([
      '“take.wav”: The disk is full.',
      '“lyrics.wav”: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.',
    ]);
  });
});
