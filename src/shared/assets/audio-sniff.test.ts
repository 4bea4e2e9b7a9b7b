import { describe, expect, it } from 'vitest';
import { sniffAudio } from './audio-sniff';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffAudio', () => {
  it.each([
    ['wav', bytes('RIFF', [1, 2, 3, 4], 'WAVE')],
    ['sf2', bytes('RIFF', [1, 2, 3, 4], 'sfbk')],
    ['ogg', bytes('OggS', [0, 2])],
    ['flac', bytes('fLaC', [0, 0, 0, 34])],
    ['mp3', bytes('ID3', [4, 0, 0])],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64])], // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    ['mp3', bytes([0xff, 0xf3, 0x48, 0xc4])], // MPEG-2 layer III
  ])('knows %s', (ext, head) => {
    expect(sniffAudio(head)?.ext).toBe(ext);
  });
  it.each([
    ['text named .wav', bytes('this is not audio')],
    ['RIFF but AVI', bytes('RIFF', [1, 2, 3, 4], 'AVI ')],
    ['too short', bytes('RIFF')],
    ['ID3 with a bad version', bytes('ID3', [9, 0])],
    ['MPEG layer II', bytes([0xff, 0xfd, 0x90, 0x64])],
    ['MPEG reserved version', bytes([0xff, 0xeb, 0x90, 0x64])],
    ['MPEG bad bitrate', bytes([0xff, 0xfb, 0xf0, 0x64])],
    ['AAC ADTS', bytes([0xff, 0xf1, 0x50, 0x80])],
    ['empty', new Uint8Array()],
  ])('refuses %s', (_name, head) => {
    expect(sniffAudio(head)).toBeNull();
  });
});
