import { describe, expect, it } from 'vitest';
import { checkAudioUpload, chunkSpans, formatBytes, sendChunks, toBase64 } from './upload-logic';

const wavHead = Uint8Array.from([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...'WAVE'].map((c) => c.charCodeAt(0))));

describe('audio upload logic', () => {
  it('refuses empty, oversized and non-audio files before upload', () => {
    expect(checkAudioUpload('a.wav', 100, wavHead)).toBeNull();
    expect(checkAudioUpload('a.wav', 0, wavHead)).toMatch(/empty/);
    expect(checkAudioUpload('a.wav', 600 * 1024 * 1024, wavHead)).toBe('“a.wav” is 600 MB; Montage imports audio files up to 512 MB.');
    expect(checkAudioUpload('notes.wav', 100, new TextEncoder().encode('hello world!'))).toBe(
      '“notes.wav”: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.',
    );
  });
  it('splits into chunks that cover the file exactly', () => {
    expect(chunkSpans(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunkSpans(8, 4)).toHaveLength(2);
    expect(chunkSpans(0, 4)).toEqual([]);
  });
  it('encodes base64 as Node does, across its internal slices', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 31) % 256);
    expect(atob(toBase64(bytes))).toBe(String.fromCharCode(...bytes.subarray(0, 8192)) + String.fromCharCode(...bytes.subarray(8192, 16384)) + String.fromCharCode(...bytes.subarray(16384)));
    expect(toBase64(Uint8Array.from([0, 1, 2, 253, 254, 255]))).toBe('AAEC/f7/');
  });
  it('sends the chunks in order with progress, and stops before the next one once cancelled', async () => {
    const file = new Blob([Uint8Array.from({ length: 10 }, (_, i) => i)]);
    const sent: string[] = [];
    const progress: number[] = [];
    expect(await sendChunks(file, 4, async (index, data) => void sent.push(`${index}:${atob(data).length}`), { onProgress: (n) => progress.push(n) })).toBe(true);
    expect(sent).toEqual(['0:4', '1:4', '2:2']);
    expect(progress).toEqual([4, 8, 10]);
    let stop = false;
    const cut: number[] = [];
    const done = await sendChunks(file, 4, async (index) => {
      cut.push(index);
      stop = true;
    }, { cancelled: () => stop });
    expect([done, cut]).toEqual([false, [0]]);
    await expect(sendChunks(file, 4, () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
  });
  it('formats sizes', () => {
    expect([formatBytes(500), formatBytes(2048), formatBytes(1.5 * 1024 * 1024), formatBytes(40 * 1024 * 1024)]).toEqual(['500 B', '2 KB', '1.5 MB', '40 MB']);
  });
});
